"""Document-level consistency: a name tagged once is tagged again where the tagger missed it.

News repeats names (بوتين ... وقال بوتين ...) and a surname stands for a full name seen
earlier (جورج بوش ... بوش). The first pass tags sentences one by one; this pass collects
the names it found in the document (with their clitic-free forms) and tags untagged
repetitions of them, taking the majority type. It never overrides an existing tag.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from transforms.ner import clitics
from transforms.ner.conll import entities

MIN_LETTERS = 3  # shorter repeated forms are too often function words


def name_keys(
    norms: Sequence[str], start: int, end: int, kind: str, strip: Callable[[str], str]
) -> list[tuple[str, ...]]:
    """Lookup keys of one tagged span: its clitic-free form, and a person's last name alone."""
    keys = [(strip(norms[start]), *norms[start + 1 : end])]
    if kind == "PERS" and end - start > 1:
        keys.append((norms[end - 1],))
    return [k for k in keys if len("".join(k)) >= MIN_LETTERS]


def propagate(
    doc: Sequence[Sequence[str]], tags: Sequence[list[str]], strip: Callable[[str], str]
) -> list[list[str]]:
    """Tags of every sentence with untagged repetitions of the document's names filled in."""
    votes: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for norms, sentence_tags in zip(doc, tags, strict=True):
        for start, end, kind in entities(sentence_tags):
            for key in name_keys(norms, start, end, kind, strip):
                votes[key][kind] += 1
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key in sorted(votes, key=len, reverse=True):
        by_first[key[0]].append(key)
    starts = set().union(*map(clitics.attached, by_first))
    out = [list(t) for t in tags]
    for norms, sentence_tags in zip(doc, out, strict=True):
        resume = 0
        for i in [i for i, word in enumerate(norms) if word in starts]:
            if i < resume:
                continue
            span = _find(norms, sentence_tags, i, by_first)
            if span is not None:
                kind = votes[span].most_common(1)[0][0]
                sentence_tags[i : i + len(span)] = [f"B-{kind}"] + [f"I-{kind}"] * (len(span) - 1)
                resume = i + len(span)
    return out


def _find(
    norms: Sequence[str], tags: Sequence[str], i: int, by_first: dict[str, list[tuple[str, ...]]]
) -> tuple[str, ...] | None:
    """The longest known name starting at token i whose tokens are all untagged."""
    for _, form in clitics.splits(norms[i]):
        for key in by_first.get(form, ()):
            end = i + len(key)
            if (
                end <= len(norms)
                and all(tags[j] == "O" for j in range(i, end))
                and all(norms[i + k] == key[k] for k in range(1, len(key)))
            ):
                return key
    return None
