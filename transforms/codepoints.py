"""A column of texts as one array of Unicode code points, for whole-batch character arithmetic.

Python walks a string one character at a time and polars slices UTF-8 by walking from the
start; UTF-32 in numpy gives every character of a batch an index, so per-character tests
and per-span comparisons become array operations over the whole batch.
"""

from __future__ import annotations

import numpy as np
import polars as pl


def code_points(texts: pl.Series) -> tuple[np.ndarray, np.ndarray]:
    """All texts' characters as one uint32 array, and the bounds of text i: `bounds[i]:bounds[i+1]`
    (a NULL text is empty)."""
    texts = texts.fill_null("")
    lengths = texts.str.len_chars().cast(pl.Int64).to_numpy()
    points = np.frombuffer(texts.str.join("").item().encode("utf-32-le"), dtype=np.uint32)
    return points, np.concatenate(([0], np.cumsum(lengths)))


def count_per_text(hits: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """How many of each text's characters are True in `hits` (a mask over `code_points`)."""
    running = np.concatenate(([0], np.cumsum(hits, dtype=np.int64)))
    return running[bounds[1:]] - running[bounds[:-1]]
