"""Entity linking: mentions to stable canonical entities (see `linker.link_mentions`)."""

from transforms.linking.linker import Linker, link_mentions

__all__ = ["Linker", "link_mentions"]
