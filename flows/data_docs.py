"""GX Data Docs of a run: a static site built by GX from the run's own validation results.

After a run commits, its results (one merged result per suite, expectations/validation_log.py)
and the suites they came from go into an in-memory GX context (a file-backed one would only
add a temporary folder to clean up) whose only Data Docs site writes to
`<warehouse folder>/data_docs/<run_id>/`; `data_docs/latest` links to the newest run's.

GX pages take their styling, status icons and the index table's script from CDNs. Offline,
pages still read as plain HTML, but without icons and with an empty index table: so every
page gets text marks for the pass/fail icons, and the index a plain list of the run's
validation pages. The 4 MB of fonts and GIFs GX copies into `static/` are dropped: the pages
use none of them but the favicon. Building never fails a run: problems are logged.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from datetime import datetime, timezone
from html import escape
from pathlib import Path

from expectations.validation_log import ValidationLog

SITE = "khabar"
# Pass/fail marks that need no icon font (the same with it: these rules come last).
ICON_MARKS = ("<style>.fas.fa-check-circle::before{content:'\\2714'}"
              ".fas.fa-times::before{content:'\\2718'}</style>")
LATEST = "latest"

log = logging.getLogger(__name__)


def docs_root(db: str | Path) -> Path:
    return Path(db).parent / "data_docs"


def index_page(db: str | Path, run_id: str) -> Path:
    return docs_root(db) / run_id / "index.html"


def build_site(validations: ValidationLog, run_id: str, out: Path) -> Path:
    """Render `validations` into a Data Docs site in `out` (replaced); its index page."""
    # GX is imported here, not at module level: `khabar dq` only needs the paths above.
    import great_expectations as gx
    from great_expectations.core.expectation_validation_result import ExpectationSuiteValidationResultSchema
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
        ValidationResultIdentifier,
    )
    from great_expectations.data_context.types.base import DataContextConfig, InMemoryStoreBackendDefaults
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    shutil.rmtree(out, ignore_errors=True)
    site = {
        "class_name": "SiteBuilder",
        "show_how_to_buttons": False,
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(out.resolve())},
    }
    config = DataContextConfig(store_backend_defaults=InMemoryStoreBackendDefaults(), data_docs_sites={SITE: site})
    context = gx.get_context(project_config=config, mode="ephemeral")
    run = RunIdentifier(run_name=run_id, run_time=datetime.now(timezone.utc))
    schema = ExpectationSuiteValidationResultSchema()
    for name, result in validations.suites.items():
        configs = [
            ExpectationConfiguration(type=c["type"], kwargs={k: v for k, v in c["kwargs"].items() if k != "batch_id"},
                                     meta=c.get("meta"))
            for c in (r["expectation_config"] for r in result["results"])
        ]
        context.suites.add(gx.ExpectationSuite(name=name, expectations=[c.to_domain_obj() for c in configs]))
        key = ValidationResultIdentifier(ExpectationSuiteIdentifier(name=name), run, "run")
        meta = {**result["meta"], "run_id": run.to_json_dict()}
        context.validation_results_store.set(key, schema.load({**result, "meta": meta}))
    context.build_data_docs(site_names=[SITE])
    return _readable_offline(validations, run_id, out)


def _readable_offline(validations: ValidationLog, run_id: str, out: Path) -> Path:
    """Icon marks in every page, the plain list in the index, no unused static files."""
    shutil.rmtree(out / "static", ignore_errors=True)
    for page in out.rglob("*.html"):
        page.write_text(page.read_text(encoding="utf-8").replace("</head>", ICON_MARKS + "</head>", 1), encoding="utf-8")
    index = out / "index.html"
    page = index.read_text(encoding="utf-8")
    index.write_text(page.replace("</body>", _plain_index(validations, run_id, out) + "</body>", 1), encoding="utf-8")
    return index


def _plain_index(validations: ValidationLog, run_id: str, out: Path) -> str:
    """The run's validation pages as a plain list, readable without the CDN scripts."""
    pages = {p.relative_to(out / "validations").parts[0]: p.relative_to(out) for p in out.glob("validations/**/*.html")}
    items = []
    for name, result in validations.suites.items():
        met, total = result["statistics"]["successful_expectations"], result["statistics"]["evaluated_expectations"]
        label = f"{name}: {'passed' if result['success'] else 'FAILED'}, {met} of {total} expectations met"
        href = pages.get(name)
        items.append(f"<li><a href='{escape(href.as_posix())}'>{escape(label)}</a></li>" if href else
                     f"<li>{escape(label)}</li>")
    return (f"<section class='container-fluid pl-5'><h2>Run {escape(run_id)}: validation results</h2>"
            f"<ul>{''.join(items)}</ul></section>")


def _link_latest(root: Path, run_id: str) -> None:
    """Point `root/latest` at the run's folder, replacing the old link in one step."""
    tmp = root / f".{LATEST}.{run_id}"
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(run_id, target_is_directory=True)
    os.replace(tmp, root / LATEST)


def publish_data_docs(validations: ValidationLog, run_id: str, db: str | Path) -> str | None:
    """Build the Data Docs of a committed run; the index page's path, or None.

    Never raises: the run is already committed, and docs that cannot be built must not turn
    it into a failed run.
    """
    started = time.perf_counter()
    try:
        root = docs_root(db)
        index = build_site(validations, run_id, root / run_id)
        _link_latest(root, run_id)
    except Exception:  # noqa: BLE001 - see docstring
        log.warning("could not build the Data Docs of run %s", run_id, exc_info=True)
        return None
    log.info("Data Docs of run %s built in %.2f s: %s", run_id, time.perf_counter() - started, index)
    return str(index)
