"""A KPI's reporting periods, its figures as people read them, its status against target, and the one reader
of a CSV file of its values (all-or-nothing: every problem with its row and column).

Periods are written the way a council's performance report writes them: ``2012-Q1`` for a quarter,
``2012-03`` for a month, ``2012`` for a year. A KPI reports at one frequency, so its values' periods are all
of that kind. Nothing here imports Django.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from coproduce.analysis.comments_file import CommentsFileError, csv_records, looks_binary

QUARTERLY = "quarterly"
MONTHLY = "monthly"
YEARLY = "yearly"
PERIOD_EXAMPLES = {QUARTERLY: "2012-Q1", MONTHLY: "2012-03", YEARLY: "2012"}
_PATTERNS = {
    QUARTERLY: re.compile(r"^(\d{4})[- ]?Q([1-4])$", re.IGNORECASE),
    MONTHLY: re.compile(r"^(\d{4})-(\d{1,2})$"),
    YEARLY: re.compile(r"^(\d{4})$"),
}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MAX_DIGITS = 12  # digits before the point that a value may have (the model's field holds 14, 2 after it)
MAX_EXPLANATION = 1000
COLUMNS = ("period", "value", "explanation")


class PeriodError(ValueError):
    """The text is not a period of the KPI's frequency; the message says what was expected."""


@dataclass(frozen=True)
class Period:
    start: datetime.date  # the first day: the period's order and its key
    label: str  # "2012 Q1", "Mar 2012", "2012"
    code: str  # "2012-Q1": what a CSV file holds


def period_parse(text: str, frequency: str) -> Period:
    text = (text or "").strip()
    match = _PATTERNS[frequency].match(text)
    example = PERIOD_EXAMPLES[frequency]
    if not match:
        raise PeriodError(f"Enter the period as {example} (this KPI is reported {frequency})")
    year = int(match.group(1))
    if not 1990 <= year <= 2100:
        raise PeriodError(f"Enter a year between 1990 and 2100, as in {example}")
    if frequency == QUARTERLY:
        quarter = int(match.group(2))
        return Period(datetime.date(year, 3 * quarter - 2, 1), f"{year} Q{quarter}", f"{year}-Q{quarter}")
    if frequency == MONTHLY:
        month = int(match.group(2))
        if not 1 <= month <= 12:
            raise PeriodError(f"Enter a month from 01 to 12, as in {example}")
        return Period(datetime.date(year, month, 1), f"{MONTHS[month - 1]} {year}", f"{year}-{month:02d}")
    return Period(datetime.date(year, 1, 1), str(year), str(year))


def period_of(start: datetime.date, frequency: str) -> Period:
    """The period that begins on ``start`` (as stored)."""
    if frequency == QUARTERLY:
        return period_parse(f"{start.year}-Q{(start.month - 1) // 3 + 1}", frequency)
    if frequency == MONTHLY:
        return period_parse(f"{start.year}-{start.month:02d}", frequency)
    return period_parse(str(start.year), frequency)


def value_parse(text: str) -> Decimal:
    """A figure as typed: "62", "62.5", "1,250", "£18.40" or "45%" (the unit is the KPI's, not the cell's)."""
    cleaned = (text or "").strip().replace(",", "").removeprefix("£").removesuffix("%").strip()
    if not cleaned:
        raise ValueError("Enter the value, a number such as 62 or 62.5")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"“{text.strip()}” is not a number: enter a number such as 62 or 62.5") from None
    if not value.is_finite():
        raise ValueError("Enter a number such as 62 or 62.5")
    if value.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValueError("Enter the value with at most 2 decimal places")
    if abs(value) >= Decimal(10) ** MAX_DIGITS:
        raise ValueError("Enter a value under 1,000,000,000,000")
    return value


