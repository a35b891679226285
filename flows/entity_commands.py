"""`khabar eval-entities`: mention and linking scores on the hand-annotated seed fixture.

The fixture (`tests/fixtures/mentions_seeds.json`) gives offsets into the raw seed files;
the pipeline works on cleaned bodies, so each gold mention is re-located in its cleaned
article by surface and occurrence index (counted outside page junk and the headline).
Linking is always scored on the gold mentions too, which isolates the linker from the
recogniser's errors.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import polars as pl

from flows.paths import REPO_ROOT
from transforms.clean import clean
from transforms.frames import ENTITIES, SPANS_NER, empty
from transforms.linking import link_mentions
from transforms.linking.scoring import mention_scores, pairwise_link_scores

DEFAULT_FIXTURE = REPO_ROOT / "tests" / "fixtures" / "mentions_seeds.json"
DEFAULT_SEEDS = REPO_ROOT / "seeds"


def seed_articles(seeds: Path) -> pl.DataFrame:
    """Cleaned articles of every seed file, `source_uri` being the file name."""
    files = sorted(seeds.glob("*.txt"))
    raw = pl.DataFrame({"source_uri": [f.name for f in files], "text": [f.read_text(encoding="utf-8") for f in files]})
    articles, _ = clean(raw)
    return articles


def locate_gold(articles: pl.DataFrame, gold: list[dict]) -> pl.DataFrame:
    """Gold body mentions with offsets into the cleaned bodies (SPANS_NER columns plus `cluster`).

    Raises ValueError naming the first mention that the cleaned text no longer contains.
    """
    bodies = {(r["source_uri"], r["part"]): (r["article_id"], r["body"]) for r in articles.iter_rows(named=True)}
    rows = []
    for m in gold:
        if m["zone"] != "body":
            continue
        article_id, body = bodies.get((m["file"], m["part"]), (None, ""))
        pos = -1
        for _ in range(m["occurrence"] + 1):
            pos = body.find(m["surface"], pos + 1)
            if pos < 0:
                raise ValueError(f"gold mention not found in cleaned text: {m}")
        rows.append(
            {
                "article_id": article_id,
                "sentence_idx": 0,
                "char_start": pos,
                "char_end": pos + len(m["surface"]),
                "surface": m["surface"],
                "type": m["type"],
                "subtype": m["subtype"],
                "score": None,
                "backend": "gold",
                "cluster": m["cluster"],
            }
        )
    return pl.DataFrame(rows, schema={**SPANS_NER, "cluster": pl.Utf8})


def recognise(articles: pl.DataFrame) -> pl.DataFrame | str:
    """Mentions from the default CRF recogniser, or the reason it is not available."""
    try:
        from transforms.ner import CrfRecognizer
        from transforms.tokenize import tokenize

        recognizer = CrfRecognizer()
    except (ImportError, FileNotFoundError) as exc:
        return str(exc)
    sentences, tokens = tokenize(articles)
    return recognizer(articles, sentences, tokens)["mentions"]


def evaluate(fixture: Path = DEFAULT_FIXTURE, seeds: Path = DEFAULT_SEEDS, use_recogniser: bool = True) -> list[str]:
    """The report lines: linking on gold mentions, then recognition and linking with the CRF.

    Mention scores are given for the recogniser's output and after linking, which gives every
    mention its entity's majority type (what the warehouse stores).
    """
    articles = seed_articles(seeds)
    gold = locate_gold(articles, json.loads(fixture.read_text(encoding="utf-8")))
    lines = [f"gold: {gold.height} mentions, {gold['cluster'].n_unique()} entities, {articles.height} articles"]
    linked, _ = link_mentions(gold.drop("cluster"), empty(ENTITIES))
    lines.append(f"linking on gold mentions      {pairwise_link_scores(gold, linked)}")
    predicted = recognise(articles) if use_recogniser else "not requested"
    if isinstance(predicted, str):
        lines.append(f"recogniser: none ({predicted}); linking scored on gold mentions only")
        return lines
    start = time.perf_counter()
    linked, entities = link_mentions(predicted, empty(ENTITIES))
    elapsed = time.perf_counter() - start
    lines.append(f"mentions, recogniser alone    {mention_scores(gold, predicted)['ALL']}")
    for name, prf in mention_scores(gold, linked, by_type=True).items():
        lines.append(f"mentions {name:<4} after linking  {prf}")
    lines.append(f"linking on predicted mentions {pairwise_link_scores(gold, linked)}")
    lines.append(f"linker: {linked.height} mentions -> {entities.height} entities in {elapsed:.2f}s")
    return lines


def _run(args: argparse.Namespace) -> int:
    print("\n".join(evaluate(Path(args.fixture), Path(args.seeds), not args.gold_only)))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `eval-entities` to the `khabar` command line."""
    cmd = subparsers.add_parser("eval-entities", help="mention and pairwise linking P/R/F1 on the seed fixture")
    cmd.add_argument("--fixture", default=str(DEFAULT_FIXTURE), help="gold mentions JSON (raw-file offsets)")
    cmd.add_argument("--seeds", default=str(DEFAULT_SEEDS), help="folder of the raw seed files")
    cmd.add_argument("--gold-only", action="store_true", help="score the linker on gold mentions only")
    cmd.set_defaults(func=_run)


if __name__ == "__main__":
    print("\n".join(evaluate()))
