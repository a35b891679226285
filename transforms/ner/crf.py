"""Training and tagging with a linear-chain CRF (python-crfsuite).

A model is the `.crfsuite` file plus small sidecars written beside it: word clusters
(`.clusters.tsv`) used as features; the names annotated in the training data
(`.entities.tsv`), a gazetteer of their own; and counts of the normalised words seen inside
training entities (`.names.tsv`) used to decide whether a leading و/ب/ل is a clitic.

The training-names gazetteer is jackknifed: each fold (a contiguous block, so an article's
repeated names stay together) of the training sentences sees only the names of the others, so the CRF learns how far "seen as a name before" carries
to new text instead of trusting a list that contains every training answer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pycrfsuite

from transforms.arabic import norm_ar
from transforms.ner import clitics
from transforms.ner.conll import Sentence, entities
from transforms.ner.consistency import propagate
from transforms.ner.decoder import Lattice, read_weights, viterbi
from transforms.ner.decoder import marginals as decoder_marginals
from transforms.ner.emissions import Scorer
from transforms.ner.features import FeatureExtractor
from transforms.ner.gazetteer import Entry, Gazetteer, Match, default_gazetteer, read_list

FOLDS = 5
# Sentences decoded together: large enough that numpy's per-step overhead is shared by many
# sentences, small enough that the decoder's arrays stay at a few MB.
CHUNK_SENTENCES = 2048
# Fixed training parameters: reproducible runs, and L1 keeps the model to a few MB.
PARAMS = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 150,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}


def sidecar(model: Path, kind: str) -> Path:
    """Path of a model's `clusters`, `names` or `entities` sidecar."""
    return model.with_suffix(f".{kind}.tsv")


def write_table(path: Path, rows: Iterable[tuple[object, ...]]) -> None:
    """A sorted TSV, so reruns produce identical files."""
    lines = sorted("\t".join(map(str, row)) + "\n" for row in rows)
    path.write_text("".join(lines), encoding="utf-8")


def entity_word_counts(corpus: Sequence[Sentence]) -> dict[str, int]:
    """How often each normalised word occurs inside a gold entity."""
    counts: Counter[str] = Counter()
    for words, tags in corpus:
        for start, end, _ in entities(tags):
            counts.update(norm_ar(w) for w in words[start:end])
    return dict(counts)


def entity_names(corpus: Sequence[Sentence]) -> set[tuple[str, str]]:
    """(name as written, type) of every gold entity, plus each word of a multiword person name
    as a PERSPART (a known given name or surname marks a new combination of them)."""
    names = set()
    for words, tags in corpus:
        for start, end, kind in entities(tags):
            names.add((" ".join(words[start:end]), kind))
            if kind == "PERS" and end - start > 1:
                names.update((w, "PERSPART") for w in words[start:end])
    return names


def names_gazetteer(names: set[tuple[str, str]]) -> Gazetteer:
    """Training names as a gazetteer of kind "T" + type."""
    gazetteer = Gazetteer()
    gazetteer.add((name, Entry("T" + kind)) for name, kind in sorted(names))
    return gazetteer


def train(
    corpus: Sequence[Sentence],
    model: Path,
    clusters: dict[str, str],
    params: dict[str, object] | None = None,
    gazetteer: Gazetteer | None = None,
) -> None:
    """Train on (words, tags) sentences and write the model with its sidecars."""
    base = gazetteer or default_gazetteer()
    n = len(corpus)
    folds = [corpus[k * n // FOLDS : (k + 1) * n // FOLDS] for k in range(FOLDS)]
    fold_names = [entity_names(fold) for fold in folds]
    trainer = pycrfsuite.Trainer(verbose=False)
    for k, fold in enumerate(folds):
        others = set().union(*(names for j, names in enumerate(fold_names) if j != k))
        extractor = FeatureExtractor(base, clusters, names_gazetteer(others))
        for words, tags in fold:
            trainer.append(extractor.sentence_features([norm_ar(w) for w in words]), tags)
    trainer.set_params({**PARAMS, **(params or {})})
    model.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model))
    write_table(sidecar(model, "clusters"), clusters.items())
    write_table(sidecar(model, "names"), entity_word_counts(corpus).items())
    write_table(sidecar(model, "entities"), entity_names(corpus))


@dataclass
class Tagged:
    """Tags of one sentence and, per name token, the marginal probability of its tag (None for O).

    `listed`: the multiword names the shipped lists find in the sentence (for span repairs).
    """

    tags: list[str]
    marginals: list[float | None] = field(default_factory=list)
    listed: list[Match] = field(default_factory=list)


