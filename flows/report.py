"""The run report: a Prefect markdown artifact and a self-contained HTML page with charts.

Read from the warehouse through the connection it is given (the run's own, after its
commit), so the report shows exactly what landed. Pages go beside the warehouse file, in
`reports/<run_id>.html` and `reports/latest.html`; charts are inline SVG (flows/charts.py),
so a page opens offline and can be mailed or kept as a CI artifact.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path

import duckdb

from flows.charts import bar_chart, line_chart
from warehouse.loader import CONTENT_TABLES

ARTIFACT_KEY = "khabar-run-report"
TOP_ENTITIES = 15
PASS_RATE_RUNS = 30
RECENT_RUNS = 10
LIST_LIMIT = 50

log = logging.getLogger(__name__)


@dataclass
class ReportData:
    run: dict  # the run's row of v_run_history
    counts: list[tuple[str, int, int]]  # table, added by the run, total
    failed_checks: list[tuple]  # suite, expectation, column, unexpected, blocking
    quarantined: list[tuple]  # source_uri, stage, reason
    top_entities: list[tuple[str, float]]
    quantity_kinds: list[tuple[str, float]]
    pass_rates: list[tuple[str, float]]  # run_id, share of checks passed, oldest first
    recent_runs: list[tuple]  # run_id, status, started_at, duration_s, articles added, checks passed, error


def report_dir(db: str | Path) -> Path:
    return Path(db).parent / "reports"


def gather(con: duckdb.DuckDBPyConnection, run_id: str) -> ReportData:
    """Everything the report shows about `run_id`, and the warehouse around it."""
    cur = con.execute("SELECT * FROM v_run_history WHERE run_id = ?", [run_id])
    row = cur.fetchone()
    if row is None:
        raise LookupError(f"no run {run_id} in pipeline_runs")
    run = dict(zip([d[0] for d in cur.description], row))
    totals = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in CONTENT_TABLES}

    def rows(sql: str, params: list | None = None) -> list[tuple]:
        return con.execute(sql, params or []).fetchall()

    return ReportData(
        run=run,
        counts=[(t, run.get(f"n_{t}") or 0, totals[t]) for t in CONTENT_TABLES],
        failed_checks=rows(
            "SELECT suite, expectation, coalesce(column_name, ''), unexpected_count, blocking FROM v_dq_results "
            "WHERE run_id = ? AND NOT success ORDER BY blocking DESC, suite, expectation", [run_id]),
        quarantined=rows(
            "SELECT source_uri, stage, reason || coalesce(' (' || detail || ')', '') FROM quarantine "
            f"WHERE run_id = ? ORDER BY source_uri LIMIT {LIST_LIMIT}", [run_id]),
        top_entities=rows(
            "SELECT canonical_name || ' (' || type || ')', n_mentions FROM entities "
            f"ORDER BY n_mentions DESC, canonical_name LIMIT {TOP_ENTITIES}"),
        quantity_kinds=rows("SELECT kind, count(*) AS n FROM quantities GROUP BY kind ORDER BY n DESC, kind"),
        pass_rates=rows(
            "SELECT run_id, dq_pass_rate FROM (SELECT run_id, started_at, dq_pass_rate FROM v_run_history "
            f"WHERE n_checks > 0 ORDER BY started_at DESC LIMIT {PASS_RATE_RUNS}) ORDER BY started_at"),
        recent_runs=rows(
            "SELECT run_id, status, started_at, round(duration_s, 1), n_articles, "
            "n_checks_passed || ' / ' || n_checks, error FROM v_run_history "
            f"LIMIT {RECENT_RUNS}"),
    )


def _html_table(header: tuple[str, ...], rows: list[tuple]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td dir='auto'>{escape(_cell(c))}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _md_table(header: tuple[str, ...], rows: list[tuple]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c).replace("|", "\\|") for c in r) + " |" for r in rows]
    return "\n".join(lines)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M:%S}"
    return str(value)


COUNT_HEADER = ("table", "added", "total")
CHECK_HEADER = ("suite", "expectation", "column", "unexpected", "blocking")
QUARANTINE_HEADER = ("source", "stage", "reason")
RUNS_HEADER = ("run", "status", "started", "seconds", "articles added", "checks passed", "error")


def _headline(data: ReportData) -> str:
    run = data.run
    checks = f"{run['n_checks_passed'] or 0} of {run['n_checks'] or 0} checks passed"
    sources = ", ".join(f"{run[f'n_sources_{s}'] or 0} {s}" for s in ("loaded", "unchanged", "duplicate", "quarantined"))
    return f"{run['status']} in {run['duration_s'] or 0:.1f} s; sources: {sources}; {checks}"


def render_html(data: ReportData, data_docs: str | None = None) -> str:
    """The page; `data_docs` is a link to the run's GX Data Docs, relative to the page."""
    run_id = escape(data.run["run_id"])
    docs = f"<p><a href='{escape(data_docs)}'>Great Expectations Data Docs of this run</a></p>" if data_docs else ""
    sections = [
        f"<h1>Khabar run {run_id}</h1><p class='headline'>{escape(_headline(data))}</p>{docs}",
        "<div class='charts'>",
        bar_chart("Top entities (all runs, by mentions)", data.top_entities),
        bar_chart("Quantities by kind (all runs)", data.quantity_kinds),
        line_chart("Data-quality pass rate across runs", data.pass_rates),
        "</div>",
        "<h2>Rows</h2>", _html_table(COUNT_HEADER, data.counts),
        f"<h2>Failed checks ({len(data.failed_checks)})</h2>",
        _html_table(CHECK_HEADER, data.failed_checks) if data.failed_checks else "<p>None.</p>",
        f"<h2>Quarantined ({len(data.quarantined)})</h2>",
        _html_table(QUARANTINE_HEADER, data.quarantined) if data.quarantined else "<p>None.</p>",
        "<h2>Recent runs (failed ones included)</h2>", _html_table(RUNS_HEADER, data.recent_runs),
    ]
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Khabar run {run_id}</title>
<style>
body {{ font-family: 'DejaVu Sans', 'Noto Sans Arabic', Arial, sans-serif; margin: 2em; color: #222; }}
.charts {{ display: flex; flex-wrap: wrap; gap: 2em; margin: 1em 0; }}
table {{ border-collapse: collapse; margin-bottom: 1em; }}
th, td {{ border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: start; }}
th {{ background: #f0f0f0; }}
</style></head>
<body>
{''.join(sections)}
</body></html>
"""


def render_markdown(data: ReportData, page: Path | None) -> str:
    parts = [f"# Khabar run {data.run['run_id']}", _headline(data), "## Rows", _md_table(COUNT_HEADER, data.counts),
             f"## Failed checks ({len(data.failed_checks)})"]
    if data.failed_checks:
        parts.append(_md_table(CHECK_HEADER, data.failed_checks))
    parts.append(f"## Quarantined ({len(data.quarantined)})")
    if data.quarantined:
        parts.append(_md_table(QUARANTINE_HEADER, data.quarantined))
    if page:
        parts.append(f"HTML report with charts: `{page}`")
    return "\n\n".join(parts)


def write_report(con: duckdb.DuckDBPyConnection, run_id: str, out_dir: Path,
                 data_docs: str | None = None) -> tuple[Path, ReportData]:
    """Write `<run_id>.html` and `latest.html` into `out_dir`, linking to `data_docs` if given."""
    data = gather(con, run_id)
    page = render_html(data, Path(os.path.relpath(data_docs, out_dir)).as_posix() if data_docs else None)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{run_id}.html"
    path.write_text(page, encoding="utf-8")
    (out_dir / "latest.html").write_text(page, encoding="utf-8")
    return path, data


def publish_report(con: duckdb.DuckDBPyConnection, run_id: str, db: str | Path,
                   data_docs: str | None = None) -> str | None:
    """HTML page and Prefect artifact of a committed run; the page's path, or None.

    Never raises: the run is already committed, and a report that cannot be written must not
    turn it into a failed run. Problems are logged instead.
    """
    from prefect.artifacts import create_markdown_artifact

    try:
        path, data = write_report(con, run_id, report_dir(db), data_docs)
    except Exception:  # noqa: BLE001 - see docstring
        log.warning("could not write the report of run %s", run_id, exc_info=True)
        return None
    try:
        create_markdown_artifact(markdown=render_markdown(data, path), key=ARTIFACT_KEY,
                                 description=f"Khabar run {run_id}")
    except Exception:  # noqa: BLE001 - see docstring
        log.warning("could not create the Prefect artifact of run %s", run_id, exc_info=True)
    return str(path)
