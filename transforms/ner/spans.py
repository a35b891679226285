"""From per-token BIO tags to `mentions` rows, shared by every recogniser backend.

Spans lose their attached proclitics (لبوتين -> بوتين) and carry code-point offsets into
the article body, so `body[char_start:char_end] == surface`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import polars as pl

from transforms.arabic import norm_ar
from transforms.frames import SPANS_NER, empty
from transforms.ner import clitics, conventions
from transforms.ner.conll import entities
from transforms.ner.features import trigger_of, triggers
from transforms.ner.gazetteer import HYPHEN, Gazetteer, Match

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


class SentenceTokens(NamedTuple):
    """One sentence's tokens: their code-point offsets into the article body and surface forms."""

    article_id: str
    sentence_idx: int
    char_starts: np.ndarray
    char_ends: np.ndarray
    surfaces: list[str]


def _in_article_order(frame: pl.DataFrame) -> bool:
    """Whether each article's tokens are contiguous and in sentence and token order already."""
    same = (pl.col("article_id") == pl.col("article_id").shift()).fill_null(False)
    previous_sentence, previous_token = pl.col("sentence_idx").shift(), pl.col("token_idx").shift()
    forward = (pl.col("sentence_idx") > previous_sentence) | (
        (pl.col("sentence_idx") == previous_sentence) & (pl.col("token_idx") > previous_token)
    )
    check = frame.select(
        backward=(same & ~forward.fill_null(False)).sum(),
        runs=(~same).sum(),
        articles=pl.col("article_id").n_unique(),
    ).row(0)
    return check[0] == 0 and check[1] == check[2]


def documents(
    articles: pl.DataFrame, tokens: pl.DataFrame
) -> Iterator[tuple[str, list[SentenceTokens], list[list[str]]]]:
    """(body, sentences' tokens, sentences of normalised forms) per article, by article id."""
    bodies = dict(zip(articles["article_id"], articles["body"], strict=True))
    frame = tokens if _in_article_order(tokens) else tokens.sort("article_id", "sentence_idx", "token_idx")
    surfaces = frame["surface"].to_list()
    norms = frame["norm"].to_list()
    if frame["norm"].null_count():
        norms = [n if n is not None else norm_ar(s) for s, n in zip(surfaces, norms, strict=True)]
    char_starts, char_ends = frame["char_start"].to_numpy(), frame["char_end"].to_numpy()
    heads = frame.select(
        pl.int_range(pl.len()).alias("row"),
        "article_id",
        "sentence_idx",
        new=(
            (pl.col("article_id") != pl.col("article_id").shift())
            | (pl.col("sentence_idx") != pl.col("sentence_idx").shift())
        ).fill_null(True),
    ).filter("new")
    rows = heads["row"].to_list()
    sentences = zip(heads["article_id"].to_list(), heads["sentence_idx"].to_list(), rows, [*rows[1:], len(norms)])
    by_article: dict[str, tuple[list[SentenceTokens], list[list[str]]]] = {}
    for article_id, sentence_idx, a, b in sentences:
        doc, words = by_article.setdefault(article_id, ([], []))
        doc.append(SentenceTokens(article_id, sentence_idx, char_starts[a:b], char_ends[a:b], surfaces[a:b]))
        words.append(norms[a:b])
    for article_id in sorted(by_article):
        yield bodies[article_id], *by_article[article_id]


