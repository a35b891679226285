"""`khabar dq`: the data-quality results of one run (default: the latest), failures first."""

from __future__ import annotations

import argparse

import duckdb

from flows.data_docs import index_page
from flows.readonly import READ_ERRORS, add_warehouse_args, read_only, report_failure

COLUMNS = ("suite", "expectation", "column", "result", "unexpected", "blocking")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("dq", help="print the data-quality results of a run (default: the latest)")
    p.add_argument("--run", metavar="RUN_ID", help="run id as in pipeline_runs (default: the latest with results)")
    add_warehouse_args(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        with read_only(args.db, args.lock_timeout) as con:
            run_id, rows = dq_results(con, args.run)
    except READ_ERRORS as exc:
        return report_failure("dq", exc)
    failed = [r for r in rows if r[3] == "FAIL"]
    blocking = [r for r in failed if r[5] == "yes"]
    print(f"run {run_id}: {len(rows)} checks, {len(failed)} failed ({len(blocking)} blocking)")
    print(format_table(COLUMNS, rows))
    if (docs := index_page(args.db, run_id)).exists():
        print(f"data docs: {docs}")
    return 0


def dq_results(con: duckdb.DuckDBPyConnection, run_id: str | None) -> tuple[str, list[tuple[str, ...]]]:
    """The run's checks as printable rows, failed ones first; LookupError when it has none."""
    if run_id is None:
        run_id = con.execute("SELECT arg_max(run_id, checked_at) FROM dq_results").fetchone()[0]
        if run_id is None:
            raise LookupError("the warehouse holds no data-quality results yet")
    rows = con.execute(
        """
        SELECT suite, expectation, coalesce(column_name, ''),
               CASE WHEN success THEN 'ok' ELSE 'FAIL' END,
               coalesce(CAST(unexpected_count AS VARCHAR), ''),
               CASE WHEN blocking THEN 'yes' ELSE 'no' END
        FROM v_dq_results WHERE run_id = ?
        ORDER BY success, blocking DESC, suite, expectation, column_name
        """,
        [run_id],
    ).fetchall()
    if not rows:
        status = con.execute("SELECT status || coalesce(': ' || error, '') FROM pipeline_runs WHERE run_id = ?",
                             [run_id]).fetchone()
        raise LookupError(f"run {run_id} has no data-quality results" + (f" (run {status[0]})" if status else
                                                                          " (no such run)"))
    return run_id, rows


def format_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """Left-aligned plain-text columns, wide enough for their longest cell."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)]
    return "\n".join("  ".join(str(cell).ljust(w) for cell, w in zip(line, widths)).rstrip()
                     for line in [header, *rows])
