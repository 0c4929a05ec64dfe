import numpy as np
import pytest

from coproduce.analysis.assign import CentroidAssigner, centroids_of
from coproduce.analysis.config import EngineConfig


def unit(*rows):
    vectors = np.array(rows, dtype=float)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_centroids_are_unit_length_means():
    centroids = centroids_of(unit([1, 0], [0, 1], [1, 0]), np.array([1, 1, 2]), [1, 2])
    assert np.allclose(centroids, [[2**-0.5, 2**-0.5], [1, 0]])


def test_a_comment_close_to_its_own_theme_is_confident():
    embeddings = unit([1, 0, 0], [0.95, 0.05, 0], [0, 1, 0], [0.05, 0.95, 0])
    placement = CentroidAssigner().assign(embeddings, np.array([1, 1, 2, 2]))
    assert (placement.confidence > 0.99).all()
    assert not placement.needs_review.any()


def test_a_comment_between_two_themes_is_flagged_for_review_with_a_secondary_theme():
    embeddings = unit([1, 0, 0], [1, 0.02, 0], [0, 1, 0], [0.02, 1, 0], [1, 1, 0])
    config = EngineConfig(secondary_method="centroids", secondary_margin=0.05, secondary_floor=0.3)
    placement = CentroidAssigner(config).assign(embeddings, np.array([1, 1, 2, 2, 1]))
    assert placement.confidence[4] < 0.6
    assert placement.needs_review[4]
    assert placement.secondary[4] == (2,)
    assert placement.secondary[0] == ()


def test_confidence_is_a_two_way_softmax_of_the_margin():
    config = EngineConfig(confidence_temperature=0.1)
    embeddings = unit([1, 0], [0, 1], [0.8, 0.6])
    placement = CentroidAssigner(config).assign(embeddings, np.array([1, 2, 1]))
    own, other = 0.8, 0.6  # cosine to theme 1 without the comment itself ([1, 0]), and to theme 2 ([0, 1])
    assert placement.confidence[2] == pytest.approx(1 / (1 + np.exp(-(own - other) / 0.1)))


def test_a_comment_placed_away_from_its_nearest_theme_has_confidence_below_one_half():
    embeddings = unit([1, 0], [1, 0.1], [0, 1], [0.1, 1])
    placement = CentroidAssigner().assign(embeddings, np.array([1, 2, 2, 2]))
    assert placement.theme_of[1] == 2
    assert placement.confidence[0] == 1.0 or placement.confidence[0] > 0.5
    assert placement.confidence[1] < 0.5


def test_reassigning_moves_comments_to_their_nearest_centroid():
    embeddings = unit([1, 0], [1, 0.1], [0, 1], [0.1, 1], [0.9, 0.1])
    placement = CentroidAssigner().assign(embeddings, np.array([1, 1, 2, 2, 2]), reassign=True)
    assert list(placement.theme_of) == [1, 1, 2, 2, 1]


def test_secondary_themes_need_an_absolute_floor():
    embeddings = unit([1, 0, 0], [0, 1, 0], [0, 0.1, 1], [1, 0.2, 0.2])
    config = EngineConfig(
        secondary_method="centroids", secondary_margin=1.0, secondary_floor=0.95, max_secondary=2
    )
    placement = CentroidAssigner(config).assign(embeddings, np.array([1, 2, 3, 1]))
    assert all(s == () for s in placement.secondary)


def test_a_comment_whose_neighbours_are_largely_in_another_theme_speaks_to_it_too():
    from coproduce.analysis.assign import neighbour_secondary

    # Comment 3 sits in theme 1 but two of its three nearest neighbours are in theme 2.
    features = unit([1, 0], [0.95, 0.1], [0.1, 1], [0.6, 0.8], [0.2, 1], [0, 1])
    theme_of = np.array([1, 1, 2, 1, 2, 2])
    secondary = neighbour_secondary(features, theme_of, n_neighbors=3, share=0.5)
    assert secondary[3] == (2,)
    assert secondary[0] == () and secondary[5] == ()


def test_neighbour_secondaries_need_two_themes_and_some_neighbours():
    from coproduce.analysis.assign import neighbour_secondary

    assert neighbour_secondary(unit([1, 0], [0, 1]), np.array([1, 1]), n_neighbors=20, share=0.2) == [(), ()]
    assert neighbour_secondary(unit([1, 0]), np.array([1]), n_neighbors=20, share=0.2) == [()]
