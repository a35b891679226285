"""Per-token label scores for the numpy decoder, from pieces computed once per distinct word.

crfsuite scores a token by summing the weights of its attributes and ignores attributes the
model has no weight for. Most attributes depend on one word only (see features.py): its own
features, and the context features its neighbours see at each window offset. So each word
gets its sums once, in a row per slot (own, then offsets -2, -1, 1, 2), and the scores of a
batch of sentences are gathers and shifted adds over word ids, plus the attributes of
positions: BOS, EOS, the bigram with the previous word, and list matches.

A list match that covers one word is the same wherever the word stands, so its attributes
(gB on the word, +1:gB before it, -1:gE after it) are per-word rows too. `Gazetteer.match_at`
runs only where a multiword name may start: at a word that opens one, followed by a word that
may be its second (a 64-bit hash mask per word, so a few false alarms and no misses), left to
right and skipping matched tokens, as `Gazetteer.match` does.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import reduce
from itertools import chain, repeat
from operator import or_

import numpy as np

from transforms.ner import clitics
from transforms.ner.decoder import CrfWeights
from transforms.ner.features import (
    BOS,
    EOS,
    WINDOW,
    FeatureExtractor,
    bigram_pairs,
    match_attributes,
)
from transforms.ner.gazetteer import HYPHEN, Entry, Match

MAX_WORDS = 150_000  # words kept before the cache starts over (about 100 MB per worker)
_ALONE_SPAN = Match(1, 2, 0, ())  # a one-word match in a three-token sentence: before, on, after


def _add_rows(
    target: np.ndarray, ids: np.ndarray, attributes: list[list[str]], index: dict[str, int], table: np.ndarray
) -> None:
    """Set each word's row (target[id], zero before) to the sum of the weights (table rows) of
    its attributes the index knows."""
    counts = np.fromiter(map(len, attributes), np.int64, len(attributes))
    flat = list(chain.from_iterable(attributes))
    rows = np.fromiter(map(index.get, flat, repeat(-1)), np.int64, len(flat))
    known = rows >= 0
    owners = np.repeat(ids, counts)[known]
    if not len(owners):
        return
    heads = np.flatnonzero(np.concatenate([[True], owners[1:] != owners[:-1]]))
    target[owners[heads]] = np.add.reduceat(table[rows[known]], heads, axis=0)


def _bit(word: str) -> int:
    """One of 64 bits, picked by the word's hash (stable within a process)."""
    return 1 << (hash(word) & 63)


def _follows(seconds: set[str]) -> int:
    """Bits of the words that may come second in a multiword name (a hyphen may come between)."""
    return reduce(or_, map(_bit, seconds), _bit(HYPHEN)) if seconds else 0


@dataclass
class Batch:
    """Scores of a batch of sentences, flat (one row per token), and where each sentence lies."""

    scores: np.ndarray  # (tokens, labels)
    starts: np.ndarray
    lengths: np.ndarray
    listed: list[list[Match]]  # per sentence, the first list's multiword matches


@dataclass
class _Words:
    """Per-word rows, grown as words arrive; a word's id indexes them."""

    n_labels: int
    n_lists: int
    ids: dict[str, int] = field(default_factory=dict)
    capacity: int = 0

    def __post_init__(self) -> None:
        self.rows = np.zeros((0, 1 + len(WINDOW), self.n_labels))
        self.bigram = np.zeros(0, dtype=np.int64)
        self.alone = np.zeros((0, self.n_lists), dtype=np.int64)
        self.follows = np.zeros((0, self.n_lists), dtype=np.uint64)
        self.bit = np.zeros(0, dtype=np.uint64)

    def reserve(self, n: int) -> None:
        """Room for n words in all, by doubling."""
        if n <= self.capacity:
            return
        self.capacity = max(n, min(2 * self.capacity, MAX_WORDS), 1024)
        for name in ("rows", "bigram", "alone", "follows", "bit"):
            old = getattr(self, name)
            new = np.zeros((self.capacity, *old.shape[1:]), dtype=old.dtype)
            new[: len(old)] = old
            setattr(self, name, new)


