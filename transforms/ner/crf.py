"""Training and tagging with a linear-chain CRF (python-crfsuite).

A model is the `.crfsuite` file plus two small sidecars written beside it: word clusters
(`.clusters.tsv`) used as features, and counts of the normalised words seen inside training
entities (`.names.tsv`) used to decide whether a leading و/ب/ل is a clitic or part of a name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pycrfsuite

from transforms.arabic import norm_ar
from transforms.ner import clitics
from transforms.ner.conll import Sentence, entities
from transforms.ner.consistency import propagate
from transforms.ner.features import FeatureExtractor
from transforms.ner.gazetteer import Gazetteer, default_gazetteer, read_list

# Fixed training parameters: reproducible runs, and L1 keeps the model to a few MB.
PARAMS = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 150,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}


def sidecar(model: Path, kind: str) -> Path:
    """Path of a model's `clusters` or `names` sidecar."""
    return model.with_suffix(f".{kind}.tsv")


def write_table(path: Path, rows: dict[str, object]) -> None:
    """A two-column TSV, sorted, so reruns produce identical files."""
    path.write_text("".join(f"{k}\t{v}\n" for k, v in sorted(rows.items())), encoding="utf-8")


def entity_word_counts(corpus: Sequence[Sentence]) -> dict[str, int]:
    """How often each normalised word occurs inside a gold entity."""
    counts: Counter[str] = Counter()
    for words, tags in corpus:
        for start, end, _ in entities(tags):
            counts.update(norm_ar(w) for w in words[start:end])
    return dict(counts)


def train(
    corpus: Sequence[Sentence],
    model: Path,
    clusters: dict[str, str],
    params: dict[str, object] | None = None,
    gazetteer: Gazetteer | None = None,
) -> None:
    """Train on (words, tags) sentences and write the model with its sidecars."""
    extractor = FeatureExtractor(gazetteer or default_gazetteer(), clusters)
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags in corpus:
        trainer.append(extractor.sentence_features([norm_ar(w) for w in words]), tags)
    trainer.set_params({**PARAMS, **(params or {})})
    model.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model))
    write_table(sidecar(model, "clusters"), clusters)
    write_table(sidecar(model, "names"), entity_word_counts(corpus))


@dataclass
class Tagged:
    """Tags of one sentence and, per token, the marginal probability of its tag."""

    tags: list[str]
    marginals: list[float | None] = field(default_factory=list)


class CrfTagger:
    """A loaded model: features and Viterbi decoding for sentences of normalised tokens."""

    def __init__(self, model: Path, gazetteer: Gazetteer | None = None) -> None:
        self.model = model
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(model))
        clusters_path, names_path = sidecar(model, "clusters"), sidecar(model, "names")
        clusters = dict(read_list(clusters_path)) if clusters_path.exists() else {}
        self.name_counts = (
            {w: int(c) for w, c in read_list(names_path)} if names_path.exists() else {}
        )
        self.extractor = FeatureExtractor(gazetteer or default_gazetteer(), clusters)

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
        self.tagger.set(self.extractor.sentence_features(norms))
        tags = self.tagger.tag()
        if not marginals:
            return Tagged(tags)
        return Tagged(tags, [self.tagger.marginal(t, i) for i, t in enumerate(tags)])
