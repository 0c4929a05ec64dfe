"""Tables as downloadable CSV or XLSX files, safe to open in a spreadsheet.

Text that people typed can start with ``=``, ``+``, ``-`` or ``@``; a spreadsheet would run it as a
formula (CSV injection). A CSV file cannot say "this is text", so there such cells get a leading
apostrophe, as OWASP advises. An XLSX file can: every text cell is stored as a string cell, which Excel
shows exactly as typed and never calculates, so nothing is added to what people wrote.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
# Excel refuses these in a sheet's name, and names longer than 31 characters.
SHEET_NAME_FORBIDDEN = re.compile(r"[:\\/?*\[\]\x00-\x1f]")
SHEET_NAME_MAX = 31


@dataclass
class Table:
    title: str  # the sheet's name in XLSX (31 characters at most)
    headers: Sequence[str]
    rows: Iterable[Sequence[object]]


def safe_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def csv_response(filename: str, table: Table) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([safe_cell(value) for value in row])
    # A byte-order mark so Excel reads the file as UTF-8.
    return _attachment(
        HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"), filename
    )


def sheet_names(titles: Sequence[str]) -> list[str]:
    """Names Excel accepts for these titles, in order: allowed characters, 31 at most, all different."""
    names: list[str] = []
    taken: set[str] = set()
    for title in titles:
        base = " ".join(SHEET_NAME_FORBIDDEN.sub("-", title).split()).strip("'") or "Sheet"
        if base.lower() == "history":  # Excel keeps this name for itself
            base = "History sheet"
        name, number = base[:SHEET_NAME_MAX], 1
        while name.lower() in taken:
            number += 1
            suffix = f" ({number})"
            name = base[: SHEET_NAME_MAX - len(suffix)].rstrip("'") + suffix
        taken.add(name.lower())
        names.append(name)
    return names


def _xlsx_cell(sheet: Worksheet, value: object) -> object:
    if isinstance(value, str):
        # openpyxl would store text that starts with "=" as a formula; a string cell keeps it as typed.
        cell = Cell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def xlsx_response(filename: str, tables: Sequence[Table]) -> HttpResponse:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table, name in zip(tables, sheet_names([t.title for t in tables]), strict=True):
        sheet = workbook.create_sheet(name)
        sheet.append([_xlsx_cell(sheet, header) for header in table.headers])
        for row in table.rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE), filename)
