"""Entity linking: mentions to stable canonical entities (see `linker.link_mentions`)."""

from transforms.linking.linker import link_mentions

__all__ = ["link_mentions"]
