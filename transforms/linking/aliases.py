"""The curated alias groups (`aliases.tsv`): different names of one entity, by matching key."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from transforms.linking.keys import name_key

ALIAS_FILE = Path(__file__).with_name("aliases.tsv")


@dataclass(frozen=True)
class AliasGroup:
    canonical: str
    type: str


@cache
def alias_groups() -> dict[str, AliasGroup]:
    """Key of every listed name (canonical included) -> its group."""
    out: dict[str, AliasGroup] = {}
    for line in ALIAS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        canonical, type_, aliases = line.split("\t")
        group = AliasGroup(canonical, type_)
        for name in [canonical, *aliases.split("|")]:
            out[name_key(name)] = group
    return out


def resolve_key(surface: str) -> str:
    """The key of a name, replaced by its group's canonical key when the name is a listed alias."""
    key = name_key(surface)
    group = alias_groups().get(key)
    return name_key(group.canonical) if group else key
