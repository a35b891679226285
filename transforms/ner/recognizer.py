"""`CrfRecognizer`: the default, offline annotate-stage plug-in producing `mentions`."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from transforms.ner.crf import CrfTagger
from transforms.ner.spans import SpanRules, documents, mention_rows, mentions_frame

DEFAULT_MODEL = Path(__file__).with_name("models") / "anercorp_crf.crfsuite"


class CrfRecognizer:
    """CRF trained on ANERcorp with gazetteer and cluster features; implements `Annotator`.

    `consistent` turns on the document pass that tags repetitions of names found elsewhere
    in the same article.
    """

    name = "ner"
    backend = "crf"

    def __init__(self, model: Path | str = DEFAULT_MODEL, consistent: bool = True) -> None:
        model = Path(model)
        if not model.exists():
            raise FileNotFoundError(
                f"CRF NER model not found at {model}; train it with `khabar train-ner`"
            )
        self.tagger = CrfTagger(model)
        self.consistent = consistent
        self.rules = SpanRules(self.tagger.known, self.tagger.extractor.gazetteer)

    def __call__(
        self, articles: pl.DataFrame, sentences: pl.DataFrame, tokens: pl.DataFrame
    ) -> dict[str, pl.DataFrame]:
        docs = list(documents(articles, tokens))
        tagged = self.tagger.tag_documents(
            [norms for _, _, norms in docs], marginals=True, consistent=self.consistent
        )
        rows: list[tuple] = []
        for (body, doc, norms), results in zip(docs, tagged, strict=True):
            for sentence, words, result in zip(doc, norms, results, strict=True):
                rows += mention_rows(
                    body, sentence, words, result.tags, result.marginals, result.listed, self.rules, self.backend
                )
        return {"mentions": mentions_frame(rows)}
