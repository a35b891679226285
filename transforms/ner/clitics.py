"""Arabic proclitic handling on normalised forms (see `transforms.arabic.norm_ar`).

Names take conjunctions (و ف) and prepositions (ب ل ك) as prefixes written without a
space (the future particle س only attaches to verbs, so it is never stripped here): `لبوتين`, `وموسكو`, `بالعراق`. Stripping them blindly breaks
names that merely start with those letters (`بوتين`, `وليد`, `كابل`), so every function here
only strips when enough of the word remains, and `splits` lists the alternatives for a
lexicon to decide between.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

CONJUNCTIONS = "وف"
PREPOSITIONS = "بلك"
ARTICLE = "ال"
MIN_STEM = 3  # shortest remainder accepted after a clitic (بوتين -> وتين is long enough, hence lexicon checks)


@lru_cache(maxsize=1 << 16)
def splits(norm: str) -> tuple[tuple[int, str], ...]:
    """(prefix length, lookup form) for the word and each plausible proclitic split, shortest prefix first.

    `لل` + noun is ل + ال with the alef dropped, so its lookup form restores the article
    (للكرملين -> (1, الكرملين)); the span then starts after the first ل. Cached: every
    feature, list lookup and span decision asks for the same words again.
    """
    out = [(0, norm)]
    i = 0
    if len(norm) - 1 >= MIN_STEM and norm[0] in CONJUNCTIONS:
        i = 1
        out.append((1, norm[1:]))
    if len(norm) - i - 1 >= MIN_STEM and norm[i] in PREPOSITIONS:
        rest = norm[i + 1 :]
        if norm[i] == "ل" and rest.startswith("ل") and len(rest) > MIN_STEM:
            out.append((i + 1, ARTICLE + rest[1:]))
        else:
            out.append((i + 1, rest))
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def attached(form: str) -> frozenset[str]:
    """Every word whose `splits` may yield this form: it bare, after a conjunction and / or a
    preposition, and an article form after لل. A superset: check candidates with `splits`."""
    heads = ["", *CONJUNCTIONS]
    bodies = [form]
    if form.startswith(ARTICLE):
        bodies.append("ل" + form[len(ARTICLE) :])
    bare = {head + form for head in heads}
    return frozenset(bare.union(head + p + body for head in heads for p in PREPOSITIONS for body in bodies))


def strip_article(form: str) -> str:
    """The form without a leading ال when a stem of MIN_STEM letters remains."""
    if form.startswith(ARTICLE) and len(form) - 2 >= MIN_STEM:
        return form[2:]
    return form


def stem(norm: str) -> str:
    """Clitic-stripped form for features: conjunction, preposition and article removed by length rules."""
    return strip_article(splits(norm)[-1][1])


def proclitic_length(norm: str, known: Callable[[str], float]) -> int:
    """How many leading letters of a name token are proclitics, judged by a lexicon score.

    The split whose form the lexicon knows best wins (ties go to the shorter prefix, so
    بوتين stays whole); with no evidence, a clitic before an alef, which is how the article
    and most nouns begin (بالعراق, للكرملين, لأسطول), or a leading conjunction (وموسكو) is
    stripped, and ب ل ك otherwise kept.
    """
    options = splits(norm)
    prefix, form = max(options, key=lambda o: (known(o[1]), -o[0]))
    if known(form) > 0:
        return prefix
    for prefix, form in reversed(options):
        if prefix and form.startswith("ا"):
            return prefix
    return 1 if len(options) > 1 and norm[0] in CONJUNCTIONS else 0
