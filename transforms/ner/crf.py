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

import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pycrfsuite

from transforms.arabic import norm_ar
from transforms.ner import clitics
from transforms.ner.conll import Sentence, entities
from transforms.ner.consistency import propagate
from transforms.ner.features import FeatureExtractor
from transforms.ner.gazetteer import Entry, Gazetteer, default_gazetteer, read_list

FOLDS = 5
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
    """Tags of one sentence and, per name token, the marginal probability of its tag (None for O)."""

    tags: list[str]
    marginals: list[float | None] = field(default_factory=list)


class CrfTagger:
    """A loaded model: features and Viterbi decoding for sentences of normalised tokens."""

    def __init__(self, model: Path, gazetteer: Gazetteer | None = None) -> None:
        self.model = model
        self._local = threading.local()
        clusters = dict(self._table("clusters"))
        self.name_counts = {w: int(c) for w, c in self._table("names")}
        names = {(name, kind) for name, kind in self._table("entities")}
        self.extractor = FeatureExtractor(
            gazetteer or default_gazetteer(), clusters, names_gazetteer(names)
        )

    @property
    def tagger(self) -> pycrfsuite.Tagger:
        """A crfsuite tagger holds the sentence being tagged, so each thread gets its own."""
        tagger = getattr(self._local, "tagger", None)
        if tagger is None:
            tagger = self._local.tagger = pycrfsuite.Tagger()
            tagger.open(str(self.model))
        return tagger

    def _table(self, kind: str) -> list[list[str]]:
        """Rows of a sidecar, none if the model was trained without it."""
        path = sidecar(self.model, kind)
        return read_list(path) if path.exists() else []

    def known(self, form: str) -> float:
        """Lexicon evidence that a form is a name: gazetteer entry, else entity-word count in training."""
        if self.extractor.gazetteer.starts_name(form):
            return 1000.0
        return float(self.name_counts.get(form, 0))

    def core(self, norm: str) -> str:
        """A name token without its proclitics (لبوتين -> بوتين, للكرملين -> الكرملين)."""
        prefix = clitics.proclitic_length(norm, self.known)
        return dict(clitics.splits(norm))[prefix]

    def tag_document(
        self, doc: Sequence[Sequence[str]], marginals: bool = False, consistent: bool = True
    ) -> list[Tagged]:
        """Tag each sentence, then (if `consistent`) fill in repetitions of the document's names.

        Tags added by the document pass have no marginal (None).
        """
        tagged = [self.tag(norms, marginals) for norms in doc]
        if not consistent:
            return tagged
        fixed = propagate(doc, [t.tags for t in tagged], self.core)
        out = []
        for before, tags in zip(tagged, fixed, strict=True):
            probs = before.marginals and [
                p if old == new else None for p, old, new in zip(before.marginals, before.tags, tags)
            ]
            out.append(Tagged(tags, probs))
        return out

    def tag(self, norms: Sequence[str], marginals: bool = False) -> Tagged:
        """Best tag sequence; with `marginals`, the probability of each chosen tag."""
        if not norms:
            return Tagged([])
        tagger = self.tagger
        tagger.set(self.extractor.sentence_features(norms))
        tags = tagger.tag()
        if not marginals:
            return Tagged(tags)
        return Tagged(tags, [None if t == "O" else tagger.marginal(t, i) for i, t in enumerate(tags)])

