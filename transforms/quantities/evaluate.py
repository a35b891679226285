"""Scoring the extractor against hand-annotated documents (the fixtures under tests/fixtures/).

A document is {"text" | "file", "quantities": [...], "time_expressions": [...], "negatives": [...],
"ignored_spans": [...]}, offsets into the text. Spans match exactly; attributes are scored on
matched spans only; a prediction overlapping a negative (year, date, designation...) is an error
whatever the gold says, and predictions inside ignored spans (page junk) are not scored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from transforms.quantities.extract import Extractor, Quantity
from transforms.quantities.lexicon import norm

ATTRIBUTES = ("value", "qualifier", "unit", "kind", "object")


@dataclass(slots=True)
class Scores:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ATTRIBUTES, 0))
    negatives: dict[str, int] = field(default_factory=dict)  # category -> wrongly reported
    time_gold: int = 0
    time_predicted: int = 0
    time_matched: int = 0
    time_value_ok: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Scores) -> None:
        for name in ("gold", "predicted", "matched", "time_gold", "time_predicted", "time_matched", "time_value_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for key, n in other.correct.items():
            self.correct[key] += n
        for key, n in other.negatives.items():
            self.negatives[key] = self.negatives.get(key, 0) + n
        self.errors.extend(other.errors)

    @staticmethod
    def prf(matched: int, predicted: int, gold: int) -> tuple[float, float, float]:
        p = matched / predicted if predicted else 1.0
        r = matched / gold if gold else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def accuracy(self, attribute: str) -> float:
        return self.correct[attribute] / self.matched if self.matched else 1.0


def _same_number(a: float | None, b: float | None) -> bool:
    return a is None and b is None or (a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(b)))


def _agrees(pred: Quantity, gold: dict, attribute: str) -> bool:
    if attribute == "value":
        return all(_same_number(p, gold[g]) for p, g in ((pred.value, "value"), (pred.low, "value_low"), (pred.high, "value_high")))
    if attribute == "object":
        return (pred.object and norm(pred.object)) == (gold["object"] and norm(gold["object"]))
    return getattr(pred, attribute) == gold[attribute]


def score_document(text: str, doc: dict, extractor: Extractor, label: str = "") -> Scores:
    """Scores of one annotated document."""
    ignored = [(s["char_start"], s["char_end"]) for s in doc.get("ignored_spans", [])]
    quantities, times = extractor.extract(text)
    preds = [q for q in quantities if not any(a <= q.start and q.end <= b for a, b in ignored)]
    out = Scores(gold=len(doc["quantities"]), predicted=len(preds))
    gold_by_span = {(g["char_start"], g["char_end"]): g for g in doc["quantities"]}
    for q in preds:
        gold = gold_by_span.pop((q.start, q.end), None)
        if gold is None:
            out.errors.append(f"{label} FP  {text[q.start:q.end]!r} value={q.value} unit={q.unit} kind={q.kind}")
            continue
        out.matched += 1
        for attribute in ATTRIBUTES:
            if _agrees(q, gold, attribute):
                out.correct[attribute] += 1
            else:
                out.errors.append(f"{label} ATTR {gold['surface']!r} {attribute}: got {getattr(q, attribute)!r}")
    out.errors.extend(f"{label} FN  {g['surface']!r}" for g in gold_by_span.values())
    for neg in doc.get("negatives", []):
        if any(q.start < neg["char_end"] and neg["char_start"] < q.end for q in quantities):
            out.negatives[neg["category"]] = out.negatives.get(neg["category"], 0) + 1
            out.errors.append(f"{label} NEG {neg['surface']!r} ({neg['category']}) reported as a quantity")
    time_gold = {(t["char_start"], t["char_end"]): t["value"] for t in doc.get("time_expressions", [])}
    time_preds = [t for t in times if not any(a <= t.start and t.end <= b for a, b in ignored)]
    out.time_gold, out.time_predicted = len(time_gold), len(time_preds)
    for t in time_preds:
        value = time_gold.pop((t.start, t.end), None)
        out.time_matched += value is not None
        out.time_value_ok += value == t.value
        if value is None:
            out.errors.append(f"{label} TIME FP {text[t.start:t.end]!r}")
    out.errors.extend(f"{label} TIME FN {text[s:e]!r}" for s, e in time_gold)
    return out


def report(name: str, s: Scores) -> str:
    """A few lines of figures for one document set."""
    p, r, f = Scores.prf(s.matched, s.predicted, s.gold)
    tp, tr, tf = Scores.prf(s.time_matched, s.time_predicted, s.time_gold)
    accs = "  ".join(f"{a}={s.accuracy(a):.3f}" for a in ATTRIBUTES)
    wrong = ", ".join(f"{k}={v}" for k, v in sorted(s.negatives.items())) or "none"
    return (
        f"{name}: quantities gold={s.gold} predicted={s.predicted} matched={s.matched}\n"
        f"  span P={p:.3f} R={r:.3f} F1={f:.3f}\n"
        f"  accuracy on matched spans: {accs}\n"
        f"  years/dates/designations/... reported as quantities: {sum(s.negatives.values())} ({wrong})\n"
        f"  time expressions: gold={s.time_gold} P={tp:.3f} R={tr:.3f} F1={tf:.3f} value-correct={s.time_value_ok}"
    )
