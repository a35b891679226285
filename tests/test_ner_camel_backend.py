"""camel-tools' BERT backend: a clear error without its model, and a tiny random BERT when torch exists."""

import sys
import types

import pytest

from transforms.ner import CamelBertRecognizer
from transforms.ner.camel_backend import INSTALL_HINT


def test_missing_model_explains_how_to_install(tmp_path):
    with pytest.raises(RuntimeError, match="camel_data -i ner-arabert") as err:
        CamelBertRecognizer(tmp_path / "nowhere")
    assert "not found at" in str(err.value) and INSTALL_HINT in str(err.value)


LABELS = ["B-LOC", "B-ORG", "B-PERS", "B-MISC", "I-LOC", "I-ORG", "I-PERS", "I-MISC", "O"]


def tiny_bert(path, words):
    """A randomly initialised BERT token classifier saved the way camel-tools loads it."""
    transformers = pytest.importorskip("transformers", reason="transformers not installed (extra `bert`)")
    pytest.importorskip("torch", reason="torch not installed (extra `bert`)")
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *sorted(set(words))]
    path.mkdir()
    (path / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    config = transformers.BertConfig(
        vocab_size=len(vocab), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=32, max_position_embeddings=300,
        id2label=dict(enumerate(LABELS)), label2id={label: i for i, label in enumerate(LABELS)},
    )
    transformers.BertForTokenClassification(config).save_pretrained(path)
    transformers.BertTokenizer(str(path / "vocab.txt"), do_lower_case=False).save_pretrained(path)


def test_tiny_random_bert_yields_well_formed_mentions(tmp_path, monkeypatch):
    from test_ner_recognizer import frames

    # camel_tools.data fetches a catalogue on import; the recogniser never uses it, so stub it offline.
    monkeypatch.setitem(sys.modules, "camel_tools.data", types.SimpleNamespace(CATALOGUE=None))
    body = "قال بوتين في موسكو إن روسيا مستعدة."
    articles, sentences, tokens = frames(body)
    tiny_bert(tmp_path / "bert", tokens["surface"].to_list())
    out = CamelBertRecognizer(tmp_path / "bert")(articles, sentences, tokens)["mentions"]
    assert set(out["backend"]) <= {"camel"}
    for start, end, surface in zip(out["char_start"], out["char_end"], out["surface"], strict=True):
        assert body[start:end] == surface
