"""Each step of the Pol.is computation on small matrices worked by hand, and the whole of it on made-up camps."""

import math
import random

import numpy as np
import pytest

from coproduce.analysis import polis_math as pm
from coproduce.analysis.polis_math import ClusterState, PolisParams, compute

NAN = math.nan


def test_only_people_with_seven_votes_are_clustered_unless_there_are_fewer_statements():
    counts = np.array([7, 6, 0, 12, 3])
    people = [10, 11, 12, 13, 14]
    no_backfill = PolisParams(greedy_n=0)
    assert pm.in_conversation(counts, people, 20, no_backfill, set()) == {10, 13}
    # With 5 statements, voting on all 5 is enough: min(7, statements).
    assert pm.in_conversation(counts, people, 5, no_backfill, set()) == {10, 11, 13}
    # Once in, always in (Pol.is keeps in-conv between refreshes).
    assert pm.in_conversation(counts, people, 20, no_backfill, {14}) == {10, 13, 14}


def test_fewer_than_fifteen_in_the_conversation_are_topped_up_with_the_most_active_voters():
    counts = np.array([7, 6, 0, 3, 5])
    people = [1, 2, 3, 4, 5]
    # 1 qualifies; the rest are added most votes first, never someone with no vote at all.
    assert pm.in_conversation(counts, people, 20, PolisParams(greedy_n=3), set()) == {1, 2, 5}
    assert pm.in_conversation(counts, people, 20, PolisParams(greedy_n=15), set()) == {1, 2, 4, 5}


def test_the_projection_uses_only_cast_votes_and_scales_by_the_square_root_of_statements_over_votes():
    rating = np.array([[1.0, NAN, NAN, NAN], [-1.0, 1.0, -1.0, 1.0]])
    center = np.array([0.0, 1.0, -1.0, 1.0])
    comps = np.array([[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]])
    projection = pm.sparsity_aware_projection(rating, center, comps)
    # Person 1: (1 - 0) on the first component, nothing on the second, times sqrt(4 / 1) = 2.
    # Person 2: (-1 - 0) and (1 - 1), times sqrt(4 / 4) = 1.
    np.testing.assert_allclose(projection, [[2.0, 0.0], [-1.0, 0.0]])


def test_pca_imputes_unseen_votes_with_the_column_mean_and_finds_the_main_direction():
    rating = np.array([[1.0, 1.0], [-1.0, -1.0], [1.0, 1.0], [-1.0, NAN]])
    center, comps = pm.pca_components(rating)
    # Column means over the votes cast: 0 and 1/3; the unseen vote counts as 1/3, so adds nothing.
    np.testing.assert_allclose(center, [0.0, 1 / 3])
    assert comps.shape == (2, 2)
    assert comps[0][0] > 0 and abs(np.linalg.norm(comps[0]) - 1) < 1e-12
    assert abs(comps[0] @ comps[1]) < 1e-12


def test_kmeans_starts_from_the_first_distinct_points_and_weights_centres():
    ids = np.array([1, 2, 3, 4])
    points = np.array([[0.0, 0.0], [0.0, 0.0], [10.0, 0.0], [12.0, 0.0]])
    start = pm.init_clusters(points, 2)
    assert [c.center.tolist() for c in start] == [[0.0, 0.0], [10.0, 0.0]]
    clusters = pm.kmeans(
        ids, points, 2, last_clusters=None, max_iters=10, weights=np.array([1, 1, 1, 3.0]), threshold=0.01
    )
    assert sorted(c.members for c in clusters) == [[1, 2], [3, 4]]
    far = next(c for c in clusters if 3 in c.members)
    assert far.center.tolist() == [(10 * 1 + 12 * 3) / 4, 0.0]


def test_silhouette_by_hand():
    points = np.array([0.0, 1.0, 10.0, 11.0])
    distances = np.abs(points[:, None] - points[None, :])
    # a = 1 for every point; b = 10.5, 9.5, 9.5, 10.5; s = (b - a) / b.
    expected = np.mean([9.5 / 10.5, 8.5 / 9.5, 8.5 / 9.5, 9.5 / 10.5])
    assert pm.silhouette(distances, np.array([0, 0, 1, 1])) == pytest.approx(expected)
    # A point alone in its cluster scores 0. Point 1 is nearer the other cluster: a = 9.5, b = 1.
    assert pm.silhouette(distances, np.array([0, 1, 1, 1])) == pytest.approx(
        np.mean([0.0, (1 - 9.5) / 9.5, (10 - 5) / 10, (11 - 5.5) / 11])
    )


def test_at_most_five_groups_and_at_most_two_plus_one_per_twelve_base_clusters():
    assert pm.max_k(100, PolisParams()) == 5
    assert pm.max_k(12, PolisParams()) == 3
    assert pm.max_k(11, PolisParams()) == 2


