"""Numbers that are not quantities: designations, clock times, scores, list markers, references.

Marked before the quantity pass (years and dates are marked by timex.py), so that no rule can
report them whatever words surround them.
"""

from __future__ import annotations

from transforms.quantities.lexicon import Lexicon, Unit, clitic_forms
from transforms.quantities.objects import is_content_word
from transforms.quantities.phrases import bare_stem, match_after, word_split
from transforms.quantities.tokens import Tok

TIME_MARKS = frozenset({"د", "دو", "ق", "ث", "ج", "س"})  # one-letter time abbreviations after a number
HYPHENS = "-–ـ"  # with the tatweel that some corpora use as a dash (اف ـ 16)
DETACHED = frozenset({"ال", "ب", "ل", "و", "ك", "ف", "وب", "ول"})  # clitics a tokenizer may cut off with a dash: ب ـ 18
LIST_OPENERS = ":؛–"  # punctuation after which "1 -" starts a list item
QUOTES = "\"«“”'"


def unit_at(toks: list[Tok], j: int, lex: Lexicon) -> tuple[int, Unit, int] | None:
    """The unit phrase starting at token j: (tokens, unit, clitic chars)."""
    return match_after(toks, j, lex.units, lex.unit_max_words) if j < len(toks) else None


def blocked(toks: list[Tok], lex: Lexicon) -> list[bool]:
    """One flag per token: True where a number (or number word) must not start a quantity."""
    n = len(toks)
    used = [False] * n
    numbers, ordinals = clitic_forms(lex.number_words), clitic_forms(lex.cues["ordinal"])
    for i in [i for i, t in enumerate(toks) if t.kind == "num" or t.norm in numbers or t.norm == "صفر"]:  # (the rest is never blocked)
        t, prev = toks[i], toks[i - 1] if i else None
        if prev is not None and t.kind == "word" and t.norm in numbers and prev.kind == "word" and prev.norm in ordinals:
            used[i] = True  # التاسع عشر، الحادية عشرة
        if t.kind != "num" and t.norm != "صفر":
            continue
        if prev is not None and prev.text in HYPHENS and i >= 2 and toks[i - 2].kind == "word" and toks[i - 2].norm not in DETACHED:
            used[i] = True  # سويوز -2، كوفيد-19 (but not ال ـ 90 or ب ـ 18, a clitic cut off by a tokenizer)
        elif i >= 3 and prev is not None and prev.text in HYPHENS and toks[i - 2].norm == "ال" and word_split(toks[i - 3], lex.cues["designation"]):
            used[i] = True  # دور ال ـ 32: a designation before a detached article
        elif prev is not None and prev.kind == "word" and (prev.latin or word_split(prev, lex.cues["designation"]) or word_split(prev, lex.cues["clock"])):
            used[i] = True  # لونا 25، BM 21، رقم 3، الساعة 10
        elif prev is not None and prev.kind == "word" and bare_stem(prev)[0] and _resolution_before(toks, i, lex):
            used[i] = True  # قرار مجلس الأمن 1701: the number of a resolution
        elif prev is not None and prev.text in "#&":
            used[i] = True  # &#0; character references
        elif (i == 0 and n > 1 and toks[1].text in "-).") or (prev is not None and prev.text in "([" and i + 1 < n and toks[i + 1].text in ")]"):
            used[i] = True  # list marker; a bare bracketed number (a match minute, a reference)
        elif prev is not None and prev.text in LIST_OPENERS and i + 2 < n and toks[i + 1].text in "-)" and toks[i + 2].kind == "word":
            used[i] = True  # ... : 1 - الموسوعة العربية: a list marker inside the sentence
        elif prev is not None and prev.norm == "ال" and t.glued and _ordinal_after_article(toks, i, lex):
            used[i] = True  # بطولة العالم ال11 للشبان: an ordinal (but الاخرين ال46، ال50 دولة are counts)
        elif i + 1 < n and word_split(toks[i + 1], lex.cues["designation_after"]):
            used[i] = True  # البنزين 90 أوكتين: a grade, not a quantity
        elif prev is not None and prev.text == "(" and _bracketed_minute(toks, i, lex):
            used[i] = True  # ( 51 من ركلة جزاء ): the minute of a goal
        elif _quoted_name(toks, i, lex):
            used[i] = True  # " سي 4 "، " أكتيف برايمري 2: a number closing a quoted name
        elif i + 2 < n and toks[i + 1].norm == "من" and "شهر" in (bare_stem(toks[i + 2])[1], bare_stem(toks[min(i + 3, n - 1)])[1] if toks[i + 2].norm == "نفس" else ""):
            used[i] = True  # 19 من الشهر، 29 من نفس الشهر: a day of the month
        elif i + 1 < n and word_split(toks[i + 1], lex.cues["hijri"]):
            used[i] = True  # 1445 هـ، سنة 201 للهجرة: a Hijri year
        elif _time_mark(toks, i + 1) or (prev is not None and t.glued and _time_mark(toks, i - 1)):
            used[i] = True  # 1دو45ث و56 ج، 8دو20ثو05ج: a race time (minutes, seconds, hundredths)
        elif i + 1 < n and word_split(toks[i + 1], lex.cues["clock_after"]):
            used[i] = True  # 30ر8 بتوقيت مكة، 10 صباحا: a clock time
        if i + 2 < n and toks[i + 1].text in ":-/" and (toks[i + 2].kind == "num" or toks[i + 2].norm == "صفر"):
            a, b = _plain(toks[i]), _plain(toks[i + 2])
            counted = i + 3 < n and (unit_at(toks, i + 3, lex) is not None or is_content_word(toks[i + 3], lex))
            if toks[i + 1].text not in HYPHENS or a is None or b is None or a >= b or not counted:
                used[i] = used[i + 2] = True  # 10:30، 4 - 1، 3 / 5 (but 10-20 كيلومترا is a range)
    return used


