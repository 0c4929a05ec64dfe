"""Read comments from a CSV (UTF-8) or XLSX file for the CLI, failing with one clear sentence.

The text column, when not named, is the first column called text, comment, comments, response or
responses (any case), else the first column. Each comment's id is its row number in the file (the header
is row 1; in a CSV a quoted cell may span lines, so it counts records), so people can find it. Rows with an empty text are skipped.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

TEXT_COLUMN_NAMES = ("text", "comment", "comments", "response", "responses")
CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}


class CommentsFileError(Exception):
    """The file cannot be used; the message is one line a person can act on."""


@dataclass(frozen=True)
class Comments:
    ids: list[int]  # row numbers
    texts: list[str]
    labels: list[str] | None  # from the label column, when asked for ("" where blank)
    text_column: str


def guess_text_column(columns: list[str]) -> str:
    for name in TEXT_COLUMN_NAMES:
        for column in columns:
            if column.strip().lower() == name:
                return column
    return columns[0]


def read_rows(path: Path) -> list[list[str]]:
    """All rows of the file as strings, header first."""
    if not path.exists():
        raise CommentsFileError(f"{path}: no such file")
    if path.is_dir():
        raise CommentsFileError(f"{path} is a folder, not a CSV or XLSX file")
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return _xlsx_rows(path)
    if suffix in CSV_SUFFIXES:
        return _csv_rows(path)
    raise CommentsFileError(f"{path}: unsupported file type {suffix or '(none)'!r}; use a .csv or .xlsx file")


def _csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise CommentsFileError(f"{path} looks like a binary file, not CSV text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommentsFileError(
            f"{path} is not UTF-8 text (byte 0x{data[error.start]:02x} at position {error.start}); "
            "save it as 'CSV UTF-8'"
        ) from error
    if not text.strip():
        return []
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as error:
        raise CommentsFileError(f"{path} is not valid CSV: {error}") from error


def _xlsx_rows(path: Path) -> list[list[str]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError) as error:
        raise CommentsFileError(f"{path} is not a readable XLSX workbook ({type(error).__name__})") from error
    try:
        sheet = workbook.worksheets[0]
        rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return rows


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_comments(
    path: str | Path, *, text_column: str | None = None, label_column: str | None = None
) -> Comments:
    path = Path(path)
    rows = read_rows(path)
    if not any(cell.strip() for row in rows for cell in row):
        raise CommentsFileError(f"{path} is empty")
    header = [h.strip() for h in rows[0]]
    if not any(header):
        raise CommentsFileError(f"{path}: the first row should name the columns but is blank")
    listed = ", ".join(repr(h) for h in header if h)
    column = text_column or guess_text_column([h for h in header if h])
    for wanted in (column, label_column):
        if wanted is not None and wanted not in header:
            raise CommentsFileError(f"{path} has no column {wanted!r}; its columns are: {listed}")
    text_at = header.index(column)
    label_at = header.index(label_column) if label_column else None
    ids: list[int] = []
    texts: list[str] = []
    labels: list[str] = []
    for number, row in enumerate(rows[1:], start=2):
        text = row[text_at].strip() if text_at < len(row) else ""
        if not text:
            continue
        ids.append(number)
        texts.append(text)
        if label_at is not None:
            labels.append(row[label_at].strip() if label_at < len(row) else "")
    if not texts:
        raise CommentsFileError(f"{path} has no comments in column {column!r}")
    return Comments(ids, texts, labels if label_column else None, column)
