"""A number-aware word splitter with code-point offsets.

The stage tokenizer keeps `بـ50` or `152ملم` whole; here letters and digits are split apart so
glued clitics, qualifiers and units (`نحو200`) fall out as their own tokens, and a decimal
number (`2.5`, `٢٫٥`, wire-service `14ر1`) stays one token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.quantities.lexicon import norm

DIGIT = r"[0-9\u0660-\u0669\u06F0-\u06F9]"
# Arabic letters with their diacritics and tatweel, and Latin letters; Arabic digits excluded.
LETTER = r"[A-Za-z\u0621-\u065F\u0670-\u06D3\u06FA-\u06FF]"
TOKEN = re.compile(rf"(?P<num>{DIGIT}+(?:[.,\u066B\u066C]{DIGIT}+)*(?:ر{DIGIT}+)?)|(?P<word>{LETTER}+)|(?P<punct>\S)")
LATIN = re.compile(r"[A-Za-z]")
TATWEEL = "\u0640"


@dataclass(slots=True)  # (not frozen: a frozen dataclass's __init__ costs twice as much, and a sentence has hundreds)
class Tok:
    start: int
    end: int
    text: str
    norm: str
    kind: str  # "num", "word" or "punct"
    glued: bool  # no white space between the previous token and this one

    @property
    def latin(self) -> bool:
        return bool(LATIN.search(self.text))


def tokenize(text: str) -> list[Tok]:
    out: list[Tok] = []
    prev_end = -1
    for m in TOKEN.finditer(text):
        surface = m.group()
        word_norm = norm(surface)
        if not word_norm and TATWEEL not in surface:
            continue  # a stray diacritic (13000ٌ): no token, so the number meets what follows
        start, end = m.span()
        kind = m.lastgroup if word_norm else "punct"  # a lone tatweel (اف ـ 16) acts as a dash
        out.append(Tok(start, end, surface, word_norm, kind, start == prev_end))
        prev_end = end
    return out


def skip_norm_prefix(surface: str, n: int) -> int:
    """Surface code points spanned by the first `n` normal-form characters (diacritics skipped)."""
    i = 0
    while n > 0 and i < len(surface):
        if norm(surface[i]):
            n -= 1
        i += 1
    while i < len(surface) and not norm(surface[i]):  # tatweel after a clitic: بـ
        i += 1
    return i