class Scorer:
    """Turns sentences of normalised tokens into the label scores crfsuite would give them.

    Thread-safe: word rows are added under a lock, and each batch reads the arrays it was given.
    """

    def __init__(self, weights: CrfWeights, extractor: FeatureExtractor) -> None:
        self.extractor = extractor
        self.lists = (extractor.gazetteer, extractor.names)
        self.n_labels = len(weights.labels)
        self.state = weights.state
        self.attributes = weights.attributes
        self._context_index, self._context = self._context_table(weights)
        self._bigram_words, self._bigram_keys, self._bigram_rows = self._bigram_table(weights)
        self._spans: dict[tuple[tuple[Entry, ...], int], np.ndarray] = {}
        self._alone_index: dict[tuple[Entry, ...], int] = {}
        self._alone_rows = np.zeros((0, 3, self.n_labels))
        self._lock = threading.Lock()
        self._words = _Words(self.n_labels, len(self.lists))

    def _context_table(self, weights: CrfWeights) -> tuple[dict[str, int], np.ndarray]:
        """Context attribute -> row of its weights at each window offset (`k:attribute`)."""
        offsets = {str(k): slot for slot, k in enumerate(WINDOW)}
        index: dict[str, int] = {}
        entries = []
        for name, aid in self.attributes.items():
            offset, sep, base = name.partition(":")
            if sep and offset in offsets:
                entries.append((index.setdefault(base, len(index)), offsets[offset], aid))
        table = np.zeros((len(index), len(WINDOW), self.n_labels))
        for row, slot, aid in entries:
            table[row, slot] = weights.state[aid]
        return index, table

    def _bigram_table(self, weights: CrfWeights) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
        """Ids of the words in the model's bigram attributes, sorted pair keys and their weights."""
        words: dict[str, int] = {}
        pairs = []
        for name, aid in self.attributes.items():
            for previous, word in bigram_pairs(name):
                pairs.append((words.setdefault(previous, len(words)), words.setdefault(word, len(words)), aid))
        keys = np.array([a * len(words) + b for a, b, _ in pairs], dtype=np.int64)
        order = np.argsort(keys)
        rows = weights.state[np.array([aid for *_, aid in pairs], dtype=np.int64)] if pairs else self.state[:0]
        return words, keys[order], rows[order]

    def _row(self, attribute: str) -> np.ndarray | None:
        """Weights of one attribute, None when the model has none."""
        aid = self.attributes.get(attribute)
        return None if aid is None else self.state[aid]

    def _span_rows(self, entries: tuple[Entry, ...], length: int) -> np.ndarray:
        """The weights a match of `length` tokens with these entries adds: row 0 to the token
        before it, rows 1..length to its tokens, the last row to the token after it."""
        key = (entries, length)
        rows = self._spans.get(key)
        if rows is None:
            rows = np.zeros((length + 2, self.n_labels))
            for position, attribute in match_attributes(Match(1, 1 + length, 0, entries), length + 2):
                weight = self._row(attribute)
                if weight is not None:
                    rows[position] += weight
            self._spans[key] = rows
        return rows

    def _alone_id(self, match: Match | None) -> int:
        """Id of the rows (before, on, after the word) of a one-word match with these entries; -1: none."""
        if match is None:
            return -1
        found = self._alone_index.get(match.entries)
        if found is None:
            rows = self._span_rows(match.entries, 1)[None]
            self._alone_rows = np.concatenate([self._alone_rows, rows])
            found = self._alone_index[match.entries] = len(self._alone_index)
        return found

    def _add_words(self, words: _Words, new: list[str]) -> None:
        """Compute and store the rows of words not seen before."""
        first = len(words.ids)
        words.reserve(first + len(new))
        ids = np.arange(first, first + len(new))
        attributes = [self.extractor.word_attributes(word) for word in new]
        owns = [[*context, *extras] for context, extras in attributes]
        _add_rows(words.rows[:, 0], ids, owns, self.attributes, self.state)
        contexts = [context for context, _ in attributes]
        _add_rows(words.rows[:, 1:], ids, contexts, self._context_index, self._context)
        words.bigram[ids] = np.fromiter(map(self._bigram_words.get, new, repeat(-1)), np.int64, len(new))
        words.bit[ids] = np.fromiter(map(_bit, new), np.uint64, len(new))
        forms = [[form for _, form in clitics.splits(w)] for w in new]
        for li, gazetteer in enumerate(self.lists):
            listed = [j for j, fs in enumerate(forms) if any(map(gazetteer.starts_name, fs))]
            words.alone[ids, li] = -1
            words.follows[ids[listed], li] = [_follows(gazetteer.second_words(new[j])) for j in listed]
            words.alone[ids[listed], li] = [self._alone_id(gazetteer.match_at([new[j]], 0)) for j in listed]
        words.ids.update(zip(new, ids.tolist()))

    def _word_ids(self, flat: list[str]) -> tuple[np.ndarray, _Words, np.ndarray]:
        """Ids of the tokens, the word rows they index and the one-word match rows, adding new words."""
        with self._lock:
            words = self._words
            ids = np.fromiter(map(words.ids.get, flat, repeat(-1)), dtype=np.int64, count=len(flat))
            unknown = np.flatnonzero(ids < 0)
            if len(unknown):
                new = list(dict.fromkeys(flat[i] for i in unknown.tolist()))
                if len(words.ids) + len(new) > MAX_WORDS:
                    words = self._words = _Words(self.n_labels, len(self.lists))
                    new = list(dict.fromkeys(flat))
                    unknown = np.arange(len(flat))
                self._add_words(words, new)
                ids[unknown] = [words.ids[flat[i]] for i in unknown.tolist()]
            return ids, words, self._alone_rows

    def score(self, sentences: Sequence[Sequence[str]]) -> Batch:
        """Label scores of every token of the sentences."""
        flat = list(chain.from_iterable(sentences))
        lengths = np.array([len(s) for s in sentences], dtype=np.int64)
        starts = np.cumsum(lengths) - lengths
        wids, words, alone_rows = self._word_ids(flat)
        n = len(flat)
        sentence_of = np.repeat(np.arange(len(sentences)), lengths)
        first = np.zeros(n, dtype=bool)
        first[starts[lengths > 0]] = True
        last = np.zeros(n, dtype=bool)
        last[(starts + lengths - 1)[lengths > 0]] = True
        scores = words.rows[wids, 0]
        for slot, k in enumerate(WINDOW, 1):
            target, source = (slice(0, n - k), slice(k, n)) if k > 0 else (slice(-k, n), slice(0, n + k))
            seen = words.rows[wids[source], slot]
            seen[sentence_of[source] != sentence_of[target]] = 0.0
            scores[target] += seen
        for attribute, mask in ((BOS, first), (EOS, last)):
            weight = self._row(attribute)
            if weight is not None:
                scores[mask] += weight
        self._add_bigrams(scores, words.bigram[wids], first)
        listed: list[list[Match]] = [[] for _ in sentences]
        following = np.zeros(n, dtype=np.uint64)
        following[:-1] = words.bit[wids[1:]]
        following[last] = 0
        for li in range(len(self.lists)):
            may_open = (words.follows[wids, li] & following) != 0
            covered = self._add_multiword(scores, sentences, starts, sentence_of, may_open, li, listed)
            alone = words.alone[wids, li]
            here = np.flatnonzero((alone >= 0) & ~may_open & ~covered)
            rows = alone_rows[alone[here]]
            scores[here] += rows[:, 1]
            before = ~first[here]
            scores[here[before] - 1] += rows[before, 0]
            after = ~last[here]
            scores[here[after] + 1] += rows[after, 2]
        return Batch(scores, starts, lengths, listed)

    def _add_bigrams(self, scores: np.ndarray, bigram: np.ndarray, first: np.ndarray) -> None:
        """Add the weights of `bi=previous|word` at every token whose pair the model knows."""
        if not len(self._bigram_keys):
            return
        here = np.flatnonzero(~first[1:] & (bigram[1:] >= 0) & (bigram[:-1] >= 0)) + 1
        keys = bigram[here - 1] * len(self._bigram_words) + bigram[here]
        at = np.minimum(np.searchsorted(self._bigram_keys, keys), len(self._bigram_keys) - 1)
        known = self._bigram_keys[at] == keys
        scores[here[known]] += self._bigram_rows[at[known]]

    def _add_multiword(
        self,
        scores: np.ndarray,
        sentences: Sequence[Sequence[str]],
        starts: np.ndarray,
        sentence_of: np.ndarray,
        may_open: np.ndarray,
        li: int,
        listed: list[list[Match]],
    ) -> np.ndarray:
        """Match list `li` where a multiword name may start, add the matches' attributes, and
        return which tokens lie inside a multiword match (no match starts there)."""
        covered = np.zeros(len(scores), dtype=bool)
        gazetteer = self.lists[li]
        resume = 0
        for p in np.flatnonzero(may_open).tolist():
            if p < resume:
                continue
            s = int(sentence_of[p])
            start = int(starts[s])
            sentence = sentences[s]
            match = gazetteer.match_at(sentence, p - start)
            if match is None:
                continue
            resume = start + match.end
            if match.end - match.start > 1:
                covered[p + 1 : resume] = True
                if li == 0:
                    listed[s].append(match)
            rows = self._span_rows(match.entries, match.end - match.start)
            low = 0 if match.start else 1
            high = len(rows) if match.end < len(sentence) else len(rows) - 1
            scores[p - 1 + low : p - 1 + high] += rows[low:high]
        return covered
