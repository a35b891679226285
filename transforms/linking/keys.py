"""Transliteration-insensitive keys for names: spelling variants of one name share a key.

Foreign names reach Arabic through several transliteration habits: g/j/q as غ ج ق, ch as
تش or ش, long vowels written or not (دميتري / ديمتري, ترامب / ترمب), hyphen or space
(جونغ-أون), a name's article kept or contracted after ل (الكرملين / للكرملين). A token's key
is built on `norm_ar`: the article removed, doubled letters written once, letters that stand
for one foreign sound put in one class, and vowel letters inside the word (not at its ends:
برازيل is not برازيليا) dropped when at least `MIN_SKELETON` letters remain. Short words keep
their vowels (السودان is not سيدني), and so do Arabic name words that vowels tell apart
(محمد / محمود, `distinct_names.txt`).
Keys are for matching only; they never reach the warehouse as text.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

from transforms.arabic import norm_ar

# Letter classes for sounds that transliterations spell differently (after تش -> ش), and
# hamza carriers read as their vowel.
_CLASSES = str.maketrans(
    {
        "غ": "ج", "ق": "ج", "ش": "ج", "چ": "ج", "گ": "ج",
        "ط": "ت", "ص": "س", "ث": "س", "ظ": "ز", "ذ": "ز", "ض": "د",
        "ؤ": "و", "ئ": "ي", "ء": None,
    }
)
_VOWELS = re.compile("[اوي]")
_NON_WORD = re.compile(r"[^\w\s]|_")
_REPEAT = re.compile(r"(\D)\1+")
DISTINCT_NAMES_FILE = Path(__file__).with_name("distinct_names.txt")
ARTICLE = "ال"
MIN_STEM = 3  # letters that must remain after removing an article or a proclitic
MIN_SKELETON = 4  # consonant skeletons shorter than this are too ambiguous to stand for a word
PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
# Generic heads naming the same place as the bare name (مدينة دنيبرو = دنيبرو), in norm_ar form.
# Facilities are not among them: مطار القاهرة is not القاهرة.
PLACE_HEADS = frozenset(
    {"مدينه", "منطقه", "محافظه", "ولايه", "اقليم", "جزيره", "قريه", "بلده", "العاصمه", "جمهوريه"}
)


def clean_form(surface: str) -> str:
    """`norm_ar` form with punctuation and hyphens turned to spaces, lowercased, spaces collapsed."""
    text = _NON_WORD.sub(" ", norm_ar(surface).lower())
    return " ".join(text.split())


def _letters(token: str) -> str:
    """A token without its article, doubled letters once, sound classes merged (vowels kept)."""
    if token.startswith(ARTICLE) and len(token) - len(ARTICLE) >= MIN_STEM:
        token = token[len(ARTICLE) :]
    return _REPEAT.sub(r"\1", token).replace("تش", "ش").translate(_CLASSES)


@cache
def _distinct_names() -> frozenset[str]:
    lines = DISTINCT_NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(_letters(clean_form(w)) for w in lines if w.strip() and not w.startswith("#"))


def is_distinct_name(token: str) -> bool:
    """Whether a word is an Arabic name that vowels tell apart from another (see `distinct_names.txt`)."""
    return _letters(token) in _distinct_names()


def token_key(token: str) -> str:
    """The key of one word of a name: its consonant skeleton, or its letters when that is too short."""
    letters = _letters(token)
    skeleton = letters[:1] + _VOWELS.sub("", letters[1:-1]) + letters[1:][-1:]
    if len(skeleton) < MIN_SKELETON or is_distinct_name(letters):
        return letters
    return skeleton


@lru_cache(maxsize=200_000)
def name_key(surface: str) -> str:
    """The matching key of a whole name: its token keys joined by spaces."""
    return " ".join(k for k in map(token_key, clean_form(surface).split()) if k)


def proclitic_variants(surface: str) -> list[str]:
    """The surface without an attached proclitic, longest prefix first, for recogniser slips.

    `لل` + name is ل + the name's article with its alef dropped (للكرملين), so stripping
    one ل leaves لكرملين, which is also tried as الكرملين.
    """
    form = clean_form(surface)
    out = []
    for prefix in PROCLITICS:
        rest = form[len(prefix) :]
        if form.startswith(prefix) and len(rest.split(" ")[0]) >= MIN_STEM:
            out.append(rest)
            if rest.startswith("ل") and not rest.startswith(ARTICLE):
                out.append(ARTICLE + rest[1:])
    return out


def head_variants(surface: str) -> list[str]:
    """The surface without a generic place head the recogniser took into the span (مدينة دنيبرو)."""
    first, _, rest = clean_form(surface).partition(" ")
    return [rest] if first in PLACE_HEADS and rest else []
