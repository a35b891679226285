"""Saved web pages (.html/.htm) -> main article text, title and publication date.

A saved page is mostly not the article: menus, footers, scripts, share widgets, related-article
teasers. trafilatura finds the main content block and drops the rest (precision-first, no
comments, no link or image text); title and date come from the page metadata (og:/article:
meta tags, JSON-LD, <title>), not from dates that merely appear in the text. Nothing is ever
fetched: the page arrives as a decoded string (see `transforms.decode`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import trafilatura

# htmldate settings: publication date ("original"), from metadata only, no guessing in the text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True)
class Extracted:
    text: str  # "" when the page holds no main text (screening then quarantines it)
    title: str | None
    published_at: date | None


def extract_html(html: str) -> Extracted:
    """Main text of a saved page, without the headline line that repeats `title`."""
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        favor_precision=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if doc is None:
        return Extracted("", None, None)
    title = (doc.title or "").strip() or None
    return Extracted(_drop_headline(doc.text or "", title), title, _to_date(doc.date))


def _drop_headline(text: str, title: str | None) -> str:
    """trafilatura keeps the <h1> as the first body line; the title column already has it."""
    first, _, rest = text.partition("\n")
    return rest.lstrip("\n") if title and first.strip() == title else text


def _to_date(value: str | None) -> date | None:
    """htmldate returns ISO dates (YYYY-MM-DD)."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
