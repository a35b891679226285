"""The run report: markdown for Prefect, and an HTML page whose charts a real browser draws."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from flows.report import publish_report, render_markdown, write_report
from tests.bi_helpers import synthetic_warehouse

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; .ci/run installs it in CI)")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    db = str(folder / "w.duckdb")
    synthetic_warehouse(db)
    with duckdb.connect(db, read_only=True) as con:
        path, data = write_report(con, "r2", folder / "reports")
    return path, data


def test_page_and_latest_copy_are_written(report):
    path, _ = report
    assert path.name == "r2.html" and (path.parent / "latest.html").read_text() == path.read_text()
    page = path.read_text()
    assert "<td dir='auto'>r1</td><td dir='auto'>completed</td>" in page  # run history table
    assert "<script" not in page and "http" not in page.replace("http://www.w3.org/2000/svg", "")  # offline


def test_markdown_has_counts_and_failed_checks(report):
    path, data = report
    md = render_markdown(data, path)
    assert "| articles | 1 | 2 |" in md and "| mentions | 0 | 6 |" in md
    assert "| spans | offsets | body | 3 | yes |" in md and "## Quarantined (1)" in md
    assert "2 of 3 checks passed" in md and str(path) in md


def test_a_report_that_cannot_be_written_does_not_raise(tmp_path):
    con = duckdb.connect()  # no warehouse tables at all
    assert publish_report(con, "r1", tmp_path / "w.duckdb") is None


class Shapes(HTMLParser):
    """SVG elements of the rendered DOM, per chart."""

    def __init__(self) -> None:
        super().__init__()
        self.charts: list[dict[str, list[dict]]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        if tag == "svg":
            self.charts.append({"class": attrs.get("class", "")})
        elif self.charts and tag in ("rect", "polyline", "circle"):
            self.charts[-1].setdefault(tag, []).append(attrs)


def chromium(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", *args],
                          capture_output=True, text=True, timeout=120, check=True)


@needs_chromium
def test_chromium_draws_the_three_charts(report, tmp_path):
    path, _ = report
    dom = chromium(f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", path.as_uri()).stdout
    shapes = Shapes()
    shapes.feed(dom)
    entities, kinds, pass_rate = shapes.charts
    assert "bar-chart" in entities["class"] and "line-chart" in pass_rate["class"]
    assert len(entities["rect"]) == 4 and all(float(r["width"]) > 0 for r in entities["rect"])
    assert len(kinds["rect"]) == 1
    assert len(pass_rate["polyline"][0]["points"].split()) == 2 and len(pass_rate["circle"]) == 2
    shot = tmp_path / "report.png"
    chromium(f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,900", f"--screenshot={shot}",
             path.as_uri())
    assert shot.stat().st_size > 20_000  # a drawn page, not a blank one
