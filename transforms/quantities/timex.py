"""Calendar years and dates, normalised to ISO 8601 with their granularity.

Found first, so that the quantity pass never reports them: `عام 2016` -> 2016 (year),
`فبراير 2022` -> 2022-02 (month), `22 نوفمبر 2024` -> 2024-11-22 (day), `11 سبتمبر` -> --09-11
(day, year unknown: ISO 8601 truncated form). Surfaces cover the date proper, not the cue word.
"""

from __future__ import annotations

from dataclasses import dataclass

from transforms.quantities.lexicon import Lexicon, clitic_forms, split_clitics
from transforms.quantities.phrases import PHRASE_CLITICS, match_after
from transforms.quantities.tokens import Tok, skip_norm_prefix

MONTH_WORDS = 2  # longest month name in tokens (كانون الثاني)
CLOSING = {"(": ")", "«": "»"}  # brackets around a second month name
YEAR_LINKS = frozenset({"من", "عام", "سنه", "العام"})  # words between a month and its year


@dataclass(frozen=True, slots=True)
class TimeExpr:
    start: int
    end: int
    value: str
    granularity: str
    first_tok: int
    last_tok: int  # inclusive; a trailing era letter (1959م) is included in the token range only


def _year(tok: Tok, lo: int = 1000, hi: int = 2100) -> int | None:
    if tok.kind == "num" and len(tok.norm) in (3, 4) and tok.norm.isdigit() and lo <= int(tok.norm) <= hi:
        return int(tok.norm)
    return None


def _day(tok: Tok) -> int | None:
    if tok.kind == "num" and tok.norm.isdigit() and len(tok.norm) <= 2 and 1 <= int(tok.norm) <= 31:
        return int(tok.norm)
    return None


def _month(toks: list[Tok], j: int, lex: Lexicon) -> tuple[int, int, int] | None:
    """(tokens used, month number, chars of clitics) for a month name at token j."""
    if j >= len(toks) or toks[j].kind != "word" or split_clitics(toks[j].norm, lex.month_firsts) is None:
        return None
    return match_after(toks, j, lex.months, MONTH_WORDS, PHRASE_CLITICS)


def _after_alias(toks: list[Tok], j: int, lex: Lexicon) -> int:
    """Skip a second month name and a year cue: مايو (أيار) 2019، أكتوبر / تشرين الأول 1945،
    سبتمبر أيلول 2001، أيار ( مايو ) عام 1904، 9 يوليو « تموز »."""
    if j < len(toks) and toks[j].kind == "word" and (alias := _month(toks, j, lex)) and not alias[2]:
        j += alias[0]
    elif j + 1 < len(toks) and toks[j].text in "(/«" and (alias := _month(toks, j + 1, lex)):
        after = j + 1 + alias[0]
        if toks[j].text == "/":
            j = after
        elif after < len(toks) and toks[after].text == CLOSING.get(toks[j].text):
            j = after + 1
    k = j
    while k + 1 < len(toks) and toks[k].norm in YEAR_LINKS:  # ... من عام 1945
        k += 1
    return k if k > j and _year(toks[k]) else j


def find_time_expressions(toks: list[Tok], lex: Lexicon, unit_follows) -> list[TimeExpr]:
    """All dates and years of a sentence, left to right; `unit_follows(j)` tells whether a unit or
    scale word starts at token j (then a number after a weak cue is a quantity: في 1000 كيلومتر)."""
    out: list[TimeExpr] = []
    for i in date_starts(toks, lex):
        if out and i <= out[-1].last_tok:
            continue
        expr = _bc_year_at(toks, i) or _date_at(toks, i, lex) or _ordinal_date_at(toks, i, lex) or _month_year_at(toks, i, lex) or _year_at(toks, i, lex, out, unit_follows)
        if expr is not None and not _named(toks, i, lex):
            out.append(expr)
    return out


def date_starts(toks: list[Tok], lex: Lexicon) -> list[int]:
    """The tokens a date can start at: numbers, month names and ordinal day words (with proclitics).
    Most tokens are none of them, and one or two set lookups spare them the date rules."""
    months, ordinals = clitic_forms(lex.month_firsts), clitic_forms(lex.ordinals)
    return [i for i, t in enumerate(toks) if t.kind == "num" or t.norm in months or t.norm in ordinals]


def _named(toks: list[Tok], i: int, lex: Lexicon) -> bool:
    """قوى 14 آذار، مدينة 6 أكتوبر: a date after a designation word is a name (exclusions.py keeps
    its number from being a quantity)."""
    prev = _prev_word(toks, i)
    return prev is not None and split_clitics(prev.norm, lex.cues["designation"]) is not None


def _bc_year_at(toks: list[Tok], i: int) -> TimeExpr | None:
    """3100 ق.م. -> -3099 (ISO 8601 astronomical year numbering: 1 BC is 0000)."""
    if toks[i].kind != "num" or not toks[i].norm.isdigit() or i + 3 >= len(toks):
        return None
    if [t.norm for t in toks[i + 1 : i + 4]] != ["ق", ".", "م"]:
        return None
    return TimeExpr(toks[i].start, toks[i].end, f"-{int(toks[i].norm) - 1:04d}", "year", i, i + 3)


def _ordinal_day(toks: list[Tok], i: int, lex: Lexicon) -> tuple[int, int] | None:
    """(day, tokens) of an ordinal day in words at token i: الثامن، الحادي عشر، الحادي والعشرين."""
    split = split_clitics(toks[i].norm, lex.ordinals) if toks[i].kind == "word" else None
    if split is None or split[0] not in PHRASE_CLITICS:
        return None
    day, nxt = lex.ordinals[split[1]], toks[i + 1].norm if i + 1 < len(toks) else ""
    if day < 10 and nxt in ("عشر", "عشره"):
        return day + 10, 2
    if day < 10 and nxt[:1] == "و" and lex.ordinals.get(nxt[1:], 0) >= 20:
        return day + lex.ordinals[nxt[1:]], 2
    return (day, 1) if split[1] != "الحادي" else None


