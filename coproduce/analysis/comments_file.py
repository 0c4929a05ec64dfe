"""The one reader of comment files: the CLI, the import of a file into an event and the demo loader.

``csv_records`` and ``xlsx_records`` turn a file's bytes into its records, each with the row number a
person sees in their spreadsheet (the header is row 1; in a CSV a quoted cell may span lines, so it counts
records, not lines). A CSV is read exactly as ``csv.reader`` reads it with the excel dialect (RFC 4180:
doubled quotes inside a quoted cell are one quote); only the delimiter is chosen, by a plain rule on the
header line. ``csv.Sniffer`` is never used: when the first 8 KiB of a file held no ``""`` it turned
doubled-quote handling off, silently changing every later text that held a quote.

What is wrong with a file is raised as a ``CommentsFileError`` subclass carrying the facts (the byte, the
row), so the CLI and the import each tell it in their own words. The import maps columns and validates
rows itself; ``read_comments`` is the CLI's reading of a text column (and a label column):

The text column, when not named, is the first column called text, comment, comments, response or
responses (any case), else the first column. Each comment's id is its row number in the file, so people
can find it. Rows with an empty text are skipped.

Nothing here imports Django.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

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


class NotText(CommentsFileError):
    """A file that should be CSV text plainly is something else; ``kind`` says what ("a PDF")."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"looks like {kind}, not CSV text")
        self.kind = kind


class NotDecodable(CommentsFileError):
    """A byte the encodings tried cannot read. ``row`` is the record it is in; ``utf8_only`` says whether
    Windows-1252 was tried too."""

    def __init__(self, error: UnicodeDecodeError, *, utf8_only: bool) -> None:
        self.byte = error.object[error.start]
        self.position = error.start
        self.utf8_only = utf8_only
        # error.object is the data the decoder saw: after any byte-order mark.
        before = error.object[: error.start].decode("utf-8", errors="replace")
        self.row = _row_of_offset(before)
        super().__init__(
            f"is not UTF-8 text (byte 0x{self.byte:02x} at position {self.position}); save it as 'CSV UTF-8'"
        )


class NotCsv(CommentsFileError):
    """``csv`` refused the text; ``row`` is the record it was reading."""

    def __init__(self, error: csv.Error, *, row: int) -> None:
        super().__init__(f"is not valid CSV: {error}")
        self.error = error
        self.row = row


class NotWorkbook(CommentsFileError):
    """Not an XLSX workbook openpyxl can open; ``cause`` is the exception's class name, if any."""

    def __init__(self, cause: str = "") -> None:
        super().__init__(f"is not a readable XLSX workbook ({cause or 'not a zip file'})")
        self.cause = cause


# A NUL in the first bytes means a binary file; one further on is a stray character, dropped.
BINARY_SNIFF_BYTES = 4096
_BOM = b"\xef\xbb\xbf"


@dataclass
class Records:
    """A file's records in order, each ``(row number, cells)``, the header included; read as iterated.

    ``encoding`` is how a CSV's bytes were read; ``sheet`` the worksheet of an XLSX; ``formula_cells``
    holds (row number, column index) of formula cells with no saved value, filled in as rows are read.
    Use it in a ``with`` block (or iterate to the end) so a workbook is closed.
    """

    rows: Iterator[tuple[int, list[str]]]
    encoding: str = ""
    sheet: str = ""
    formula_cells: set[tuple[int, int]] = field(default_factory=set)
    _close: Any = None

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        return self.rows

    def close(self) -> None:
        if self._close is not None:
            self._close()
            self._close = None

    def __enter__(self) -> Records:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


def looks_binary(data: bytes) -> str | None:
    """What a file that should be text actually is, if it is plainly not text."""
    if data.startswith(b"PK\x03\x04"):
        return "a zipped file such as an Excel workbook"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old-style Excel (.xls) or Word file"
    if data.startswith(b"%PDF"):
        return "a PDF"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text"
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        return "a binary file"
    return None


def _row_of_offset(text_before: str) -> int:
    """The spreadsheet row a character is in, given all the text before it (quoted newlines count once)."""
    # A sentinel stands in for the character, so the record it ends up in is the record that holds it.
    return max(1, sum(1 for _ in csv.reader(io.StringIO(text_before + "\x01", newline=""))))


