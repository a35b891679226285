"""Time whole `khabar run`s on benchmark corpora, the way a user runs them.

Each size runs as its own `khabar run` process on a fresh warehouse, while the peak
resident memory of the process tree (the flow, its workers and, when it starts one,
Prefect's temporary server) is sampled. From the warehouse it reads back the run's
counts and its per-stage seconds (`run_stages`). With two or more sizes it derives the
marginal rate (extra articles per extra second between the two largest sizes) and the fixed
start-up cost (the intercept of that line; with a size-1 corpus, also that run's wall time).

    .venv/bin/python benchmarks/run_benchmark.py --sizes 1 1000 10000 [--runner process]

The Prefect API is whatever the environment says: PREFECT_API_URL for a running server,
else Prefect starts a temporary one per run (its cost lands in the start-up). The JSON goes
to benchmarks/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

import duckdb
import psutil

ROOT = Path(__file__).resolve().parent
REPO = ROOT.parent
CORPORA = ROOT / "corpora"
RESULTS = ROOT / "results"
KHABAR = Path(sys.executable).with_name("khabar")


class PeakRss:
    """Samples the summed RSS of a process and all its descendants until stopped; keeps the
    peak, each process's share at that moment, and the writer's (root process's) own peak."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self.at_peak: dict[str, int] = {}
        self.writer_peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                tree = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            sizes = {("writer" if p.pid == self.root.pid else f"child {p.pid}"): _rss(p) for p in tree}
            self.writer_peak = max(self.writer_peak, sizes.get("writer", 0))
            if sum(sizes.values()) > self.peak:
                self.peak, self.at_peak = sum(sizes.values()), sizes
            time.sleep(self.interval)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def _rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.Error:
        return 0


def run_once(corpus: Path, workdir: Path, extra: list[str]) -> dict:
    """One `khabar run` on `corpus` into a fresh warehouse: wall time, peak RSS, what it did."""
    db = workdir / f"{corpus.name}.duckdb"
    command = [str(KHABAR), "run", "--source", str(corpus), "--db", str(db), *extra]
    load_before = os.getloadavg()
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sampler = PeakRss(process.pid)
    output, _ = process.communicate()
    wall = time.perf_counter() - started
    peak = sampler.stop()
    if process.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{output[-3000:]}")
    with duckdb.connect(str(db), read_only=True) as con:
        run_id, flow_seconds, articles, tokens = con.execute(
            "SELECT run_id, epoch(finished_at - started_at), n_articles, n_tokens FROM pipeline_runs"
        ).fetchone()
        stages = dict(con.execute("SELECT stage, seconds FROM run_stages WHERE run_id = ? ORDER BY stage", [run_id]).fetchall())
    total_stage = sum(stages.values())
    return {
        "corpus": str(corpus.relative_to(REPO) if corpus.is_relative_to(REPO) else corpus),
        "command": " ".join(command[1:]),
        "wall_s": round(wall, 2),
        "flow_s": round(flow_seconds, 2),
        "outside_flow_s": round(wall - flow_seconds, 2),
        "articles": articles,
        "tokens": tokens,
        "articles_per_s": round(articles / wall, 2),
        "tokens_per_s": round(tokens / wall),
        "peak_rss_mb": round(peak / 2**20),
        "rss_at_peak_mb": {name: round(size / 2**20) for name, size in sampler.at_peak.items()},
        "writer_peak_rss_mb": round(sampler.writer_peak / 2**20),
        "stage_seconds": {k: round(v, 2) for k, v in stages.items()},
        "checks_share": round(stages.get("checks", 0.0) / total_stage, 3) if total_stage else None,
        "load_avg_before": [round(x, 2) for x in load_before],
        "load_avg_after": [round(x, 2) for x in os.getloadavg()],
    }


def derived(runs: list[dict]) -> dict:
    """Marginal rate and fixed start-up from the two largest runs (and the smallest, if 1 article)."""
    if len(runs) < 2:
        return {}
    small, big = sorted(runs, key=lambda r: r["articles"])[-2:]
    rate = (big["articles"] - small["articles"]) / (big["wall_s"] - small["wall_s"])
    out = {
        "marginal_articles_per_s": round(rate, 1),
        "marginal_tokens_per_s": round((big["tokens"] - small["tokens"]) / (big["wall_s"] - small["wall_s"])),
        "startup_intercept_s": round(small["wall_s"] - small["articles"] / rate, 1),
    }
    smallest = min(runs, key=lambda r: r["articles"])
    if smallest["articles"] <= 1:
        out["startup_one_article_s"] = smallest["wall_s"]
    return out


def machine() -> dict:
    model = next((line.split(":", 1)[1].strip() for line in subprocess.run(
        ["lscpu"], capture_output=True, text=True).stdout.splitlines() if line.startswith("Model name")), platform.processor())
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30),
        "python": platform.python_version(),
        "prefect_api": os.environ.get("PREFECT_API_URL") or "temporary server per run",
        "prefect_home": os.environ.get("PREFECT_HOME", "~/.prefect"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 1000, 10_000],
                        help="corpora under benchmarks/corpora/<size> (generate_corpus.py)")
    parser.add_argument("--label", default="run", help="name part of the results file")
    parser.add_argument("--workdir", type=Path, default=None, help="where the warehouses go (default: a temp dir)")
    args, extra = parser.parse_known_args()  # the rest goes to `khabar run` (--runner, --batch-size, ...)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="khabar-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    runs = []
    for size in args.sizes:
        result = run_once(CORPORA / str(size), workdir, extra)
        print(json.dumps(result, ensure_ascii=False), flush=True)
        runs.append(result)
    report = {"label": args.label, "at": datetime.now().isoformat(timespec="seconds"), "machine": machine(),
              "khabar_args": extra, "runs": runs, **derived(runs)}
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{datetime.now():%Y%m%dT%H%M%S}-{args.label}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "runs"}, ensure_ascii=False, indent=2))
    print(f"-> {out}")


if __name__ == "__main__":
    main()
