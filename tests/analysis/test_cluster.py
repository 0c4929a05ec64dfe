"""The cluster stage on small synthetic data: contract, determinism, asked-for k, chosen k."""

from __future__ import annotations

import numpy as np
import pytest

from coproduce.analysis.cluster import (
    Clusterer,
    Clustering,
    KMeansClusterer,
    SpectralClusterer,
    default_clusterer,
    lexical_features,
    neighbour_vote,
)
from tests.analysis.comments import PLANTED_WORDS, SHARED_WORDS


def blobs(
    k: int = 4, per: int = 25, dim: int = 32, spread: float = 0.08, seed: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """k well-separated groups of unit vectors around random directions."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(k, dim))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    truth = np.repeat(np.arange(k), per)
    x = centres[truth] + spread * rng.normal(size=(k * per, dim))
    return x / np.linalg.norm(x, axis=1, keepdims=True), truth


def same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    pairs = set(zip(a.tolist(), b.tolist(), strict=True))
    return len(pairs) == len(set(a.tolist())) == len(set(b.tolist()))


def check_contract(result: Clustering, n: int) -> None:
    assert isinstance(result, Clustering)
    assert result.labels.shape == (n,)
    assert np.issubdtype(result.labels.dtype, np.integer)
    assert sorted(set(result.labels.tolist())) == list(range(result.n_themes))
    assert result.reason


def test_default_clusterer_satisfies_the_protocol() -> None:
    clusterer: Clusterer = default_clusterer()
    result = clusterer.fit(blobs()[0], 4, seed=0)
    check_contract(result, 100)


@pytest.mark.parametrize("k", [2, 3, 4, 7])
def test_asked_for_k_is_honoured_and_every_row_labelled(k: int) -> None:
    x, _ = blobs()
    result = default_clusterer().fit(x, k, seed=0)
    check_contract(result, len(x))
    assert result.n_themes == k
    assert result.reason == f"asked for {k}"


def test_recovers_well_separated_blobs_with_true_k() -> None:
    x, truth = blobs(k=5)
    assert same_partition(default_clusterer().fit(x, 5, seed=0).labels, truth)


@pytest.mark.parametrize("k", [3, 5, 8])
def test_chooses_a_sensible_k_on_well_separated_blobs(k: int) -> None:
    x, truth = blobs(k=k, per=20, seed=k)
    result = default_clusterer().fit(x, seed=0)
    check_contract(result, len(x))
    assert result.n_themes == k
    assert same_partition(result.labels, truth)
    assert "eigengap" in result.reason
    assert result.scores and max(result.scores, key=lambda c: result.scores[c]) == k


def test_deterministic_for_a_seed() -> None:
    x, _ = blobs(k=6, spread=0.3)
    first = default_clusterer().fit(x, seed=3)
    again = default_clusterer().fit(x, seed=3)
    assert np.array_equal(first.labels, again.labels)
    assert first.scores == again.scores
    fixed = default_clusterer().fit(x, 6, seed=3)
    assert np.array_equal(fixed.labels, default_clusterer().fit(x.copy(), 6, seed=3).labels)


def test_texts_are_used_when_given_and_checked() -> None:
    x, truth = blobs(k=2, per=15, spread=0.9)  # embeddings barely separate the groups ...
    words = ["parking buses traffic roads", "nursery childcare staff hours"]  # ... the words do
    texts = [f"{words[t]} comment {i}" for i, t in enumerate(truth)]
    with_texts = default_clusterer().fit(x, 2, seed=0, texts=texts)
    check_contract(with_texts, len(x))
    assert same_partition(with_texts.labels, truth)
    with pytest.raises(ValueError):
        default_clusterer().fit(x, 2, seed=0, texts=texts[:-1])


def test_lexical_features_are_normalised_or_absent() -> None:
    z = lexical_features(["bus car van", "car van bike", "van bike tram", "bus tram car"], 50)
    assert z is not None and np.allclose(np.linalg.norm(z, axis=1), 1)
    assert lexical_features(["one", "two"], 50) is None


def test_neighbour_vote_never_empties_a_theme() -> None:
    x, truth = blobs(k=3, per=10)
    labels = truth.copy()
    labels[0] = 2  # one stray comment in the wrong theme is voted home
    voted = neighbour_vote(x @ x.T, labels, 5)
    assert voted[0] == truth[0]
    lonely = truth.copy()
    lonely[0] = 3  # a theme of one: its neighbours disagree, but it is kept
    assert set(neighbour_vote(x @ x.T, lonely, 5).tolist()) == {0, 1, 2, 3}


@pytest.mark.parametrize("n", [0, 1, 2, 3])
def test_tiny_inputs(n: int) -> None:
    x, _ = blobs(k=1, per=max(n, 1))
    result = SpectralClusterer().fit(x[:n], seed=0)
    check_contract(result, n)
    if n:
        assert result.n_themes == 1
    asked = SpectralClusterer().fit(x[:n], 2, seed=0) if n else None
    if asked is not None:
        check_contract(asked, n)
        assert asked.n_themes == min(2, n)


def test_kmeans_baseline_still_available() -> None:
    x, truth = blobs(k=3)
    result = KMeansClusterer().fit(x, 3, seed=0)
    check_contract(result, len(x))
    assert same_partition(result.labels, truth)


def test_large_sets_are_clustered_on_an_even_sample_and_the_rest_join_their_neighbours() -> None:
    x, truth = blobs(k=5, per=40)
    sampled = SpectralClusterer(spectral_limit=60)
    result = sampled.fit(x, 5, seed=0)
    check_contract(result, len(x))
    assert same_partition(result.labels, truth)
    assert "found on 60 of the 200 comments" in result.reason
    assert np.array_equal(result.labels, sampled.fit(x, 5, seed=0).labels)
    chosen = sampled.fit(x, seed=0)
    assert chosen.n_themes == 5 and same_partition(chosen.labels, truth)


def test_the_approximate_neighbour_index_finds_the_exact_neighbours_on_clear_data() -> None:
    from coproduce.analysis.cluster import nearest_in, nearest_neighbours

    x, _ = blobs(k=4, per=50, dim=16)
    exact, _ = nearest_neighbours(x, 5)
    approximate, _ = nearest_neighbours(x, 5, exact_limit=0)
    assert approximate.shape == exact.shape == (200, 5)
    assert not (approximate == np.arange(200)[:, None]).any()  # never a comment's own entry
    recall = np.mean([len(set(a) & set(e)) / 5 for a, e in zip(approximate, exact, strict=True)])
    assert recall > 0.95
    assert np.array_equal(approximate, nearest_neighbours(x, 5, exact_limit=0)[0])  # deterministic
    assert nearest_in(x[:3], x, 1)[:, 0].tolist() == [0, 1, 2]


def test_the_number_of_themes_does_not_change_with_the_seed() -> None:
    x, _ = blobs(k=7, per=15, spread=0.5, seed=4)  # overlapping groups: a fragile choice if anything is
    texts = [f"comment {i} words {i % 5}" for i in range(len(x))]
    chosen = [default_clusterer().fit(x, seed=s, texts=texts) for s in range(5)]
    assert len({c.n_themes for c in chosen}) == 1
    assert all(c.scores == chosen[0].scores for c in chosen)


def test_many_themes_can_be_reached_in_larger_sets() -> None:
    from coproduce.analysis.cluster import most_themes

    assert most_themes(4_500) >= 150
    assert most_themes(200) >= 6 and most_themes(100) >= 10
    assert most_themes(100_000) == 300


def test_modularity_prefers_the_planted_groups() -> None:
    from coproduce.analysis.cluster import knn_graph, modularity, nearest_neighbours

    x, truth = blobs(k=4, per=25)
    graph = knn_graph(nearest_neighbours(x, 10)[0], len(x))
    shuffled = np.random.default_rng(0).permutation(truth)
    assert modularity(graph, truth) > 0.6 > 0.1 > modularity(graph, shuffled)


PLANTED = list(PLANTED_WORDS.values())
SHARED = SHARED_WORDS


def ten_planted_themes(seed: int) -> tuple[list[str], list[int]]:
    """120 workshop-like comments, 12 on each of 10 themes: two of the theme's words among eight shared ones."""
    import random

    rng = random.Random(seed)
    texts, truth = [], []
    for theme, words in enumerate(PLANTED):
        for _ in range(12):
            chosen = rng.sample(words, 2) + rng.sample(SHARED, 8)
            rng.shuffle(chosen)
            texts.append(" ".join(chosen))
            truth.append(theme)
    return texts, truth


@pytest.mark.parametrize("seed", range(5))
def test_a_small_set_gets_about_as_many_themes_as_it_has(seed: int) -> None:
    """The widest eigengap alone chose 3, 9, 3, 5 and 8 themes on these five sets; the floor of 7 (its coarse
    splits are not clean) gives 8-11."""
    from coproduce.analysis.embed import TfidfEmbedder

    texts, _ = ten_planted_themes(seed)
    embeddings = np.asarray(TfidfEmbedder().embed(texts))
    result = default_clusterer().fit(embeddings, seed=0, texts=texts)
    check_contract(result, len(texts))
    assert 8 <= result.n_themes <= 12
    assert np.bincount(result.labels).max() <= 2 * 12  # no theme swallows two others


def test_fewer_themes_than_the_floor_only_for_a_clean_split() -> None:
    from coproduce.analysis.embed import TfidfEmbedder

    clusterer = default_clusterer()
    assert [clusterer.fewest_chosen(n) for n in (12, 50, 70, 100_000)] == [3, 5, 7, 7]
    texts, _ = ten_planted_themes(0)
    embeddings = np.asarray(TfidfEmbedder().embed(texts))
    assert SpectralClusterer(k_floor=3).fit(embeddings, seed=0, texts=texts).n_themes == 3  # the old rule
    result = clusterer.fit(embeddings, seed=0, texts=texts)
    assert result.n_themes >= 7 and "after 3 marks a coarser split that is not clean" in result.reason
    # well-separated groups are a clean split: fewer than the floor is kept (3 of 20 each, floor 6)
    x, truth = blobs(k=3, per=20, seed=3)
    clean = clusterer.fit(x, seed=0)
    assert clean.n_themes == 3 and same_partition(clean.labels, truth) and "a clean split" in clean.reason


def test_top_columns_are_exactly_a_stable_sorts_first_columns():
    """The partition-based neighbour selection gives what sorting whole rows gave, ties by column."""
    from coproduce.analysis.cluster import _top_columns

    rng = np.random.default_rng(0)
    for trial in range(200):
        rows, cols = int(rng.integers(1, 30)), int(rng.integers(2, 50))
        # every other trial on a few distinct values, so ties at the cut are common
        sim = rng.integers(0, 4, (rows, cols)).astype(float) if trial % 2 else rng.normal(size=(rows, cols))
        sim[rng.random((rows, cols)) < 0.05] = -np.inf  # as each row's own entry is
        nn = int(rng.integers(1, cols + 1))
        expected = np.argsort(-sim, axis=1, kind="stable")[:, :nn]
        assert np.array_equal(_top_columns(sim, nn), expected), trial
