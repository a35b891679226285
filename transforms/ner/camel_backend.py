"""Optional backend: camel-tools' fine-tuned BERT `NERecognizer` (extra `khabar[bert]`).

`camel_tools.ner` imports torch and transformers at import time, so it is imported only
when this recogniser is built; the default install never touches it. The model directory is
what camel-tools loads: `config.json` (with `id2label`), `vocab.txt`, tokenizer config and
the weights (`pytorch_model.bin` or `model.safetensors`).
"""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl

from transforms.ner.gazetteer import default_gazetteer
from transforms.ner.spans import SpanRules, documents, mention_rows, mentions_frame

INSTALL_HINT = "install with `pip install khabar[bert]` and `camel_data -i ner-arabert`"
REQUIRED_FILES = ("config.json", "vocab.txt")


def default_model_path() -> Path:
    """Where `camel_data -i ner-arabert` puts the model ($CAMELTOOLS_DATA or ~/.camel_tools)."""
    root = Path(os.environ.get("CAMELTOOLS_DATA", Path.home() / ".camel_tools")).expanduser()
    return root / "data" / "ner" / "arabert"


class CamelBertRecognizer:
    """camel-tools' BERT NER behind the `Annotator` interface (backend 'camel'); no scores."""

    name = "ner"
    backend = "camel"

    def __init__(self, model_path: Path | str | None = None, batch_size: int = 32) -> None:
        model_path = Path(model_path) if model_path else default_model_path()
        missing = [f for f in REQUIRED_FILES if not (model_path / f).exists()]
        if missing:
            raise RuntimeError(
                f"camel-tools NER model not found at {model_path} (missing {', '.join(missing)}); "
                f"{INSTALL_HINT}"
            )
        try:
            from camel_tools.ner import NERecognizer
        except ImportError as exc:
            raise RuntimeError(
                f"camel-tools NER backend needs torch and transformers ({exc.name} is missing); "
                f"{INSTALL_HINT}"
            ) from exc
        except Exception as exc:  # camel_tools.data fetches its catalogue on import when absent
            raise RuntimeError(
                f"camel-tools could not load its data catalogue ({exc}); {INSTALL_HINT}"
            ) from exc
        self.model = NERecognizer(str(model_path), use_gpu=False)
        self.batch_size = batch_size
        self.gazetteer = default_gazetteer()
        self.rules = SpanRules(self.known, self.gazetteer)

    def known(self, form: str) -> float:
        """Gazetteer evidence for the proclitic decision (this backend has no training lexicon)."""
        return 1.0 if self.gazetteer.starts_name(form) else 0.0

    def __call__(
        self, articles: pl.DataFrame, sentences: pl.DataFrame, tokens: pl.DataFrame
    ) -> dict[str, pl.DataFrame]:
        rows: list[tuple] = []
        for body, doc, norms in documents(articles, tokens):
            surfaces = [sentence.surfaces for sentence in doc]
            predicted = self.model.predict(surfaces, batch_size=self.batch_size)
            for sentence, words, tags in zip(doc, norms, predicted, strict=True):
                tags = list(tags) + ["O"] * (len(words) - len(tags))
                rows += mention_rows(
                    body, sentence, words, tags, [None] * len(words), self.gazetteer.match(words),
                    self.rules, self.backend,
                )
        return {"mentions": mentions_frame(rows)}
