"""`khabar export`: a consistent snapshot of every table and view, one file each, for BI tools.

Consistency comes from DuckDB's file lock rather than from copying: the export opens the
warehouse read-only, which waits (up to --lock-timeout) while a run holds it, and a run that
starts meanwhile waits for the export (its own --lock-timeout). So every file shows the same
committed state, never half a run. Files are written to a staging folder inside --out and
moved into place one by one, `manifest.json` last, so a reader that sees a new manifest sees
the files it lists.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from flows.readonly import READ_ERRORS, add_warehouse_args, read_only, report_failure

FORMATS = {"parquet": "(FORMAT parquet)", "csv": "(FORMAT csv, HEADER true)"}
MANIFEST = "manifest.json"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write every table and view to Parquet or CSV files (a consistent snapshot)")
    p.add_argument("--format", choices=sorted(FORMATS), default="parquet")
    p.add_argument("--out", required=True, type=Path, help="folder for the files (created if missing)")
    add_warehouse_args(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        with read_only(args.db, args.lock_timeout) as con:
            manifest = export_snapshot(con, args.out, args.format)
    except (*READ_ERRORS, OSError) as exc:
        return report_failure("export", exc)
    total = sum(r["rows"] for r in manifest["relations"].values())
    print(f"exported {len(manifest['relations'])} tables and views ({total} rows) as {args.format} -> {args.out}")
    return 0


def relations(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(name, 'table' | 'view') of everything in schema main: tables first, then views."""
    return con.execute(
        "SELECT table_name, CASE table_type WHEN 'VIEW' THEN 'view' ELSE 'table' END AS kind "
        "FROM information_schema.tables WHERE table_schema = 'main' AND table_catalog = current_database() "
        "ORDER BY kind, table_name"
    ).fetchall()


def export_snapshot(con: duckdb.DuckDBPyConnection, out: Path, fmt: str) -> dict:
    """Write each table and view of `con` to `out/<name>.<fmt>`; returns the manifest written."""
    out.mkdir(parents=True, exist_ok=True)
    staging = out / f".partial-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    manifest: dict = {"format": fmt, "snapshot_at": datetime.now(timezone.utc).isoformat(), "relations": {}}
    try:
        con.execute("BEGIN TRANSACTION")  # one snapshot for all files
        for name, kind in relations(con):
            target = staging / f"{name}.{fmt}"
            quoted = str(target).replace("'", "''")
            con.execute(f"COPY (SELECT * FROM \"{name}\") TO '{quoted}' {FORMATS[fmt]}")
            rows = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            manifest["relations"][name] = {"kind": kind, "file": target.name, "rows": rows}
        manifest["latest_run_id"] = con.execute(
            "SELECT arg_max(run_id, started_at) FROM pipeline_runs WHERE status = 'completed'").fetchone()[0]
        con.execute("COMMIT")
        for entry in manifest["relations"].values():
            os.replace(staging / entry["file"], out / entry["file"])
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, default=str), encoding="utf-8")
        os.replace(staging / MANIFEST, out / MANIFEST)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest
