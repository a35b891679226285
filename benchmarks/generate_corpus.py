"""Deterministic benchmark corpora: plain-text Arabic news articles of ~25 sentences.

Sentences come from ANERcorp train (tokens joined by spaces, so the text keeps the
corpus' spacing of punctuation) and from the seed articles, so the annotators see real
news vocabulary, names and numbers rather than synthetic filler. Paragraphs of 1-4
sentences are one line each, as scraped pages are. The same seed gives byte-identical
files, so runs on different days or machines compare.

    .venv/bin/python benchmarks/generate_corpus.py --sizes 1000 10000 100000
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

from transforms.clean import normalize_text
from transforms.tokenize import split_sentences

ROOT = Path(__file__).resolve().parent
REPO = ROOT.parent
ANERCORP = REPO.parent / "shared" / "data" / "anercorp" / "ANERCorp_CamelLab_train.txt"
SEEDS = REPO / "seeds"
CORPORA = ROOT / "corpora"
SEED_SHARE = 0.1  # a tenth of the sentences come from the seeds
MIN_WORDS = 5  # shorter "sentences" are bylines and list bullets
FILES_PER_DIR = 1000


def anercorp_sentences(path: Path = ANERCORP) -> list[str]:
    """ANERcorp train sentences (one token per line, blank line between sentences)."""
    sentences, tokens = [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.strip():
            tokens.append(line.split()[0])
        elif tokens:
            sentences.append(" ".join(tokens))
            tokens = []
    return [s for s in sentences if len(s.split()) >= MIN_WORDS]


def seed_sentences(folder: Path = SEEDS) -> list[str]:
    """Sentences of the seed articles, split as the pipeline splits them."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        body = normalize_text(path.read_text(encoding="utf-8"))
        out += [body[s:e] for s, e in split_sentences(body) if len(body[s:e].split()) >= MIN_WORDS]
    return out


def article(rng: random.Random, news: list[str], seeds: list[str], n_sentences: int) -> str:
    """One article: `n_sentences` drawn sentences grouped into paragraphs of 1-4."""
    picks = [rng.choice(seeds if rng.random() < SEED_SHARE else news) for _ in range(n_sentences)]
    paragraphs = []
    while picks:
        take = rng.randint(1, 4)
        paragraphs.append(" ".join(picks[:take]))
        picks = picks[take:]
    return "\n".join(paragraphs) + "\n"


def generate(size: int, seed: int = 6, out: Path = CORPORA) -> Path:
    """Write `size` articles under out/<size>/, 1000 per sub-folder; return the folder."""
    rng = random.Random(f"{seed}:{size}")
    news, seeds = anercorp_sentences(), seed_sentences()
    folder = out / str(size)
    shutil.rmtree(folder, ignore_errors=True)  # a re-run leaves exactly `size` files
    for i in range(size):
        path = folder / f"{i // FILES_PER_DIR:03d}" / f"{i:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(rng, news, seeds, rng.randint(20, 30)), encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--out", type=Path, default=CORPORA)
    args = parser.parse_args()
    for size in args.sizes:
        print(generate(size, args.seed, args.out))


if __name__ == "__main__":
    main()
