"""The speed gates: the extractor runs its rules only at tokens that can start a quantity or a date,
so every rule must stay silent at every other token (else skipping them would change the output)."""

from __future__ import annotations

import json
from pathlib import Path

from transforms.quantities import timex
from transforms.quantities.extract import Extractor
from transforms.quantities.tokens import Tok, tokenize

ROOT = Path(__file__).resolve().parents[1]
EXTRACTOR = Extractor()
LEX = EXTRACTOR.lex


def fixture_texts() -> list[str]:
    """Every text of the hand-annotated fixtures (seed files and sentences)."""
    texts = []
    for path in sorted((ROOT / "tests" / "fixtures").glob("quantities_*.json")):
        for doc in json.loads(path.read_text(encoding="utf-8"))["documents"]:
            texts.append((ROOT / doc["file"]).read_text(encoding="utf-8") if "file" in doc else doc["text"])
    return texts


TOKENIZED = [tokenize(text) for text in fixture_texts()]


def other_rules(toks: list[Tok], i: int) -> list[object]:
    """The rules of `_quantity_at` but the dual ones, with nothing blocked (they fire as readily as they can)."""
    used = [False] * len(toks)
    ex = EXTRACTOR
    return [ex._vague(toks, i), ex._one(toks, i, used), ex._number(toks, i, used), ex._definite_cardinal(toks, i, used), ex._qualified_unit(toks, i, used)]


def date_rules(toks: list[Tok], i: int) -> list[object]:
    return [
        timex._bc_year_at(toks, i),
        timex._date_at(toks, i, LEX),
        timex._ordinal_date_at(toks, i, LEX),
        timex._month_year_at(toks, i, LEX),
        timex._year_at(toks, i, LEX, [], lambda j: EXTRACTOR._unit_or_scale(toks, j)),
    ]


def test_the_fixtures_have_tokens_on_both_sides_of_the_gates() -> None:
    starts = sum(len(EXTRACTOR._starts(toks)) for toks in TOKENIZED)
    assert 0 < starts < sum(map(len, TOKENIZED)) / 2


def test_only_the_dual_rules_fire_at_words_outside_the_starters() -> None:
    """`_quantity_at` runs only the -ين / -تان dual rules at such words, and `_starts` skips them
    unless they have that ending."""
    ex, fired = EXTRACTOR, []
    for toks in TOKENIZED:
        starts = set(ex._starts(toks))
        for i, tok in enumerate(toks):
            if tok.kind == "num" or tok.norm in ex.starters:
                continue
            duals = ex._feminine_dual(toks, i) or ex._open_dual(toks, i)
            if any(other_rules(toks, i)) or ex._dual(toks, i) != duals or (duals and i not in starts):
                fired.append(tok.text)
    assert fired == []


def test_no_date_rule_fires_outside_the_date_words() -> None:
    fired = []
    for toks in TOKENIZED:
        starts = set(timex.date_starts(toks, LEX))
        fired += [tok.text for i, tok in enumerate(toks) if i not in starts and any(date_rules(toks, i))]
    assert fired == []
