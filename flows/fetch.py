"""Live sources: article URLs and RSS/Atom feeds, fetched politely and stored raw first.

A `--source` that starts with http:// or https:// is fetched here. A feed (anything
feedparser recognises as RSS or Atom) stands for its entries: each entry's link is fetched
as an article. Every response body is written to `<raw dir>/<host>/<sha256>.<ext>` before
anything reads it, and `<raw dir>/.fetch-log.jsonl` maps each file back to its URL, so a run
can be replayed from disk (`khabar run --source "warehouse/raw/**/*.html"`; feeds are kept
as .xml beside the articles, for the record). The ingest stage reads the stored file with
`source_uri` = the URL. A URL that cannot be fetched (down, time-out,
HTTP error, too large) becomes a quarantined source with the reason, never a failed run.

Settings come from the environment so scheduled runs can set them too: KHABAR_RAW_DIR
(default warehouse/raw), KHABAR_FETCH_TIMEOUT (seconds, default 10), KHABAR_FETCH_ATTEMPTS
(default 3), KHABAR_CONTACT (an e-mail or URL for the User-Agent, so sites can reach us).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import httpx

from transforms.rejects import Rejection

DEFAULT_RAW_DIR = "warehouse/raw"
FETCH_LOG = ".fetch-log.jsonl"  # a dot file: replaying the raw folder does not ingest it
MAX_BYTES = 20_000_000
RETRY_STATUS = {429, 500, 502, 503, 504}
SUFFIXES = {"html": ".html", "xhtml": ".html", "json": ".json", "ndjson": ".jsonl", "jsonl": ".jsonl",
            "xml": ".xml", "rss": ".xml", "atom": ".xml", "plain": ".txt"}


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 10.0
    attempts: int = 3
    backoff: float = 0.5  # seconds before the 2nd attempt, doubled for each further one
    user_agent: str = "Khabar/0.1 (+contact)"
    raw_dir: Path = Path(DEFAULT_RAW_DIR)

    @classmethod
    def from_env(cls) -> FetchPolicy:
        env = os.environ
        return cls(
            timeout=float(env.get("KHABAR_FETCH_TIMEOUT", cls.timeout)),
            attempts=max(1, int(env.get("KHABAR_FETCH_ATTEMPTS", cls.attempts))),
            user_agent=f"Khabar/0.1 (+{env.get('KHABAR_CONTACT', 'contact')})",
            raw_dir=Path(env.get("KHABAR_RAW_DIR", DEFAULT_RAW_DIR)),
        )


@dataclass(frozen=True)
class Fetched:
    uri: str  # the URL as given (or as the feed links it)
    path: Path | None  # the stored raw body; None when it could not be fetched
    problem: Rejection | None = None


class FetchError(Exception):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.rejection = Rejection(reason, detail)


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def fetch_sources(url: str, policy: FetchPolicy | None = None) -> list[Fetched]:
    """The articles behind `url`: itself, or each entry of the feed it is."""
    policy = policy or FetchPolicy.from_env()
    with httpx.Client(timeout=policy.timeout, follow_redirects=True,
                      headers={"User-Agent": policy.user_agent}) as client:
        try:
            path, body = _fetch(client, url, policy)
        except FetchError as exc:
            return [Fetched(url, None, exc.rejection)]
        feed = feedparser.parse(io.BytesIO(body))  # bytes, never taken for a URL or path
        if not feed.version:
            return [Fetched(url, path)]
        if not feed.entries:
            return [Fetched(url, None, Rejection("empty_feed", f"{feed.version} feed without entries"))]
        return [_entry(client, url, i, entry, policy) for i, entry in enumerate(feed.entries)]


def _entry(client: httpx.Client, feed_url: str, i: int, entry: dict, policy: FetchPolicy) -> Fetched:
    link = entry.get("link")
    if not link:
        return Fetched(f"{feed_url}#entry-{i}", None, Rejection("no_link", entry.get("title")))
    try:
        return Fetched(link, _fetch(client, link, policy)[0])
    except FetchError as exc:
        return Fetched(link, None, exc.rejection)


def _fetch(client: httpx.Client, url: str, policy: FetchPolicy) -> tuple[Path, bytes]:
    """GET with retries and back-off; the body stored raw. Raises FetchError."""
    error = FetchError("fetch_failed", "not attempted")
    for attempt in range(policy.attempts):
        if attempt:
            time.sleep(policy.backoff * 2 ** (attempt - 1))
        try:
            response = client.get(url)
        except httpx.TimeoutException as exc:
            error = FetchError("fetch_timeout", f"no answer within {policy.timeout:g}s ({type(exc).__name__})")
            continue
        except httpx.HTTPError as exc:
            error = FetchError("fetch_failed", f"{type(exc).__name__}: {exc}")
            continue
        if response.status_code in RETRY_STATUS:
            error = FetchError("fetch_failed", f"HTTP {response.status_code}")
            continue
        if response.is_error:
            _log(policy, url, status=response.status_code)
            raise FetchError("fetch_failed", f"HTTP {response.status_code}")
        if len(response.content) > MAX_BYTES:
            _log(policy, url, status=response.status_code, error="too large")
            raise FetchError("too_large", f"{len(response.content)} bytes, more than {MAX_BYTES}")
        return _store(policy, url, response), response.content
    _log(policy, url, error=str(error))
    raise FetchError(error.rejection.reason, f"{error.rejection.detail} after {policy.attempts} attempts")


def _store(policy: FetchPolicy, url: str, response: httpx.Response) -> Path:
    body = response.content
    sha = hashlib.sha256(body).hexdigest()
    folder = policy.raw_dir / (urlsplit(url).netloc.replace(":", "_") or "unknown-host")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{sha}{_suffix(response)}"
    if not path.exists():
        tmp = path.with_suffix(".partial")
        tmp.write_bytes(body)
        os.replace(tmp, path)
    _log(policy, url, status=response.status_code, final_url=str(response.url),
         content_type=response.headers.get("content-type"), sha256=sha, path=str(path))
    return path


def _suffix(response: httpx.Response) -> str:
    """File suffix from the media type, so the ingest stage decodes the body by its kind."""
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    for part in media.rsplit("/", 1)[-1].split("+"):  # rss+xml, xhtml+xml, ...
        if part in SUFFIXES:
            return SUFFIXES[part]
    return ".html" if response.content.lstrip()[:1] == b"<" else ".txt"


def _log(policy: FetchPolicy, url: str, **fields: object) -> None:
    policy.raw_dir.mkdir(parents=True, exist_ok=True)
    line = {"url": url, "fetched_at": datetime.now(timezone.utc).isoformat(), **fields}
    with open(policy.raw_dir / FETCH_LOG, "a", encoding="utf-8") as log:
        log.write(json.dumps(line, ensure_ascii=False) + "\n")
