"""Read-only access to the warehouse for commands that only look (export, dq, report).

DuckDB lets one process write a database file, or any number read it, never both: a reader
waits, like a run does, while a run holds the file, and a run waits while a reader holds it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from flows.paths import DEFAULT_DB
from warehouse.loader import WarehouseLocked, connect

DEFAULT_WAIT = 60.0


def add_warehouse_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DB, help=f"DuckDB warehouse file (default: {DEFAULT_DB})")
    parser.add_argument("--lock-timeout", type=float, default=DEFAULT_WAIT,
                        help="seconds to wait while a run holds the warehouse")


@contextmanager
def read_only(db: str | Path, wait_seconds: float = DEFAULT_WAIT) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection, waiting up to `wait_seconds` for a running pipeline to finish."""
    if not Path(db).is_file():
        raise FileNotFoundError(f"no warehouse at {db} (run `khabar run` first)")
    con = connect(db, wait_seconds, read_only=True)
    try:
        yield con
    finally:
        con.close()


READ_ERRORS = (WarehouseLocked, FileNotFoundError, LookupError, duckdb.Error)


def report_failure(command: str, exc: BaseException) -> int:
    """The contract's failure shape for every command: one line on stderr, exit 1."""
    first = str(exc).splitlines()[0] if str(exc) else ""
    print(f"khabar {command} failed: {type(exc).__name__}: {first}", file=sys.stderr)
    return 1
