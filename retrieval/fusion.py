"""Rank fusion, as pure functions over score arrays."""

from __future__ import annotations

import numpy as np

RRF_K = 60


def ranks(scores: np.ndarray, eligible: np.ndarray) -> np.ndarray:
    """1-based rank of each eligible document by descending score; ineligible or zero-score ones get 0."""
    result = np.zeros(len(scores), dtype=np.int64)
    candidates = np.flatnonzero(eligible & (scores > 0))
    order = candidates[np.argsort(-scores[candidates], kind="stable")]
    result[order] = np.arange(1, len(order) + 1)
    return result


def reciprocal_rank_fusion(rank_lists: list[np.ndarray], k: int = RRF_K,
                           weights: list[float] | None = None) -> np.ndarray:
    """Σ w / (k + rank) over the lists in which a document is ranked (Cormack, Clarke & Büttcher, SIGIR 2009).

    Rank 0 means "not ranked by this list" and contributes nothing.
    """
    weights = weights or [1.0] * len(rank_lists)
    fused = np.zeros(len(rank_lists[0]), dtype="float64")
    for weight, rank in zip(weights, rank_lists):
        ranked = rank > 0
        fused[ranked] += weight / (k + rank[ranked])
    return fused
