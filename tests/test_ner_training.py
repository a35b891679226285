"""Training end to end on a tiny synthetic corpus, the CLI commands, and ANERcorp when present."""

import random

import pytest

from flows.cli import main
from flows.paths import anercorp_path, shared_data_dir
from transforms.ner.clusters import learn_clusters
from transforms.ner.conll import read_conll
from transforms.ner.crf import CrfTagger, entity_names, train
from transforms.ner.evaluation import evaluate, split_dev
from transforms.ner.recognizer import DEFAULT_MODEL

PEOPLE = ["بوتين", "بايدن", "ماكرون", "شولتس", "أردوغان"]
PLACES = ["موسكو", "باريس", "برلين", "أنقرة", "طوكيو"]


def synthetic(n: int, seed: int = 0) -> list[tuple[list[str], list[str]]]:
    """Sentences like `قال الرئيس X في Y .` with their tags."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        person, place = rng.choice(PEOPLE), rng.choice(PLACES)
        out.append(
            (["قال", "الرئيس", person, "في", place, "."], ["O", "O", "B-PERS", "O", "B-LOC", "O"])
        )
    return out


def test_split_dev_takes_the_tail():
    corpus = synthetic(10)
    train_part, dev = split_dev(corpus, 0.2)
    assert (len(train_part), len(dev)) == (8, 2) and dev == corpus[8:]


def test_training_names_include_parts_of_person_names():
    corpus = [(["قال", "جورج", "بوش", "في", "واشنطن"], ["O", "B-PERS", "I-PERS", "O", "B-LOC"])]
    assert entity_names(corpus) == {
        ("جورج بوش", "PERS"), ("جورج", "PERSPART"), ("بوش", "PERSPART"), ("واشنطن", "LOC")
    }


def test_train_then_tag_a_synthetic_corpus(tmp_path):
    corpus = synthetic(60)
    model = tmp_path / "tiny.crfsuite"
    clusters = learn_clusters([w for w, _ in corpus], n_clusters=4, dims=4)
    train(corpus, model, clusters, params={"max_iterations": 30})
    assert model.exists() and (tmp_path / "tiny.clusters.tsv").exists()
    tagger = CrfTagger(model)
    assert tagger.tag(["قال", "الرئيس", "بوتين", "في", "موسكو", "."]).tags[2:5] == ["B-PERS", "O", "B-LOC"]
    assert evaluate(tagger, synthetic(20, seed=1)).scores["ALL"].f1 == 1.0


def test_cli_train_and_eval_commands(tmp_path, capsys):
    data = tmp_path / "tiny.txt"
    data.write_text(
        "\n\n".join("\n".join(f"{w} {t}" for w, t in zip(*s, strict=True)) for s in synthetic(40)),
        encoding="utf-8",
    )
    model = tmp_path / "m.crfsuite"
    args = ["--train", str(data), "--out", str(model), "--clusters", "0", "--iterations", "20"]
    assert main(["train-ner", *args]) == 0
    assert main(["eval-ner", "--data", str(data), "--model", str(model)]) == 0
    out = capsys.readouterr().out
    assert "dev:" in out and "tokens/s" in out and "PERS" in out and "consistency pass" in out


@pytest.mark.skipif(
    not anercorp_path("test").exists(),
    reason=f"ANERcorp not found under {shared_data_dir()} (set KHABAR_DATA_DIR)",
)
def test_shipped_model_on_anercorp_test():
    with anercorp_path("test").open(encoding="utf-8") as handle:
        corpus = read_conll(handle)
    result = evaluate(CrfTagger(DEFAULT_MODEL), corpus)
    assert result.scores["ALL"].f1 >= 0.65
    assert result.tokens_per_second > 5_000  # loose: CI cores are shared; eval-ner reports the figure
