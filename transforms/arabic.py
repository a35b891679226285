"""Arabic character helpers shared by every component (tokens, NER, linking, quantities).

One definition of "the normalised form" keeps the warehouse consistent: `tokens.norm`,
NER features, entity keys and quantity lexicons all compare strings through `norm_ar`.
"""

from __future__ import annotations

import re

import numpy as np
import polars as pl
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

from transforms.codepoints import code_points, count_per_text

TATWEEL = "\u0640"
ARABIC_LETTER_RANGES = ((0x0621, 0x064A), (0x0671, 0x06D3), (0x06FA, 0x06FF))
LATIN_LETTER_RANGES = ((ord("A"), ord("Z")), (ord("a"), ord("z")))


def _runs_of(ranges: tuple[tuple[int, int], ...]) -> re.Pattern[str]:
    # Runs, not single letters: counting the lengths of runs is several times faster.
    return re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in ranges) + "]+")


_ARABIC_LETTERS = _runs_of(ARABIC_LETTER_RANGES)
_LATIN_LETTERS = _runs_of(LATIN_LETTER_RANGES)


def _letter_kinds() -> np.ndarray:
    """Code point -> 1 (Arabic letter), 2 (Latin letter) or 0, for code points up to U+0700."""
    kinds = np.zeros(0x0700 + 1, dtype=np.uint8)
    for kind, ranges in ((1, ARABIC_LETTER_RANGES), (2, LATIN_LETTER_RANGES)):
        for low, high in ranges:
            kinds[low : high + 1] = kind
    return kinds


_LETTER_KIND = _letter_kinds()

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


def arabic_shares(texts: pl.Series) -> pl.Series:
    """`arabic_share` of every text of a column, over code points in numpy: a batch of 500
    articles in ~35 ms of CPU instead of ~80 ms."""
    points, bounds = code_points(texts)
    kind = _LETTER_KIND[np.minimum(points, len(_LETTER_KIND) - 1)]
    ar = count_per_text(kind == 1, bounds)
    letters = ar + count_per_text(kind == 2, bounds)
    return pl.Series(texts.name, np.divide(ar, letters, out=np.zeros(len(ar)), where=letters > 0))
