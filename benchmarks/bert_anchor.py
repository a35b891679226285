"""Speed anchor: the BERT architecture behind camel-tools' NER, on this CPU, in articles/s.

camel-tools' NER (CAMeLBERT fine-tuned for NER) is a bert-base token classifier: 12 layers,
hidden 768, 12 heads, a 64k vocabulary. Its speed depends on the shapes, not the weights,
so a randomly initialised model of the same configuration measures it without downloading
anything. Two ways of batching sentences are timed:

- dynamic: sentences sorted by length, batches of 32 padded to their longest sentence
  (the best case for this model);
- padded: every sentence padded to 256 wordpieces, as camel-tools does.

Sentences are those of benchmark articles (benchmarks/corpora/<size>), split at sentence
punctuation and line ends; each word counts as WORDPIECES_PER_WORD pieces (Arabic news
words with clitics split into ~1.3 pieces in CAMeLBERT's vocabulary) plus [CLS] and [SEP].

Needs torch and transformers, kept out of the project's environment:
    python3 -m venv /tmp/bertenv && /tmp/bertenv/bin/pip install torch==2.13.0 transformers
    /tmp/bertenv/bin/python benchmarks/bert_anchor.py
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import time
from datetime import datetime
from pathlib import Path

import torch
from transformers import BertConfig, BertForTokenClassification

ROOT = Path(__file__).resolve().parent
WORDPIECES_PER_WORD = 1.3
MAX_LENGTH = 256
BATCH = 32
N_LABELS = 9  # B-/I- of PERS, LOC, ORG, MISC, and O
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|\n+")


def sentence_lengths(corpus: Path, n_articles: int) -> list[int]:
    """Wordpiece length (with [CLS]/[SEP], capped at MAX_LENGTH) of each sentence of the first articles."""
    lengths = []
    for path in sorted(corpus.rglob("*.txt"))[:n_articles]:
        for sentence in _SENTENCE_END.split(path.read_text(encoding="utf-8")):
            words = len(sentence.split())
            if words:
                lengths.append(min(MAX_LENGTH, math.ceil(words * WORDPIECES_PER_WORD) + 2))
    return lengths


def model() -> BertForTokenClassification:
    config = BertConfig(vocab_size=64_000, hidden_size=768, num_hidden_layers=12, num_attention_heads=12,
                        intermediate_size=3072, max_position_embeddings=512, num_labels=N_LABELS)
    return BertForTokenClassification(config).eval()


def batches(lengths: list[int], padded: bool) -> list[tuple[int, int]]:
    """(batch size, padded length) of each forward pass."""
    ordered = lengths if padded else sorted(lengths)
    return [(len(chunk), MAX_LENGTH if padded else max(chunk))
            for chunk in (ordered[i : i + BATCH] for i in range(0, len(ordered), BATCH))]


def seconds(net: BertForTokenClassification, shapes: list[tuple[int, int]]) -> float:
    with torch.inference_mode():
        net(input_ids=torch.ones((2, 16), dtype=torch.long))  # warm-up
        started = time.perf_counter()
        for size, length in shapes:
            ids = torch.randint(1000, 64_000, (size, length))
            net(input_ids=ids, attention_mask=torch.ones_like(ids))
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpora" / "1000")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--articles", type=int, default=8, help="articles timed with dynamic batches")
    parser.add_argument("--padded-articles", type=int, default=2, help="articles timed padded to 256 (slow)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    net = model()
    result = {"at": datetime.now().isoformat(timespec="seconds"), "threads": args.threads, "torch": torch.__version__,
              "load_avg": [round(x, 2) for x in os.getloadavg()], "wordpieces_per_word": WORDPIECES_PER_WORD}
    for mode, n_articles, padded in (("dynamic", args.articles, False), ("padded_256", args.padded_articles, True)):
        lengths = sentence_lengths(args.corpus, n_articles)
        took = seconds(net, batches(lengths, padded))
        result[mode] = {"articles": n_articles, "sentences": len(lengths), "seconds": round(took, 2),
                        "articles_per_s": round(n_articles / took, 3),
                        "wordpieces_per_s": round(sum(lengths) / took)}
        print(mode, json.dumps(result[mode]), flush=True)
    out = ROOT / "results" / f"{datetime.now():%Y%m%dT%H%M%S}-bert-anchor.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"-> {out}")


if __name__ == "__main__":
    main()
