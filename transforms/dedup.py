"""Near-duplicate articles: a republished copy with small edits links to its original.

Exact copies share `article_id` (a hash of the cleaned body) and never get this far as two
rows. Near copies (another outlet's version, a few words changed, a sentence cut) differ in
the hash but share almost all their word sequences. We compare sets of word 5-shingles of the
normalised body (`norm_ar`, so spelling variants of alef/yeh/teh marbuta and diacritics do not
count as edits) by Jaccard similarity, estimated with MinHash and searched with LSH
(datasketch), so the cost per article stays constant as the warehouse grows.

Why 5-word shingles and 0.7: two articles about the same event share names and phrases but
hardly any 5-word runs (seeds 000 and 002, one summit: Jaccard 0.002), while removing a
sentence and changing a few words of seed 000 leaves 0.93. One changed word breaks at most 5
shingles, so 0.7 still catches a short (~100-word) article with 3 edits, and the MinHash
estimate (128 permutations: about +-0.04) cannot bridge the gap to unrelated texts.

Signatures are stored with each article (`minhash`, 128 x UINT32: the whole signature, lossless)
so later runs match earlier ones without re-reading bodies. They are only comparable with the
same NUM_PERM, SEED, SCHEME and shingling: change any of them and stored signatures must be
recomputed.
"""

from __future__ import annotations

import re

import numpy as np
import polars as pl
from datasketch import MinHash, MinHashLSH

from transforms.arabic import norm_ar

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch >= 2.0: 32-bit values, stored as UINT32
SHINGLE_WORDS = 5
THRESHOLD = 0.7

SIGNATURES = {"article_id": pl.Utf8, "minhash": pl.List(pl.UInt32)}
DUPLICATES = {"article_id": pl.Utf8, "duplicate_of": pl.Utf8, "similarity": pl.Float64}

_WORD = re.compile(r"\w+")


def shingles(body: str) -> list[bytes]:
    """Word 5-shingles of the normalised body (the whole text when it is shorter)."""
    words = _WORD.findall(norm_ar(body))
    n = max(1, len(words) - SHINGLE_WORDS + 1) if words else 0
    return list({" ".join(words[i : i + SHINGLE_WORDS]).encode() for i in range(n)})


def signatures(articles: pl.DataFrame) -> pl.DataFrame:
    """(article_id, minhash) for a frame with article_id and body: the column to store."""
    hashes = MinHash.bulk(
        (shingles(b) for b in articles["body"]), num_perm=NUM_PERM, seed=SEED, scheme=SCHEME
    )
    return pl.DataFrame(
        {"article_id": articles["article_id"], "minhash": [m.hashvalues.tolist() for m in hashes]},
        schema=SIGNATURES,
    )


