"""Ingest stage I/O: find the inputs, read their bytes, turn them into raw documents.

A source is a file named on the command line, found in a folder (recursively) or matched by
a glob. Each is hashed; a source whose (uri, sha256) was already loaded is `unchanged` and
one whose bytes were already loaded under another uri is a `duplicate`: neither is decoded
again. The rest are decoded by type (saved page, scraper export, plain text) and screened;
whatever cannot become a document is a quarantine row with a reason, never a silent drop.
"""

from __future__ import annotations

import glob
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from flows.fetch import fetch_sources, is_url
from transforms.arabic import arabic_shares
from transforms.decode import DecodeError, decode_bytes
from transforms.html_extract import extract_html
from transforms.records import JSONL_SUFFIXES, parse_export
from transforms.rejects import Rejection
from transforms.screening import DEFAULT_MAX_BYTES, screen, too_large

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
EXPORT_SUFFIXES = (*JSONL_SUFFIXES, ".json")

RAW_DOCS = {
    "source_uri": pl.Utf8,  # file path, or path#locator for a record of an export
    "file_uri": pl.Utf8,  # the source file the document came from
    "text": pl.Utf8,
    "title": pl.Utf8,
    "published_at": pl.Date,
    "encoding": pl.Utf8,
    "encoding_confidence": pl.Float64,  # 1 - charset-normalizer's chaos; 1.0 for a BOM
    "n_bytes": pl.Int64,
    "arabic_share": pl.Float64,
    "rejection": pl.Utf8,  # screening verdict: NULL = fine, else the reason code
    "rejection_detail": pl.Utf8,
}
SOURCE_ROWS = {
    "source_uri": pl.Utf8,
    "content_sha256": pl.Utf8,
    "status": pl.Utf8,  # unchanged / duplicate / quarantined, or NULL = to be decided by the load
    "encoding": pl.Utf8,
    "n_bytes": pl.Int64,
}
QUARANTINE = {"source_uri": pl.Utf8, "stage": pl.Utf8, "reason": pl.Utf8, "detail": pl.Utf8}


@dataclass(frozen=True)
class Source:
    uri: str  # as given: relative paths stay relative
    path: Path | None
    problem: Rejection | None = None


@dataclass
class Ingested:
    docs: pl.DataFrame  # RAW_DOCS
    sources: pl.DataFrame  # SOURCE_ROWS
    quarantine: pl.DataFrame  # QUARANTINE


def discover(patterns: list[str]) -> list[Source]:
    """Every input named by files, folders (recursive) or globs, sorted, each once.

    Symbolic links are followed only when their target stays inside the folder or glob
    root they were found under; others are reported, not read. URLs are fetched and stored
    raw first (flows/fetch.py): a Source then has uri=URL, path=the stored file.
    """
    found: dict[str, Source] = {}
    for pattern in patterns:
        if is_url(pattern):
            for item in fetch_sources(pattern):
                found.setdefault(item.uri, Source(item.uri, item.path, item.problem))
            continue
        path = Path(pattern)
        if path.is_dir():
            candidates = [Path(root) / name for root, _, names in os.walk(path) for name in names]
            root = path.resolve()
        elif glob.has_magic(pattern):
            candidates = [Path(p) for p in glob.glob(pattern, recursive=True) if not Path(p).is_dir()]
            root = _glob_root(pattern)
        elif path.exists() or path.is_symlink():
            candidates, root = [path], path.resolve().parent
        else:
            found.setdefault(pattern, Source(pattern, None, Rejection("not_found", "no such file, folder or glob match")))
            continue
        for candidate in sorted(candidates):
            if candidate.name.startswith("."):
                continue
            uri = str(candidate)
            if candidate.is_symlink() and not candidate.resolve().is_relative_to(root):
                found.setdefault(uri, Source(uri, None, Rejection("symlink_outside", f"points to {os.readlink(candidate)}")))
            else:
                found.setdefault(uri, Source(uri, candidate))
    return [found[uri] for uri in sorted(found)]