def decode_text(data: bytes, *, windows_1252: bool = False) -> tuple[str, str]:
    """The text and the name of its encoding: UTF-8 (with or without a byte-order mark), else, when
    ``windows_1252``, Windows-1252 (Excel's plain "CSV" on Windows). A byte-order mark means UTF-8."""
    kind = looks_binary(data)
    if kind:
        raise NotText(kind)
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError as error:
        if not windows_1252 or data.startswith(_BOM):
            raise NotDecodable(error, utf8_only=True) from error
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as error:
        raise NotDecodable(error, utf8_only=False) from error


def csv_delimiter(text: str) -> str:
    """Comma, unless the header line holds more semicolons or tabs than commas (as Excel writes in some
    locales). Only the delimiter is ever chosen: quoting is always RFC 4180's."""
    first_line = text.split("\n", 1)[0]
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def csv_records(data: bytes, *, windows_1252: bool = False) -> Records:
    """A CSV file's records, read by ``csv.reader`` with the excel dialect and the chosen delimiter."""
    text, encoding = decode_text(data, windows_1252=windows_1252)
    text = strip_nul(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text))

    def rows() -> Iterator[tuple[int, list[str]]]:
        number = 0
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise NotCsv(error, row=number + 1) from error
            number += 1
            yield number, record

    return Records(rows(), encoding=encoding)


def cell_text(value: Any) -> str:
    """A workbook cell as the text a person sees in it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time(0):
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return strip_nul(str(value))


def xlsx_records(
    data: bytes,
    *,
    max_unzipped_bytes: int = MAX_UNZIPPED_BYTES,
    max_cell_chars: int = MAX_CELL_CHARS,
) -> Records:
    """The first worksheet's records. Raises WorkbookTooCostly before opening a workbook too costly to
    open, and NotWorkbook for anything openpyxl cannot read."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise NotWorkbook()
    try:
        check_workbook_cost(
            io.BytesIO(data), max_unzipped_bytes=max_unzipped_bytes, max_cell_chars=max_cell_chars
        )
    except (zipfile.BadZipFile, OSError) as error:
        raise NotWorkbook(type(error).__name__) from error
    # Imported here: openpyxl is only needed for Excel files.
    from openpyxl import load_workbook

    try:
        # Read twice in step: the saved values, and the formulas, so a formula Excel never saved a value
        # for is told apart from an empty cell.
        values = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds of error for files it cannot read
        raise NotWorkbook(type(error).__name__) from error

    def close() -> None:
        values.close()
        formulas.close()

    if not values.worksheets:
        close()
        raise NotWorkbook("no worksheet")
    sheet = values.worksheets[0]
    unsaved: set[tuple[int, int]] = set()

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            pairs = zip(
                sheet.iter_rows(values_only=True),
                formulas.worksheets[0].iter_rows(values_only=True),
                strict=False,
            )
            for number, (row, formula_row) in enumerate(pairs, start=1):
                for index, (value, formula) in enumerate(zip(row, formula_row, strict=False)):
                    if value is None and isinstance(formula, str) and formula.startswith("="):
                        unsaved.add((number, index))
                yield number, [cell_text(v) for v in row]
        finally:
            close()

    return Records(rows(), sheet=sheet.title, formula_cells=unsaved, _close=close)


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
    """All rows of the file as strings, header first (the CLI reads UTF-8 only)."""
    if not path.exists():
        raise CommentsFileError(f"{path}: no such file")
    if path.is_dir():
        raise CommentsFileError(f"{path} is a folder, not a CSV or XLSX file")
    suffix = path.suffix.lower()
    if suffix not in XLSX_SUFFIXES | CSV_SUFFIXES:
        raise CommentsFileError(
            f"{path}: unsupported file type {suffix or '(none)'!r}; use a .csv or .xlsx file"
        )
    data = path.read_bytes()
    try:
        if suffix in XLSX_SUFFIXES:
            with xlsx_records(data) as records:
                return [cells for _, cells in records]
        if not data.strip():
            return []
        return [cells for _, cells in csv_records(data)]
    except (CommentsFileError, WorkbookTooCostly) as error:
        raise CommentsFileError(f"{path} {error}") from error


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
