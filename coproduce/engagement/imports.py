"""Bulk import of comments from a CSV or Excel (.xlsx) file: reading, column guessing and validation.

Nothing here knows about requests or templates. ``parse_file`` turns the uploaded bytes into a
``ParsedFile`` (or raises ``ImportFileError`` with one ``ImportProblem``), ``guess_mapping`` proposes which
column holds what, ``validate_rows`` checks every row and returns comment drafts and every problem found,
and ``save_drafts`` writes the drafts in one transaction.

Row numbers are the ones the user sees in their spreadsheet: the header is row 1, the first comment row 2.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from coproduce.analysis.comments_file import (
    MAX_CELL_CHARS,
    MAX_UNZIPPED_BYTES,
    NotCsv,
    NotDecodable,
    NotText,
    NotWorkbook,
    WorkbookTooCostly,
    csv_records,
    xlsx_records,
)
from coproduce.directory.models import Role
from coproduce.engagement.comment_text import TOO_LONG_IN_FILE, CommentTextError, comment_text_clean
from coproduce.engagement.models import (
    Comment,
    CommentSource,
    CommentStatus,
    Event,
    MethodStep,
)

ACCEPTED_TYPES = "a CSV (.csv) or Excel (.xlsx) file"
MAX_COLUMNS = 100
PREVIEW_ROWS = 10

# The fields a column can be mapped to, in the order the mapping form asks for them.
TARGET_TEXT = "text"
TARGET_ROLE = "role"
TARGET_METHOD_STEP = "method_step"
TARGET_SOURCE = "source"
TARGETS = (TARGET_TEXT, TARGET_ROLE, TARGET_METHOD_STEP, TARGET_SOURCE)
REQUIRED_TARGETS = (TARGET_TEXT, TARGET_ROLE)

ColumnMapping = dict[str, int | None]


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with the file. ``row`` and ``column`` are None when the problem is the whole file."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is not None and self.column is not None:
            return f"Row {self.row}, column '{self.column}': {self.message}"
        if self.row is not None:
            return f"Row {self.row}: {self.message}"
        if self.column is not None:
            return f"Column '{self.column}': {self.message}"
        return self.message


class ImportFileError(Exception):
    """The file cannot be read at all."""

    def __init__(self, problem: ImportProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class ParsedRow:
    number: int  # the row number in the spreadsheet
    cells: list[str]


@dataclass
class ParsedFile:
    headers: list[str]
    rows: list[ParsedRow]
    sheet: str = ""  # the worksheet read, for Excel files
    encoding: str = ""  # how a CSV's bytes were read, said in the preview
    # (row number, column index) of formula cells with no saved value: empty to us, not to the user.
    formula_cells: set[tuple[int, int]] = field(default_factory=set)

    def column_name(self, index: int) -> str:
        """How a column is named in messages: its header, or its letter when the header is blank."""
        header = self.headers[index].strip() if index < len(self.headers) else ""
        return header or column_letter(index)

    def to_json(self) -> dict[str, Any]:
        return {
            "headers": self.headers,
            "rows": [[r.number, r.cells] for r in self.rows],
            "sheet": self.sheet,
            "encoding": self.encoding,
            "formula_cells": sorted([row, column] for row, column in self.formula_cells),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ParsedFile:
        return cls(
            headers=[str(h) for h in data["headers"]],
            rows=[ParsedRow(int(number), [str(c) for c in cells]) for number, cells in data["rows"]],
            sheet=str(data.get("sheet", "")),
            encoding=str(data.get("encoding", "")),
            formula_cells={(int(row), int(column)) for row, column in data.get("formula_cells", [])},
        )


@dataclass(frozen=True)
class CommentDraft:
    row: int
    text: str
    author_role: str
    method_step: str
    source: str


@dataclass
class ValidationResult:
    drafts: list[CommentDraft] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA, as spreadsheets name columns."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


# --- Reading the file -------------------------------------------------------------------------------


def _fail(message: str, row: int | None = None, column: str | None = None) -> ImportFileError:
    return ImportFileError(ImportProblem(row=row, column=column, message=message))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def parse_file(
    filename: str,
    data: bytes,
    *,
    max_bytes: int,
    max_rows: int,
    max_unzipped_bytes: int = MAX_UNZIPPED_BYTES,
    max_cell_chars: int = MAX_CELL_CHARS,
) -> ParsedFile:
    """Read an uploaded CSV or XLSX file; raise ImportFileError if it cannot be used."""
    extension = os.path.splitext(filename or "")[1].lower()
    if extension not in (".csv", ".xlsx"):
        shown = f"a {extension} file" if extension else "a file with no type"
        raise _fail(f"The selected file must be {ACCEPTED_TYPES}; '{filename}' is {shown}.")
    if len(data) > max_bytes:
        raise _fail(f"The selected file must be smaller than {_megabytes(max_bytes)}.")
    if not data.strip():
        raise _fail("The selected file is empty. Put the column names in row 1 and one comment on each row.")
    if extension == ".xlsx":
        parsed = _parse_xlsx(
            data, max_rows, max_unzipped_bytes=max_unzipped_bytes, max_cell_chars=max_cell_chars
        )
    else:
        parsed = _parse_csv(data, max_rows)
    _check_not_empty(parsed)
    return parsed


def _check_not_empty(parsed: ParsedFile) -> None:
    if not parsed.rows:
        raise _fail(
            "The selected file has column names but no comments. Add one comment on each row under row 1."
        )


def _too_many_rows(max_rows: int) -> ImportFileError:
    return _fail(
        f"The selected file has more than {max_rows:,} rows of comments. "
        f"Split it into files of up to {max_rows:,} rows and import each one."
    )


def _too_many_columns(row: int) -> ImportFileError:
    return _fail(f"there are more than {MAX_COLUMNS} columns. Remove the columns you do not need.", row=row)


def _parse_csv(data: bytes, max_rows: int) -> ParsedFile:
    try:
        records = csv_records(data, windows_1252=True)
        parsed = _collect(records, max_rows)
    except NotText as error:
        raise _fail(
            f"The selected file is {error.kind}, not CSV text. It must be {ACCEPTED_TYPES}. "
            "In Excel, use 'Save as' and choose 'CSV UTF-8' or 'Excel Workbook (.xlsx)'."
        ) from error
    except NotDecodable as error:
        what = (
            "the file is not UTF-8 text"
            if error.utf8_only
            else "the file is neither UTF-8 nor Windows-1252 text"
        )
        raise _fail(
            f"{what} (byte 0x{error.byte:02X}). Save it from Excel as 'CSV UTF-8' and try again.",
            row=error.row,
        ) from error
    except NotCsv as error:
        raise _fail(f"the file could not be read as CSV ({error.error}).", row=error.row) from error
    parsed.encoding = records.encoding
    return parsed


def _parse_xlsx(data: bytes, max_rows: int, *, max_unzipped_bytes: int, max_cell_chars: int) -> ParsedFile:
    try:
        records = xlsx_records(data, max_unzipped_bytes=max_unzipped_bytes, max_cell_chars=max_cell_chars)
    except WorkbookTooCostly as error:
        raise _fail(f"The selected workbook {error}.") from error
    except NotWorkbook as error:
        raise _fail(
            f"The selected file is not a real Excel workbook. It must be {ACCEPTED_TYPES}. "
            "Open it in Excel, use 'Save as' and choose 'Excel Workbook (.xlsx)' or 'CSV UTF-8'."
        ) from error
    with records:
        parsed = _collect(records, max_rows)
    parsed.sheet = records.sheet
    parsed.formula_cells = records.formula_cells
    return parsed


def _trim(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def _collect(records: Iterable[tuple[int, list[str]]], max_rows: int) -> ParsedFile:
    """Header from record 1, then every non-blank record with its spreadsheet row number.

    Cells to the right of the last column name are kept if they hold anything: such a column is named by
    its letter.
    """
    iterator = iter(records)
    headers = [h.strip() for h in _trim(next(iterator, (1, []))[1])]
    rows: list[ParsedRow] = []
    for number, record in iterator:
        cells = _trim(record)
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > MAX_COLUMNS:
            raise _too_many_columns(number)
        if len(rows) >= max_rows:
            raise _too_many_rows(max_rows)
        rows.append(ParsedRow(number, cells))
    if len(headers) > MAX_COLUMNS:
        raise _too_many_columns(1)
    if not headers:
        if rows:
            raise _fail(
                "the column names are missing. Put them in row 1 and one comment on each row below.", row=1
            )
        raise _fail("The selected file is empty. Put the column names in row 1 and one comment on each row.")
    width = max([len(headers), *(len(r.cells) for r in rows)])
    headers += [""] * (width - len(headers))
    rows = [ParsedRow(r.number, r.cells + [""] * (width - len(r.cells))) for r in rows]
    return ParsedFile(headers=headers, rows=rows)


# --- Recognising values -----------------------------------------------------------------------------


def normalise(value: str) -> str:
    """Lower case, apostrophes dropped, other punctuation as spaces: "Children's-centre" -> "childrens centre"."""
    value = re.sub(r"['\u2019`]", "", value.lower())
    return " ".join(re.sub(r"[^0-9a-z]+", " ", value).split())


def _lookup(choices: Iterable[tuple[str, str]], synonyms: Mapping[str, str]) -> dict[str, str]:
    table = {}
    for code, label in choices:
        table[normalise(code)] = code
        table[normalise(label)] = code
    for word, code in synonyms.items():
        table[normalise(word)] = code
    return table


ROLE_SYNONYMS = {
    "LA": Role.LA_PROFESSIONAL,
    "local authority": Role.LA_PROFESSIONAL,
    "LA professional": Role.LA_PROFESSIONAL,
    "local authority professional": Role.LA_PROFESSIONAL,
    "council": Role.LA_PROFESSIONAL,
    "commissioner": Role.LA_PROFESSIONAL,
    "centre manager": Role.CC_MANAGER,
    "children's centre manager": Role.CC_MANAGER,
    "CC manager": Role.CC_MANAGER,
    "manager": Role.CC_MANAGER,
    "centre staff": Role.CC_STAFF,
    "children's centre staff": Role.CC_STAFF,
    "CC staff": Role.CC_STAFF,
    "staff": Role.CC_STAFF,
    "VCS": Role.VCS_PROVIDER,
    "VCS organisation": Role.VCS_PROVIDER,
    "voluntary sector": Role.VCS_PROVIDER,
    "voluntary and community sector": Role.VCS_PROVIDER,
    "parent": Role.PARENT_CARER,
    "carer": Role.PARENT_CARER,
    "parent carer": Role.PARENT_CARER,
    "parent/carer": Role.PARENT_CARER,
    "parents": Role.PARENT_CARER,
    "carers": Role.PARENT_CARER,
}

METHOD_STEP_SYNONYMS: dict[str, str] = {}
for _step in MethodStep:
    _label = str(_step.label)
    if _label.startswith("ORID: "):
        METHOD_STEP_SYNONYMS[f"ORID {_step.value}"] = _step.value
    else:  # "Red hat (feelings)": also "red hat" and "feelings"
        _hat, _, _meaning = _label.partition(" (")
        METHOD_STEP_SYNONYMS[_hat] = _step.value
        METHOD_STEP_SYNONYMS[_meaning.rstrip(")")] = _step.value

SOURCE_SYNONYMS = {
    "import": CommentSource.IMPORTED,
    "file": CommentSource.IMPORTED,
    "flip chart": CommentSource.FLIPCHART,
    "flipcharts": CommentSource.FLIPCHART,
    "at the event": CommentSource.LIVE,
}

ROLES = _lookup(Role.choices, ROLE_SYNONYMS)
METHOD_STEPS = _lookup(MethodStep.choices, METHOD_STEP_SYNONYMS)
SOURCES = _lookup(CommentSource.choices, SOURCE_SYNONYMS)


def match_role(value: str) -> str | None:
    return ROLES.get(normalise(value))


def match_method_step(value: str) -> str | None:
    return METHOD_STEPS.get(normalise(value))


def match_source(value: str) -> str | None:
    return SOURCES.get(normalise(value))


def _accepted(choices: Iterable[tuple[str, str]]) -> str:
    return "; ".join(f"{label} ({code})" for code, label in choices)


# --- Guessing the mapping ---------------------------------------------------------------------------

HEADER_GUESSES: dict[str, tuple[str, ...]] = {
    TARGET_TEXT: ("comment", "comments", "comment text", "text", "what was said", "said", "feedback", "note"),
    TARGET_ROLE: ("role", "author role", "participant role", "their role", "who", "speaker role"),
    TARGET_METHOD_STEP: ("method step", "step", "hat", "stage", "orid stage", "six hats", "orid"),
    TARGET_SOURCE: ("source", "comment source", "where from", "origin"),
}
# Words that suggest a column when no header matches exactly.
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    TARGET_TEXT: ("comment", "text", "said", "feedback"),
    TARGET_ROLE: ("role",),
    TARGET_METHOD_STEP: ("step", "hat", "stage"),
    TARGET_SOURCE: ("source",),
}


def guess_mapping(headers: list[str]) -> ColumnMapping:
    """For each target, the column whose header suggests it, or None. A column is used at most once."""
    names = [normalise(h) for h in headers]
    mapping: ColumnMapping = dict.fromkeys(TARGETS)
    used: set[int] = set()
    for exact in (True, False):
        for target in TARGETS:
            if mapping[target] is not None:
                continue
            for index, name in enumerate(names):
                if index in used or not name:
                    continue
                if (
                    (name in HEADER_GUESSES[target])
                    if exact
                    else any(w in name.split() for w in HEADER_WORDS[target])
                ):
                    mapping[target] = index
                    used.add(index)
                    break
    return mapping


# --- Validating rows --------------------------------------------------------------------------------


def _cell(row: ParsedRow, index: int | None) -> str:
    if index is None or index >= len(row.cells):
        return ""
    return row.cells[index].strip()


def validate_rows(parsed: ParsedFile, mapping: ColumnMapping) -> ValidationResult:
    """Check every row against the mapping; return a draft for each good row and every problem found."""
    result = ValidationResult()
    missing = [t for t in REQUIRED_TARGETS if mapping.get(t) is None]
    if missing:
        raise ValueError(f"No column chosen for {', '.join(missing)}")
    for row in parsed.rows:
        draft, problems = _validate_row(parsed, row, mapping)
        result.problems.extend(problems)
        if draft is not None:
            result.drafts.append(draft)
    return result


def _validate_row(
    parsed: ParsedFile, row: ParsedRow, mapping: ColumnMapping
) -> tuple[CommentDraft | None, list[ImportProblem]]:
    problems: list[ImportProblem] = []

    def problem(target: str, message: str) -> None:
        index = mapping[target]
        assert index is not None
        problems.append(ImportProblem(row=row.number, column=parsed.column_name(index), message=message))

    for target, index in mapping.items():
        if index is not None and (row.number, index) in parsed.formula_cells:
            problem(
                target,
                "holds a formula with no saved value; open the file in Excel and save it, "
                "or paste the values in place of the formulas",
            )
    unsaved = {t for t, i in mapping.items() if i is not None and (row.number, i) in parsed.formula_cells}

    text = _cell(row, mapping[TARGET_TEXT])
    try:
        # An unsaved formula is already reported: it is not also "empty".
        text = comment_text_clean(
            text,
            subject="the comment",
            required=TARGET_TEXT not in unsaved,
            empty="{subject} is empty",
            too_long=TOO_LONG_IN_FILE,
        )
    except CommentTextError as error:
        problem(TARGET_TEXT, error.message)

    raw_role = _cell(row, mapping[TARGET_ROLE])
    role = match_role(raw_role) if raw_role else None
    if TARGET_ROLE in unsaved:
        pass  # already reported as a formula
    elif not raw_role:
        problem(TARGET_ROLE, f"the role is empty. Use one of: {_accepted(Role.choices)}")
    elif role is None:
        problem(TARGET_ROLE, f"'{raw_role}' is not a role we know. Use one of: {_accepted(Role.choices)}")

    raw_step = _cell(row, mapping.get(TARGET_METHOD_STEP))
    step = match_method_step(raw_step) if raw_step else ""
    if step is None:
        problem(
            TARGET_METHOD_STEP,
            f"'{raw_step}' is not a method step we know. Leave it blank or use one of: "
            f"{_accepted(MethodStep.choices)}",
        )

    raw_source = _cell(row, mapping.get(TARGET_SOURCE))
    source = match_source(raw_source) if raw_source else CommentSource.IMPORTED
    if source is None:
        problem(
            TARGET_SOURCE,
            f"'{raw_source}' is not a source we know. Leave it blank or use one of: "
            f"{_accepted(CommentSource.choices)}",
        )

    if problems or role is None or step is None or source is None:
        return None, problems
    return CommentDraft(row.number, text, role, step, source), []


# --- Saving -----------------------------------------------------------------------------------------


def save_drafts(*, event: Event, drafts: list[CommentDraft], captured_by: Any = None) -> list[Comment]:
    """Save all the drafts or none of them, each with its audit-history row."""
    comments = [
        Comment(
            event=event,
            text=d.text,
            author_role=d.author_role,
            method_step=d.method_step,
            source=d.source,
            status=CommentStatus.ACCEPTED,
            captured_by=captured_by,
        )
        for d in drafts
    ]
    user = captured_by if getattr(captured_by, "is_authenticated", False) else None
    with transaction.atomic():
        return bulk_create_with_history(comments, Comment, batch_size=500, default_user=user)
