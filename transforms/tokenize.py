"""Sentences and tokens of cleaned article bodies, with exact code-point offsets.

Sentences end at a line break or at sentence-final punctuation (. ! ? ؟ …, with any
closing quotes or brackets) followed by white space. Tokens are camel-tools'
`simple_word_tokenize` words (punctuation split off, digits kept whole), located in the
body so that `body[char_start:char_end] == surface` always holds.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import polars as pl
from camel_tools.tokenizers.word import simple_word_tokenize

from transforms.arabic import norm_ar
from transforms.frames import SENTENCES, TOKENS

# A sentence: a run of text up to (and including) final punctuation plus closing marks,
# or up to the end of the line.
_SENTENCE = re.compile(r"[^\n]+?(?:[.!?؟…]+[”\"»’')\]]*(?=\s)|$)", re.MULTILINE)

# A white-space-delimited word; "plain" when it is letters and digits only, which
# camel-tools never splits.
_WORD = re.compile(r"(?P<plain>[^\W_]+(?!\S))|\S+")

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
        if m.lastgroup == "plain":
            located.append((start, m.end(), word))
            continue
        for piece in simple_word_tokenize(word):
            located.append((start, start + len(piece), piece))
            start += len(piece)
    return located


def tokenize(articles: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Sentences and tokens of every article (columns of `frames.SENTENCES` / `frames.TOKENS`).

    Offsets of the whole batch are gathered into flat lists and each token's sentence and
    place in it found with numpy: a Python loop per token was most of this stage's cost.
    """
    ids = articles["article_id"].to_list()
    sentence_article: list[int] = []
    sentence_spans: list[tuple[int, int]] = []
    token_article: list[int] = []
    located: list[tuple[int, int, str]] = []
    for i, body in enumerate(articles["body"]):
        sentences = split_sentences(body)
        sentence_spans += sentences
        sentence_article += [i] * len(sentences)
        tokens = locate_tokens(body)
        located += tokens
        token_article += [i] * len(tokens)
    sentence_keys = _keys(sentence_article, [s for s, _ in sentence_spans])
    first_sentence = np.searchsorted(sentence_article, np.arange(len(ids)))
    sentences = pl.DataFrame({
        "article_id": [ids[i] for i in sentence_article],
        "sentence_idx": np.arange(len(sentence_spans)) - first_sentence[sentence_article],
        "char_start": [s for s, _ in sentence_spans],
        "char_end": [e for _, e in sentence_spans],
    }, schema=SENTENCES)
    starts = [s for s, _, _ in located]
    # A token belongs to the last sentence of its article starting at or before it.
    sentence_of = np.searchsorted(sentence_keys, _keys(token_article, starts), side="right") - 1
    words = [w for _, _, w in located]
    tokens = pl.DataFrame({
        "article_id": [ids[i] for i in token_article],
        "sentence_idx": sentence_of - first_sentence[token_article],
        "token_idx": np.arange(len(located)) - np.searchsorted(sentence_of, sentence_of),
        "char_start": starts,
        "char_end": [e for _, e, _ in located],
        "surface": words,
        "norm": [_norm(w) for w in words],
    }, schema=TOKENS)
    return sentences, tokens


def _keys(article: list[int], offset: list[int]) -> np.ndarray:
    """(article, offset) pairs as one sortable integer."""
    return (np.asarray(article, dtype=np.int64) << 32) + np.asarray(offset, dtype=np.int64)
