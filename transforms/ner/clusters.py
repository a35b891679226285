"""Word clusters learned from unlabelled text: a cheap, offline stand-in for embeddings.

Words are grouped by the company they keep: counts of left and right neighbours (on
clitic-stripped forms, so لبوتين and بوتين pool their evidence), weighted by positive PMI,
reduced by SVD and clustered by k-means at two granularities. A name never seen labelled
still lands in the cluster of names that appear in the same contexts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from transforms.arabic import norm_ar
from transforms.ner import clitics

SEED = 0


def cluster_key(word: str) -> str:
    """The form clusters are keyed by (and looked up with)."""
    return clitics.stem(norm_ar(word))


def learn_clusters(
    sentences: Sequence[Sequence[str]],
    n_clusters: int,
    min_count: int = 2,
    n_context: int = 2000,
    dims: int = 100,
) -> dict[str, str]:
    """Map each word form seen `min_count` times to "coarse-fine" cluster ids; {} when n_clusters is 0."""
    if n_clusters <= 0:
        return {}
    import numpy as np
    from scipy import sparse
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    forms = [[cluster_key(w) for w in s] for s in sentences]
    counts = Counter(f for s in forms for f in s)
    vocab = sorted((w for w, c in counts.items() if c >= min_count), key=lambda w: (-counts[w], w))
    contexts = {w: i for i, w in enumerate(vocab[:n_context])}
    row_of = {w: i for i, w in enumerate(vocab)}
    rows, cols = [], []
    for s in forms:
        padded = ["<s>", *s, "</s>"]
        for i in range(1, len(padded) - 1):
            r = row_of.get(padded[i])
            if r is None:
                continue
            for side, neighbour in ((0, padded[i - 1]), (1, padded[i + 1])):
                c = contexts.get(neighbour)
                if c is not None:
                    rows.append(r)
                    cols.append(side * n_context + c)
    matrix = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(vocab), 2 * n_context)
    )
    matrix.sum_duplicates()
    total = matrix.sum()
    row_sum = np.asarray(matrix.sum(axis=1)).ravel() + 1e-9
    col_sum = np.asarray(matrix.sum(axis=0)).ravel() + 1e-9
    coo = matrix.tocoo()
    pmi = np.log(coo.data * total / (row_sum[coo.row] * col_sum[coo.col]))
    ppmi = sparse.csr_matrix((np.maximum(pmi, 0), (coo.row, coo.col)), shape=matrix.shape)
    vectors = normalize(TruncatedSVD(dims, random_state=SEED).fit_transform(ppmi))
    fine = KMeans(n_clusters, n_init=2, random_state=SEED).fit_predict(vectors)
    coarse = KMeans(max(2, n_clusters // 8), n_init=2, random_state=SEED).fit_predict(vectors)
    return {w: f"{coarse[i]}-{fine[i]}" for i, w in enumerate(vocab)}