def test_k_smoothing_holds_the_shown_number_of_groups_until_a_new_one_is_best_four_times_running():
    state = ClusterState(last_k=2, last_k_count=5, smoothed_k=2)
    shown = []
    for _ in range(4):
        count, k = pm.smooth_k(state, 3, {2, 3, 4}, 4)
        state = ClusterState(last_k=3, last_k_count=count, smoothed_k=k)
        shown.append(k)
    assert shown == [2, 2, 2, 3]
    # The first refresh takes the best k at once.
    assert pm.smooth_k(ClusterState(), 4, {2, 3, 4}, 4) == (1, 4)


def test_group_aware_consensus_is_the_product_of_each_groups_smoothed_agreement():
    # Statement 0: group A 3 agrees of 4 votes, group B 1 of 2. Statement 1: nobody has voted.
    counts = np.array([[[3, 1, 4], [0, 0, 0]], [[1, 0, 2], [0, 0, 0]]], dtype=float)
    agreement, consensus = pm.group_aware_consensus(counts)
    np.testing.assert_allclose(agreement, [[4 / 6, 1 / 2], [2 / 4, 1 / 2]])
    np.testing.assert_allclose(consensus, [4 / 6 * 2 / 4, 1 / 4])


def test_the_proportion_tests_by_hand():
    # prop-test: one added to each count, 2 * sqrt(n) * (s / n - 1/2) = 2 * sqrt(11) * (9/11 - 1/2).
    assert pm.prop_test(np.array(8.0), np.array(10.0)) == pytest.approx(2 * math.sqrt(11) * (9 / 11 - 0.5))
    # two-prop-test, 8 of 10 against 2 of 10: 9/11 against 3/11, pooled 12/22.
    pooled = 12 / 22
    z = (9 / 11 - 3 / 11) / math.sqrt(pooled * (1 - pooled) * (1 / 11 + 1 / 11))
    assert pm.two_prop_test(np.array(8.0), np.array(2.0), np.array(10.0), np.array(10.0)) == pytest.approx(z)
    assert z == pytest.approx(2.569, abs=1e-3)
    # Everyone agrees everywhere: no difference to test.
    assert pm.two_prop_test(np.array(5.0), np.array(5.0), np.array(5.0), np.array(5.0)) == 0


def test_representative_statements_are_what_a_group_agrees_or_disagrees_with_far_more_than_the_rest():
    # Two groups of 10. Statement 0: A agrees 8/10, B 2/10 (disagrees 8). Statement 1: both agree 9/10.
    counts = np.array(
        [[[8, 2, 10], [9, 1, 10]], [[2, 8, 10], [9, 1, 10]]],
        dtype=float,
    )
    reps = pm.representative_statements(counts, [100, 101], np.array([False, False]), PolisParams())
    a, b = reps
    assert (
        a[0].statement == 100 and a[0].repful_for == "agree" and a[0].n_success == 8 and a[0].n_trials == 10
    )
    assert a[0].repness == pytest.approx((9 / 12) / (3 / 12))
    assert a[0].repness_test == pytest.approx(2.569, abs=1e-3)
    # Group B's best agreed statement comes first (Pol.is always shows one the group agrees with), then
    # what sets it apart: it disagrees with statement 0.
    assert [(r.statement, r.repful_for, r.best_agree) for r in b] == [
        (101, "agree", True),
        (100, "disagree", False),
    ]
    assert b[1].n_success == 8 and b[1].repness_test == pytest.approx(2.569, abs=1e-3)
    assert [(r.statement, r.best_agree) for r in a] == [(100, True)]
    # Statement 1 does not set either group apart, and a moderated-out statement never counts.
    assert all(r.statement != 101 or r.best_agree for r in a + b)
    none = pm.representative_statements(counts, [100, 101], np.array([True, True]), PolisParams())
    assert none == [[], []]


def camps(seed=0, people=60, statements=12, seen=0.8):
    """Three camps that agree on different thirds of the statements and all agree on the last one."""
    rng = random.Random(seed)
    votes = np.full((people, statements), NAN)
    for i in range(people):
        camp = i % 3
        for j in range(statements):
            if rng.random() > seen and j != statements - 1:
                continue
            likes = j == statements - 1 or (j % 3 == camp)
            votes[i, j] = 1.0 if likes else -1.0
            if rng.random() < 0.1:
                votes[i, j] = 0.0
    return votes


def test_three_camps_come_out_as_three_groups_with_the_shared_statement_as_consensus():
    votes = camps()
    result = compute(votes, list(range(100, 160)), list(range(12)))
    assert result.n_groups == 3
    found = sorted(sorted(g) for g in result.groups)
    truth = sorted([p for p in range(100, 160) if (p - 100) % 3 == camp] for camp in range(3))
    assert found == truth
    assert pm.common_ground(result) == [11]
    assert int(np.nanargmax(result.consensus)) == 11