def _ordinal_after_article(toks: list[Tok], i: int, lex: Lexicon) -> bool:
    """A number glued to an article (ال11) after a definite singular noun, with no indefinite noun or
    unit after it, is an ordinal."""
    if i < 2 or bare_stem(toks[i - 2])[0] == "" or bare_stem(toks[i - 2])[1].endswith(("ين", "ون", "ات")):
        return False
    nxt = i + 1
    return nxt >= len(toks) or (unit_at(toks, nxt, lex) is None and (bare_stem(toks[nxt])[0] != "" or not is_content_word(toks[nxt], lex)))


def _resolution_before(toks: list[Tok], i: int, lex: Lexicon) -> bool:
    """A resolution word two or three words before the number, the words between a definite idafa
    chain (قرار مجلس الأمن 1701، القرار الدولي 1701)."""
    return any(toks[k].kind == "word" and word_split(toks[k], lex.cues["resolution"]) for k in range(max(0, i - 3), i - 1)) and all(
        t.kind == "word" for t in toks[max(0, i - 3) : i]
    )


def _bracketed_minute(toks: list[Tok], i: int, lex: Lexicon) -> bool:
    """( 51 من ركلة جزاء ): a bracketed number followed by a goal-minute cue before the bracket closes."""
    for tok in toks[i + 1 : i + 5]:
        if tok.text == ")":
            return False
        if word_split(tok, lex.cues["minute_after"]):
            return True
    return False


def _quoted_name(toks: list[Tok], i: int, lex: Lexicon) -> bool:
    """A bare number (punctuation or the end after it) that follows one to three content words
    right after an opening quote: the tail of a quoted product or title name. When the quote closes
    right after the number, short function-like words count too (" تي في 5 ")."""
    if i + 1 < len(toks) and toks[i + 1].kind != "punct":
        return False
    closed = i + 1 < len(toks) and toks[i + 1].text in QUOTES
    for k in range(i - 1, max(-1, i - 5), -1):
        if toks[k].text in QUOTES:
            return k < i - 1
        if toks[k].kind != "word" or not (closed or is_content_word(toks[k], lex)):
            return False
    return False


def _time_mark(toks: list[Tok], j: int) -> bool:
    """Token j is a one-letter time abbreviation (دو، ث، ج), alone or with a glued و (ثو05)."""
    if not 0 <= j < len(toks) or toks[j].kind != "word":
        return False
    word = toks[j].norm
    return word in TIME_MARKS or (word.endswith("و") and word[:-1] in TIME_MARKS)


def _plain(tok: Tok) -> float | None:
    if tok.norm == "صفر":
        return 0.0
    return float(tok.norm) if tok.norm.isdigit() else None
