"""Arabic character helpers shared by every component (tokens, NER, linking, quantities).

One definition of "the normalised form" keeps the warehouse consistent: `tokens.norm`,
NER features, entity keys and quantity lexicons all compare strings through `norm_ar`.
"""

from __future__ import annotations

import re

from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

TATWEEL = "\u0640"
# Runs, not single letters: counting the lengths of runs is several times faster.
_ARABIC_LETTERS = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF]+")
_LATIN_LETTERS = re.compile(r"[A-Za-z]+")

# Arabic-Indic (U+0660..) and Persian/Urdu (U+06F0..) digits -> ASCII digits.
_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_DIGITS.update({ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")})


def ascii_digits(text: str) -> str:
    """Map Arabic-Indic and Persian digits to ASCII, one code point for one (offsets survive)."""
    return text.translate(_DIGITS)


def norm_ar(text: str) -> str:
    """Normalised, dediacritised form: no diacritics or tatweel, one alef, ى->ي, ة->ه, ASCII digits."""
    text = dediac_ar(text).replace(TATWEEL, "")
    text = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(text)))
    return ascii_digits(text)


def arabic_letters(text: str) -> int:
    """How many Arabic letters `text` holds."""
    return sum(map(len, _ARABIC_LETTERS.findall(text)))


def arabic_share(text: str) -> float:
    """Share of Arabic letters among all Arabic + Latin letters (0.0 when there are none)."""
    ar = arabic_letters(text)
    la = sum(map(len, _LATIN_LETTERS.findall(text)))
    return ar / (ar + la) if ar + la else 0.0
