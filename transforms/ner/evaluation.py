"""Tag a labelled corpus and score it, timing the tagger (what `khabar eval-ner` prints)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from transforms.arabic import norm_ar
from transforms.ner.conll import Score, Sentence, score
from transforms.ner.crf import CrfTagger


@dataclass(frozen=True)
class Evaluation:
    scores: dict[str, Score]
    n_tokens: int
    seconds: float

    @property
    def tokens_per_second(self) -> float:
        return self.n_tokens / self.seconds if self.seconds else 0.0


def split_dev(corpus: Sequence[Sentence], fraction: float) -> tuple[list[Sentence], list[Sentence]]:
    """(train, dev): the last `fraction` of sentences is dev, so the split is deterministic."""
    n_dev = int(round(len(corpus) * fraction))
    cut = len(corpus) - n_dev
    return list(corpus[:cut]), list(corpus[cut:])


def evaluate(tagger: CrfTagger, corpus: Sequence[Sentence], doc_size: int = 0) -> Evaluation:
    """Entity-level scores of the tagger on the corpus and its tagging time (one thread).

    ANERcorp has no document boundaries; with `doc_size` > 0, runs of that many consecutive
    sentences stand in for documents and the document consistency pass is applied to them.
    """
    norms = [[norm_ar(w) for w in words] for words, _ in corpus]
    start = time.perf_counter()
    if doc_size > 0:
        docs = [norms[i : i + doc_size] for i in range(0, len(norms), doc_size)]
        predicted = [tagged.tags for doc in tagger.tag_documents(docs) for tagged in doc]
    else:
        predicted = [tagged.tags for tagged in tagger.tag_sentences(norms)]
    seconds = time.perf_counter() - start
    gold = [tags for _, tags in corpus]
    return Evaluation(score(gold, predicted), sum(map(len, norms)), seconds)
