"""Periods, figures, status against target and the CSV reader of a KPI's values (no database)."""

import datetime
from decimal import Decimal

import pytest

from coproduce.analysis.kpi_values import (
    MET,
    MISSED,
    NO_TARGET,
    NO_VALUE,
    PeriodError,
    figure,
    period_of,
    period_parse,
    status,
    value_parse,
    values_file_read,
)


def test_a_quarter_is_read_as_written_and_round_trips_from_its_first_day():
    period = period_parse(" 2012-q3 ", "quarterly")
    assert (period.start, period.label, period.code) == (datetime.date(2012, 7, 1), "2012 Q3", "2012-Q3")
    assert period_of(period.start, "quarterly") == period
    assert period_parse("2012-03", "monthly").label == "Mar 2012"
    assert period_parse("2013", "yearly").start == datetime.date(2013, 1, 1)


@pytest.mark.parametrize("text", ["2012-Q5", "Q1 2012", "2012-03", "", "1812-Q1"])
def test_a_period_not_of_the_kpis_frequency_says_what_to_write(text):
    with pytest.raises(PeriodError, match="2012-Q1|between 1990"):
        period_parse(text, "quarterly")


def test_values_are_numbers_as_people_type_them():
    assert value_parse("1,250") == Decimal("1250")
    assert value_parse("£18.40") == Decimal("18.40")
    assert value_parse("45%") == Decimal("45")
    for bad in ("lots", "1.234", "NaN", ""):
        with pytest.raises(ValueError):
            value_parse(bad)


def test_figures_read_with_their_unit():
    assert figure(Decimal("62.00"), "%") == "62%"
    assert figure(Decimal("62.50"), "%") == "62.5%"
    assert figure(Decimal("388"), "£") == "£388"
    assert figure(Decimal("18.4"), "£") == "£18.40"
    assert figure(Decimal("1250"), "families") == "1,250 families"


def test_status_follows_the_direction():
    assert status(Decimal(66), Decimal(65), "higher") == MET
    assert status(Decimal(64), Decimal(65), "higher") == MISSED
    assert status(Decimal(430), Decimal(420), "lower") == MISSED
    assert status(Decimal(420), Decimal(420), "lower") == MET
    assert status(Decimal(1), None, "higher") == NO_TARGET
    assert status(None, Decimal(1), "higher") == NO_VALUE


def test_a_good_file_gives_every_row_in_any_column_order():
    data = b"Value,Period,Explanation\n66,2012-Q1,\n62,2012-Q3,Places opened late\n\n"
    read = values_file_read(data, "quarterly")
    assert read.problems == []
    assert [(r.row, r.period.code, r.value, r.explanation) for r in read.rows] == [
        (2, "2012-Q1", Decimal("66"), ""),
        (3, "2012-Q3", Decimal("62"), "Places opened late"),
    ]


def test_a_bad_file_names_every_problems_row_and_column_and_gives_no_rows():
    data = b"period,value\n2012-Q1,66\n2012-Q9,67\n2012-Q3,sixty\n2012-Q1,70\n"
    read = values_file_read(data, "quarterly")
    assert read.rows == []
    assert [(p.row, p.column) for p in read.problems] == [(3, "period"), (4, "value"), (5, "period")]
    assert (
        str(read.problems[1])
        == "Row 4, column “value”: “sixty” is not a number: enter a number such as 62 or 62.5"
    )
    assert "row 2 too" in str(read.problems[2])


def test_a_file_without_a_value_column_or_not_csv_is_refused_whole():
    assert [str(p) for p in values_file_read(b"period,amount\n2012-Q1,3\n", "quarterly").problems] == [
        "Row 1, column “value”: There is no “value” column: the header row needs period and value"
    ]
    assert values_file_read(b"PK\x03\x04\x00\x00binary", "quarterly").problems[0].row is None
    assert values_file_read(b"period,value\n", "quarterly").problems[0].message.startswith("The file has")
