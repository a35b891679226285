"""`khabar eval-quantities` (score the quantity annotator on its development set) and
`khabar bench-quantities` (its throughput in tokens/s)."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from flows.paths import REPO_ROOT, anercorp_path

FIXTURES = REPO_ROOT / "tests" / "fixtures"
SETS = {
    "seeds": "quantities_seeds.json",
    "other sentences (ANERcorp train, development)": "quantities_anercorp.json",
    "second development set (ANERcorp train, scored blind once, then tuned on)": "quantities_dev2.json",
    "held-out set 1 (ANERcorp train, annotated blind; first score F1 0.945, tuned on since)": "quantities_blind.json",
    "held-out set 2 (ANERcorp train, annotated blind; first score F1 0.836, tuned on since)": "quantities_blind2.json",
    "held-out set 3 (ANERcorp train, annotated blind; first score F1 0.841, tuned on since)": "quantities_blind3.json",
    "held-out set 4 (ANERcorp train, annotated blind; first score F1 0.860, tuned on since)": "quantities_blind4.json",
    "held-out set 5 (ANERcorp train, annotated blind; first score F1 0.839, tuned on since)": "quantities_blind5.json",
    "held-out set 6 (ANERcorp train, annotated blind; first score F1 0.925, tuned on since)": "quantities_blind6.json",
    "held-out set 7 (ANERcorp train, annotated blind; first score F1 0.806, tuned on since)": "quantities_blind7.json",
    "held-out set 8 (ANERcorp train, annotated blind; first score F1 0.926, tuned on since)": "quantities_blind8.json",
    "other genres (sentences written for the set, annotated blind; first score F1 0.976, tuned on since)": "quantities_genres.json",
    "held-out set 9 (ANERcorp train, annotated blind; first score F1 0.930, tuned on since)": "quantities_blind9.json",
    "held-out set 10 (ANERcorp train, annotated blind; first score F1 0.840, tuned on since)": "quantities_blind10.json",
    "held-out set 11 (ANERcorp train, annotated blind; first score F1 0.884, tuned on since)": "quantities_blind11.json",
    "held-out set 12 (ANERcorp train, annotated blind; first score F1 0.866, tuned on since)": "quantities_blind12.json",
    "held-out set 13 (ANERcorp train, annotated blind; first score F1 0.912, tuned on since)": "quantities_blind13.json",
    "held-out set 14 (ANERcorp train, annotated blind; first score F1 0.803, tuned on since)": "quantities_blind14.json",
    "held-out set 15 (ANERcorp train, annotated blind; first score F1 0.891 with the final rules before three bug fixes, tuned on since)": "quantities_blind15.json",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add eval-quantities and bench-quantities to the khabar command."""
    p = subparsers.add_parser("eval-quantities", help="span P/R/F1 and attribute accuracy of the quantity annotator")
    p.add_argument("--fixtures", type=Path, default=FIXTURES, help="folder with the quantities_*.json fixtures")
    p.add_argument("--errors", action="store_true", help="list every false positive, miss and wrong attribute")
    p.set_defaults(func=eval_quantities)
    b = subparsers.add_parser("bench-quantities", help="throughput of the quantity extractor in tokens/s")
    b.add_argument("--data", type=Path, default=anercorp_path("train"), help="CoNLL file (one token a line)")
    b.add_argument("--repeat", type=int, default=3, help="passes over the file")
    b.set_defaults(func=bench_quantities)


def eval_quantities(args: argparse.Namespace) -> int:
    from transforms.quantities.evaluate import Scores, report, score_document
    from transforms.quantities.extract import Extractor

    extractor = Extractor()
    for name, filename in SETS.items():
        fixture = json.loads((args.fixtures / filename).read_text(encoding="utf-8"))
        total = Scores()
        for n, doc in enumerate(fixture["documents"]):
            text = (REPO_ROOT / doc["file"]).read_text(encoding="utf-8") if "file" in doc else doc["text"]
            total.add(score_document(text, doc, extractor, label=doc.get("file", f"#{n}")))
        print(report(f"{name} ({len(fixture['documents'])} documents)", total))
        if args.errors:
            print("\n".join(f"    {e}" for e in total.errors))
    return 0


def bench_quantities(args: argparse.Namespace) -> int:
    from transforms.quantities.extract import Extractor

    sentences = _conll_sentences(args.data)
    n_tokens = sum(len(s.split()) for s in sentences) * args.repeat
    extractor = Extractor()
    found = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(args.repeat):
        for sentence in sentences:
            found += len(extractor.extract(sentence)[0])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    # CPU time is the fairer figure on a shared machine; wall time is what a run sees.
    print(f"{n_tokens} tokens, {len(sentences) * args.repeat} sentences, {found} quantities: "
          f"{n_tokens / cpu:,.0f} tokens/CPU-s, {n_tokens / wall:,.0f} tokens/s wall")  # fmt: skip
    return 0


def _conll_sentences(path: Path) -> list[str]:
    """Space-joined sentences of a CoNLL file (token, space, tag; blank line between sentences)."""
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            current.append(line.rsplit(" ", 1)[0])
        elif current:
            sentences.append(" ".join(current))
            current = []
    return sentences + ([" ".join(current)] if current else [])
