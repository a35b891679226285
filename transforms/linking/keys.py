"""Transliteration-insensitive keys for names: spelling variants of one name share a key.

Foreign names reach Arabic through several transliteration habits: g/j/q as غ ج ق, ch as
تش or ش, long vowels written or not (دميتري / ديمتري), hyphen or space (جونغ-أون), a name's
article kept or contracted after ل (الكرملين / للكرملين). The key is a consonant skeleton
per token on top of `norm_ar`: doubled letters are written once, letters that stand for one
foreign sound fall into one class, inner vowel letters are dropped, the article is removed. Keys are for matching only; they
never reach the warehouse as text.
"""

from __future__ import annotations

import re

from transforms.arabic import norm_ar

# Letter classes for sounds that transliterations spell differently (after تش -> ش).
_CLASSES = str.maketrans(
    {
        "غ": "ج", "ق": "ج", "ش": "ج", "چ": "ج", "گ": "ج",
        "ط": "ت", "ص": "س", "ث": "س", "ظ": "ز", "ذ": "ز", "ض": "د",
    }
)
# Vowel letters and hamza carriers dropped after a token's first letter.
_VOWELS = re.compile("[اويىءؤئ]")
_NON_WORD = re.compile(r"[^\w\s]|_")
_REPEAT = re.compile(r"(\D)\1+")
ARTICLE = "ال"
MIN_STEM = 3
PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")


def clean_form(surface: str) -> str:
    """`norm_ar` form with punctuation and hyphens turned to spaces, lowercased, spaces collapsed."""
    text = _NON_WORD.sub(" ", norm_ar(surface).lower())
    return " ".join(text.split())


def _token_skeleton(token: str) -> str:
    if token.startswith(ARTICLE) and len(token) - len(ARTICLE) >= MIN_STEM:
        token = token[len(ARTICLE) :]
    token = _REPEAT.sub(r"\1", token).replace("تش", "ش").translate(_CLASSES)
    return token[:1] + _VOWELS.sub("", token[1:])


def name_tokens(surface: str) -> tuple[str, ...]:
    """The skeleton of each token of a name: the unit partial names are matched on."""
    return tuple(t for t in map(_token_skeleton, clean_form(surface).split()) if t)


def name_key(surface: str) -> str:
    """The matching key of a whole name (its token skeletons joined by spaces)."""
    return " ".join(name_tokens(surface))


def proclitic_variants(surface: str) -> list[str]:
    """The surface without an attached proclitic, longest prefix first, for recogniser slips.

    `لل` + name is ل + the name's article with its alef dropped (للكرملين), so stripping
    one ل leaves لكرملين, whose key is that of كرملين once ل is read as the article.
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
