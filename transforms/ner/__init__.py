"""Named-entity recognition: an offline CRF (default) and camel-tools' BERT (optional extra)."""

from transforms.ner.camel_backend import CamelBertRecognizer
from transforms.ner.recognizer import CrfRecognizer

__all__ = ["CamelBertRecognizer", "CrfRecognizer"]
