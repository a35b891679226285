"""CoNLL reading and conlleval-style entity scoring on toy sequences."""

import pytest

from transforms.ner.conll import entities, format_scores, read_conll, score


def test_read_conll_splits_sentences_on_blank_lines():
    lines = ["بوتين B-PERS", "في O", "موسكو B-LOC", "", "", "الكرملين B-ORG", ""]
    assert read_conll(lines) == [
        (["بوتين", "في", "موسكو"], ["B-PERS", "O", "B-LOC"]),
        (["الكرملين"], ["B-ORG"]),
    ]


def test_entities_treats_orphan_and_type_switching_i_as_starts():
    tags = ["B-PERS", "I-PERS", "I-LOC", "O", "I-ORG", "B-ORG", "I-ORG"]
    assert entities(tags) == [(0, 2, "PERS"), (2, 3, "LOC"), (4, 5, "ORG"), (5, 7, "ORG")]


def test_score_counts_exact_span_and_type_matches_only():
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"], ["B-ORG", "O"]]
    pred = [["B-PERS", "O", "O", "B-LOC"], ["B-ORG", "B-MISC"]]
    scores = score(gold, pred)
    assert (scores["ALL"].tp, scores["ALL"].n_pred, scores["ALL"].n_gold) == (2, 4, 3)
    assert scores["ALL"].precision == pytest.approx(0.5)
    assert scores["ALL"].recall == pytest.approx(2 / 3)
    assert scores["ALL"].f1 == pytest.approx(4 / 7)
    assert scores["PERS"].f1 == 0.0
    assert scores["LOC"].f1 == 1.0
    assert "MISC" in format_scores(scores)


def test_score_rejects_misaligned_corpora():
    with pytest.raises(ValueError):
        score([["O"]], [])
