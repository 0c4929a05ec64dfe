"""The arithmetic of a health check's change since the last one (coproduce/analysis/healthcheck.py)."""

import pytest

from coproduce.analysis.healthcheck import check_change

ORDER = ["governance", "finance", "safeguarding", "digital"]


def test_each_area_is_compared_with_last_time_and_the_means_are_over_the_areas_rated_both_times():
    before = {"governance": 2, "finance": 1, "safeguarding": 4}
    after = {"governance": 3, "finance": 1, "safeguarding": 3, "digital": 2}
    change = check_change(after, before, order=ORDER)
    assert [(a.topic, a.previous, a.current, a.change, a.direction) for a in change.areas] == [
        ("governance", 2, 3, 1, "better"),
        ("finance", 1, 1, 0, "same"),
        ("safeguarding", 4, 3, -1, "worse"),
        ("digital", None, 2, None, "new"),
    ]
    # Mean now over all four: (3 + 1 + 3 + 2) / 4 = 2.25. Last time, over the three rated both times:
    # (2 + 1 + 4) / 3 = 2.333…; the mean change over those three: (1 + 0 - 1) / 3 = 0.
    assert change.mean == 2.25
    assert change.previous_mean == pytest.approx(7 / 3)
    assert change.mean_change == 0
    assert change.summary() == "1 area better, 1 worse, 1 the same, 1 new"
    # Weak: rated 1 or 2 now, whatever it was before.
    assert [a.topic for a in change.weak] == ["finance", "digital"]


def test_a_first_health_check_has_no_change_and_every_area_is_new():
    change = check_change({"governance": 4, "finance": 2}, None, order=ORDER)
    assert change.mean == 3
    assert change.previous_mean is None and change.mean_change is None
    assert change.summary() == "2 areas new"


def test_a_rating_off_the_scale_is_refused():
    with pytest.raises(ValueError, match="finance is rated 5"):
        check_change({"finance": 5}, None, order=ORDER)
