"""Sentences and tokens of cleaned article bodies, with exact code-point offsets.

Sentences end at a line break or at sentence-final punctuation (. ! ? ؟ …, with any
closing quotes or brackets) followed by white space. Tokens are camel-tools'
`simple_word_tokenize` words (punctuation split off, digits kept whole), located in the
body so that `body[char_start:char_end] == surface` always holds.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

import polars as pl
from camel_tools.tokenizers.word import simple_word_tokenize

from transforms.arabic import norm_ar
from transforms.frames import SENTENCES, TOKENS

# A sentence: a run of text up to (and including) final punctuation plus closing marks,
# or up to the end of the line.
_SENTENCE = re.compile(r"[^\n]+?(?:[.!?؟…]+[”\"»’')\]]*(?=\s)|$)", re.MULTILINE)

_WORD = re.compile(r"\S+")
_PLAIN = re.compile(r"[^\W_]+")  # letters and digits: never split by camel-tools

# Most bodies repeat a small vocabulary: normalise each distinct word once.
_norm = lru_cache(maxsize=200_000)(norm_ar)


def split_sentences(body: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence, stripped of surrounding white space."""
    spans = []
    for m in _SENTENCE.finditer(body):
        start, end = m.start(), m.end()
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def locate_tokens(body: str) -> list[tuple[int, int, str]]:
    """camel-tools word tokens with their (start, end) offsets in `body`.

    camel-tools splits each white-space-delimited word on its own, character by character;
    a word of letters and digits only (most of them) is one token, so only the others go
    through it. The tokens of a word are consecutive pieces of it.
    """
    located = []
    for m in _WORD.finditer(body):
        start, word = m.start(), m.group()
        if _PLAIN.fullmatch(word):
            located.append((start, m.end(), word))
            continue
        for piece in simple_word_tokenize(word):
            located.append((start, start + len(piece), piece))
            start += len(piece)
    return located


def tokenize(articles: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Sentences and tokens of every article (columns of `frames.SENTENCES` / `frames.TOKENS`)."""
    sent_cols: dict[str, list] = {name: [] for name in SENTENCES}
    tok_cols: dict[str, list] = {name: [] for name in TOKENS}
    for article_id, body in articles.select("article_id", "body").iter_rows():
        sentences = split_sentences(body)
        starts = [s for s, _ in sentences]
        for idx, (start, end) in enumerate(sentences):
            sent_cols["article_id"].append(article_id)
            sent_cols["sentence_idx"].append(idx)
            sent_cols["char_start"].append(start)
            sent_cols["char_end"].append(end)
        token_idx, current = 0, -1
        for start, end, word in locate_tokens(body):
            sentence_idx = bisect.bisect_right(starts, start) - 1
            if sentence_idx != current:
                token_idx, current = 0, sentence_idx
            tok_cols["article_id"].append(article_id)
            tok_cols["sentence_idx"].append(sentence_idx)
            tok_cols["token_idx"].append(token_idx)
            tok_cols["char_start"].append(start)
            tok_cols["char_end"].append(end)
            tok_cols["surface"].append(word)
            tok_cols["norm"].append(_norm(word))
            token_idx += 1
    return pl.DataFrame(sent_cols, schema=SENTENCES), pl.DataFrame(tok_cols, schema=TOKENS)
