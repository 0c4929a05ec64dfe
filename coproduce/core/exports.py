"""Tables as downloadable CSV or XLSX files, safe to open in a spreadsheet.

Text that people typed can start with ``=``, ``+``, ``-`` or ``@``; a spreadsheet would run it as a
formula (CSV injection), so such cells are written with a leading apostrophe, as OWASP advises.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.http import HttpResponse
from openpyxl import Workbook

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


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


def xlsx_response(filename: str, tables: Sequence[Table]) -> HttpResponse:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(table.title[:31])
        sheet.append(list(table.headers))
        for row in table.rows:
            sheet.append([safe_cell(value) for value in row])
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE), filename)
