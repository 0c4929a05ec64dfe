"""Agreement between engine themes and human labels: NMI, ARI, Hungarian accuracy, multi-label F1.

Used by the CLI (``--label-column``) and by the benchmark. Labels may be any hashable values; theme ids
and label names never need to share a vocabulary, because accuracy and F1 first match themes to labels
one-to-one (Hungarian matching on the co-occurrence table, ``scipy.optimize.linear_sum_assignment``).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

__all__ = ["ari", "hungarian_accuracy", "hungarian_mapping", "multilabel_f1", "nmi"]

_UNMATCHED = object()


def _codes(values: Sequence[Hashable]) -> tuple[np.ndarray, list[Hashable]]:
    """Integer codes for arbitrary hashable values, in order of first appearance."""
    index: dict[Hashable, int] = {}
    codes = np.fromiter((index.setdefault(v, len(index)) for v in values), dtype=int, count=len(values))
    return codes, list(index)


def _check(true: Sequence[Hashable], pred: Sequence[Hashable]) -> None:
    if len(true) != len(pred):
        raise ValueError(f"true has {len(true)} items but pred has {len(pred)}")


def nmi(true: Sequence[Hashable], pred: Sequence[Hashable]) -> float:
    """Normalised mutual information (arithmetic mean normalisation), 0..1."""
    _check(true, pred)
    if not true:
        return 1.0
    return float(normalized_mutual_info_score(_codes(true)[0], _codes(pred)[0]))


def ari(true: Sequence[Hashable], pred: Sequence[Hashable]) -> float:
    """Adjusted Rand index, about 0 for chance, 1 for identical partitions."""
    _check(true, pred)
    if not true:
        return 1.0
    return float(adjusted_rand_score(_codes(true)[0], _codes(pred)[0]))


def hungarian_mapping(true: Sequence[Hashable], pred: Sequence[Hashable]) -> dict[Hashable, Hashable]:
    """The one-to-one map predicted cluster -> true label maximising the number of agreements."""
    _check(true, pred)
    t, t_names = _codes(true)
    p, p_names = _codes(pred)
    table = np.zeros((len(p_names), len(t_names)), dtype=int)
    np.add.at(table, (p, t), 1)
    rows, cols = linear_sum_assignment(table, maximize=True)
    return {p_names[r]: t_names[c] for r, c in zip(rows, cols, strict=True)}


def hungarian_accuracy(true: Sequence[Hashable], pred: Sequence[Hashable]) -> float:
    """Share of items whose cluster, after the best one-to-one cluster->label matching, has their label.

    Clusters left unmatched (more clusters than labels) count as wrong.
    """
    _check(true, pred)
    if not true:
        return 1.0
    mapping = hungarian_mapping(true, pred)
    hits = sum(1 for t, p in zip(true, pred, strict=True) if mapping.get(p, _UNMATCHED) == t)
    return hits / len(true)


def multilabel_f1(true_sets: list[set[str]], pred_sets: list[set[int]]) -> float:
    """Sample-averaged F1 for multi-label themes (primary plus secondary themes per comment).

    Themes are matched to labels one-to-one by Hungarian matching on their co-occurrence counts (how
    many comments carry both); unmatched themes map to nothing, so they count as false positives.
    For each comment F1 = 2|T∩P| / (|T| + |P|), with both empty counting as 1; the mean is returned.
    """
    if len(true_sets) != len(pred_sets):
        raise ValueError(f"true_sets has {len(true_sets)} items but pred_sets has {len(pred_sets)}")
    if not true_sets:
        return 1.0
    labels = sorted({label for s in true_sets for label in s})
    themes = sorted({theme for s in pred_sets for theme in s})
    l_index = {label: i for i, label in enumerate(labels)}
    t_index = {theme: i for i, theme in enumerate(themes)}
    table = np.zeros((len(themes), len(labels)), dtype=int)
    for t_set, p_set in zip(true_sets, pred_sets, strict=True):
        for theme in p_set:
            for label in t_set:
                table[t_index[theme], l_index[label]] += 1
    mapping: dict[int, str] = {}
    if table.size:
        rows, cols = linear_sum_assignment(table, maximize=True)
        mapping = {themes[r]: labels[c] for r, c in zip(rows, cols, strict=True)}
    total = 0.0
    for t_set, p_set in zip(true_sets, pred_sets, strict=True):
        if not t_set and not p_set:
            total += 1.0
            continue
        mapped = {mapping[p] for p in p_set if p in mapping}
        hits = len(mapped & t_set)
        total += 2 * hits / (len(t_set) + len(p_set))
    return total / len(true_sets)
