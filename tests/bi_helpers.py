"""A small web site on 127.0.0.1 for tests of live sources: never the internet."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0  # seconds before answering (time-outs)
    fail_first: int = 0  # answer 503 to this many requests first (retries)


@dataclass
class Site:
    base: str
    pages: dict[str, Page]
    requests: list[tuple[str, str]] = field(default_factory=list)  # path, user agent

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def local_site(pages: dict[str, Page]) -> Iterator[Site]:
    """Serve `pages` (path -> Page) on a free loopback port for the duration of the block."""
    site = Site("", pages)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            site.requests.append((self.path, self.headers.get("User-Agent", "")))
            page = site.pages.get(self.path)
            if page is None:
                self.send_error(404)
                return
            time.sleep(page.delay)
            if page.fail_first > 0:
                page.fail_first -= 1
                self.send_error(503)
                return
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            self.send_header("Content-Length", str(len(page.body)))
            self.end_headers()
            self.wfile.write(page.body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def rss(items: list[tuple[str, str]]) -> bytes:
    """An RSS 2.0 feed of (title, link) items."""
    entries = "".join(f"<item><title>{t}</title><link>{link}</link></item>" for t, link in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>أخبار</title>"
            f"<link>http://127.0.0.1/</link><description>d</description>{entries}</channel></rss>").encode()
