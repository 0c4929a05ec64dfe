import pytest

from coproduce.analysis.metrics import ari, hungarian_accuracy, hungarian_mapping, multilabel_f1, nmi


def test_identical_partitions_score_one_whatever_the_names():
    true = ["a", "a", "b", "b", "c"]
    pred = [7, 7, 3, 3, 9]
    assert nmi(true, pred) == pytest.approx(1.0)
    assert ari(true, pred) == pytest.approx(1.0)
    assert hungarian_accuracy(true, pred) == 1.0


def test_hungarian_accuracy_matches_clusters_to_labels_one_to_one():
    true = ["a", "a", "a", "b", "b", "b"]
    pred = [1, 1, 2, 2, 2, 2]
    assert hungarian_mapping(true, pred) == {1: "a", 2: "b"}
    assert hungarian_accuracy(true, pred) == pytest.approx(5 / 6)


def test_extra_clusters_count_as_wrong():
    assert hungarian_accuracy(["a", "a", "a", "a"], [1, 1, 2, 3]) == 0.5


def test_unrelated_partitions_score_low():
    true = ["a", "b"] * 20
    pred = [0] * 20 + [1] * 20
    assert nmi(true, pred) < 0.05
    assert ari(true, pred) < 0.05


def test_metrics_refuse_different_lengths():
    with pytest.raises(ValueError, match="2 items"):
        nmi(["a", "b"], [1])


def test_multilabel_f1_is_one_when_themes_match_labels_after_renaming():
    true = [{"funding"}, {"funding", "staff"}, {"staff"}]
    pred = [{4}, {4, 9}, {9}]
    assert multilabel_f1(true, pred) == pytest.approx(1.0)


def test_multilabel_f1_averages_per_comment_scores():
    true = [{"funding"}, {"funding"}]
    pred = [{1}, {1, 2}]  # second comment: 1 hit, 1 wrong -> 2*1/(1+2)
    assert multilabel_f1(true, pred) == pytest.approx((1 + 2 / 3) / 2)


def test_multilabel_f1_counts_unmatched_themes_as_false_positives():
    assert multilabel_f1([{"a"}, {"b"}], [{1}, {1}]) == pytest.approx(0.5)


def test_multilabel_f1_counts_two_empty_sets_as_agreement():
    assert multilabel_f1([set(), {"a"}], [set(), {5}]) == 1.0
