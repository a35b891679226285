"""The number reader: digits of every script and style, number words, and a round-trip property."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.quantities.lexicon import lexicon
from transforms.quantities.numbers import parse_digits, parse_number
from transforms.quantities.tokens import tokenize


def read(text: str) -> float | None:
    toks = tokenize(text)
    span = parse_number(toks, 0, lexicon())
    return span.value if span is not None and span.end == len(toks) else None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("6700", 6700), ("٦٧٠٠", 6700), ("۶۷۰۰", 6700), ("6,700", 6700), ("٦٬٧٠٠", 6700),
        ("6.700.000", 6_700_000), ("2.5", 2.5), ("٢٫٥", 2.5), ("2,5", 2.5), ("14ر1", 1.14),
        ("1,234.5", 1234.5),
    ],
)  # fmt: skip
def test_digits(text: str, value: float) -> None:
    assert parse_digits(tokenize(text)[0].norm) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ثلاثة", 3), ("ثمانية آلاف", 8000), ("خمسمائة", 500), ("خمسمئة", 500), ("عشرون", 20),
        ("عشرين", 20), ("مليون", 1e6), ("ثلاثة ملايين", 3e6), ("مليار", 1e9),
        ("ثلاثة آلاف وخمسمائة", 3500), ("3 ملايين", 3e6), ("500 ألف", 500_000),
        ("414 مليونا و400 ألف", 414_400_000), ("1.5 مليار", 1.5e9), ("نصف مليون", 500_000),
        ("اثنا عشر ألفا", 12_000), ("ثلاث مئة ألف", 300_000), ("مليون وألف", 1_001_000),
        ("حوالي", None), ("أحد", None),
    ],
)  # fmt: skip
def test_number_words(text: str, value: float | None) -> None:
    assert read(text) == value


@pytest.mark.parametrize("text", ["1961 و2000", "5 آلاف و3 آلاف"])
def test_separate_numbers_are_not_merged(text: str) -> None:
    toks = tokenize(text)
    span = parse_number(toks, 0, lexicon())
    assert span is not None and span.end < len(toks)


# -- a number-to-words generator with the usual variants, for the round-trip property ------

UNIT_M = ["", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"]
UNIT_F = ["", "واحدة", "اثنتان", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثماني", "تسع"]
UNIT_ACC = ["", "واحدا", "اثنين", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"]
TENS = ["", "", "عشر", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"]
HUNDRED_STEM = ["", "", "", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"]


def below_100(n: int, draw) -> str:
    unit, ten = n % 10, n // 10
    if n < 10:
        return draw(st.sampled_from([UNIT_M[n], UNIT_F[n], UNIT_ACC[n]]))
    if n == 10:
        return draw(st.sampled_from(["عشرة", "عشر"]))
    if n == 11:
        return draw(st.sampled_from(["أحد عشر", "إحدى عشرة"]))
    if n == 12:
        return draw(st.sampled_from(["اثنا عشر", "اثني عشر", "اثنتا عشرة", "اثنتي عشرة"]))
    if n < 20:
        return draw(st.sampled_from([f"{UNIT_M[unit]} عشر", f"{UNIT_F[unit]} عشرة"]))
    tens = TENS[ten] + draw(st.sampled_from(["ون", "ين"]))
    return tens if unit == 0 else f"{below_100(unit, draw)}{draw(st.sampled_from([' و', ' و ']))}{tens}"


def below_1000(n: int, draw) -> str:
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds == 1:
        parts.append(draw(st.sampled_from(["مائة", "مئة"])))
    elif hundreds == 2:
        parts.append(draw(st.sampled_from(["مائتان", "مائتين", "مئتان", "مئتين"])))
    elif hundreds:
        parts.append(HUNDRED_STEM[hundreds] + draw(st.sampled_from(["مائة", "مئة", " مائة", " مئة"])))
    if rest:
        parts.append(below_100(rest, draw))
    return draw(st.sampled_from([" و", " و "])).join(parts)


def with_scale(k: int, draw, single: list[str], dual: list[str], plural: list[str]) -> str:
    if k == 1:
        return single[0]
    if k == 2:
        return draw(st.sampled_from(dual))
    words = plural if 3 <= k % 100 <= 10 else single
    return f"{below_1000(k, draw)} {draw(st.sampled_from(words))}"


@st.composite
def number_and_words(draw) -> tuple[int, str]:
    n = draw(st.integers(min_value=0, max_value=999_999_999))
    if n == 0:
        return n, "صفر"
    millions, rest = divmod(n, 1_000_000)
    thousands, units = divmod(rest, 1000)
    parts = []
    if millions:
        parts.append(with_scale(millions, draw, ["مليون", "مليونا"], ["مليونان", "مليونين"], ["ملايين", "مليون"]))
    if thousands:
        parts.append(with_scale(thousands, draw, ["ألف", "ألفا"], ["ألفان", "ألفين", "الفان"], ["آلاف", "ألف"]))
    if units:
        parts.append(below_1000(units, draw))
    return n, draw(st.sampled_from([" و", " و "])).join(parts)


@settings(max_examples=400, deadline=None)
@given(number_and_words())
def test_every_number_in_words_parses_back(case: tuple[int, str]) -> None:
    n, words = case
    assert read(words) == n, words


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=999_999_999))
def test_every_number_in_digits_parses_back(n: int) -> None:
    assert read(str(n)) == n
    assert read(f"{n:,}") == n
    assert read(str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))) == n
