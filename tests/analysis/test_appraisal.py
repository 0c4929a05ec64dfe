"""The options appraisal's arithmetic, against figures worked out by hand in the comments."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from coproduce.analysis.appraisal import (
    DEFAULT_CONCENTRATION,
    OVERALL,
    Rating,
    ScoreMatrix,
    Switch,
    WeightProposal,
    agreed_weights,
    concentration_from_proposals,
    rank_acceptability,
    score_matrix,
    score_summary,
    switching_values,
    weight_vector,
    weighted_ranking,
    weights_by_role,
)

# --- the hand-worked fixture --------------------------------------------------------------------------
# Scale 0-4. Criteria: strategic fit (fit), value for money (vfm), achievability (ach).
#
#                 fit  vfm  ach
#   in-house       4    1    2
#   outsourced     2    3    2
#   VCS-run        1    2    2
#
# Agreed weights 0.5, 0.3, 0.2. Totals:
#   in-house   4×0.5 + 1×0.3 + 2×0.2 = 2.0 + 0.3 + 0.4 = 2.7
#   outsourced 2×0.5 + 3×0.3 + 2×0.2 = 1.0 + 0.9 + 0.4 = 2.3
#   VCS-run    1×0.5 + 2×0.3 + 2×0.2 = 0.5 + 0.6 + 0.4 = 1.5
OPTIONS = ("in-house", "outsourced", "VCS-run")
CRITERIA = ("fit", "vfm", "ach")
SCORES = [[4, 1, 2], [2, 3, 2], [1, 2, 2]]
WEIGHTS = {"fit": 0.5, "vfm": 0.3, "ach": 0.2}


def hand_matrix() -> ScoreMatrix:
    return ScoreMatrix(OPTIONS, CRITERIA, np.array(SCORES, dtype=float))


def by_criterion(values):
    return {v.criterion: v for v in values}


def test_the_weighted_totals_and_ranks_are_the_hand_sums():
    ranking = weighted_ranking(hand_matrix(), WEIGHTS)
    assert [(o.option, o.rank) for o in ranking.options] == [
        ("in-house", 1),
        ("outsourced", 2),
        ("VCS-run", 3),
    ]
    assert [o.total for o in ranking.options] == pytest.approx([2.7, 2.3, 1.5])
    assert ranking.top == ("in-house",)
    assert ranking.total("outsourced") == pytest.approx(2.3)


def test_weights_on_any_scale_are_normalised_before_ranking():
    ranking = weighted_ranking(hand_matrix(), {"fit": 50, "vfm": 30, "ach": 20})
    assert ranking.weights == pytest.approx(WEIGHTS)
    assert [o.total for o in ranking.options] == pytest.approx([2.7, 2.3, 1.5])


def test_strategic_fit_switches_to_outsourced_at_three_eighths_and_never_above():
    # Strategic fit at weight t; vfm and ach share 1 - t as 0.3 : 0.2, i.e. 0.6 and 0.4 of the rest.
    #   in-house   4t + (1×0.6 + 2×0.4)(1 - t) = 4t + 1.4(1 - t) = 1.4 + 2.6t
    #   outsourced 2t + (3×0.6 + 2×0.4)(1 - t) = 2t + 2.6(1 - t) = 2.6 - 0.6t
    #   VCS-run    1t + (2×0.6 + 2×0.4)(1 - t) = t + 2.0(1 - t)  = 2.0 - 1.0t
    # Going down from 0.5, in-house meets outsourced at 1.4 + 2.6t = 2.6 - 0.6t → 3.2t = 1.2 → t = 0.375,
    # before it meets VCS-run (1.4 + 2.6t = 2 - t → t = 1/6). Going up, in-house has the steepest line.
    fit = by_criterion(switching_values(hand_matrix(), WEIGHTS))["fit"]
    assert fit.weight == pytest.approx(0.5)
    assert fit.top == ("in-house",)
    assert fit.below is not None and fit.below.weight == pytest.approx(0.375)
    assert fit.below.new_top == ("outsourced",)
    assert fit.above is None


def test_value_for_money_switches_to_outsourced_at_five_twelfths():
    # Value for money at weight t; fit and ach share 1 - t as 0.5 : 0.2, i.e. 5/7 and 2/7 of the rest.
    #   in-house   rest = (4×5 + 2×2)/7 = 24/7: total 24/7 + t(1 - 24/7) = 24/7 - 17t/7
    #   outsourced rest = (2×5 + 2×2)/7 = 2:    total 2 + t(3 - 2)       = 2 + t
    #   VCS-run    rest = (1×5 + 2×2)/7 = 9/7:  total 9/7 + t(2 - 9/7)   = 9/7 + 5t/7
    # in-house = outsourced: 24 - 17t = 14 + 7t → 24t = 10 → t = 5/12 (≈ 0.4167), above the agreed 0.3.
    # Going down, in-house only climbs: never.
    vfm = by_criterion(switching_values(hand_matrix(), WEIGHTS))["vfm"]
    assert vfm.above == Switch(pytest.approx(5 / 12), ("outsourced",))
    assert vfm.below is None
    # At t = 5/12 the two totals are level: 24/7 - 17/7 × 5/12 = 2 + 5/12 = 29/12.
    t = Fraction(5, 12)
    assert Fraction(24, 7) - Fraction(17, 7) * t == 2 + t == Fraction(29, 12)


def test_a_criterion_every_option_scores_the_same_on_never_changes_the_winner():
    # Every option scores 2 on achievability: the lines differ by (rest_i - rest_k)(1 - t), level only at
    # t = 1 where nobody leads.
    ach = by_criterion(switching_values(hand_matrix(), WEIGHTS))["ach"]
    assert ach.never
    assert ach.below is None and ach.above is None


# Tie fixture, equal weights (1/3 each), scale 0-4:
#          a  b  c   total
#   P      4  2  0   (4 + 2 + 0)/3 = 2
#   Q      2  2  2   (2 + 2 + 2)/3 = 2
#   R      1  1  1   1
# P and Q tie at the top, so they share rank 1 (P first by name) and R is third.
TIE = ScoreMatrix(("Q", "P", "R"), ("a", "b", "c"), np.array([[2, 2, 2], [4, 2, 0], [1, 1, 1]], dtype=float))
THIRDS = {"a": 1, "b": 1, "c": 1}


def test_tied_options_share_a_rank_in_name_order_and_the_next_rank_is_skipped():
    ranking = weighted_ranking(TIE, THIRDS)
    assert [(o.option, o.rank) for o in ranking.options] == [("P", 1), ("Q", 1), ("R", 3)]
    assert ranking.top == ("P", "Q")
    assert [o.total for o in ranking.options] == pytest.approx([2, 2, 1])


def test_a_tie_broken_by_any_move_switches_at_the_agreed_weight_itself():
    # Criterion a at weight t, b and c sharing 1 - t equally:
    #   P: 4t + (2 + 0)/2 × (1 - t) = 1 + 3t;   Q: 2t + 2(1 - t) = 2;   R: 1.
    # P = Q at t = 1/3, the agreed weight: up, P leads; down, Q leads.
    # Criterion c is the mirror image: P: 0t + 3(1 - t) = 3 - 3t; level with Q's 2 at t = 1/3; up Q, down P.
    values = by_criterion(switching_values(TIE, THIRDS))
    a, c = values["a"], values["c"]
    assert a.top == ("P", "Q")
    assert a.above == Switch(pytest.approx(1 / 3), ("P",))
    assert a.below == Switch(pytest.approx(1 / 3), ("Q",))
    assert c.above == Switch(pytest.approx(1 / 3), ("Q",))
    assert c.below == Switch(pytest.approx(1 / 3), ("P",))


def test_a_tie_on_a_criterion_both_options_score_the_same_on_never_breaks():
    # Criterion b: P: 2t + (4 + 0)/2 × (1 - t) = 2; Q: 2t + 2(1 - t) = 2. The same line: tied for every t.
    b = by_criterion(switching_values(TIE, THIRDS))["b"]
    assert b.top == ("P", "Q")
    assert b.never


def test_totals_equal_on_paper_tie_even_when_floating_point_sums_differ():
    # Weights 1/3 and 2/3: X = 1/3 + 2×2/3 = 5/3; Y = 3/3 + 1×2/3 = 5/3.
    matrix = ScoreMatrix(("X", "Y"), ("a", "b"), np.array([[1, 2], [3, 1]], dtype=float))
    ranking = weighted_ranking(matrix, {"a": 1, "b": 2})
    assert [o.rank for o in ranking.options] == [1, 1]


def test_levelling_only_at_the_end_of_the_range_is_never():
    # A: (3, 3), B: (3, 1), weights 1/2 each. Criterion a at t: A = 3, B = 3t + 1(1 - t) = 1 + 2t, level only
    # at t = 1 where B does not get ahead. Criterion b at t: A = 3, B = 3(1 - t) + t = 3 - 2t, level at t = 0.
    matrix = ScoreMatrix(("A", "B"), ("a", "b"), np.array([[3, 3], [3, 1]], dtype=float))
    assert all(value.never for value in switching_values(matrix, {"a": 1, "b": 1}))


def test_a_criterion_at_zero_weight_can_only_switch_upwards():
    # Weights fit 0, vfm 0.6, ach 0.4. Totals: in-house 0.6 + 0.8 = 1.4; outsourced 1.8 + 0.8 = 2.6;
    # VCS-run 1.2 + 0.8 = 2.0. Fit at t (the rest as before, 0.6 : 0.4): the lines of the first test, so
    # outsourced (2.6 - 0.6t) is caught by in-house (1.4 + 2.6t) at t = 0.375.
    values = by_criterion(switching_values(hand_matrix(), {"fit": 0, "vfm": 0.6, "ach": 0.4}))
    fit = values["fit"]
    assert fit.weight == 0 and fit.top == ("outsourced",)
    assert fit.below is None
    assert fit.above == Switch(pytest.approx(0.375), ("in-house",))


def test_all_the_weight_on_one_criterion_shares_the_rest_equally_when_moved():
    # Weights fit 1, vfm 0, ach 0: in-house leads on fit alone (4). Moving fit down to t, vfm and ach share
    # 1 - t equally: in-house 4t + 1.5(1 - t) = 1.5 + 2.5t; outsourced 2t + 2.5(1 - t) = 2.5 - 0.5t;
    # VCS-run t + 2(1 - t) = 2 - t. In-house = outsourced at 3t = 1 → t = 1/3 (VCS-run would be at 1/7).
    fit = by_criterion(switching_values(hand_matrix(), {"fit": 1, "vfm": 0, "ach": 0}))["fit"]
    assert fit.above is None
    assert fit.below == Switch(pytest.approx(1 / 3), ("outsourced",))


def test_a_single_criterion_has_nothing_to_trade_against():
    matrix = ScoreMatrix(("A", "B"), ("only",), np.array([[3.0], [1.0]]))
    [only] = switching_values(matrix, {"only": 1})
    assert only.never and only.top == ("A",)


# --- rank acceptability -------------------------------------------------------------------------------


def test_rank_acceptability_is_reproducible_with_a_seed_and_varies_with_it():
    first = rank_acceptability(hand_matrix(), WEIGHTS, draws=2_000, seed=7)
    again = rank_acceptability(hand_matrix(), WEIGHTS, draws=2_000, seed=7)
    other = rank_acceptability(hand_matrix(), WEIGHTS, draws=2_000, seed=8)
    assert np.array_equal(first.shares, again.shares)
    assert not np.array_equal(first.shares, other.shares)
    assert first.seed == 7 and first.draws == 2_000 and first.concentration == DEFAULT_CONCENTRATION


def test_shares_sum_to_one_over_options_and_over_ranks():
    result = rank_acceptability(hand_matrix(), WEIGHTS, draws=3_000)
    assert result.shares.shape == (3, 3)
    assert result.shares.sum(axis=0) == pytest.approx(np.ones(3))
    assert result.shares.sum(axis=1) == pytest.approx(np.ones(3))
    assert sum(result.first.values()) == pytest.approx(1)


def test_the_first_place_shares_match_a_plain_loop_over_the_same_draws():
    # The same Dirichlet draws, ranked one at a time without numpy's vectorisation.
    draws, seed = 1_000, 3
    result = rank_acceptability(hand_matrix(), WEIGHTS, draws=draws, seed=seed)
    weights = np.random.default_rng(seed).dirichlet(
        DEFAULT_CONCENTRATION * np.array([0.5, 0.3, 0.2]), size=draws
    )
    wins = dict.fromkeys(OPTIONS, 0)
    for w in weights:
        totals = [sum(s * x for s, x in zip(row, w, strict=True)) for row in SCORES]
        wins[OPTIONS[totals.index(max(totals))]] += 1
    assert result.first == pytest.approx({o: n / draws for o, n in wins.items()})
    # In-house wins most draws, not all: it loses where fit's weight falls towards 0.375 or vfm's rises
    # towards 5/12 (their switching values), which a concentration of 30 reaches now and then.
    assert 0.5 < result.first["in-house"] < 1


def test_an_option_best_on_every_criterion_comes_first_in_every_draw():
    matrix = ScoreMatrix(
        ("best", "mid", "low"), CRITERIA, np.array([[4, 4, 3], [3, 2, 2], [0, 3, 1]], dtype=float)
    )
    # A low concentration spreads the weight sets widely, near the corners of the simplex too.
    result = rank_acceptability(matrix, WEIGHTS, draws=5_000, concentration=2.0)
    assert result.first == {"best": 1.0, "mid": 0.0, "low": 0.0}


def test_two_identical_options_split_the_ranks_they_tie_for():
    matrix = ScoreMatrix(
        ("twin A", "twin B", "other"), CRITERIA, np.array([[4, 3, 3], [4, 3, 3], [1, 1, 1]], float)
    )
    result = rank_acceptability(matrix, WEIGHTS, draws=2_000)
    assert result.share("twin A", 1) == result.share("twin B", 1) == pytest.approx(0.5)
    assert result.share("twin A", 2) == result.share("twin B", 2) == pytest.approx(0.5)
    assert result.share("other", 3) == 1.0


def test_a_criterion_agreed_at_zero_weight_stays_at_zero():
    # VCS-run is best on ach; were ach weighted at all it would sometimes win. At weight 0 it never can:
    # on fit and vfm alone it is beaten by outsourced (2 > 1, 3 > 2) in every weight set.
    matrix = ScoreMatrix(OPTIONS, CRITERIA, np.array([[4, 1, 0], [2, 3, 0], [1, 2, 4]], dtype=float))
    result = rank_acceptability(matrix, {"fit": 0.5, "vfm": 0.5, "ach": 0}, draws=2_000, concentration=1.0)
    assert result.share("VCS-run", 1) == 0.0
    assert result.weights["ach"] == 0.0


def test_the_standard_error_follows_the_binomial_formula():
    result = rank_acceptability(hand_matrix(), WEIGHTS, draws=1_000)
    p = result.share("in-house", 1)
    assert result.standard_error("in-house") == pytest.approx(math.sqrt(p * (1 - p) / 1_000))


@pytest.mark.parametrize("bad", [0, -1, 2.5, True])
def test_rank_acceptability_refuses_a_bad_number_of_draws(bad):
    with pytest.raises(ValueError, match="draws"):
        rank_acceptability(hand_matrix(), WEIGHTS, draws=bad)


@pytest.mark.parametrize("bad", [0, -2, float("nan"), float("inf")])
def test_rank_acceptability_refuses_a_bad_concentration(bad):
    with pytest.raises(ValueError, match="concentration"):
        rank_acceptability(hand_matrix(), WEIGHTS, concentration=bad)


# --- score summary ------------------------------------------------------------------------------------


def ratings():
    # in-house on fit: council 1 and 2, centre 3, VCS 4 → overall [1, 2, 3, 4]. Outsourced on fit: council
    # 2 only. Nobody scored anything else.
    return [
        Rating("ann", "council", "in-house", "fit", 1),
        Rating("bob", "council", "in-house", "fit", 2),
        Rating("cat", "centre", "in-house", "fit", 3),
        Rating("dev", "vcs", "in-house", "fit", 4),
        Rating("ann", "council", "outsourced", "fit", 2),
    ]


def test_the_summary_gives_count_centre_extremes_and_spread_of_each_cell():
    summary = score_summary(ratings(), options=OPTIONS, criteria=CRITERIA)
    cell = summary.cell("in-house", "fit")
    # [1, 2, 3, 4]: mean 2.5, median 2.5; sample sd sqrt((1.5² + 0.5² + 0.5² + 1.5²)/3) = sqrt(5/3);
    # quartiles by linear interpolation at positions 0.75 and 2.25: 1.75 and 3.25, so the spread is 1.5.
    assert (cell.n, cell.mean, cell.median, cell.minimum, cell.maximum) == (4, 2.5, 2.5, 1, 4)
    assert cell.std == pytest.approx(math.sqrt(5 / 3))
    assert (cell.q1, cell.q3, cell.spread) == (1.75, 3.25, 1.5)
    one = summary.cell("outsourced", "fit")
    assert (one.n, one.mean, one.std, one.spread) == (1, 2, None, 0)
    assert summary.raters == 4 and summary.roles == ()


def test_an_empty_cell_is_reported_as_nobody_not_as_zero():
    summary = score_summary(ratings(), options=OPTIONS, criteria=CRITERIA)
    empty = summary.cell("VCS-run", "vfm")
    assert empty.n == 0
    assert (empty.mean, empty.median, empty.minimum, empty.maximum, empty.std, empty.spread) == (None,) * 6
    with pytest.raises(ValueError, match="'in-house' has not been scored on 'vfm' by anyone"):
        summary.matrix()


def test_by_role_each_role_has_its_own_cells_beside_everyone():
    summary = score_summary(ratings(), options=OPTIONS, criteria=CRITERIA, by_role=True)
    assert summary.roles == ("centre", "council", "vcs")
    council = summary.cell("in-house", "fit", "council")
    # council [1, 2]: mean 1.5; quartiles at positions 0.25 and 0.75: 1.25 and 1.75, spread 0.5.
    assert (council.n, council.mean, council.spread) == (2, 1.5, 0.5)
    assert summary.cell("in-house", "fit", "vcs").mean == 4
    assert summary.cell("outsourced", "fit", "vcs").n == 0
    assert summary.cell("in-house", "fit", OVERALL).n == 4


def test_a_named_role_nobody_has_scored_for_yet_shows_as_empty():
    summary = score_summary(
        ratings(),
        options=OPTIONS,
        criteria=CRITERIA,
        by_role=True,
        roles=["council", "centre", "vcs", "parent"],
    )
    assert summary.roles == ("council", "centre", "vcs", "parent")
    assert summary.cell("in-house", "fit", "parent").n == 0


def test_the_mean_matrix_ranks_on_the_partners_average_scores():
    full = [
        Rating(rater, role, option, criterion, score + offset)
        for rater, role, offset in [("ann", "council", 0), ("dev", "vcs", -1)]
        for option, row in zip(OPTIONS, SCORES, strict=True)
        for criterion, score in zip(CRITERIA, row, strict=True)
        if score + offset >= 0
    ]
    summary = score_summary(full, options=OPTIONS, criteria=CRITERIA, by_role=True)
    # dev scored one less everywhere except VCS-run on fit (1 - 1 = 0 is on the scale, so it is there too).
    assert summary.matrix().score("in-house", "fit") == 3.5
    assert summary.matrix("vcs").score("VCS-run", "fit") == 0
    assert weighted_ranking(summary.matrix("council"), WEIGHTS).top == ("in-house",)


@pytest.mark.parametrize(
    ("rating", "message"),
    [
        (
            Rating("ann", "council", "in-house", "fit", 5),
            "'ann''s score of 'in-house' on 'fit' is 5, outside the scale 0 to 4",
        ),
        (Rating("ann", "council", "in-house", "fit", -0.5), "outside the scale 0 to 4"),
        (Rating("ann", "council", "in-house", "fit", float("nan")), "is not a finite number"),
        (Rating("ann", "council", "in-house", "fit", "3"), "is not a number"),  # type: ignore[arg-type]
        (Rating("ann", "council", "insourced", "fit", 3), "Unknown option 'insourced'"),
        (Rating("ann", "council", "in-house", "cost", 3), "Unknown criterion 'cost'"),
    ],
)
def test_a_bad_rating_is_refused_naming_it(rating, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        score_summary([rating], options=OPTIONS, criteria=CRITERIA)


def test_the_scale_is_the_callers():
    summary = score_summary(
        [Rating("ann", "council", "in-house", "fit", 5)], options=OPTIONS, criteria=CRITERIA, scale=(1, 5)
    )
    assert summary.cell("in-house", "fit").mean == 5
    with pytest.raises(ValueError, match="outside the scale 1 to 5"):
        score_summary(
            [Rating("ann", "council", "in-house", "fit", 0)], options=OPTIONS, criteria=CRITERIA, scale=(1, 5)
        )
    with pytest.raises(ValueError, match="lower to a higher"):
        score_summary([], options=OPTIONS, criteria=CRITERIA, scale=(4, 0))


def test_a_partner_scoring_a_cell_twice_or_under_two_roles_is_refused():
    twice = [Rating("ann", "council", "in-house", "fit", 1), Rating("ann", "council", "in-house", "fit", 2)]
    with pytest.raises(ValueError, match="'ann' scored 'in-house' on 'fit' more than once"):
        score_summary(twice, options=OPTIONS, criteria=CRITERIA)
    two_roles = [Rating("ann", "council", "in-house", "fit", 1), Rating("ann", "vcs", "in-house", "vfm", 2)]
    with pytest.raises(ValueError, match="both 'council' and 'vcs'"):
        score_summary(two_roles, options=OPTIONS, criteria=CRITERIA)
    with pytest.raises(ValueError, match="Unknown role 'vcs'"):
        score_summary(
            ratings(), options=OPTIONS, criteria=CRITERIA, by_role=True, roles=["council", "centre"]
        )


def test_score_matrix_needs_every_cell_on_the_scale_and_known_names():
    cells = {(o, c): float(SCORES[i][j]) for i, o in enumerate(OPTIONS) for j, c in enumerate(CRITERIA)}
    assert np.array_equal(score_matrix(cells, options=OPTIONS, criteria=CRITERIA).values, SCORES)
    with pytest.raises(ValueError, match="no score for 'VCS-run' on 'ach'"):
        score_matrix(
            {k: v for k, v in cells.items() if k != ("VCS-run", "ach")}, options=OPTIONS, criteria=CRITERIA
        )
    with pytest.raises(ValueError, match="Unknown option 'mixed'"):
        score_matrix({**cells, ("mixed", "fit"): 1}, options=OPTIONS, criteria=CRITERIA)
    with pytest.raises(ValueError, match="'in-house' on 'fit' is 9, outside the scale 0 to 4"):
        score_matrix({**cells, ("in-house", "fit"): 9}, options=OPTIONS, criteria=CRITERIA)
    with pytest.raises(ValueError, match="The option 'A' appears twice"):
        ScoreMatrix(("A", "A"), ("x",), np.zeros((2, 1)))
    with pytest.raises(ValueError, match="not 2 options × 2 criteria"):
        ScoreMatrix(("A", "B"), ("x", "y"), np.zeros((2, 1)))


def test_the_matrix_cannot_be_changed_after_it_is_made():
    values = np.array(SCORES, dtype=float)
    matrix = ScoreMatrix(OPTIONS, CRITERIA, values)
    values[0, 0] = 0
    assert matrix.score("in-house", "fit") == 4
    with pytest.raises(ValueError):
        matrix.values[0, 0] = 0


# --- weights ------------------------------------------------------------------------------------------


def test_agreed_weights_are_the_mean_of_each_partners_normalised_weights():
    proposals = [
        # ann: 2, 1, 1 → 0.5, 0.25, 0.25. bob wrote tens: 10, 10, 20 → 0.25, 0.25, 0.5.
        WeightProposal("ann", "council", "fit", 2),
        WeightProposal("ann", "council", "vfm", 1),
        WeightProposal("ann", "council", "ach", 1),
        WeightProposal("bob", "council", "fit", 10),
        WeightProposal("bob", "council", "vfm", 10),
        WeightProposal("bob", "council", "ach", 20),
        # cat gave vfm only: 0, 1, 0 (left out counts as 0).
        WeightProposal("cat", "vcs", "vfm", 3),
    ]
    weights = agreed_weights(proposals, criteria=CRITERIA)
    # By partner: ((0.5 + 0.25 + 0)/3, (0.25 + 0.25 + 1)/3, (0.25 + 0.5 + 0)/3) = (0.25, 0.5, 0.25).
    assert weights == pytest.approx({"fit": 0.25, "vfm": 0.5, "ach": 0.25})
    assert sum(weights.values()) == pytest.approx(1, abs=1e-15)
    # By role: council (0.375, 0.25, 0.375), vcs (0, 1, 0); mean (0.1875, 0.625, 0.1875).
    by_role_voice = agreed_weights(proposals, criteria=CRITERIA, voice="role")
    assert by_role_voice == pytest.approx({"fit": 0.1875, "vfm": 0.625, "ach": 0.1875})
    assert weights_by_role(proposals, criteria=CRITERIA) == {
        "council": pytest.approx({"fit": 0.375, "vfm": 0.25, "ach": 0.375}),
        "vcs": pytest.approx({"fit": 0, "vfm": 1, "ach": 0}),
    }


def test_agreed_weights_sum_to_one_for_many_random_proposals():
    rng = np.random.default_rng(1)
    criteria = [f"c{j}" for j in range(12)]
    proposals = [
        WeightProposal(f"r{r}", f"role{r % 3}", c, float(rng.integers(1, 11)))
        for r in range(60)
        for c in criteria
    ]
    for voice in ("rater", "role"):
        assert sum(agreed_weights(proposals, criteria=criteria, voice=voice).values()) == pytest.approx(
            1, abs=1e-12
        )


def test_the_concentration_matches_the_partners_own_spread():
    # ann (0.5, 0.25, 0.25), bob (0.25, 0.25, 0.5): mean (0.375, 0.25, 0.375); sample variances 0.03125, 0,
    # 0.03125 (sum 0.0625); Σ w(1 - w) = 2 × 0.375 × 0.625 + 0.25 × 0.75 = 0.65625; c = 0.65625/0.0625 - 1 = 9.5.
    proposals = [
        WeightProposal("ann", "council", "fit", 2),
        WeightProposal("ann", "council", "vfm", 1),
        WeightProposal("ann", "council", "ach", 1),
        WeightProposal("bob", "vcs", "fit", 1),
        WeightProposal("bob", "vcs", "vfm", 1),
        WeightProposal("bob", "vcs", "ach", 2),
    ]
    assert concentration_from_proposals(proposals, criteria=CRITERIA) == pytest.approx(9.5)
    same = [WeightProposal(r, "council", c, 1) for r in ("ann", "bob") for c in CRITERIA]
    assert concentration_from_proposals(same, criteria=CRITERIA) == 1000.0
    assert concentration_from_proposals(same[:3], criteria=CRITERIA) == 1000.0


@pytest.mark.parametrize(
    ("weight", "message"),
    [
        ("heavy", "'ann''s weight for 'fit' is not a number"),
        (float("nan"), "is not a finite number"),
        (float("inf"), "is not a finite number"),
        (-1, "is negative"),
    ],
)
def test_a_bad_proposed_weight_is_refused_naming_it(weight, message):
    with pytest.raises(ValueError, match=message):
        agreed_weights([WeightProposal("ann", "council", "fit", weight)], criteria=CRITERIA)


def test_proposals_that_cannot_be_agreed_are_refused():
    with pytest.raises(ValueError, match="'ann''s weights are all zero"):
        agreed_weights([WeightProposal("ann", "council", c, 0) for c in CRITERIA], criteria=CRITERIA)
    with pytest.raises(ValueError, match="Unknown criterion 'cost'"):
        agreed_weights([WeightProposal("ann", "council", "cost", 1)], criteria=CRITERIA)
    with pytest.raises(ValueError, match="Nobody has proposed weights"):
        agreed_weights([], criteria=CRITERIA)
    with pytest.raises(ValueError, match="more than once"):
        agreed_weights([WeightProposal("ann", "council", "fit", 1)] * 2, criteria=CRITERIA)
    with pytest.raises(ValueError, match="voice"):
        agreed_weights([WeightProposal("ann", "council", "fit", 1)], criteria=CRITERIA, voice="loudest")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"fit": 0, "vfm": 0, "ach": 0}, "all zero"),
        ({"fit": "half", "vfm": 0.3, "ach": 0.2}, "The weight of 'fit' is not a number"),
        ({"fit": float("nan"), "vfm": 0.3, "ach": 0.2}, "The weight of 'fit' is not a finite number"),
        ({"fit": 0.5, "vfm": -0.3, "ach": 0.2}, "The weight of 'vfm' is negative"),
        ({"fit": 0.5, "vfm": 0.3}, "no weight for criterion 'ach'"),
        ({**WEIGHTS, "cost": 0.1}, "Unknown criterion 'cost'"),
    ],
)
def test_bad_weights_are_refused_by_every_ranking_function(weights, message):
    for compute in (weight_vector, weighted_ranking, switching_values, rank_acceptability):
        with pytest.raises(ValueError, match=message):
            compute(hand_matrix(), weights)


def test_decimals_from_the_database_count_as_numbers():
    # A Django DecimalField hands over Decimal: 0.5, 0.3, 0.2 give the hand totals.
    weights = {"fit": Decimal("0.5"), "vfm": Decimal("0.3"), "ach": Decimal("0.2")}
    assert [o.total for o in weighted_ranking(hand_matrix(), weights).options] == pytest.approx(
        [2.7, 2.3, 1.5]
    )
    summary = score_summary(
        [Rating("ann", "council", "in-house", "fit", Decimal("3.5"))], options=OPTIONS, criteria=CRITERIA
    )  # type: ignore[arg-type]
    assert summary.cell("in-house", "fit").mean == 3.5


def weights_with(weights: dict[str, float], criterion: str, t: float) -> dict[str, float]:
    """The criterion at weight t, the others sharing 1 - t in their proportions (equally if all zero)."""
    total = sum(weights.values())
    rest = {c: w / total for c, w in weights.items() if c != criterion}
    rest_total = sum(rest.values())
    shared = {c: (w / rest_total if rest_total else 1 / len(rest)) * (1 - t) for c, w in rest.items()}
    return {**shared, criterion: t}


@pytest.mark.parametrize("seed", range(60))
def test_switching_values_agree_with_ranking_along_the_whole_range(seed):
    # Random small appraisals with whole-number scores and weights (ties are common): between the agreed
    # weight and the switching value the top never changes; just past it the reported option leads; with
    # "never", the top holds all the way to the end of the range.
    rng = np.random.default_rng(seed)
    n_options, n_criteria = int(rng.integers(2, 6)), int(rng.integers(1, 5))
    options = tuple(f"o{i}" for i in range(n_options))
    criteria = tuple(f"c{j}" for j in range(n_criteria))
    matrix = ScoreMatrix(options, criteria, rng.integers(0, 5, size=(n_options, n_criteria)).astype(float))
    weights = {c: float(rng.integers(0, 4)) for c in criteria}
    if not any(weights.values()):
        weights[criteria[0]] = 1.0
    eps = 1e-6
    for value in switching_values(matrix, weights):
        t0 = value.weight
        assert weighted_ranking(matrix, weights_with(weights, value.criterion, t0)).top == value.top
        for direction, switch in ((+1, value.above), (-1, value.below)):
            end = 1.0 if direction > 0 else 0.0
            stop = end if switch is None else switch.weight
            assert (stop - t0) * direction >= 0
            for t in np.linspace(t0, stop, 41)[1:-1]:
                assert weighted_ranking(matrix, weights_with(weights, value.criterion, t)).top == value.top
            if switch is not None:
                past = switch.weight + direction * eps
                assert 0 < past < 1
                assert (
                    weighted_ranking(matrix, weights_with(weights, value.criterion, past)).top
                    == switch.new_top
                )
                assert switch.new_top != value.top


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8, 13, 60])
def test_the_cell_figures_agree_with_numpy(n):
    scores = list(np.random.default_rng(n).integers(0, 5, size=n).astype(float))
    cell = score_summary(
        [Rating(f"r{i}", "council", "in-house", "fit", s) for i, s in enumerate(scores)],
        options=OPTIONS,
        criteria=CRITERIA,
    ).cell("in-house", "fit")
    q1, median, q3 = np.percentile(scores, [25, 50, 75])
    assert (cell.q1, cell.median, cell.q3) == pytest.approx((q1, median, q3))
    assert cell.mean == pytest.approx(np.mean(scores))
    assert cell.std == (None if n == 1 else pytest.approx(np.std(scores, ddof=1)))


def test_rank_acceptability_in_chunks_equals_all_at_once(monkeypatch):
    whole = rank_acceptability(TIE, THIRDS, draws=1_000, seed=2, concentration=3)
    monkeypatch.setattr("coproduce.analysis.appraisal._COMPARISONS_PER_CHUNK", 7 * 9)  # 7 draws a chunk
    chunked = rank_acceptability(TIE, THIRDS, draws=1_000, seed=2, concentration=3)
    assert chunked.shares == pytest.approx(whole.shares, abs=1e-12)
    assert 0 < whole.share("R", 3) < 1  # a wide spread of weight sets: R is sometimes above P


def test_weights_too_large_to_add_up_are_refused_not_turned_into_nothing():
    with pytest.raises(ValueError, match="too large to add up"):
        weighted_ranking(hand_matrix(), {"fit": 1e308, "vfm": 1e308, "ach": 1})
    with pytest.raises(ValueError, match="'ann''s weights are too large"):
        agreed_weights([WeightProposal("ann", "council", c, 1e308) for c in CRITERIA], criteria=CRITERIA)
