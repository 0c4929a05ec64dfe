"""Impact statistics, checked against published worked examples and at every edge."""

import pytest
from scipy.stats import binomtest

from coproduce.analysis.impact import (
    AFTER,
    BEFORE,
    EVERYONE,
    ImpactDataError,
    ScaleAnswer,
    impact_by_group,
    paired_change,
    unpaired_comparison,
    wilson,
)


@pytest.mark.parametrize(
    ("count", "total", "low", "high"),
    [
        # Newcombe (1998), Statistics in Medicine 17:857-872, Table I, method 3 (Wilson score interval).
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0000, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_intervals_match_newcombes_worked_examples(count, total, low, high):
    share = wilson(count, total)
    assert share.low == pytest.approx(low, abs=5e-5)
    assert share.high == pytest.approx(high, abs=5e-5)
    assert share.value == pytest.approx(count / total)


def test_a_share_of_nobody_has_no_value_and_no_interval():
    assert wilson(0, 0).value is None and wilson(0, 0).low is None and wilson(0, 0).percent is None


def test_a_share_cannot_count_more_than_its_total():
    with pytest.raises(ValueError, match="count <= total"):
        wilson(3, 2)


def test_the_exact_mcnemar_test_matches_fagerland_lydersen_and_laakes_worked_example():
    # Fagerland, Lydersen & Laake (2013), BMC Med Res Methodol 13:91: airway hyper-responsiveness before
    # and after stem cell transplantation in 21 children; 1 and 7 discordant pairs; exact conditional
    # McNemar p = 0.070 (2 * P(X <= 1) for X ~ Bin(8, 0.5) = 18/256).
    changes = [-1] + [1] * 7 + [0] * 13
    change = paired_change(changes)
    assert change.p_value == pytest.approx(0.0703, abs=5e-5)
    assert change.p_value == pytest.approx(18 / 256)
    assert (change.more_positive.count, change.unchanged.count, change.less_positive.count) == (7, 13, 1)
    assert change.pairs == 21


def test_the_paired_test_is_the_exact_sign_test_of_the_changes():
    changes = [2, 1, 1, 1, 0, 0, -1, 1, 3, 1, 1, 0, 1]
    more, less = sum(c > 0 for c in changes), sum(c < 0 for c in changes)
    assert paired_change(changes).p_value == pytest.approx(binomtest(more, more + less).pvalue)


def test_pairs_with_nobody_changing_give_no_evidence_of_change():
    change = paired_change([0, 0, 0])
    assert change.p_value == 1.0 and change.unchanged.value == 1.0


def test_the_unpaired_comparison_counts_fairly_and_very_positive_as_positive():
    comparison = unpaired_comparison([1, 2, 3, 4], [4, 5, 5, 3, 4])
    assert (comparison.positive_before.count, comparison.positive_before.total) == (1, 4)
    assert (comparison.positive_after.count, comparison.positive_after.total) == (4, 5)
    assert 0 < comparison.p_value < 1


def test_the_unpaired_comparison_has_no_p_value_when_every_answer_is_the_same():
    assert unpaired_comparison([3, 3], [3, 3, 3]).p_value is None


def answers(group, before_after, start=0):
    """Paired answers for ``group``: a (before, after) tuple per person."""
    rows = []
    for i, (before, after) in enumerate(before_after, start):
        key = f"{group}-{i}"
        if before is not None:
            rows.append(ScaleAnswer(group, BEFORE, before, key))
        if after is not None:
            rows.append(ScaleAnswer(group, AFTER, after, key))
    return rows


def test_nobody_answered_gives_no_groups():
    assert impact_by_group([]) == []


def test_one_role_only_gives_that_role_and_everyone_with_the_same_figures():
    result = impact_by_group(answers("vcs", [(2, 4)] * 16 + [(3, 3)] * 3))
    assert [g.group for g in result] == ["vcs", EVERYONE]
    vcs, everyone = result
    assert vcs.paired.more_positive.percent == 84
    assert (vcs.paired.more_positive.count, vcs.pairs) == (16, 19)
    assert everyone.paired == vcs.paired
    assert not vcs.small


def test_without_pairs_only_the_waves_are_compared():
    rows = [ScaleAnswer("la", BEFORE, s) for s in (2, 3, 2, 3)] + [
        ScaleAnswer("la", AFTER, s) for s in (4, 4)
    ]
    (la, everyone) = impact_by_group(rows)
    assert la.paired is None and la.pairs == 0
    assert la.unpaired.positive_before.count == 0 and la.unpaired.positive_after.count == 2
    assert la.small  # two people after: far too few to read much into


def test_a_role_that_answered_only_before_has_no_comparison():
    (cm, _) = impact_by_group(answers("cm", [(3, None), (4, None)]))
    assert cm.paired is None and cm.unpaired is None and cm.answered_before == 2 and cm.small


def test_groups_follow_the_given_order_and_everyone_comes_last():
    rows = answers("vcs", [(2, 3)]) + answers("la", [(3, 2)], start=5) + answers("zz", [(1, 1)], start=9)
    result = impact_by_group(rows, order=["la", "cm", "vcs"])
    assert [g.group for g in result] == ["la", "vcs", "zz", EVERYONE]
    assert result[-1].pairs == 3


def test_a_pair_belongs_to_the_role_of_its_before_answer():
    rows = [ScaleAnswer("cm", BEFORE, 2, "p1"), ScaleAnswer("cs", AFTER, 4, "p1")]
    cm = impact_by_group(rows)[0]
    assert cm.group == "cm" and cm.pairs == 1 and cm.paired.more_positive.count == 1


def test_small_groups_are_flagged_at_fewer_than_ten_people():
    assert impact_by_group(answers("cs", [(2, 3)] * 9))[0].small
    assert not impact_by_group(answers("cs", [(2, 3)] * 10))[0].small
    assert impact_by_group(answers("cs", [(2, 3)] * 4), small_group=3)[0].small is False


def test_answering_a_wave_twice_under_one_key_is_refused():
    rows = [ScaleAnswer("la", BEFORE, 2, "p1"), ScaleAnswer("la", BEFORE, 3, "p1")]
    with pytest.raises(ImpactDataError, match="twice"):
        impact_by_group(rows)


def test_an_unknown_wave_is_refused():
    with pytest.raises(ImpactDataError, match="unknown wave"):
        impact_by_group([ScaleAnswer("la", "during", 2)])
