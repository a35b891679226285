"""The annotator's rules as data: the CSV tables beside this module, loaded once, keyed by `norm_ar`.

Keeping number words, units, qualifiers and cue words in tables means a linguist can extend
coverage without touching code; every lookup goes through the same normal form as `tokens.norm`.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache, lru_cache, wraps
from pathlib import Path
from typing import TypeVar

from transforms.arabic import norm_ar

T = TypeVar("T")
HERE = Path(__file__).resolve().parent
# How the tokenizer cuts a table phrase: كم2 -> كم 2, كم/ساعة -> كم / ساعة.
PIECES = re.compile(r"\d+|[^\W\d_]+|\S")

# Proclitic strings (in normal form) that may be glued to a looked-up word, shortest first.
# "لل" is ل + ال; the article itself is reported so callers can ask for indefinite words.
PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "وبال")


def rows(name: str) -> list[dict[str, str]]:
    """Rows of a table, skipping `#` comment lines."""
    with open(HERE / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


@lru_cache(maxsize=200_000)
def norm(text: str) -> str:
    """Cached `norm_ar`: news text repeats the same words, and normalising is the hot path."""
    return norm_ar(text)


@dataclass(frozen=True, slots=True)
class NumberWord:
    value: float
    kind: str


@dataclass(frozen=True, slots=True)
class Unit:
    unit: str | None
    kind: str
    count: float | None  # inherent count of dual unit words (يومين = 2)


@dataclass(frozen=True, slots=True)
class Lexicon:
    number_words: dict[str, NumberWord]
    vague: dict[str, tuple[float, float]]
    units: dict[str, Unit]  # key: space-joined normal forms of the phrase
    unit_max_words: int
    qualifiers_before: dict[str, str]
    qualifiers_after: dict[str, str]
    qualifier_max_words: int
    months: dict[str, int]
    month_firsts: frozenset[str]  # first words of month names: a cheap gate before phrase matching
    ordinals: dict[str, int]  # ordinal day words (الثامن -> 8), for dates in words
    plurals: dict[str, str]
    countable: dict[str, str]  # normal form -> spelling
    cues: dict[str, frozenset[str]]

    def cue(self, word_norm: str, role: str) -> bool:
        return word_norm in self.cues.get(role, frozenset())


def per_table(build: Callable[[Collection[str]], T]) -> Callable[[Collection[str]], T]:
    """Cache `build(table)` by the table's identity: tables are the lexicon's long-lived dicts and
    sets (unhashable, or too big to hash per call), and an index over one is built once."""
    built: dict[int, tuple[Collection[str], T]] = {}

    @wraps(build)
    def cached(table: Collection[str]) -> T:
        entry = built.get(id(table))
        if entry is None or entry[0] is not table:
            entry = built[id(table)] = (table, build(table))
        return entry[1]

    return cached


@per_table
def clitic_forms(table: Collection[str]) -> dict[str, tuple[str, str]]:
    """Every clitic-prefixed form of a table's entries -> (proclitics, stem), shortest proclitic first,
    so that a lookup, or a gate that asks whether a word can be any form of a table, is one dict access."""
    index: dict[str, tuple[str, str]] = {}
    for pre in PROCLITICS:
        for stem in table:
            index.setdefault(pre + stem, (pre, stem))
    return index


def split_clitics(word_norm: str, table: Collection[str]) -> tuple[str, str] | None:
    """(proclitics, stem) for the first split whose stem is in `table`, shortest proclitic first."""
    return clitic_forms(table).get(word_norm)


def is_definite(proclitics: str) -> bool:
    return proclitics.endswith("ال") or proclitics.endswith("لل")


@cache
def lexicon() -> Lexicon:
    """Load every table once per process."""
    units = {" ".join(norm(w) for w in PIECES.findall(r["surface"])): Unit(r["unit"] or None, r["kind"], float(r["count"]) if r["count"] else None) for r in rows("units.csv")}
    quals = [(tuple(norm(w) for w in r["phrase"].split()), r["qualifier"], r["position"]) for r in rows("qualifiers.csv")]
    cues: dict[str, set[str]] = defaultdict(set)
    for r in rows("cues.csv"):
        cues[r["role"]].add(norm(r["word"]))
    return Lexicon(
        number_words={norm(r["word"]): NumberWord(float(r["value"]), r["kind"]) for r in rows("number_words.csv")},
        vague={norm(r["word"]): (float(r["low"]), float(r["high"])) for r in rows("vague.csv")},
        units=units,
        unit_max_words=max(len(k.split()) for k in units),
        qualifiers_before={" ".join(p): q for p, q, pos in quals if pos == "before"},
        qualifiers_after={" ".join(p): q for p, q, pos in quals if pos == "after"},
        qualifier_max_words=max(len(p) for p, _, _ in quals),
        months={" ".join(norm(w) for w in r["name"].split()): int(r["month"]) for r in rows("months.csv")},
        month_firsts=frozenset(norm(r["name"].split()[0]) for r in rows("months.csv")),
        ordinals={norm(r["word"]): int(r["value"]) for r in rows("ordinals.csv")},
        plurals={norm(r["plural"]): r["singular"] for r in rows("plurals.csv")},
        countable={norm(r["singular"]): r["singular"] for r in rows("countable.csv")},
        cues={role: frozenset(words) for role, words in cues.items()},
    )
