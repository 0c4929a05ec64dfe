"""The timeline's geometry: bars where their dates are, a one-day milestone still visible, a description
that reads out every date (the same as the table's)."""

import datetime

from coproduce.commissioning.charts import LEFT, MIN_BAR, PLOT, timeline

D = datetime.date


def test_bars_sit_at_their_dates_and_the_description_reads_them_out():
    chart = timeline(
        "t",
        "Timeline of X",
        (D(2012, 1, 1), D(2012, 12, 31)),
        [
            ("Consultation", "analyse", D(2012, 1, 1), D(2012, 6, 30)),
            ("Award", "do", D(2012, 12, 31), D(2012, 12, 31)),
        ],
    )
    first, award = chart.rows
    assert first.x == LEFT and abs(first.width - PLOT * 182 / 366) < 0.2
    assert award.width == MIN_BAR
    assert chart.description == (
        "Timeline of X. Consultation: 1 January 2012 to 30 June 2012; Award: 31 December 2012."
    )
    assert [t.label for t in chart.ticks] == ["2012"]


def test_a_timeline_with_no_milestones_says_so():
    chart = timeline("t", "Timeline of X", (D(2011, 10, 1), D(2015, 3, 31)), [])
    assert chart.description == "Timeline of X: no milestones yet."
    assert [t.label for t in chart.ticks] == ["2012", "2013", "2014", "2015"]
    # 2015 falls near the right edge: written to the left of its line, so it is not cut off.
    assert [t.anchor for t in chart.ticks] == ["start", "start", "start", "end"]
