"""Scraper exports (JSON Lines, JSON) -> one record per article, or a reject with a reason.

Scrapers write many articles per file, with field names that vary by tool: text/body/content,
title/headline, url/link, published_at/date/published. A JSON file is a list of objects, an
object holding such a list (under "articles", "items", "data", ...), or a single article
object. Every record keeps a `locator` so the row can point back at it
(`source_uri = f"{path}#{locator}"`): `L<n>` is the 1-based line of a JSON Lines file, a JSON
Pointer (`/articles/3`) a place in a JSON document, None the whole file (a single object).
A malformed record (bad JSON line, not an object, no text) comes back as a `Rejection` with the
same locator: nothing is dropped silently.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from transforms.rejects import Rejection

# Field names, most specific first; the first non-empty one wins.
TEXT_FIELDS = ("text", "body", "content", "article_body", "articleBody", "maintext")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link", "source_url", "uri")
DATE_FIELDS = ("published_at", "date", "published", "date_published", "datePublished", "pubDate")
# Keys under which an export object keeps its list of articles.
LIST_FIELDS = ("articles", "items", "data", "records", "results", "entries", "posts")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jl")


@dataclass(frozen=True)
class Record:
    locator: str | None  # None: the record is the whole file
    text: str
    title: str | None
    url: str | None
    published_at: date | None


def parse_export(text: str, name: str) -> tuple[list[Record], list[Rejection]]:
    """Records and rejects of one export; `name` (the file name) tells JSON Lines from JSON."""
    records: list[Record] = []
    rejects: list[Rejection] = []
    for locator, item in _items(text, name):
        outcome = item if isinstance(item, Rejection) else _record(locator, item)
        (rejects if isinstance(outcome, Rejection) else records).append(outcome)
    return records, rejects


def _items(text: str, name: str) -> Iterator[tuple[str | None, Any]]:
    """(locator, parsed object or Rejection) for each record of the export."""
    if name.lower().endswith(JSONL_SUFFIXES):
        yield from _lines(text)
        return
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":  # several documents: JSON Lines under a .json name
            yield from _lines(text)
        else:
            yield None, Rejection("bad_json", f"{err.msg} at line {err.lineno} column {err.colno}")
        return
    key = next((k for k in LIST_FIELDS if isinstance(doc, dict) and isinstance(doc.get(k), list)), None)
    if key is not None:
        yield from ((f"/{key}/{i}", item) for i, item in enumerate(doc[key]))
    elif isinstance(doc, list):
        yield from ((f"/{i}", item) for i, item in enumerate(doc))
    else:
        yield None, doc


def _lines(text: str) -> Iterator[tuple[str, Any]]:
    """JSON Lines: one object per non-blank line."""
    for n, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                yield f"L{n}", json.loads(line)
            except json.JSONDecodeError as err:
                yield f"L{n}", Rejection("bad_json", f"{err.msg} at column {err.colno}", f"L{n}")


def _record(locator: str | None, item: Any) -> Record | Rejection:
    if not isinstance(item, dict):
        return Rejection("not_object", f"expected an object, got {type(item).__name__}", locator)
    text = _first(item, TEXT_FIELDS)
    if text is None:
        return Rejection("no_text", f"none of {', '.join(TEXT_FIELDS)} holds text", locator)
    return Record(
        locator, text, _first(item, TITLE_FIELDS), _first(item, URL_FIELDS), _date(item)
    )


def _first(item: dict[str, Any], fields: tuple[str, ...]) -> str | None:
    """The first field holding a non-blank string."""
    return next((v for f in fields if isinstance(v := item.get(f), str) and v.strip()), None)


def _date(item: dict[str, Any]) -> date | None:
    """ISO 8601 (2023-09-13, 2023-09-13T08:30:00Z) or RFC 2822 (RSS pubDate); else None."""
    value = _first(item, DATE_FIELDS)
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError):
        return None
