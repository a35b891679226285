"""A crfsuite CRF1d model's weights in numpy, and its Viterbi and marginals for many sentences at once.

python-crfsuite tags one sentence per call and wants every feature as a string, which made
the tagger the bulk of NER time. Here a sentence is a matrix of per-token label scores
(the sum of the weights of its attributes, built elsewhere), and a batch of sentences is
decoded with one numpy step per token position: sentences are sorted by length, longest
first, so the ones still running at step t are a prefix of that order.

The arithmetic is crfsuite's (crf1d_context.c): no start or end transitions; Viterbi keeps
the first best predecessor and the first best final label; marginals come from the scaled
forward-backward recursions. The weights are read exactly from the model file's feature
chunk (`Tagger.info()` prints them rounded to six decimals); `info()` names the ids.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pycrfsuite

_HEADER = struct.Struct("<4sI4sIIIIIIIII")  # crf1dm header_t: magic, size, type, version, counts, offsets
_CHUNK = 12  # chunk id, size, item count
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1
_BLOCK = 4096  # rows per matrix product: OpenBLAS threads larger thin products, at a high CPU cost


@dataclass(frozen=True)
class CrfWeights:
    """Labels in model order, one weight row per attribute (`attributes` names them) and transitions."""

    labels: list[str]
    attributes: dict[str, int]
    state: np.ndarray  # (n_attributes, n_labels)
    transitions: np.ndarray  # (n_labels, n_labels), from -> to


def read_weights(model: Path) -> CrfWeights:
    """The weights of a crfsuite model file, exactly as crfsuite's tagger uses them."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    info = tagger.info()
    tagger.close()
    buffer = model.read_bytes()
    magic, *_, off_features, _, _, _, _ = _HEADER.unpack_from(buffer)
    if magic != b"lCRF" or buffer[off_features : off_features + 4] != b"FEAT":
        raise ValueError(f"{model} is not a crfsuite CRF1d model")
    (count,) = struct.unpack_from("<I", buffer, off_features + 8)
    features = np.frombuffer(buffer, _FEATURE, count, off_features + _CHUNK)
    labels = [name for name, _ in sorted(info.labels.items(), key=lambda kv: int(kv[1]))]
    attributes = {name: int(aid) for name, aid in info.attributes.items()}
    state = np.zeros((len(attributes), len(labels)))
    transitions = np.zeros((len(labels), len(labels)))
    for kind, table in ((_STATE, state), (_TRANSITION, transitions)):
        rows = features[features["type"] == kind]
        table[rows["src"], rows["dst"]] = rows["weight"]
    return CrfWeights(labels, attributes, state, transitions)


class Lattice:
    """A batch of sentences packed step by step: step t holds token t of every sentence longer
    than t, longest sentences first, so each step is one slice of rows and shrinks as sentences end.
    """

    def __init__(self, starts: np.ndarray, lengths: np.ndarray) -> None:
        order = np.argsort(-lengths, kind="stable")
        longest = int(lengths[order[0]]) if len(order) else 0
        self.active = np.searchsorted(-lengths[order], -np.arange(longest), side="left").tolist()
        self.offsets = np.concatenate([[0], np.cumsum(self.active, dtype=np.int64)]).tolist()
        heads = starts[order]
        self.rows = np.concatenate([heads[:n] + t for t, n in enumerate(self.active)] or [heads[:0]])

    def step(self, t: int) -> slice:
        """Packed rows of step t."""
        return slice(self.offsets[t], self.offsets[t + 1])

    def pack(self, flat: np.ndarray) -> np.ndarray:
        """Token rows in packed order."""
        return flat[self.rows]

    def unpack(self, packed: np.ndarray) -> np.ndarray:
        """Packed rows back in token order."""
        flat = np.empty_like(packed)
        flat[self.rows] = packed
        return flat


def viterbi(scores: np.ndarray, transitions: np.ndarray, lattice: Lattice) -> np.ndarray:
    """Best label id of every token (rows of `scores`: tokens; columns: label scores).

    The forward pass keeps only the best scores; each backpointer is recomputed for the one
    label the path takes, with the same sums, so ties still go to the first label.
    """
    packed = lattice.pack(scores)
    best = np.empty_like(packed)
    steps = len(lattice.active)
    if not steps:
        return np.zeros(0, dtype=np.intp)
    best[lattice.step(0)] = packed[lattice.step(0)]
    for t in range(1, steps):
        previous = best[lattice.step(t - 1)][: lattice.active[t]]
        here = previous[:, :1] + transitions[0]
        for i in range(1, len(transitions)):
            np.maximum(here, previous[:, i : i + 1] + transitions[i], out=here)
        best[lattice.step(t)] = here + packed[lattice.step(t)]
    labels = np.empty(len(packed), dtype=np.intp)
    labels[lattice.step(steps - 1)] = best[lattice.step(steps - 1)].argmax(1)
    for t in range(steps - 2, -1, -1):
        n = lattice.active[t + 1]
        following = labels[lattice.step(t + 1)]
        here, out = best[lattice.step(t)], labels[lattice.step(t)]
        out[:n] = (here[:n] + transitions[:, following].T).argmax(1)
        out[n:] = here[n:].argmax(1)
    return lattice.unpack(labels)


def _product(rows: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """rows @ matrix, in blocks of rows small enough for OpenBLAS to stay on one thread."""
    if len(rows) <= _BLOCK:
        return rows @ matrix
    return np.concatenate([rows[i : i + _BLOCK] @ matrix for i in range(0, len(rows), _BLOCK)])


def marginals(scores: np.ndarray, transitions: np.ndarray, lattice: Lattice) -> np.ndarray:
    """Probability of every label at every token, by crfsuite's scaled forward-backward."""
    weights, edges = np.exp(lattice.pack(scores)), np.exp(transitions)
    alpha, beta = np.empty_like(weights), np.empty_like(weights)
    scale = np.empty((len(weights), 1))
    steps = len(lattice.active)
    for t in range(steps):
        here = weights[lattice.step(t)]
        if t:
            here = _product(alpha[lattice.step(t - 1)][: lattice.active[t]], edges) * here
        total = here.sum(1, keepdims=True)
        factor = np.ones_like(total)
        np.divide(1.0, total, out=factor, where=total != 0.0)
        alpha[lattice.step(t)] = here * factor
        scale[lattice.step(t)] = factor
    for t in range(steps - 1, -1, -1):
        n = lattice.active[t + 1] if t + 1 < steps else 0
        here, factor = beta[lattice.step(t)], scale[lattice.step(t)]
        if n:
            following = beta[lattice.step(t + 1)] * weights[lattice.step(t + 1)]
            here[:n] = _product(following, edges.T) * factor[:n]
        here[n:] = factor[n:]
    return lattice.unpack(alpha * beta / scale)
