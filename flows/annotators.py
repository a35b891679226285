"""The annotators a run uses, built once per process (models load at construction)."""

from __future__ import annotations

from functools import cache

from transforms.annotate import Annotator

NER_BACKENDS = ("crf", "camel", "none")


@cache
def build_annotators(ner_backend: str = "crf", camel_model: str | None = None) -> tuple[Annotator, ...]:
    """Entity recogniser of the chosen backend, then the quantity annotator."""
    from transforms.quantities import QuantityAnnotator

    annotators: list[Annotator] = []
    if ner_backend == "crf":
        from transforms.ner import CrfRecognizer

        annotators.append(CrfRecognizer())
    elif ner_backend == "camel":
        from transforms.ner.camel_backend import CamelBertRecognizer

        annotators.append(CamelBertRecognizer(camel_model))
    elif ner_backend != "none":
        raise ValueError(f"unknown NER backend {ner_backend!r}; choose one of {', '.join(NER_BACKENDS)}")
    annotators.append(QuantityAnnotator())
    return tuple(annotators)
