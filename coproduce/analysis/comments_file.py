"""Read comments from a CSV (UTF-8) or XLSX file for the CLI, failing with one clear sentence.

The text column, when not named, is the first column called text, comment, comments, response or
responses (any case), else the first column. Each comment's id is its row number in the file (the header
is row 1; in a CSV a quoted cell may span lines, so it counts records), so people can find it. Rows with an empty text are skipped.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

TEXT_COLUMN_NAMES = ("text", "comment", "comments", "response", "responses")
CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}


MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_CELL_CHARS = 10_000
_XML_PARTS = (".xml", ".rels")


class WorkbookTooCostly(Exception):
    """The workbook would cost too much to open; the message says why in one sentence."""


def check_workbook_cost(
    source: str | Path | IO[bytes],
    *,
    max_unzipped_bytes: int = MAX_UNZIPPED_BYTES,
    max_cell_chars: int = MAX_CELL_CHARS,
) -> None:
    """Refuse an XLSX that unpacks too big or holds one huge cell, before a parser builds it in memory.

    A 200 KB upload can declare one shared string of 200 MB. The declared sizes are checked first (cheap);
    then every XML part is read through a bounded stream, so a header that understates its size is caught
    too, and the longest run of text between two tags is measured (a cell's text sits between tags).
    """
    with zipfile.ZipFile(source) as archive:
        infos = archive.infolist()
        if sum(info.file_size for info in infos) > max_unzipped_bytes:
            raise WorkbookTooCostly(_too_big(max_unzipped_bytes))
        total = 0
        # Text bytes per character: at most 4 in UTF-8, and an entity such as &amp; is 5 bytes for 1.
        max_run = max_cell_chars * 5
        for info in infos:
            if not info.filename.endswith(_XML_PARTS):
                continue
            run, in_tag = 0, False
            with archive.open(info) as part:
                while chunk := part.read(1024 * 1024):
                    total += len(chunk)
                    if total > max_unzipped_bytes:
                        raise WorkbookTooCostly(_too_big(max_unzipped_bytes))
                    run, in_tag = _text_run(chunk, run, in_tag, max_run, max_cell_chars)


def _text_run(chunk: bytes, run: int, in_tag: bool, max_run: int, max_cell_chars: int) -> tuple[int, bool]:
    """Carry the length of the current text run (bytes outside any tag) across chunks."""
    position, end = 0, len(chunk)
    while position < end:
        if in_tag:
            close = chunk.find(b">", position)
            if close == -1:
                return run, True
            in_tag, run, position = False, 0, close + 1
            continue
        opening = chunk.find(b"<", position)
        stop = end if opening == -1 else opening
        run += stop - position
        if run > max_run:
            raise WorkbookTooCostly(
                f"holds a cell of more than {max_cell_chars:,} characters. A comment must be shorter; "
                "split or shorten the long cells"
            )
        if opening == -1:
            return run, False
        in_tag, position = True, opening + 1
    return run, in_tag


def _too_big(cap: int) -> str:
    return (
        f"unpacks to more than {cap / (1024 * 1024):g} MB. Save only the comments in a new workbook, "
        "or as 'CSV UTF-8', and try again"
    )


def strip_nul(text: str) -> str:
    """NUL is never meant in a comment and PostgreSQL refuses it in text."""
    return text.replace("\x00", "")


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
        return list(csv.reader(io.StringIO(strip_nul(text)), dialect))
    except csv.Error as error:
        raise CommentsFileError(f"{path} is not valid CSV: {error}") from error


def _xlsx_rows(path: Path) -> list[list[str]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        check_workbook_cost(path)
    except WorkbookTooCostly as error:
        raise CommentsFileError(f"{path} {error}") from error
    except (BadZipFile, OSError) as error:
        raise CommentsFileError(f"{path} is not a readable XLSX workbook ({type(error).__name__})") from error
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
    return strip_nul(str(value))


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
