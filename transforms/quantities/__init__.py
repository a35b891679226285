"""Quantity annotator: numbers with their unit, qualifier and counted object; years and dates apart.

Public API: `QuantityAnnotator` (the annotate-stage plug-in), `Extractor` (one text at a time),
`parse_number` / `parse_digits` (the number reader). Rules live in the CSV tables beside this file.
"""

from transforms.quantities.annotator import QuantityAnnotator
from transforms.quantities.extract import Extractor, Quantity
from transforms.quantities.numbers import parse_digits, parse_number
from transforms.quantities.timex import TimeExpr

__all__ = ["Extractor", "Quantity", "QuantityAnnotator", "TimeExpr", "parse_digits", "parse_number"]