def _ordinal_date_at(toks: list[Tok], i: int, lex: Lexicon) -> TimeExpr | None:
    """الثامن من أغسطس، الحادي عشر من سبتمبر 2001: an ordinal day in words, من, and a month (and year)."""
    ordinal = _ordinal_day(toks, i, lex)
    if ordinal is None or i + ordinal[1] + 1 >= len(toks) or toks[i + ordinal[1]].norm != "من":
        return None
    m = i + ordinal[1] + 1
    month = _month(toks, m, lex)
    if month is None or month[2]:
        return None
    day, j = ordinal[0], _after_alias(toks, m + month[0], lex)
    start = toks[i].start + skip_norm_prefix(toks[i].text, len(split_clitics(toks[i].norm, lex.ordinals)[0]))
    if j < len(toks) and (year := _year(toks[j])):
        return TimeExpr(start, toks[j].end, f"{year:04d}-{month[1]:02d}-{day:02d}", "day", i, j)
    last = j - 1  # after a second month name: العشرين من يونيو / حزيران
    return TimeExpr(start, toks[last].end, f"--{month[1]:02d}-{day:02d}", "day", i, last)


def _date_at(toks: list[Tok], i: int, lex: Lexicon) -> TimeExpr | None:
    day = _day(toks[i])
    if day is None:
        return None
    if i + 4 < len(toks) and toks[i + 1].text == "/" and toks[i + 3].text == "/":  # 22/11/2024
        month, year = _day(toks[i + 2]), _year(toks[i + 4])
        if month and month <= 12 and year:
            return TimeExpr(toks[i].start, toks[i + 4].end, f"{year:04d}-{month:02d}-{day:02d}", "day", i, i + 4)
    if i + 3 < len(toks) and toks[i + 1].norm == "و" and _day(toks[i + 2]) and (listed := _date_at(toks, i + 2, lex)):
        return TimeExpr(toks[i].start, toks[i].end, f"{listed.value[:-2]}{day:02d}", "day", i, i)  # يومي 21 و22 أغسطس
    m = i + 2 if i + 2 < len(toks) and toks[i + 1].norm == "من" else i + 1  # 14 من أيار
    month = _month(toks, m, lex)
    if month is None:
        return None
    j = _after_alias(toks, m + month[0], lex)
    if j < len(toks) and (year := _year(toks[j])):
        return TimeExpr(toks[i].start, toks[j].end, f"{year:04d}-{month[1]:02d}-{day:02d}", "day", i, j)
    last = j - 1  # after a second month name: 19 سبتمبر / أيلول
    return TimeExpr(toks[i].start, toks[last].end, f"--{month[1]:02d}-{day:02d}", "day", i, last)


def _month_year_at(toks: list[Tok], i: int, lex: Lexicon) -> TimeExpr | None:
    month = _month(toks, i, lex)
    if month is None:
        return None
    j = _after_alias(toks, i + month[0], lex)
    if j < len(toks) and (year := _year(toks[j])):
        return TimeExpr(toks[i].start + month[2], toks[j].end, f"{year:04d}-{month[1]:02d}", "month", i, j)
    return None


def _year_at(toks: list[Tok], i: int, lex: Lexicon, found: list[TimeExpr], unit_follows) -> TimeExpr | None:
    if toks[i].kind != "num":
        return None
    prev = _prev_word(toks, i)
    era = i + 1 < len(toks) and toks[i + 1].norm == "م" and not (prev is not None and split_clitics(prev.norm, lex.cues["distance"]))
    strong = era or (prev is not None and split_clitics(prev.norm, lex.cues["year"]) is not None)  # 1882 م (but سباق 1500 م)
    year = _year(toks[i], 100, 9999) if strong and not unit_follows(i + 1) else _year(toks[i])
    if year is None or _hijri(toks, i, lex):
        return None
    listed = bool(found) and found[-1].granularity == "year" and _joins(toks, found[-1].last_tok, i)
    free = not unit_follows(i + 1) and not _qualified(toks, i, lex)
    lifespan = i + 2 < len(toks) and toks[i + 1].text in "-–" and _year(toks[i + 2]) is not None  # ( 1882 - 1963 )
    weak = prev is not None and split_clitics(prev.norm, lex.cues["year_weak"]) is not None
    if not (strong or listed or lifespan or (free and (weak or year >= 1900))):
        return None
    last = i + 1 if era else i
    return TimeExpr(toks[i].start, toks[i].end, f"{year:04d}", "year", i, last)


def _hijri(toks: list[Tok], i: int, lex: Lexicon) -> bool:
    """1445 هـ: a Hijri year, not expressible as an ISO date (exclusions.py keeps it from being a quantity)."""
    return i + 1 < len(toks) and split_clitics(toks[i + 1].norm, lex.cues["hijri"]) is not None


def _prev_word(toks: list[Tok], i: int) -> Tok | None:
    return toks[i - 1] if i > 0 and toks[i - 1].kind == "word" else None


def _joins(toks: list[Tok], a: int, b: int) -> bool:
    """Token b continues a list or range of years ending at token a: 1961 و2000، 1994-1995."""
    between = [t.norm for t in toks[a + 1 : b]]
    return between in (["و"], ["-"], ["،"], [","], ["الي"], ["حتي"])


def _qualified(toks: list[Tok], i: int, lex: Lexicon) -> bool:
    prev = _prev_word(toks, i)
    return prev is not None and any(k.split()[-1] == prev.norm for k in lex.qualifiers_before)