def glue_hyphens(sentence: SentenceTokens, tags: Sequence[str]) -> list[str]:
    """Tags with `name-part` written with an unspaced hyphen joined into one entity.

    The tokenizer splits ميغ-31, كوفيد-19 and جونغ-أون at the hyphen; a name continues
    across it when the hyphen touches both neighbours and the left one is in an entity.
    """
    out = list(tags)
    if HYPHEN not in sentence.surfaces:
        return out
    starts, ends = sentence.char_starts, sentence.char_ends
    for i in range(1, len(out) - 1):
        if (
            sentence.surfaces[i] == HYPHEN
            and out[i - 1] != "O"
            and out[i] == "O"
            and ends[i - 1] == starts[i]
            and ends[i] == starts[i + 1]
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
    for i in [i for i, tag in enumerate(tags) if tag[:2] == "I-"]:
        if i > 0 and tags[i - 1] != "O":
            tag = tags[i]
            forms = [form for prefix, form in clitics.splits(words[i]) if prefix]
            if any(known(form) > 0 or form in triggers() for form in forms):
                out[i] = "B-" + tag[2:]
    return out


def repair_with_lists(
    words: Sequence[str], tags: Sequence[str], gazetteer: Gazetteer, listed: Sequence[Match]
) -> list[str]:
    """Tags with every multiword listed name the tagger touched made one whole entity.

    The tagger cuts or mistypes listed names (بيونج | يانج); a name the lists give whole
    and the tagger marked in part is taken whole, with the lists' type when they agree.
    `listed`: the sentence's `gazetteer.match` (its multiword matches suffice).
    """
    out = list(tags)
    for match in listed:
        inside = [t[2:] for t in tags[match.start : match.end] if t != "O"]
        if match.end - match.start < 2 or not inside:
            continue
        span = words[match.start : match.end]
        named = conventions.naming(gazetteer.match(span), len(span))
        kind = conventions.listed_type(named) or Counter(inside).most_common(1)[0][0]
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


Verdict = tuple[int, str, int, str | None]  # (tokens trimmed, type, proclitic letters, subtype)


class SpanRules:
    """A recogniser's span decisions from its lists and lexicon, remembered per distinct
    (span, type, previous word): news repeats its names, so most spans were judged before."""

    def __init__(self, known: Callable[[str], float], gazetteer: Gazetteer, size: int = 1 << 16) -> None:
        self.known = known
        self.gazetteer = gazetteer
        self.judge = lru_cache(maxsize=size)(self._judge)

    def _judge(self, span: tuple[str, ...], kind: str, previous: str | None) -> Verdict | None:
        """How a tagged span becomes a mention (see `judge`), None if it is none."""
        trimmed, kind = trim_triggers(span, 0, len(span), kind)
        if trimmed:
            previous = span[trimmed - 1]
        words = list(span[trimmed:])
        matches = self.gazetteer.match(words)
        named = conventions.naming(matches, len(words))
        kind = conventions.listed_type(named) or kind
        if not conventions.is_mention(words, kind, self.gazetteer):
            return None
        if matches and matches[0].start == 0:
            prefix = matches[0].prefix
        else:
            prefix = clitics.proclitic_length(words[0], self.known)
        return trimmed, kind, prefix, conventions.subtype(words, previous, kind, named)


def mention_rows(
    body: str,
    sentence: SentenceTokens,
    words: Sequence[str],
    tags: Sequence[str],
    marginals: Sequence[float | None],
    listed: Sequence[Match],
    rules: SpanRules,
    backend: str,
) -> list[tuple]:
    """SPANS_NER rows of one tagged sentence; score is the lowest token marginal, if all exist.

    `listed`: the sentence's list matches, as for `repair_with_lists`.
    """
    if tags.count("O") == len(tags):  # no repair below makes a name out of nothing
        return []
    out = []
    tags = repair_with_lists(words, glue_hyphens(sentence, tags), rules.gazetteer, listed)
    tags = split_at_clitics(words, tags, rules.known)
    for start, end, kind in entities(tags):
        verdict = rules.judge(tuple(words[start:end]), kind, words[start - 1] if start else None)
        if verdict is None:
            continue
        trimmed, kind, prefix, subtype = verdict
        start += trimmed
        char_start = int(sentence.char_starts[start]) + base_offset(sentence.surfaces[start], prefix)
        char_end = int(sentence.char_ends[end - 1])
        if char_start >= char_end:
            continue
        probs = list(marginals[start:end])
        score = None if not probs or None in probs else min(probs)
        out.append(
            (
                sentence.article_id,
                sentence.sentence_idx,
                char_start,
                char_end,
                body[char_start:char_end],
                kind,
                subtype,
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
