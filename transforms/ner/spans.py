"""From per-token BIO tags to `mentions` rows, shared by every recogniser backend.

Spans lose their attached proclitics (لبوتين -> بوتين) and carry code-point offsets into
the article body, so `body[char_start:char_end] == surface`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from itertools import groupby

import polars as pl

from transforms.arabic import norm_ar
from transforms.frames import SPANS_NER, empty
from transforms.ner import clitics, conventions
from transforms.ner.conll import entities
from transforms.ner.features import trigger_of, triggers
from transforms.ner.gazetteer import HYPHEN, Gazetteer

TokenRow = tuple  # (article_id, sentence_idx, char_start, char_end, surface, norm)
LANDFORMS = {"بحر", "نهر", "جبل", "جبال", "صحراء", "مضيق", "خليج", "جزيره", "جزر"}
_NON_BASE = {"\u0640", "\u0670"} | {chr(c) for c in range(0x064B, 0x0660)}


def base_offset(surface: str, n_letters: int) -> int:
    """Code points of `surface` covering its first `n_letters` normalised letters and their marks."""
    i, seen = 0, 0
    while i < len(surface) and seen < n_letters:
        if surface[i] not in _NON_BASE:
            seen += 1
        i += 1
    while i < len(surface) and surface[i] in _NON_BASE:
        i += 1
    return i


def documents(
    articles: pl.DataFrame, tokens: pl.DataFrame
) -> Iterator[tuple[str, list[list[TokenRow]], list[list[str]]]]:
    """(body, sentences of token rows, sentences of normalised forms) per article, in order."""
    bodies = dict(zip(articles["article_id"], articles["body"], strict=True))
    rows = (
        tokens.sort("article_id", "sentence_idx", "token_idx")
        .select("article_id", "sentence_idx", "char_start", "char_end", "surface", "norm")
        .iter_rows()
    )
    for article_id, article_rows in groupby(rows, key=lambda r: r[0]):
        doc = [list(s) for _, s in groupby(article_rows, key=lambda r: r[1])]
        norms = [[r[5] if r[5] is not None else norm_ar(r[4]) for r in s] for s in doc]
        yield bodies[article_id], doc, norms


def glue_hyphens(sentence: Sequence[TokenRow], tags: Sequence[str]) -> list[str]:
    """Tags with `name-part` written with an unspaced hyphen joined into one entity.

    The tokenizer splits ميغ-31, كوفيد-19 and جونغ-أون at the hyphen; a name continues
    across it when the hyphen touches both neighbours and the left one is in an entity.
    """
    out = list(tags)
    for i in range(1, len(sentence) - 1):
        left, hyphen, right = sentence[i - 1], sentence[i], sentence[i + 1]
        if (
            hyphen[4] == HYPHEN
            and out[i - 1] != "O"
            and out[i] == "O"
            and left[3] == hyphen[2]
            and hyphen[3] == right[2]
            and out[i + 1] in ("O", "I-" + out[i - 1][2:])
        ):
            out[i] = out[i + 1] = "I-" + out[i - 1][2:]
    return out


def split_at_clitics(
    words: Sequence[str], tags: Sequence[str], known: Callable[[str], float]
) -> list[str]:
    """Tags with a span broken where an inner token is a proclitic before a known name or trigger.

    The tagger sometimes runs two names together (كيم لبوتين, روسيا وكوريا, ليدز لشبكة سكاي);
    a name's own inner words do not take و/ب/ل/ك, so such a token opens a new entity.
    """
    out = list(tags)
    for i, tag in enumerate(tags):
        if tag.startswith("I-") and i > 0 and tags[i - 1] != "O":
            forms = [form for prefix, form in clitics.splits(words[i]) if prefix]
            if any(known(form) > 0 or form in triggers() for form in forms):
                out[i] = "B-" + tag[2:]
    return out


def repair_with_lists(words: Sequence[str], tags: Sequence[str], gazetteer: Gazetteer) -> list[str]:
    """Tags with every multiword listed name the tagger touched made one whole entity.

    The tagger cuts or mistypes listed names (بيونج | يانج); a name the lists give whole
    and the tagger marked in part is taken whole, with the lists' type when they agree.
    """
    out = list(tags)
    for match in gazetteer.match(words):
        inside = [t[2:] for t in tags[match.start : match.end] if t != "O"]
        if match.end - match.start < 2 or not inside:
            continue
        span = words[match.start : match.end]
        kind = conventions.listed_type(span, gazetteer) or Counter(inside).most_common(1)[0][0]
        out[match.start : match.end] = [f"B-{kind}"] + [f"I-{kind}"] * (len(span) - 1)
        if match.end < len(out) and out[match.end].startswith("I-"):
            out[match.end] = "B-" + out[match.end][2:]
    return out


def trim_triggers(words: Sequence[str], start: int, end: int, kind: str) -> tuple[int, str]:
    """Span start and type once leading title or class words are cut off (صاروخ سويوز-2 -> سويوز-2).

    Titles (الرئيس), place words (مدينة) and object classes (صاروخ) are not part of a name;
    an object class also tells the type (MISC). Institution words (وكالة تاس) and landforms
    (بحر قزوين, جبل طارق) stay.
    """
    while end - start > 1:
        trig = trigger_of(words[start])
        if trig is None or trig[0] == "ORG" or clitics.stem(words[start]) in LANDFORMS:
            break
        start += 1
        if trig[0] == "MISC":
            kind = "MISC"
    return start, kind


def mention_rows(
    body: str,
    sentence: Sequence[TokenRow],
    words: Sequence[str],
    tags: Sequence[str],
    marginals: Sequence[float | None],
    known: Callable[[str], float],
    gazetteer: Gazetteer,
    backend: str,
) -> list[tuple]:
    """SPANS_NER rows of one tagged sentence; score is the lowest token marginal, if all exist."""
    out = []
    tags = repair_with_lists(words, glue_hyphens(sentence, tags), gazetteer)
    tags = split_at_clitics(words, tags, known)
    for start, end, kind in entities(tags):
        start, kind = trim_triggers(words, start, end, kind)
        span = words[start:end]
        kind = conventions.listed_type(span, gazetteer) or kind
        if not conventions.is_mention(span, kind, gazetteer):
            continue
        first = sentence[start]
        listed = gazetteer.match(span)
        if listed and listed[0].start == 0:
            prefix = listed[0].prefix
        else:
            prefix = clitics.proclitic_length(words[start], known)
        char_start = first[2] + base_offset(first[4], prefix)
        char_end = sentence[end - 1][3]
        if char_start >= char_end:
            continue
        probs = list(marginals[start:end])
        score = None if not probs or None in probs else min(probs)
        previous = words[start - 1] if start else None
        out.append(
            (
                first[0],
                first[1],
                char_start,
                char_end,
                body[char_start:char_end],
                kind,
                conventions.subtype(span, previous, kind, gazetteer),
                score,
                backend,
            )
        )
    return out


def mentions_frame(rows: list[tuple]) -> pl.DataFrame:
    """The mentions frame of the given rows (typed and empty when there are none)."""
    if not rows:
        return empty(SPANS_NER)
    return pl.DataFrame(rows, schema=SPANS_NER, orient="row")
