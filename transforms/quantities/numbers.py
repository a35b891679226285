"""Numbers written in digits, in words, or both (`3 ملايين`, `ثلاثة آلاف وخمسمائة`).

`parse_number` reads the longest well-formed number starting at a token and returns its value and
token span. It is a small state machine over number-word kinds (see number_words.csv): it sums
groups below a thousand and multiplies them by descending scale words, so separate numbers that
merely follow each other (`1961 و2000`) are not merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.quantities.lexicon import Lexicon, NumberWord, split_clitics
from transforms.quantities.tokens import Tok

THOUSANDS_SEPS = ",\u066C"
SEPARATOR = re.compile(r"[.,\u066C]")
# Proclitics a number may carry: وخمسة، بخمسة، لثلاثة (never the article: الخمسة is handled apart).
LEADING_CLITICS = ("", "و", "ب", "ل", "ك", "ف", "وب", "ول", "فب")
TEENS = frozenset({"عشر", "عشره"})  # the ten of 11-19 (ست عشرة)


def parse_digits(text: str) -> float | None:
    """Value of a digit token in ASCII digits: 6,700 / 6.700.000 thousands, 2.5 / 2,5 / 2٫5 / 14ر1 decimals."""
    if "ر" in text:  # wire-service style: fraction first, 14ر1 = 1.14
        frac, whole = text.split("ر")
        return float(f"{whole}.{frac}") if frac.isdigit() and whole.isdigit() else None
    text = text.replace("\u066B", ".")  # Arabic decimal separator
    groups, seps = SEPARATOR.split(text), SEPARATOR.findall(text)
    if not seps:
        return float(text)
    if len(set(seps)) == 1 and all(len(g) == 3 for g in groups[1:]) and (seps[0] in THOUSANDS_SEPS or len(seps) > 1):
        return float("".join(groups))
    if len(seps) == 1:
        return float(f"{groups[0]}.{groups[1]}")
    if len(set(seps)) == 2 and seps[-1] != seps[0]:  # 1,234.5 or 1.234,5
        return float("".join(groups[:-1]) + "." + groups[-1])
    return None


@dataclass(frozen=True, slots=True)
class Atom:
    """One token read as a number part: its value and kind, and whether و joined it to the previous one."""

    value: float
    kind: str
    joined: bool  # preceded by و (glued or as its own token)
    n_tokens: int  # tokens consumed, including a free-standing و


@dataclass(frozen=True, slots=True)
class NumberSpan:
    start: int  # token index of the first atom
    end: int  # token index after the last atom
    value: float
    lead: int  # normal-form length of proclitics before the number (و in وخمسة)
    scale: float = 1.0  # the last scale word applied (عشرين ألفا -> 1000), for ranges: بين عشرة وعشرين ألفا


def atom_at(toks: list[Tok], i: int, lex: Lexicon, first: bool) -> Atom | None:
    """Read token i (after a free-standing و when not first) as a number atom; words must be indefinite."""
    joined, n = False, 1
    if not first and toks[i].norm == "و" and i + 1 < len(toks):
        joined, i, n = True, i + 1, 2
    tok = toks[i]
    if tok.kind == "num":
        value = parse_digits(tok.norm)
        if value is None or (len(tok.norm) > 1 and not value):
            return None  # 000: the tail of a number cut by a tokenizer
        grouped = _spaced_groups(toks, i, value, lex)
        return Atom(grouped[0], "digits", joined, n + grouped[1])
    if tok.kind != "word":
        return None
    split = split_clitics(tok.norm, lex.number_words)
    if not first and not joined and tok.norm[:1] == "و" and tok.norm[1:] in lex.number_words:
        split = ("و", tok.norm[1:])  # inside a number, وأحد is "and one" (its normal form واحد is also "one")
    if split is None or split[0] not in (LEADING_CLITICS if first else ("",) if joined else ("", "و")):
        return None
    if split[0] not in ("", "و") and len(split[1]) < 3 and not (i + 1 < len(toks) and (toks[i + 1].norm in TEENS or toks[i + 1].norm in lex.units)):
        return None  # لست is "I am not", not ل + ست (but بست عشرة، بست دقائق are ب + a number)
    word: NumberWord = lex.number_words[split[1]]
    return Atom(word.value, word.kind, joined or (split[0] == "و" and not first), n)


def _spaced_groups(toks: list[Tok], i: int, value: float, lex: Lexicon) -> tuple[float, int]:
    """Digit groups split by a tokenizer: 100 ، 000 -> 100000; 4 , 4 مليون / 28 , 1% -> decimals
    (a decimal only before a scale word or a unit, so that lists such as 5 ، 6 stay apart)."""
    if i + 2 >= len(toks) or toks[i + 1].text not in ",،" or toks[i + 2].kind != "num" or not toks[i].norm.isdigit():
        return value, 0
    tail = toks[i + 2].norm
    if len(toks[i].norm) <= 3 and len(tail) == 3 and tail.isdigit():
        return value * 1000 + int(tail), 2
    after = toks[i + 3].norm if i + 3 < len(toks) else ""
    word = lex.number_words.get(after)
    if len(tail) <= 2 and tail.isdigit() and ((word is not None and word.kind == "scale") or after in lex.units):
        return float(f"{toks[i].norm}.{tail}"), 2
    return value, 0


def parse_number(toks: list[Tok], i: int, lex: Lexicon) -> NumberSpan | None:
    """Longest well-formed number starting at token i, or None."""
    atom = atom_at(toks, i, lex, first=True)
    if atom is None or atom.kind == "scale_plural" or (atom.kind == "teen_only" and not _teen_follows(toks, i, lex)):
        return None
    if atom.kind == "fraction":  # نصف مليون; a bare نصف is returned for a unit to follow (نصف ساعة)
        scale = atom_at(toks, i + 1, lex, first=False) if i + 1 < len(toks) else None
        if scale is not None and scale.kind == "scale" and not scale.joined:
            return NumberSpan(i, i + 2, atom.value * scale.value, _lead(toks[i], lex))
        return NumberSpan(i, i + 1, atom.value, _lead(toks[i], lex))
    total, group = 0.0, None  # completed scale groups; the group below a thousand being read
    last, last_scale, last_value = "", float("inf"), 0.0
    j, best = i, None
    snapshot: tuple[float, NumberSpan | None] | None = None  # state before a group opened after a scale
    while atom is not None:
        k = atom.kind
        if k in ("scale", "scale_dual") and group is None and (last == "" or (last == "scale" and atom.joined)):
            magnitude = atom.value / 2 if k == "scale_dual" else atom.value
            if magnitude >= last_scale:
                break
            total, last_scale, last = total + atom.value, magnitude, "scale"
        elif k in ("scale", "scale_plural") and group is not None and not atom.joined:
            if atom.value >= last_scale:
                if snapshot is not None:
                    total, best = snapshot
                break
            total, group, last_scale, last, snapshot = total + group * atom.value, None, atom.value, "scale", None
        elif _extends_group(last, k, atom.joined, last_value):
            if k == "hundred" and last == "unit" and not atom.joined:
                group = (group or 0) + last_value * 99  # ثلاث مئة: the unit becomes hundreds
            else:
                if group is None and last == "scale":
                    snapshot = (total, best)
                group = (group or 0) + atom.value
            last = k
        else:
            break
        j += atom.n_tokens
        last_value = atom.value
        if last != "teen_only":
            best = NumberSpan(i, j, total + (group or 0), _lead(toks[i], lex), 1.0 if last_scale == float("inf") else last_scale)
        atom = atom_at(toks, j, lex, first=False) if j < len(toks) else None
    if best is not None and best.end == i + 1 and toks[i].norm.endswith("الفا"):
        return None  # a lone accusative ألفا follows a number (عشرين ألفا) or starts one (ألفا وتسعمائة); else a name (ألفا عمر)
    return best


def _teen_follows(toks: list[Tok], i: int, lex: Lexicon) -> bool:
    nxt = atom_at(toks, i + 1, lex, first=False) if i + 1 < len(toks) else None
    return nxt is not None and nxt.kind == "ten" and not nxt.joined


# (previous kind, this kind, joined by و?) transitions inside a group below a thousand.
_GROUP_STEPS = {
    ("", "digits", False), ("", "unit", False), ("", "teen_only", False), ("", "ten", False),
    ("", "tens", False), ("", "hundred", False), ("", "hundreds", False), ("", "zero", False),
    ("unit", "ten", False), ("teen_only", "ten", False), ("unit", "hundred", False),
    ("unit", "tens", True), ("tens", "unit", True),
    ("hundred", "unit", True), ("hundred", "ten", True), ("hundred", "tens", True), ("hundred", "teen_only", True),
    ("hundreds", "unit", True), ("hundreds", "ten", True), ("hundreds", "tens", True), ("hundreds", "teen_only", True),
    ("scale", "digits", True), ("scale", "unit", True), ("scale", "ten", True), ("scale", "tens", True),
    ("scale", "hundred", True), ("scale", "hundreds", True), ("scale", "teen_only", True),
}


def _extends_group(last_kind: str, kind: str, joined: bool, last_value: float) -> bool:
    if (last_kind, kind, joined) not in _GROUP_STEPS:
        return False
    if last_kind == "unit" and kind == "hundred":
        return 3 <= last_value <= 9
    if last_kind in ("unit", "teen_only") and kind == "ten":
        return 1 <= last_value <= 9
    return True


def _lead(tok: Tok, lex: Lexicon) -> int:
    """Normal-form length of proclitics before a number word (وخمسة -> 1)."""
    if tok.kind != "word":
        return 0
    split = split_clitics(tok.norm, lex.number_words)
    return len(split[0]) if split else 0
