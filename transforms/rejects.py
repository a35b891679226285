"""Why an input or a record is refused: the row the ingest stage writes to `quarantine`.

One shape for every ingestion check (decoding, record parsing, junk screening), so wiring is
one line: `reason` is a stable code for grouping and DQ checks, `detail` is for humans, and
`locator` (a JSONL line or JSON pointer, when the reject is one record of a file) is appended
to the source path as `f"{path}#{locator}"`.
"""

from __future__ import annotations

from typing import NamedTuple


class Rejection(NamedTuple):
    reason: str
    detail: str | None = None
    locator: str | None = None
