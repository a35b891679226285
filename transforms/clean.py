"""Cleaned articles from raw page text: one row per article found in a source.

News pages arrive with junk around the story: photo captions ending in an agency credit
("... (رويترز)"), a "TT" marker, the headline printed twice, share buttons ("مشاركة :"),
a "مقالات ذات صلة" block of related-article teasers, and sometimes a second, unrelated
article glued after it. Cleaning keeps the story text line by line, moves the headline to
`title`, and splits glued articles into their own rows (`part` 0, 1, ...).

Text is first normalised as camel-tools' `normalize_unicode` does (NFKC: presentation forms
and ligatures to plain letters, with its spelled-out ﷼ and ﷽) and stripped of invisible
format characters.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import polars as pl

from transforms.frames import ARTICLES

# Agency credits that close a photo caption: (رويترز) (أ.ف.ب) (أ ب) (إ.ب.أ) (د.ب.أ) (AFP) ...
_CREDIT = r"(?:رويترز|[أاإ]\.? ?ف\.? ?ب|[أاإ]\.? ?ب|إ\.? ?ب\.? ?[أا]|د\.? ?ب\.? ?[أا]|الأناضول|تاس|سبوتنيك|AFP|AP|EPA|Reuters|Getty(?: Images)?)"
CAPTION = re.compile(rf"\({_CREDIT}\)\s*$", re.IGNORECASE)
# Markers and share widgets that are never story text.
MARKER = re.compile(r"^(?:TT|مشاركة\s*:?|شارك(?:\s+(?:هذا\s+)?(?:المقال|الخبر))?\s*:?|طباعة|اقرأ\s+أيضا[ًً]?\s*:?)$")
RELATED = re.compile(r"^(?:مقالات|أخبار|مواضيع)\s+(?:ذات\s+صلة|متعلقة|مشابهة)\s*:?$")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u3000]+")
_SENTENCE_END = re.compile(r"[.!?؟:…]\s*[”\"»]?$")
# A headline printed twice sits within this many lines of itself.
HEADLINE_REPEAT_WINDOW = 6
TITLE_MAX_CHARS = 150


# camel-tools' own fixes before NFKC, which its CharMapper applies one character at a time
# in Python (most of this stage's cost); str.replace gives the same text.
_LIGATURES = {"\ufdfc": "ريال", "\ufdfd": "بسم الله الرحمن الرحيم"}


def normalize_unicode(text: str) -> str:
    """camel-tools' `normalize_unicode`: its ligature fixes, then NFKC."""
    for ligature, spelled in _LIGATURES.items():
        text = text.replace(ligature, spelled)
    return unicodedata.normalize("NFKC", text)


@dataclass(frozen=True)
class Segment:
    """The lines of one article inside a source, with its headline if recognised."""

    title: str | None
    lines: list[str]


def normalize_text(text: str) -> str:
    """Unicode-normalised text with invisible characters removed and spaces collapsed per line."""
    text = _INVISIBLE.sub("", normalize_unicode(text.replace("\r\n", "\n").replace("\r", "\n")))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def is_junk_line(line: str) -> bool:
    return bool(CAPTION.search(line) or MARKER.match(line))


def headline_starts(lines: list[str]) -> list[int]:
    """Indices of headlines printed twice (with captions or a "TT" marker between): article starts.

    Inside a related-articles block teaser titles repeat too, so there a repeat only counts
    when a "TT" marker separates the two copies (the page layout of a full article).
    """
    starts, in_related = [], False
    for i, line in enumerate(lines):
        if RELATED.match(line):
            in_related = True
            continue
        if not line or is_junk_line(line) or len(line) > TITLE_MAX_CHARS * 2:
            continue
        window = lines[i + 1 : i + 1 + HEADLINE_REPEAT_WINDOW]
        if line not in window:
            continue
        between = window[: window.index(line)]
        if in_related and "TT" not in between:
            continue
        if starts and i <= starts[-1] + HEADLINE_REPEAT_WINDOW:
            continue
        starts.append(i)
        in_related = False
    return starts


def segment(text: str) -> list[Segment]:
    """Split normalised page text into articles, dropping junk lines and related-article blocks."""
    lines = text.split("\n")
    starts = headline_starts(lines)
    # Text before the first repeated headline belongs to the first article.
    bounds = sorted({0, *starts})
    segments = []
    for k, start in enumerate(bounds):
        end = bounds[k + 1] if k + 1 < len(bounds) else len(lines)
        title = lines[start] if start in starts else None
        kept: list[str] = []
        seen = {title} if title else set()
        for line in lines[start:end]:
            if RELATED.match(line):
                break  # the rest of this segment is teasers; a glued article starts a new segment
            if not line or is_junk_line(line) or line in seen:
                continue
            seen.add(line)
            kept.append(line)
        if title is None and len(kept) > 1 and looks_like_title(kept[0]):
            title = kept.pop(0)
        segments.append(Segment(title, kept))
    return segments


def looks_like_title(line: str) -> bool:
    """A short first line without sentence-final punctuation reads as a headline."""
    return len(line) <= TITLE_MAX_CHARS and not _SENTENCE_END.search(line)


def article_id(body: str) -> str:
    """Content hash of the cleaned body: the same story from two sources gets one id."""
    return hashlib.sha256(body.encode()).hexdigest()[:20]


def clean(raw: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Articles (`frames.ARTICLES`) from raw documents, and rejects with a reason.

    `raw` has `source_uri`, `text`, and optionally `title` and `published_at` (from page or
    record metadata, which win over a headline found in the text). A document that leaves
    no article text is a reject (`source_uri`, `reason`, `detail`), never a silent drop.
    """
    rows, rejects = [], []
    has_title = "title" in raw.columns
    has_date = "published_at" in raw.columns
    for rec in raw.iter_rows(named=True):
        parts = [s for s in segment(normalize_text(rec["text"])) if s.lines]
        if not parts:
            rejects.append((rec["source_uri"], "clean", "no article text left after removing page junk"))
            continue
        for part, seg in enumerate(parts):
            body = "\n".join(seg.lines)
            meta_title = rec["title"] if has_title and part == 0 else None
            rows.append(
                {
                    "article_id": article_id(body),
                    "source_uri": rec["source_uri"],
                    "part": part,
                    "title": meta_title or seg.title,
                    "body": body,
                    "lang": "ar",
                    "published_at": rec["published_at"] if has_date else None,
                }
            )
    articles = pl.DataFrame(rows, schema=ARTICLES)
    return articles, pl.DataFrame(rejects, schema={"source_uri": pl.Utf8, "stage": pl.Utf8, "reason": pl.Utf8}, orient="row")
