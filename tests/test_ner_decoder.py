"""The numpy CRF decoder gives crfsuite's tags and marginals (seeds, ANERcorp train when present)."""

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pycrfsuite
import pytest

from flows.ner_commands import read_corpus, seed_sentences
from flows.paths import anercorp_path, shared_data_dir
from transforms.arabic import norm_ar
from transforms.ner import emissions
from transforms.ner.crf import CrfTagger
from transforms.ner.decoder import Lattice, marginals, read_weights
from transforms.ner.recognizer import DEFAULT_MODEL


@pytest.fixture(scope="module")
def tagger() -> CrfTagger:
    return CrfTagger(DEFAULT_MODEL)


def seeds() -> list[list[str]]:
    return [[norm_ar(w) for w in words] for words in seed_sentences()]


def assert_same_as_crfsuite(tagger: CrfTagger, sentences: list[list[str]]) -> None:
    """Every tag equal to crfsuite's, every label's marginal within 1e-6 of crfsuite's."""
    reference = pycrfsuite.Tagger()
    reference.open(str(tagger.model))
    ours = tagger.tag_sentences(sentences)
    batch = tagger.scorer.score(sentences)
    probs = marginals(batch.scores, tagger.transitions, Lattice(batch.starts, batch.lengths))
    for sentence, tagged, start in zip(sentences, ours, batch.starts, strict=True):
        reference.set(tagger.extractor.sentence_features(sentence))
        assert tagged.tags == reference.tag(), sentence
        expected = [[reference.marginal(label, i) for label in tagger.labels] for i in range(len(sentence))]
        np.testing.assert_allclose(probs[start : start + len(sentence)], expected, rtol=0, atol=1e-6)


def test_weights_are_read_exactly(tagger):
    weights = read_weights(DEFAULT_MODEL)
    info = pycrfsuite.Tagger()
    info.open(str(DEFAULT_MODEL))
    rounded = info.info().state_features  # crfsuite prints six decimals
    for (attribute, label), weight in list(rounded.items())[:2000]:
        assert abs(weights.state[weights.attributes[attribute], weights.labels.index(label)] - weight) < 1e-6


def test_seed_sentences_match_crfsuite(tagger):
    assert_same_as_crfsuite(tagger, seeds())


@pytest.mark.skipif(
    not anercorp_path("train").exists(),
    reason=f"ANERcorp train not found under {shared_data_dir()} (set KHABAR_DATA_DIR)",
)
def test_anercorp_train_sample_matches_crfsuite(tagger):
    corpus = read_corpus(anercorp_path("train"))
    sample = [[norm_ar(w) for w in words] for words, _ in corpus[::40]]
    assert_same_as_crfsuite(tagger, sample)


def test_empty_sentences_and_batches(tagger):
    assert tagger.tag([]).tags == []
    assert tagger.tag_sentences([]) == []
    tagged = tagger.tag_sentences([[], ["بوتين"], []], marginals=True)
    assert [len(t.tags) for t in tagged] == [0, 1, 0]


def test_word_cache_starting_over_changes_nothing(monkeypatch):
    sentences = seeds()
    expected = [t.tags for t in CrfTagger(DEFAULT_MODEL).tag_sentences(sentences)]
    monkeypatch.setattr(emissions, "MAX_WORDS", 50)
    small = CrfTagger(DEFAULT_MODEL)
    for _ in range(2):
        assert [small.tag(s).tags for s in sentences] == expected


def test_threads_share_one_tagger():
    sentences = seeds()
    tagger = CrfTagger(DEFAULT_MODEL)
    expected = [t.tags for t in CrfTagger(DEFAULT_MODEL).tag_sentences(sentences, marginals=True)]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda s: tagger.tag(s).tags, sentences * 3))
    assert results == expected * 3