class DuplicateIndex:
    """Originals seen so far (stored ones, then each new non-duplicate), searchable by LSH.

    The single writer keeps one index for a whole run, so each batch is matched against the
    warehouse and all earlier batches without re-reading stored signatures. Banding is
    datasketch's (its optimal bands x rows for the threshold), but the index is held in numpy:
    signatures in one uint32 matrix and, per band, sorted 64-bit bucket keys. That is ~0.7 kB
    an original instead of ~6.5 kB in datasketch's dict-of-sets LSH (~650 MB at 100k
    articles), and a batch is looked up with one `searchsorted` per band.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.bands = MinHashLSH(threshold=threshold, num_perm=NUM_PERM).hashranges
        self.ids: list[str] = []
        self.position: dict[str, int] = {}
        self.values = np.empty((0, NUM_PERM), dtype=np.uint32)
        self.keys = [np.empty(0, dtype=np.uint64) for _ in self.bands]  # per band, sorted
        self.owners = [np.empty(0, dtype=np.int64) for _ in self.bands]  # row in `values` of each key

    def add(self, known: pl.DataFrame) -> None:
        """Register stored originals: a frame with article_id and minhash."""
        values = _matrix(known["minhash"])
        fresh = [i for i, aid in enumerate(known["article_id"]) if aid not in self.position]
        self._append([known["article_id"][i] for i in fresh], values[fresh], self._band_keys(values[fresh]))

    def match(self, batch: pl.DataFrame) -> pl.DataFrame:
        """(article_id, duplicate_of, similarity) of each row of `batch` (article_id, minhash)
        that nearly repeats an original; the other rows become originals themselves."""
        values = _matrix(batch["minhash"])
        keys = self._band_keys(values)
        stored = self._candidates(keys)
        found, new_ids, new_rows, taken = [], [], [], set()
        in_batch: dict[tuple[int, int], list[int]] = {}  # (band, key) -> rows of this batch's originals
        for row, article_id in enumerate(batch["article_id"]):
            if article_id in self.position or article_id in taken or _empty(values[row]):
                continue
            rows = {r for band, key in enumerate(keys[row]) for r in in_batch.get((band, int(key)), ())}
            scored = sorted(
                [(self.ids[i], self.values[i]) for i in stored[row]]
                + [(new_ids[r], values[new_rows[r]]) for r in rows]
            )
            similarity, original = max(
                ((float(np.mean(v == values[row])), aid) for aid, v in scored),
                default=(0.0, None),
                key=lambda s: s[0],
            )
            if original is not None and similarity >= self.threshold:
                found.append((article_id, original, similarity))
                continue
            for band, key in enumerate(keys[row]):
                in_batch.setdefault((band, int(key)), []).append(len(new_ids))
            new_ids.append(article_id)
            new_rows.append(row)
            taken.add(article_id)
        self._append(new_ids, values[new_rows], keys[new_rows])
        return pl.DataFrame(found, schema=DUPLICATES, orient="row")

    def _band_keys(self, values: np.ndarray) -> np.ndarray:
        """(rows, bands) 64-bit keys: each band's values mixed into one integer."""
        keys = np.zeros((len(values), len(self.bands)), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for band, (start, end) in enumerate(self.bands):
                for column in range(start, end):
                    keys[:, band] = keys[:, band] * _MIX + values[:, column]
        return keys

    def _candidates(self, keys: np.ndarray) -> list[set[int]]:
        """Per row of `keys`, the indexed originals sharing a bucket with it in some band."""
        found: list[set[int]] = [set() for _ in range(len(keys))]
        for band, (sorted_keys, owners) in enumerate(zip(self.keys, self.owners, strict=True)):
            lo = np.searchsorted(sorted_keys, keys[:, band], side="left")
            hi = np.searchsorted(sorted_keys, keys[:, band], side="right")
            for row in np.flatnonzero(hi > lo):
                found[row].update(owners[lo[row] : hi[row]].tolist())
        return found

    def _append(self, ids: list[str], values: np.ndarray, keys: np.ndarray) -> None:
        first = len(self.ids)
        self.position.update((aid, first + i) for i, aid in enumerate(ids))
        self.ids += ids
        self.values = np.concatenate([self.values, values])
        rows = np.arange(first, first + len(ids), dtype=np.int64)
        for band in range(len(self.bands)):
            order = np.argsort(keys[:, band])
            at = np.searchsorted(self.keys[band], keys[order, band])
            self.keys[band] = np.insert(self.keys[band], at, keys[order, band])
            self.owners[band] = np.insert(self.owners[band], at, rows[order])


def near_duplicates(
    articles: pl.DataFrame, known: pl.DataFrame | None = None, *, threshold: float = THRESHOLD
) -> pl.DataFrame:
    """(article_id, duplicate_of, similarity) for each article of `articles` that nearly repeats
    a `known` one (signatures of originals already stored) or an earlier row of `articles`.

    `articles` has article_id and body, or a ready `minhash` column (from `signatures`, to
    avoid hashing twice). Originals are the known articles, then the batch in row order: sort
    it first (e.g. by published_at) to choose which copy counts as the original. A duplicate
    always links to an original, never to another duplicate. Rows whose id is known or repeated
    and bodies without words are skipped (not near-duplicates: the same or nothing).
    """
    index = DuplicateIndex(threshold)
    if known is not None:
        index.add(known)
    return index.match(articles if "minhash" in articles.columns else signatures(articles))


_MIX = np.uint64(0x9E3779B97F4A7C15)  # an odd 64-bit multiplier (golden ratio)
_EMPTY = np.iinfo(np.uint32).max  # datasketch's value for "no shingle seen" in every slot


def _matrix(column: pl.Series) -> np.ndarray:
    """Stored signatures as a (rows, NUM_PERM) uint32 matrix."""
    sizes = column.list.len()
    if (sizes != NUM_PERM).any():
        bad = sizes.filter(sizes != NUM_PERM)[0]
        raise ValueError(f"minhash has {bad} values, expected {NUM_PERM}: recompute it")
    return column.explode().to_numpy().astype(np.uint32).reshape(len(column), NUM_PERM)


def _empty(values: np.ndarray) -> bool:
    """A body without words: nothing to compare."""
    return bool(np.all(values == _EMPTY))
