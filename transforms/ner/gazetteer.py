"""Name lists as token-sequence membership: which tokens sit inside a known name, and of what kind.

Features are "token begins / continues a match of list X", never the name itself, so a CRF
learns how much to trust each list and generalises to names it never saw in training.
Lists: CLDR country and region names (babel), world cities (derived from Wikidata, CC BY 4.0,
see data/cities_ar.tsv), and the curated `aliases.tsv` and `given_names.txt` of this package.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from camel_tools.tokenizers.word import simple_word_tokenize

from transforms.arabic import norm_ar
from transforms.ner import clitics

DATA_DIR = Path(__file__).with_name("data")
# CLDR codes that are not places in the LOC sense: the world, EU, UN, eurozone, pseudo-regions.
_NOT_PLACES = {"001", "EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}
HYPHEN = "-"
_PARENTHESIS = re.compile(r"\s*\(.*?\)")


@dataclass(frozen=True)
class Entry:
    """One list's verdict on a name: its list (COUNTRY, CITY, GIVEN, PERS, ORG, LOC, MISC) and subtype."""

    kind: str
    subtype: str | None = None


@dataclass(frozen=True)
class Match:
    """A gazetteer hit: tokens [start, end), the proclitic length on the first token, the entries."""

    start: int
    end: int
    prefix: int
    entries: tuple[Entry, ...]


def name_key(name: str) -> tuple[str, ...]:
    """Normalised token tuple of a name, tokenised the way article text is, hyphens dropped."""
    return tuple(norm_ar(t) for t in simple_word_tokenize(name) if t != HYPHEN)


@dataclass
class Gazetteer:
    """Longest-match lookup of normalised token sequences, clitics allowed on the first token."""

    names: dict[tuple[str, ...], tuple[Entry, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for key in self.names:
            self._by_first.setdefault(key[0], []).append(key)
        for keys in self._by_first.values():
            keys.sort(key=len, reverse=True)

    def starts_name(self, form: str) -> bool:
        """Whether some listed name begins with this normalised word."""
        return form in self._by_first

    def kinds_starting(self, form: str) -> set[str]:
        """Lists of the names that begin with this normalised word (كوريا -> COUNTRY, LOC)."""
        return {e.kind for key in self._by_first.get(form, ()) for e in self.names[key]}

    def add(self, names: Iterable[tuple[str, Entry]]) -> None:
        """Add (name, entry) pairs; a name in several lists keeps all its entries."""
        for name, entry in names:
            key = name_key(name)
            if key and entry not in self.names.get(key, ()):
                self.names[key] = (*self.names.get(key, ()), entry)
        self.__post_init__()

    def lookup(self, norm: str) -> tuple[Entry, ...]:
        """Entries of a single normalised word (proclitics allowed), empty if unknown."""
        for _, form in clitics.splits(norm):
            if (form,) in self.names:
                return self.names[(form,)]
        return ()

    def match(self, norms: Sequence[str]) -> list[Match]:
        """Greedy left-to-right longest matches over a sentence of normalised tokens.

        A hyphen token between the parts of a name is skipped (كيم جونغ-أون = كيم جونغ أون).
        """
        out: list[Match] = []
        i, n = 0, len(norms)
        while i < n:
            best: Match | None = None
            for prefix, form in clitics.splits(norms[i]):
                for key in self._by_first.get(form, ()):
                    end = self._match_end(norms, i, key)
                    if end is not None and (best is None or end > best.end):
                        best = Match(i, end, prefix, self.names[key])
                        break
            if best is None:
                i += 1
            else:
                out.append(best)
                i = best.end
        return out

    @staticmethod
    def _match_end(norms: Sequence[str], i: int, key: tuple[str, ...]) -> int | None:
        """End of `key` matched at token i (its first part already matched), hyphens skipped."""
        j = i + 1
        for part in key[1:]:
            if j < len(norms) - 1 and norms[j] == HYPHEN:
                j += 1
            if j >= len(norms) or norms[j] != part:
                return None
            j += 1
        return j


def read_list(path: Path) -> list[list[str]]:
    """Tab-separated rows of a data file, skipping blank lines and `#` comments."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def cldr_places() -> list[tuple[str, Entry]]:
    """Arabic country, territory and region names from CLDR (babel), parentheticals removed."""
    from babel import Locale

    out = []
    for code, name in Locale("ar").territories.items():
        if code not in _NOT_PLACES:
            out.append((_PARENTHESIS.sub("", name).strip(), Entry("COUNTRY")))
    return out


@cache
def default_gazetteer() -> Gazetteer:
    """All shipped lists, loaded once per process."""
    gaz = Gazetteer()
    gaz.add(cldr_places())
    gaz.add((row[0], Entry("CITY")) for row in read_list(DATA_DIR / "cities_ar.tsv"))
    gaz.add((row[0], Entry("GIVEN")) for row in read_list(DATA_DIR / "given_names.txt"))
    gaz.add(
        (row[0], Entry(row[1], row[2] if len(row) > 2 and row[2] else None))
        for row in read_list(DATA_DIR / "aliases.tsv")
    )
    return gaz


def cities_from_csv(lines: Iterable[str]) -> list[tuple[str, int]]:
    """(Arabic city name, population) from the world-cities CSV, largest population per name.

    Governorate-style labels (ولاية قندهار) also yield the bare name (قندهار); Latin-script
    rows are dropped.
    """
    import csv

    best: dict[str, int] = {}
    for row in csv.DictReader(lines):
        name, population = row["CityNameAr"].strip(), int(float(row["Population"] or 0))
        if not re.search(r"[\u0621-\u064A]", name):
            continue
        names = [name]
        for head in ("ولاية ", "محافظة "):
            if name.startswith(head) and len(name) > len(head) + 2:
                names.append(name[len(head) :])
        for n in names:
            best[n] = max(best.get(n, 0), population)
    return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