def _glob_root(pattern: str) -> Path:
    """The folder a glob searches under: its leading path parts without wildcards."""
    parts = Path(pattern).parts
    fixed = parts[: next(i for i, p in enumerate(parts) if glob.has_magic(p))]
    return Path(*fixed).resolve() if fixed else Path.cwd()


def _documents(source: Source, data: bytes) -> tuple[list[dict], list[Rejection]]:
    """Raw documents of one readable source, by file type."""
    decoded = decode_bytes(data)
    suffix = source.path.suffix.lower() if source.path else ""
    base = {"file_uri": source.uri, "encoding": decoded.encoding, "encoding_confidence": decoded.confidence,
            "n_bytes": len(data)}
    if suffix in HTML_SUFFIXES:
        page = extract_html(decoded.text)
        return [{**base, "source_uri": source.uri, "text": page.text, "title": page.title, "published_at": page.published_at}], []
    if suffix in EXPORT_SUFFIXES:
        records, rejects = parse_export(decoded.text, source.uri)
        docs = [
            {
                **base,
                "source_uri": f"{source.uri}#{r.locator}" if r.locator else source.uri,
                "text": r.text,
                "title": r.title,
                "published_at": r.published_at,
            }
            for r in records
        ]
        return docs, rejects
    return [{**base, "source_uri": source.uri, "text": decoded.text, "title": None, "published_at": None}], []


def read_sources(
    sources: list[Source],
    known: dict[str, str],
    known_hashes: set[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Ingested:
    """Read, hash, decode and screen a batch of sources.

    `known` maps uri -> sha256 of sources already loaded; `known_hashes` holds every loaded
    sha256 (to spot the same bytes under another name). Statuses decided here: unchanged,
    duplicate, quarantined; the rest are settled at load time (loaded or duplicate).
    """
    docs: list[dict] = []
    src_rows: list[dict] = []
    quarantine: list[dict] = []

    def reject(uri: str, stage: str, rejection: Rejection) -> None:
        target = f"{uri}#{rejection.locator}" if rejection.locator else uri
        quarantine.append({"source_uri": target, "stage": stage, "reason": rejection.reason, "detail": rejection.detail})

    for source in sources:
        row = {"source_uri": source.uri, "content_sha256": None, "status": None, "encoding": None, "n_bytes": None}
        src_rows.append(row)
        if source.problem or source.path is None:
            row["status"] = "quarantined"
            reject(source.uri, "ingest", source.problem or Rejection("unreadable"))
            continue
        try:
            size = source.path.stat().st_size
            if rejection := too_large(size, max_bytes):
                row.update(status="quarantined", n_bytes=size)
                reject(source.uri, "ingest", rejection)
                continue
            data = source.path.read_bytes()
        except OSError as exc:
            row["status"] = "quarantined"
            reject(source.uri, "ingest", Rejection("unreadable", str(exc)))
            continue
        sha = hashlib.sha256(data).hexdigest()
        row.update(content_sha256=sha, n_bytes=len(data))
        if known.get(source.uri) == sha:
            row["status"] = "unchanged"
            continue
        if sha in known_hashes:
            row["status"] = "duplicate"
            continue
        known_hashes.add(sha)  # a second copy later in this run is a duplicate too
        try:
            found, rejects = _documents(source, data)
        except DecodeError as exc:
            row["status"] = "quarantined"
            reject(source.uri, "ingest", Rejection(exc.reason, exc.detail))
            continue
        row["encoding"] = found[0]["encoding"] if found else None
        for rejection in rejects:
            reject(source.uri, "ingest", rejection)
        if not found:
            row["status"] = "quarantined"
            if not rejects:
                reject(source.uri, "ingest", Rejection("empty", "no records"))
        for doc in found:
            verdict = screen(doc["text"], max_bytes=max_bytes)
            doc["rejection"] = verdict.reason if verdict else None
            doc["rejection_detail"] = verdict.detail if verdict else None
            docs.append(doc)
    docs_frame = pl.DataFrame(docs, schema=RAW_DOCS)
    return Ingested(
        docs_frame.with_columns(arabic_shares(docs_frame["text"]).alias("arabic_share")),
        pl.DataFrame(src_rows, schema=SOURCE_ROWS),
        pl.DataFrame(quarantine, schema=QUARANTINE),
    )
