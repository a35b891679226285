"""The CRF recogniser as an annotate-stage plug-in: spans, offsets, proclitics, conventions."""

import numpy as np
import polars as pl
import pytest
from camel_tools.tokenizers.word import simple_word_tokenize

from transforms.arabic import norm_ar
from transforms.frames import SPANS_NER
from transforms.ner import CrfRecognizer
from transforms.ner.gazetteer import default_gazetteer
from transforms.ner.spans import (
    SentenceTokens,
    base_offset,
    glue_hyphens,
    repair_with_lists,
    split_at_clitics,
    trim_triggers,
)


def frames(body: str) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """articles, sentences, tokens of one article, one sentence per line."""
    tokens, sentences, offset = [], [], 0
    for s, line in enumerate(body.split("\n")):
        sentences.append(("a", s, offset, offset + len(line)))
        pos = offset
        for t, word in enumerate(simple_word_tokenize(line)):
            start = body.index(word, pos)
            pos = start + len(word)
            tokens.append(("a", s, t, start, pos, word, norm_ar(word)))
        offset += len(line) + 1
    return (
        pl.DataFrame({"article_id": ["a"], "body": [body]}),
        pl.DataFrame(sentences, schema=["article_id", "sentence_idx", "char_start", "char_end"], orient="row"),
        pl.DataFrame(
            tokens,
            schema=["article_id", "sentence_idx", "token_idx", "char_start", "char_end", "surface", "norm"],
            orient="row",
        ),
    )


@pytest.fixture(scope="module")
def recognizer() -> CrfRecognizer:
    return CrfRecognizer()


def mentions(recognizer: CrfRecognizer, body: str) -> pl.DataFrame:
    return recognizer(*frames(body))["mentions"]


SEED = (
    "استضاف الرئيس الروسي فلاديمير بوتين الزعيم الكوري الشمالي كيم جونغ أون في روسيا.\n"
    "وقال الكرملين إن الزعيمين سيتحدثان عن جميع القضايا.\n"
    "وأظهرت لقطات بثتها وكالة تاس الزعيمين في موسكو، وقال كيم لبوتين إن بيونغ يانغ تدعم موسكو."
)


def test_seed_sentences_yield_the_expected_types(recognizer):
    found = mentions(recognizer, SEED)
    assert found.schema == pl.Schema(SPANS_NER)
    pairs = set(zip(found["surface"], found["type"], strict=True))
    assert {("فلاديمير بوتين", "PERS"), ("روسيا", "LOC"), ("الكرملين", "ORG")} <= pairs
    assert ("بوتين", "PERS") in pairs and ("بيونغ يانغ", "LOC") in pairs
    assert set(found["backend"]) == {"crf"}


def test_offsets_slice_the_body_and_exclude_proclitics(recognizer):
    found = mentions(recognizer, SEED)
    for start, end, surface in zip(found["char_start"], found["char_end"], found["surface"], strict=True):
        assert SEED[start:end] == surface
    assert not any(s.startswith(("لبوتين", "وقال")) for s in found["surface"])


def test_nationality_adjectives_and_titles_are_not_mentions(recognizer):
    surfaces = set(mentions(recognizer, SEED)["surface"])
    assert not surfaces & {"الروسي", "الكوري", "الرئيس", "الزعيم"}


def test_scores_are_probabilities_and_subtypes_come_from_aliases(recognizer):
    found = mentions(recognizer, SEED)
    scores = found["score"].drop_nulls()
    assert len(scores) and scores.min() > 0 and scores.max() <= 1
    kremlin = found.filter(pl.col("surface") == "الكرملين")
    assert kremlin["subtype"].to_list() == ["government"]


def test_empty_input_gives_an_empty_typed_frame(recognizer):
    articles, sentences, tokens = frames("")
    out = recognizer(articles, sentences, tokens.clear())["mentions"]
    assert out.is_empty() and out.schema == pl.Schema(SPANS_NER)


def test_base_offset_skips_diacritics_of_the_clitic():
    assert base_offset("لبوتين", 1) == 1
    assert base_offset("وَموسكو", 1) == 2
    assert base_offset("بوتين", 0) == 0


def test_unspaced_hyphen_continues_a_name():
    sentence = SentenceTokens("a", 0, np.array([0, 3, 4, 7]), np.array([3, 4, 6, 8]), ["ميغ", "-", "31", "-"])
    assert glue_hyphens(sentence, ["B-MISC", "O", "O", "O"]) == ["B-MISC", "I-MISC", "I-MISC", "O"]


def test_inner_clitic_before_a_known_name_splits_the_span():
    known = lambda form: 1.0 if form in {"بوتين", "كيم"} else 0.0  # noqa: E731
    assert split_at_clitics(["كيم", "لبوتين"], ["B-PERS", "I-PERS"], known) == ["B-PERS", "B-PERS"]
    assert split_at_clitics(["كيم", "جونغ"], ["B-PERS", "I-PERS"], known) == ["B-PERS", "I-PERS"]


def test_listed_names_touched_by_the_tagger_are_taken_whole():
    words = [norm_ar(w) for w in "بين موسكو وبيونج يانج".split()]
    tags = ["O", "B-LOC", "B-ORG", "O"]
    gazetteer = default_gazetteer()
    repaired = repair_with_lists(words, tags, gazetteer, gazetteer.match(words))
    assert repaired == ["O", "B-LOC", "B-LOC", "I-LOC"]


def test_titles_and_object_classes_are_trimmed_but_landforms_stay():
    words = [norm_ar(w) for w in "الرئيس بوتين صاروخ سويوز بحر قزوين وكالة تاس".split()]
    assert trim_triggers(words, 0, 2, "PERS") == (1, "PERS")
    assert trim_triggers(words, 2, 4, "ORG") == (3, "MISC")
    assert trim_triggers(words, 4, 6, "LOC") == (4, "LOC")
    assert trim_triggers(words, 6, 8, "ORG") == (6, "ORG")


def test_missing_model_fails_with_the_training_command(tmp_path):
    with pytest.raises(FileNotFoundError, match="khabar train-ner"):
        CrfRecognizer(tmp_path / "none.crfsuite")
