"""Downloads as spreadsheets: every title makes a sheet, and typed text stays text."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from coproduce.accounts.models import AreaRole
from coproduce.core.exports import Table, csv_response, sheet_names, xlsx_response
from tests.factories import CommentFactory, EventFactory, MethodSessionFactory, member


def workbook(response):
    return load_workbook(io.BytesIO(response.content))


def test_titles_with_characters_excel_forbids_still_make_a_workbook():
    # The demo's sessions are called like this; each of : \ / ? * [ ] made openpyxl refuse the sheet.
    tables = [
        Table("Six thinking hats: Training [day 1] / Bexley?", ["Text"], [["a"]]),
        Table("KJ: what *works* \\ what does not", ["Text"], [["b"]]),
    ]
    book = workbook(xlsx_response("x.xlsx", tables))
    assert all(len(name) <= 31 and not set(name) & set(":\\/?*[]") for name in book.sheetnames)
    assert book.sheetnames[0].startswith("Six thinking hats")
    assert [book[name]["A2"].value for name in book.sheetnames] == ["a", "b"]


def test_sheet_names_are_short_unique_and_never_blank():
    names = sheet_names(["A" * 40, "A" * 40, "A" * 40, "", "history", "'quoted'"])
    assert all(0 < len(name) <= 31 for name in names)
    assert len({name.lower() for name in names}) == len(names)
    assert names[0] == "A" * 31 and names[1].endswith("(2)") and names[2].endswith("(3)")
    # Excel reserves "History" and forbids a name that starts or ends with an apostrophe.
    assert names[4].lower() != "history" and not names[5].startswith("'") and not names[5].endswith("'")


def test_formula_like_text_is_kept_as_typed_and_stored_as_a_string_cell():
    typed = ["=SUM(A1)", '=HYPERLINK("http://evil.example","x")', "+44 20 7946 0000", "-1 budget", "@home"]
    book = workbook(xlsx_response("x.xlsx", [Table("Comments", ["Text"], [[t] for t in typed])]))
    cells = [row[0] for row in book["Comments"].iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == typed
    assert {cell.data_type for cell in cells} == {"s"}


def test_numbers_and_dates_stay_numbers_in_the_workbook():
    book = workbook(xlsx_response("x.xlsx", [Table("Figures", ["n"], [[3], [2.5]])]))
    assert [c.data_type for c in book["Figures"]["A"][1:]] == ["n", "n"]


def test_csv_exports_still_neutralise_formulas():
    response = csv_response("x.csv", Table("Comments", ["Text"], [["=SUM(A1)"]]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1] == ["'=SUM(A1)"]


@pytest.mark.django_db
def test_a_demo_like_session_exports_to_xlsx(client):
    event = EventFactory()
    client.force_login(member(event.area, AreaRole.FACILITATOR))
    session = MethodSessionFactory(
        event=event, method="six_hats", title="Training session workshop: commissioning and working together"
    )
    CommentFactory(event=event, method_session=session, text="=SUM(A1)")
    response = client.get(reverse("methods:export", args=[session.pk, "xlsx"]))
    assert response.status_code == 200
    sheet = workbook(response).active
    assert sheet["E2"].value == "=SUM(A1)" and sheet["E2"].data_type == "s"