def test_people_with_fewer_than_seven_votes_are_not_grouped():
    votes = camps()
    votes[0, :] = NAN
    votes[0, :3] = 1.0  # 3 votes
    result = compute(votes, list(range(60)), list(range(12)), params=PolisParams(greedy_n=0))
    assert 0 not in result.group_of and len(result.group_of) == 59


def test_the_result_does_not_depend_on_the_order_of_rows_and_columns():
    votes = camps(seed=4)
    people, statements = list(range(500, 560)), list(range(40, 52))
    first = compute(votes, people, statements)
    rng = np.random.default_rng(7)
    rows, cols = rng.permutation(60), rng.permutation(12)
    shuffled = compute(votes[rows][:, cols], [people[i] for i in rows], [statements[j] for j in cols])
    assert shuffled.group_of == first.group_of
    assert shuffled.statements == first.statements
    np.testing.assert_array_equal(shuffled.consensus, first.consensus)
    assert shuffled.representative == first.representative
    again = compute(votes, people, statements)
    assert again.group_of == first.group_of


def test_a_refresh_starts_from_the_last_state_and_keeps_the_shown_number_of_groups():
    votes = camps(seed=2)
    people, statements = list(range(60)), list(range(12))
    first = compute(votes, people, statements)
    held = ClusterState(
        in_conv=first.state.in_conv,
        base_clusters=first.state.base_clusters,
        group_clusterings=first.state.group_clusterings,
        last_k=2,
        last_k_count=9,
        smoothed_k=2,
    )
    second = compute(votes, people, statements, state=held)
    assert second.best_k == 3 and second.n_groups == 2 and second.state.last_k_count == 1
    assert "held from the last refresh" in second.reason


def test_moderated_out_statements_are_left_out_of_consensus_and_representative_statements():
    votes = camps()
    moderated = np.zeros(12, dtype=bool)
    moderated[11] = True
    result = compute(votes, list(range(60)), list(range(12)), moderated)
    assert math.isnan(result.consensus[11])
    assert all(r.statement != 11 for reps in result.representative for r in reps)
    assert 11 not in pm.common_ground(result)


def test_before_2017_10_21_pol_is_filled_unseen_votes_with_zero_in_the_pca():
    rating = np.array([[1.0, NAN], [1.0, 1.0], [NAN, -1.0]])
    # Column means of the votes cast: (1 + 1) / 2 = 1 and (1 - 1) / 2 = 0.
    center, _ = pm.pca_components(rating)
    assert center.tolist() == pytest.approx([1.0, 0.0])
    # Filled with 0 ([[1, 0], [1, 1], [0, -1]]): (1 + 1 + 0) / 3 = 2/3 and (0 + 1 - 1) / 3 = 0.
    center, comps = pm.pca_components(rating, missing_votes="zero")
    assert center.tolist() == pytest.approx([2 / 3, 0.0])
    # Centred: [[1/3, 0], [1/3, 1], [-2/3, -1]]; XᵀX = [[2/3, 1], [1, 2]], whose main eigenvector is
    # proportional to (1, (4/3 + sqrt(52/9)) / 2) = (1, 1.8685): largest entry made positive.
    assert comps[0] / comps[0][0] == pytest.approx([1.0, (4 / 3 + math.sqrt(52 / 9)) / 2])
    with pytest.raises(ValueError, match="missing_votes"):
        pm.pca_components(rating, missing_votes="median")


def test_before_2017_10_21_pol_is_counted_left_out_statements_as_votes_for_who_is_in_the_conversation():
    # Sixteen people vote on all 14 statements; person 100 voted once. Statements 8 to 13 are moderated out
    # (or meta), so their columns are zeroed for everyone.
    votes = np.full((17, 14), NAN)
    rng = random.Random(3)
    for i in range(16):
        votes[i] = [rng.choice((1.0, -1.0)) for _ in range(14)]
    votes[16, 0] = 1.0
    people = list(range(16)) + [100]
    left_out = np.array([False] * 8 + [True] * 6)
    now = compute(votes, people, list(range(14)), left_out)
    # Today's Pol.is counts votes before moderation: 1 < min(7, 14), so person 100 is not grouped.
    assert 100 not in now.in_conv and len(now.in_conv) == 16
    then = compute(votes, people, list(range(14)), left_out, params=PolisParams.before_2017_10_21())
    # Before 2017-10-21 the six zeroed columns counted too: 1 + 6 = 7 votes, so person 100 is in.
    assert 100 in then.in_conv and 100 in then.group_of
