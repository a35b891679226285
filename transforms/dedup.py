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
from datasketch import LeanMinHash, MinHash, MinHashLSH

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
    warehouse and all earlier batches without re-reading stored signatures.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.originals: dict[str, LeanMinHash] = {}

    def add(self, known: pl.DataFrame) -> None:
        """Register stored originals: a frame with article_id and minhash."""
        for article_id, values in known.select("article_id", "minhash").iter_rows():
            self._add(article_id, _lean(values))

    def match(self, batch: pl.DataFrame) -> pl.DataFrame:
        """(article_id, duplicate_of, similarity) of each row of `batch` (article_id, minhash)
        that nearly repeats an original; the other rows become originals themselves."""
        found = []
        for article_id, values in batch.select("article_id", "minhash").iter_rows():
            m = _lean(values)
            if article_id in self.originals or m.is_empty():
                continue
            scored = [(m.jaccard(self.originals[k]), k) for k in sorted(self.lsh.query(m))]
            similarity, original = max(scored, default=(0.0, None), key=lambda s: s[0])
            if original is not None and similarity >= self.threshold:
                found.append((article_id, original, similarity))
            else:
                self._add(article_id, m)
        return pl.DataFrame(found, schema=DUPLICATES, orient="row")

    def _add(self, article_id: str, m: LeanMinHash) -> None:
        if article_id not in self.originals:
            self.lsh.insert(article_id, m)
            self.originals[article_id] = m


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


def _lean(values: list[int]) -> LeanMinHash:
    """A stored signature back as a MinHash (no permutations needed to compare)."""
    if len(values) != NUM_PERM:
        raise ValueError(f"minhash has {len(values)} values, expected {NUM_PERM}: recompute it")
    return LeanMinHash(seed=SEED, hashvalues=np.asarray(values, dtype=np.uint32), scheme=SCHEME)

