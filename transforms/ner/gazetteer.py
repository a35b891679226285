"""Name lists as token-sequence membership: which tokens sit inside a known name, and of what kind.

Features are "token begins / continues a match of list X", never the name itself, so a CRF
learns how much to trust each list and generalises to names it never saw in training.
Lists: CLDR country and region names (babel), world cities (derived from Wikidata, CC BY 4.0,
see data/cities_ar.tsv), sports clubs (data/clubs_ar.txt, from arwikicats, MIT), and the curated
`aliases.tsv` and `given_names.txt` of this package. The larger given / family name lists
(data/person_*.txt) are one-word sets read by `person_parts`, not sequences matched here.
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
# Arab League members: the name-unit rows kept for the person lists (Iranian, Pakistani and
# Afghan spellings would teach Persian and Urdu names).
ARAB_COUNTRIES = frozenset(
    "AE BH DJ DZ EG IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SY TN YE".split()
)
_NAME_WORD = re.compile(r"[\u0621-\u064A]{3,}")
_KUNYA = {"ابن", "ابو"}  # "son of", "father of": they open names but are no given names
_CLUB_HEADS = ("نادي ", "النادي ")
_CLUB_TAILS = (" لكرة القدم", " لكرة السلة", " لكرة اليد", " للسيدات", " الرياضي")
_NISBA_WORD = re.compile(r"ال[\u0621-\u064A]{2,}ي")
_NOT_CLUBS = ("دوري", "بطولة", "كأس", "اتحاد")  # leagues, cups, federations in the same table
PERSON_LISTS = {"given": "person_given.txt", "family": "person_family.txt"}


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
        self._seconds = {
            first: frozenset(key[1] for key in keys if len(key) > 1) for first, keys in self._by_first.items()
        }
        self._by_pair: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        for first, keys in self._by_first.items():
            for key in keys:
                if len(key) > 1:
                    self._by_pair.setdefault((first, key[1]), []).append(key)

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

    def second_words(self, norm: str) -> set[str]:
        """Second words of the listed names of two or more words that may begin at this word."""
        return set().union(*(self._seconds.get(form, ()) for _, form in clitics.splits(norm)))

    def match(self, norms: Sequence[str]) -> list[Match]:
        """Greedy left-to-right longest matches over a sentence of normalised tokens.

        A hyphen token between the parts of a name is skipped (كيم جونغ-أون = كيم جونغ أون).
        """
        out: list[Match] = []
        i, n = 0, len(norms)
        while i < n:
            best = self.match_at(norms, i)
            if best is None:
                i += 1
            else:
                out.append(best)
                i = best.end
        return out

    def match_at(self, norms: Sequence[str], i: int) -> Match | None:
        """The longest listed name starting at token i, if any (the shortest proclitic wins ties).

        At a word that opens no multiword name, the answer does not depend on the other words.
        """
        j = i + 2 if i + 1 < len(norms) - 1 and norms[i + 1] == HYPHEN else i + 1
        second = norms[j] if j < len(norms) else None
        best: Match | None = None
        for prefix, form in clitics.splits(norms[i]):
            end, entries = None, ()
            for key in self._by_pair.get((form, second), ()) if second is not None else ():
                end = self._match_end(norms, i, key)
                if end is not None:
                    entries = self.names[key]
                    break
            if end is None and (form,) in self.names:
                end, entries = i + 1, self.names[(form,)]
            if end is not None and (best is None or end > best.end):
                best = Match(i, end, prefix, entries)
        return best

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
    gaz.add((row[0], Entry("CLUB")) for row in read_list(DATA_DIR / "clubs_ar.txt"))
    gaz.add(
        (row[0], Entry(row[1], row[2] if len(row) > 2 and row[2] else None))
        for row in read_list(DATA_DIR / "aliases.tsv")
    )
    return gaz


@cache
def person_parts() -> dict[str, frozenset[str]]:
    """Normalised one-word given names and family names, keyed "given" / "family" (data/person_*.txt)."""
    return {
        role: frozenset(norm_ar(row[0]) for row in read_list(DATA_DIR / name))
        for role, name in PERSON_LISTS.items()
    }


def person_parts_from_db(db: Path, min_count: int) -> dict[str, set[str]]:
    """One-word given names and surnames of Arab League countries from arabic-name-romanizer's
    `names.sqlite3` (units table), kept when attested at least `min_count` times."""
    import sqlite3

    roles = {"given": "given", "surname": "family"}
    query = "SELECT arabic_key, role, country, count FROM units"
    counts: dict[tuple[str, str], int] = {}
    with sqlite3.connect(db) as con:
        for key, role, country, count in con.execute(query):
            if role in roles and country in ARAB_COUNTRIES and " " not in key.strip():
                pair = (norm_ar(key.strip()), roles[role])
                counts[pair] = counts.get(pair, 0) + count
    out: dict[str, set[str]] = {role: set() for role in PERSON_LISTS}
    for (name, role), count in counts.items():
        if count >= min_count:
            out[role].add(name)
    return out


def person_parts_from_full_names(names: Iterable[str]) -> dict[str, set[str]]:
    """First words as given names and last words as family names of full person names
    (arwikicats' people, mostly foreign: جورج، بوش), words of three or more Arabic letters only."""
    out: dict[str, set[str]] = {role: set() for role in PERSON_LISTS}
    for name in names:
        words = [norm_ar(w) for w in name.split()]
        if len(words) < 2 or not all(_NAME_WORD.fullmatch(w) for w in words):
            continue
        if words[0] not in _KUNYA:
            out["given"].add(words[0])
        out["family"].add(words[-1])
    return out


def clubs_from_names(names: Iterable[str]) -> set[str]:
    """Sports-club names as news text writes them: نادي برشلونة لكرة القدم -> برشلونة; a trailing
    country adjective is also dropped (نادي السد القطري -> السد القطري, السد). Arabic script only."""
    out = set()
    for name in names:
        name = _PARENTHESIS.sub("", name).strip()
        if name.startswith(_NOT_CLUBS) or re.search(r"[^\u0621-\u064A0-9 ]", name):
            continue
        for head in _CLUB_HEADS:
            name = name.removeprefix(head)
        for tail in _CLUB_TAILS:
            name = name.removesuffix(tail)
        words = name.split()
        if not words:
            continue
        out.add(name)
        if len(words) > 1 and _NISBA_WORD.fullmatch(words[-1]):
            out.add(" ".join(words[:-1]))
    return out


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