class CrfTagger:
    """A loaded model: features and Viterbi decoding for sentences of normalised tokens.

    crfsuite reads the model; scoring and decoding run in numpy over whole batches of
    sentences (emissions.py, decoder.py) with crfsuite's arithmetic. Safe to share between threads.
    """

    def __init__(self, model: Path, gazetteer: Gazetteer | None = None) -> None:
        self.model = model
        clusters = dict(self._table("clusters"))
        self.name_counts = {w: int(c) for w, c in self._table("names")}
        names = {(name, kind) for name, kind in self._table("entities")}
        self.extractor = FeatureExtractor(
            gazetteer or default_gazetteer(), clusters, names_gazetteer(names)
        )
        self.core = lru_cache(maxsize=1 << 16)(self._core)  # asked again for every repeated name
        weights = read_weights(model)
        self.labels = weights.labels
        self.transitions = weights.transitions
        self.scorer = Scorer(weights, self.extractor)

    def _table(self, kind: str) -> list[list[str]]:
        """Rows of a sidecar, none if the model was trained without it."""
        path = sidecar(self.model, kind)
        return read_list(path) if path.exists() else []

    def known(self, form: str) -> float:
        """Lexicon evidence that a form is a name: gazetteer entry, else entity-word count in training."""
        if self.extractor.gazetteer.starts_name(form):
            return 1000.0
        return float(self.name_counts.get(form, 0))

    def _core(self, norm: str) -> str:
        """A name token without its proclitics (لبوتين -> بوتين, للكرملين -> الكرملين); see `core`."""
        prefix = clitics.proclitic_length(norm, self.known)
        return dict(clitics.splits(norm))[prefix]

    def tag_documents(
        self, docs: Sequence[Sequence[Sequence[str]]], marginals: bool = False, consistent: bool = True
    ) -> list[list[Tagged]]:
        """Tag every sentence of every document in one batch, then (if `consistent`) fill in
        repetitions of each document's names. Tags added by the document pass have no marginal."""
        tagged = iter(self.tag_sentences([s for doc in docs for s in doc], marginals))
        out = []
        for doc in docs:
            sentences = [next(tagged) for _ in doc]
            if consistent:
                sentences = self._consistent(doc, sentences)
            out.append(sentences)
        return out

    def _consistent(self, doc: Sequence[Sequence[str]], tagged: list[Tagged]) -> list[Tagged]:
        """The document pass: propagated tags, marginals kept where the tag did not change."""
        fixed = propagate(doc, [t.tags for t in tagged], self.core)
        out = []
        for before, tags in zip(tagged, fixed, strict=True):
            if tags == before.tags:
                out.append(before)
                continue
            probs = before.marginals and [
                p if old == new else None for p, old, new in zip(before.marginals, before.tags, tags)
            ]
            out.append(Tagged(tags, probs, before.listed))
        return out

    def tag(self, norms: Sequence[str], marginals: bool = False) -> Tagged:
        """Best tag sequence of one sentence; with `marginals`, the probability of each chosen tag."""
        return self.tag_sentences([norms], marginals)[0]

    def tag_sentences(self, sentences: Sequence[Sequence[str]], marginals: bool = False) -> list[Tagged]:
        """Best tag sequences of many sentences at once (see `tag`), in chunks of CHUNK_SENTENCES
        so that the decoder's arrays stay small (a whole 500-article batch at once: ~250 MB)."""
        return [
            tagged
            for start in range(0, len(sentences), CHUNK_SENTENCES)
            for tagged in self._tag_chunk(sentences[start : start + CHUNK_SENTENCES], marginals)
        ]

    def _tag_chunk(self, sentences: Sequence[Sequence[str]], marginals: bool) -> list[Tagged]:
        batch = self.scorer.score(sentences)
        lattice = Lattice(batch.starts, batch.lengths)
        best = viterbi(batch.scores, self.transitions, lattice)
        tags = np.array(self.labels, dtype=object)[best].tolist()
        probs: list[float | None] = []
        if marginals:
            chosen = decoder_marginals(batch.scores, self.transitions, lattice)[np.arange(len(best)), best]
            named = np.array([label != "O" for label in self.labels])[best]
            kept = np.full(len(best), None, dtype=object)
            kept[named] = chosen[named].tolist()
            probs = kept.tolist()
        out = []
        for start, length, listed in zip(batch.starts.tolist(), batch.lengths.tolist(), batch.listed):
            end = start + length
            out.append(Tagged(tags[start:end], probs[start:end], listed))
        return out
