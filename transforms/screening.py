"""Junk screening: is a decoded input worth loading as an Arabic news article?

Inputs that are empty, too large, binary, in another language or only page furniture
(menus, share buttons, cookie and copyright notices) go to `quarantine` with a reason instead
of polluting `articles`. Checks run cheapest first and the first failure is the reason.
"""

from __future__ import annotations

import re

from transforms.arabic import arabic_share
from transforms.clean import is_junk_line
from transforms.rejects import Rejection

# A convenient default for `max_bytes`: news articles are 2-100 KB of UTF-8; 5 MiB of text
# is a dump, a log or a book, not an article.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# Control characters (other than \t \n \v \f \r), U+FFFD and private-use code points: more
# than this share of the text means bytes decoded as text, not text.
MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd\ue000-\uf8ff]")
# Arabic letters among Arabic + Latin letters (transforms.arabic.arabic_share). Arabic news
# quotes Latin names and acronyms but stays far above this; an English file is near 0.
MIN_ARABIC_SHARE = 0.5
# A prose line has at least this many words and some punctuation (menus and button rows have
# none), is not a clean-stage junk line (caption, share marker) and holds no boilerplate phrase.
PROSE_LINE_MIN_WORDS = 8
_PUNCTUATION = re.compile(r"[.,،؛;:؟?!«»\"“”]")
BOILERPLATE = re.compile(
    r"ملفات تعريف الارتباط|الكوكيز|جميع الحقوق محفوظة|سياسة الخصوصية|شروط الاستخدام"
    r"|اشترك في النشرة|النشرة البريدية|تابعونا على"
    r"|cookies?\b|all rights reserved|privacy policy|terms of (?:use|service)|newsletter",
    re.IGNORECASE,
)
# Fewer prose words than this in the whole text: only page boilerplate is left.
MIN_PROSE_WORDS = 20


def too_large(n_bytes: int, max_bytes: int) -> Rejection | None:
    """Size check alone, so a caller can refuse a file before reading or decoding it."""
    if n_bytes > max_bytes:
        return Rejection("too_large", f"{n_bytes} bytes > limit {max_bytes}")
    return None


def screen(text: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Rejection | None:
    """None when `text` looks like an Arabic article, else why not (empty, too_large, binary,
    not_arabic, boilerplate)."""
    if not text.strip():
        return Rejection("empty", "no text" if not text else "whitespace only")
    if rejection := too_large(len(text.encode("utf-8")), max_bytes):
        return rejection
    control = len(_CONTROL.findall(text)) / len(text)
    if control > MAX_CONTROL_SHARE:
        return Rejection("binary", f"{control:.1%} control characters")
    share = arabic_share(text)
    if share < MIN_ARABIC_SHARE:
        return Rejection("not_arabic", f"{share:.0%} of letters Arabic (min {MIN_ARABIC_SHARE:.0%})")
    prose = prose_words(text)
    if prose < MIN_PROSE_WORDS:
        return Rejection("boilerplate", f"{prose} words of prose (min {MIN_PROSE_WORDS})")
    return None


def prose_words(text: str) -> int:
    """Words on prose lines: what is left of the text once page furniture is set aside."""
    total = 0
    for line in text.splitlines():
        line = line.strip()
        n = len(line.split())
        if (
            n >= PROSE_LINE_MIN_WORDS
            and _PUNCTUATION.search(line)
            and not is_junk_line(line)
            and not BOILERPLATE.search(line)
        ):
            total += n
    return total