def figure(value: Decimal | float | None, unit: str) -> str:
    """A value as a person reads it: "62%", "£18.40", "1,250 families"."""
    if value is None:
        return "—"
    number = Decimal(str(value))
    places = 2 if unit == "£" and number != number.to_integral_value() else None
    if places:
        shown = f"{number:,.2f}"
    else:
        normal = number.normalize()
        shown = f"{normal:,f}" if normal == normal.to_integral_value() else f"{normal:,}"
        if "E" in shown:
            shown = f"{number:,f}"
    if unit == "%":
        return f"{shown}%"
    if unit == "£":
        return f"£{shown}"
    return f"{shown} {unit}".strip()


HIGHER = "higher"
LOWER = "lower"
MET = "met"
MISSED = "missed"
NO_TARGET = "no_target"
NO_VALUE = "no_value"
STATUS_LABELS = {
    MET: "Target met",
    MISSED: "Target missed",
    NO_TARGET: "No target set",
    NO_VALUE: "No figures yet",
}


def status(value: Decimal | None, target: Decimal | None, direction: str) -> str:
    if value is None:
        return NO_VALUE
    if target is None:
        return NO_TARGET
    met = value >= target if direction == HIGHER else value <= target
    return MET if met else MISSED


@dataclass(frozen=True)
class ValueRow:
    row: int  # as a spreadsheet numbers it: the header is row 1
    period: Period
    value: Decimal
    explanation: str


@dataclass(frozen=True)
class Problem:
    row: int | None  # None: the file as a whole
    column: str  # "" for the file or a whole row
    message: str

    def __str__(self) -> str:
        where = f"Row {self.row}" if self.row is not None else "The file"
        if self.column:
            where += f", column “{self.column}”"
        return f"{where}: {self.message}"


@dataclass
class ValuesFile:
    rows: list[ValueRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def values_file_read(data: bytes, frequency: str) -> ValuesFile:
    """Every row of a values file, or every problem in it (then no rows): callers change nothing unless
    ``problems`` is empty. Columns are found by their header (period, value, explanation; any case, any
    order); explanation may be left out."""
    result = ValuesFile()
    binary = looks_binary(data)
    if binary:
        result.problems.append(Problem(None, "", f"This is {binary}, not a CSV file: save it as CSV first"))
        return result
    try:
        with csv_records(data, windows_1252=True) as records:
            table = list(records)
    except CommentsFileError as error:
        result.problems.append(Problem(None, "", str(error)))
        return result
    if not table:
        result.problems.append(Problem(None, "", "The file is empty: it needs a header row"))
        return result
    header_row, header = table[0]
    names = [cell.strip().lower() for cell in header]
    columns = {}
    for name in COLUMNS:
        if name in names:
            columns[name] = names.index(name)
        elif name != "explanation":
            result.problems.append(
                Problem(
                    header_row, name, f"There is no “{name}” column: the header row needs period and value"
                )
            )
    if result.problems:
        return result
    seen: dict[datetime.date, int] = {}
    rows = []
    for number, cells in table[1:]:
        if not any(cell.strip() for cell in cells):
            continue  # a blank line, as spreadsheets leave at the end

        def cell(name: str, cells: list[str] = cells) -> str:
            index = columns.get(name)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        problems: list[Problem] = []
        period = value = None
        try:
            period = period_parse(cell("period"), frequency)
        except PeriodError as error:
            problems.append(Problem(number, "period", str(error)))
        try:
            value = value_parse(cell("value"))
        except ValueError as error:
            problems.append(Problem(number, "value", str(error)))
        explanation = cell("explanation")
        if len(explanation) > MAX_EXPLANATION:
            problems.append(
                Problem(number, "explanation", f"Keep the explanation to {MAX_EXPLANATION} characters")
            )
        if period is not None and period.start in seen:
            problems.append(
                Problem(
                    number, "period", f"{period.label} is in the file twice (row {seen[period.start]} too)"
                )
            )
        if period is not None:
            seen.setdefault(period.start, number)
        result.problems.extend(problems)
        if not problems and period is not None and value is not None:
            rows.append(ValueRow(number, period, value, explanation))
    if not rows and not result.problems:
        result.problems.append(Problem(None, "", "The file has a header row but no values"))
    if not result.problems:
        result.rows = rows
    return result
