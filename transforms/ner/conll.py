"""CoNLL `TOKEN TAG` reading and conlleval-style entity scoring, free of file I/O.

Kept apart from the tagger so evaluation (`khabar eval-ner`) and tests share one
definition of an entity: a maximal B/I run of one type, where an orphan `I-` opens one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from transforms.metrics import PRF as Score

Sentence = tuple[list[str], list[str]]  # (tokens, BIO tags)


def read_conll(lines: Iterable[str]) -> list[Sentence]:
    """Sentences from `TOKEN TAG` lines; a blank line ends a sentence."""
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for line in lines:
        parts = line.split()
        if not parts:
            if words:
                sentences.append((words, tags))
                words, tags = [], []
            continue
        words.append(parts[0])
        tags.append(parts[-1] if len(parts) > 1 else "O")
    if words:
        sentences.append((words, tags))
    return sentences


def entities(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end_exclusive, type) spans of a BIO sequence; an orphan or type-switching I- starts one."""
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, tag in enumerate(tags):
        if tag == "O":  # most tags: only closes an open span
            if kind:
                spans.append((start, i, kind))
                kind = ""
            continue
        prefix, _, label = tag.partition("-")
        if kind and (prefix != "I" or label != kind):
            spans.append((start, i, kind))
            kind = ""
        if prefix == "B" or (prefix == "I" and not kind):
            start, kind = i, label
    if kind:
        spans.append((start, len(tags), kind))
    return spans


def score(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> dict[str, Score]:
    """Entity-level exact-match scores per type and overall (key "ALL"), as conlleval."""
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for g_tags, p_tags in zip(gold, pred, strict=True):
        g, p = set(entities(g_tags)), set(entities(p_tags))
        for span in g:
            n_gold[span[2]] += 1
        for span in p:
            n_pred[span[2]] += 1
            tp[span[2]] += span in g
    types = sorted(set(n_gold) | set(n_pred))
    out = {t: Score(tp[t], n_pred[t], n_gold[t]) for t in types}
    out["ALL"] = Score(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    return out


def format_scores(scores: dict[str, Score]) -> str:
    """A small fixed-width table of P/R/F1 per type, overall last."""
    rows = [f"{'type':<6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
    for kind in [*(t for t in scores if t != "ALL"), "ALL"]:
        s = scores[kind]
        rows.append(
            f"{kind:<6} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.n_gold:6d} {s.n_pred:6d}"
        )
    return "\n".join(rows)
