"""Importing comments from CSV and Excel files: the parsing service, and the two pages a facilitator uses."""

from __future__ import annotations

import hashlib
import html
import io
import os
import time
import tracemalloc
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.directory.models import Role
from coproduce.engagement import import_services, imports
from coproduce.engagement.models import (
    COMMENT_MAX_LENGTH,
    Comment,
    CommentSource,
    CommentStatus,
    ImportJob,
    MethodStep,
)
from tests.factories import AreaFactory, CommentFactory, EventFactory, member

LIMITS = {"max_bytes": 1024 * 1024, "max_rows": 1000}


@pytest.fixture(autouse=True)
def import_dir(settings, tmp_path):
    settings.IMPORT_DIR = tmp_path / "imports"
    return settings.IMPORT_DIR


def csv_bytes(*lines: str, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(rows: list[list[object]], title: str = "Comments") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_bomb(inflated_bytes: int) -> bytes:
    """A real workbook whose one comment cell unpacks to about ``inflated_bytes``, written in chunks."""
    small = xlsx_bytes([["comment", "role"], ["placeholder", "VCS"]])
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(small)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for info in source.infolist():
            sheet = source.read(info)
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info.filename, sheet)
                continue
            before, after = sheet.split(b"placeholder")
            with target.open(info.filename, "w", force_zip64=True) as body:
                body.write(before)
                chunk = b"A" * (1024 * 1024)
                for _ in range(inflated_bytes // len(chunk)):
                    body.write(chunk)
                body.write(after)
    return out.getvalue()


GOOD_CSV = csv_bytes(
    "comment,role,hat",
    "We need clearer commissioning timetables,VCS,red",
    "Centres do not know what the VCS offers,Centre manager,",
    '"Parents want evening sessions, not mornings",parent,Green hat',
)


# --- The service, directly --------------------------------------------------------------------------


class TestParseFile:
    def test_csv_header_and_rows_numbered_as_in_the_spreadsheet(self):
        parsed = imports.parse_file("x.csv", GOOD_CSV, **LIMITS)
        assert parsed.headers == ["comment", "role", "hat"]
        assert [r.number for r in parsed.rows] == [2, 3, 4]
        assert parsed.rows[2].cells == ["Parents want evening sessions, not mornings", "parent", "Green hat"]

    def test_csv_with_byte_order_mark_semicolons_and_blank_lines(self):
        data = "\ufeffComment;Role\r\n\r\nFirst;VCS\r\nSecond;LA\r\n".encode()
        parsed = imports.parse_file("x.CSV", data, **LIMITS)
        assert parsed.headers == ["Comment", "Role"]
        assert [(r.number, r.cells) for r in parsed.rows] == [(3, ["First", "VCS"]), (4, ["Second", "LA"])]

    def test_quoted_newlines_stay_in_one_row(self):
        data = csv_bytes("comment,role", '"Line one\nline two",VCS', "Next,LA")
        parsed = imports.parse_file("x.csv", data, **LIMITS)
        assert [(r.number, r.cells[0]) for r in parsed.rows] == [(2, "Line one\nline two"), (3, "Next")]

    def test_short_rows_are_padded_and_cells_beyond_the_headers_kept(self):
        parsed = imports.parse_file("x.csv", csv_bytes("a,b,,", "1", "1,2,3,,"), **LIMITS)
        assert parsed.headers == ["a", "b", ""]
        assert [r.cells for r in parsed.rows] == [["1", "", ""], ["1", "2", "3"]]
        assert parsed.column_name(2) == "C"

    def test_too_many_columns(self):
        wide = ",".join(f"h{i}" for i in range(imports.MAX_COLUMNS + 1))
        with pytest.raises(imports.ImportFileError, match="^Row 1: there are more than"):
            imports.parse_file("x.csv", csv_bytes(wide, "a,b"), **LIMITS)

    def test_a_windows_1252_csv_is_read_as_windows_1252_and_says_so(self):
        # Excel's plain "CSV" on Windows writes Windows-1252: the pound sign, curly quotes, accents.
        data = csv_bytes("comment,role", "Caf\u00e9 costs \u00a35 \u2018too much\u2019,LA", encoding="cp1252")
        parsed = imports.parse_file("x.csv", data, **LIMITS)
        assert parsed.rows[0].cells == ["Caf\u00e9 costs \u00a35 \u2018too much\u2019", "LA"]
        assert parsed.encoding == "Windows-1252"

    def test_a_utf8_csv_says_utf8(self):
        assert imports.parse_file("x.csv", GOOD_CSV, **LIMITS).encoding == "UTF-8"

    def test_bad_encoding_names_the_row_and_the_byte(self):
        # 0x81 is neither UTF-8 nor Windows-1252 (one of its five unused bytes).
        data = csv_bytes("comment,role", "Fine,VCS", '"Two\nlines",VCS', "Caf\u00e9,LA", encoding="cp1252")
        data = data.replace(b"\xe9", b"\x81")
        with pytest.raises(imports.ImportFileError) as caught:
            imports.parse_file("x.csv", data, **LIMITS)
        assert caught.value.problem.row == 4  # the quoted newline does not count as a row
        assert str(caught.value.problem) == (
            "Row 4: the file is neither UTF-8 nor Windows-1252 text (byte 0x81). "
            "Save it from Excel as 'CSV UTF-8' and try again."
        )

    def test_bad_encoding_after_a_byte_order_mark(self):
        # A byte-order mark says UTF-8, so a byte that is not UTF-8 after it is an error, not Windows-1252.
        data = b"\xef\xbb\xbf" + csv_bytes("comment,role", "Fine,VCS", "Caf\u00e9,LA", encoding="latin-1")
        with pytest.raises(imports.ImportFileError) as caught:
            imports.parse_file("x.csv", data, **LIMITS)
        assert str(caught.value.problem).startswith("Row 3: the file is not UTF-8 text (byte 0xE9).")

    def test_nul_characters_are_stripped_from_csv_cells(self):
        # PostgreSQL refuses NUL in text; one past the first 8 KB is not a sign of a binary file.
        data = csv_bytes("comment,role", *[f"Comment {i},VCS" for i in range(600)], "Hel\x00lo,LA")
        parsed = imports.parse_file("x.csv", data, **LIMITS)
        assert parsed.rows[-1].cells == ["Hello", "LA"]

    @pytest.mark.parametrize(
        ("name", "data", "expected"),
        [
            (
                "notes.pdf",
                b"%PDF-1.4",
                "must be a CSV (.csv) or Excel (.xlsx) file; 'notes.pdf' is a .pdf file",
            ),
            ("notes", b"a,b", "'notes' is a file with no type"),
            ("x.csv", b"PK\x03\x04rest-of-zip", "is a zipped file such as an Excel workbook, not CSV text"),
            ("x.csv", b"a,b\x00\x01\x02", "is a binary file, not CSV text"),
            ("x.xlsx", b"comment,role\nHello,VCS\n", "is not a real Excel workbook"),
            ("x.csv", b"", "The selected file is empty"),
            ("x.csv", b"  \r\n", "The selected file is empty"),
            ("x.csv", csv_bytes("comment,role"), "has column names but no comments"),
            ("x.csv", csv_bytes("comment,role", ",", " , "), "has column names but no comments"),
        ],
    )
    def test_unusable_files(self, name, data, expected):
        with pytest.raises(imports.ImportFileError) as caught:
            imports.parse_file(name, data, **LIMITS)
        assert expected in str(caught.value.problem)

    def test_a_zip_that_is_not_a_workbook(self):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("hello.txt", "hello")
        with pytest.raises(imports.ImportFileError, match="not a real Excel workbook"):
            imports.parse_file("x.xlsx", out.getvalue(), **LIMITS)

    def test_size_limit(self):
        with pytest.raises(imports.ImportFileError, match="must be smaller than 0.5 MB"):
            imports.parse_file("x.csv", b"a" * 600_000, max_bytes=512 * 1024, max_rows=10)

    def test_row_limit_counts_comment_rows(self):
        data = csv_bytes("comment,role", *[f"c{i},VCS" for i in range(3)])
        assert len(imports.parse_file("x.csv", data, max_bytes=10_000, max_rows=3).rows) == 3
        with pytest.raises(imports.ImportFileError, match="more than 2 rows of comments"):
            imports.parse_file("x.csv", data, max_bytes=10_000, max_rows=2)

    def test_xlsx_first_sheet_with_real_row_numbers(self):
        data = xlsx_bytes([["Comment", "Role", None], ["First", "VCS"], [None, None], ["Second", "la", 3.0]])
        parsed = imports.parse_file("x.xlsx", data, **LIMITS)
        assert parsed.sheet == "Comments"
        assert parsed.headers == ["Comment", "Role", ""]
        assert [(r.number, r.cells) for r in parsed.rows] == [
            (2, ["First", "VCS", ""]),
            (4, ["Second", "la", "3"]),
        ]

    def test_xlsx_empty_sheet(self):
        with pytest.raises(imports.ImportFileError, match="The selected file is empty"):
            imports.parse_file("x.xlsx", xlsx_bytes([]), **LIMITS)

    def test_blank_first_row_is_reported(self):
        with pytest.raises(imports.ImportFileError, match="^Row 1: the column names are missing"):
            imports.parse_file("x.xlsx", xlsx_bytes([[None], ["Hello", "VCS"]]), **LIMITS)

    def test_an_xlsx_formula_with_no_saved_value_is_reported_as_a_formula(self):
        # openpyxl (like many scripts) writes formulas without the value Excel would have saved.
        data = xlsx_bytes([["comment", "role"], ["Fine", "VCS"], ['=A2&" too"', "LA"]])
        parsed = imports.parse_file("x.xlsx", data, **LIMITS)
        result = imports.validate_rows(parsed, {"text": 0, "role": 1, "method_step": None, "source": None})
        assert [str(p) for p in result.problems] == [
            "Row 3, column 'comment': holds a formula with no saved value; open the file in Excel and "
            "save it, or paste the values in place of the formulas"
        ]

    def test_an_xlsx_formula_with_a_saved_value_imports_the_value(self):
        data = xlsx_bytes([["comment", "role"], ['="Hi"', "VCS"]])
        # Give the formula cell the value Excel would have cached.
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
            for info in source.infolist():
                body = source.read(info)
                if info.filename == "xl/worksheets/sheet1.xml":
                    body = body.replace(b'<f>"Hi"</f><v></v>', b'<f>"Hi"</f><v>Hi</v>').replace(
                        b'<f>"Hi"</f><v />', b'<f>"Hi"</f><v>Hi</v>'
                    )
                    assert b"<v>Hi</v>" in body
                    body = body.replace(b'<c r="A2"', b'<c r="A2" t="str"')
                target.writestr(info, body)
        parsed = imports.parse_file("x.xlsx", out.getvalue(), **LIMITS)
        assert parsed.rows[0].cells == ["Hi", "VCS"]
        assert not parsed.formula_cells

    @pytest.mark.slow
    def test_an_xlsx_that_inflates_past_the_cap_is_refused_quickly_and_cheaply(self):
        bomb = xlsx_bomb(200 * 1024 * 1024)
        assert len(bomb) < 400_000
        tracemalloc.start()
        started = time.perf_counter()
        try:
            with pytest.raises(imports.ImportFileError) as caught:
                imports.parse_file("x.xlsx", bomb, **LIMITS)
            elapsed = time.perf_counter() - started
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert "unpacks to more than 50 MB" in str(caught.value.problem)
        assert elapsed < 1.0
        assert peak < 50 * 1024 * 1024

    def test_the_unzipped_cap_is_a_parameter(self):
        bomb = xlsx_bomb(3 * 1024 * 1024)
        with pytest.raises(imports.ImportFileError) as caught:
            imports.parse_file("x.xlsx", bomb, **LIMITS, max_unzipped_bytes=1024 * 1024)
        assert "unpacks to more than 1 MB" in str(caught.value.problem)

    def test_an_xlsx_with_one_huge_cell_is_refused_before_parsing(self):
        with pytest.raises(imports.ImportFileError) as caught:
            imports.parse_file("x.xlsx", xlsx_bomb(2 * 1024 * 1024), **LIMITS)
        assert "a cell of more than 10,000 characters" in str(caught.value.problem)

    def test_round_trip_through_json(self):
        parsed = imports.parse_file("x.csv", GOOD_CSV, **LIMITS)
        assert imports.ParsedFile.from_json(parsed.to_json()) == parsed


def test_column_letters():
    assert [imports.column_letter(i) for i in (0, 1, 25, 26, 27, 701, 702)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


def test_problem_wording():
    assert str(imports.ImportProblem(5, "comment", "the comment is empty")) == (
        "Row 5, column 'comment': the comment is empty"
    )
    assert str(imports.ImportProblem(7, None, "oops")) == "Row 7: oops"
    assert str(imports.ImportProblem(None, None, "The file is empty")) == "The file is empty"


@pytest.mark.parametrize(
    ("value", "role"),
    [
        ("vcs_provider", Role.VCS_PROVIDER),
        ("VCS provider", Role.VCS_PROVIDER),
        ("  vcs ", Role.VCS_PROVIDER),
        ("LA", Role.LA_PROFESSIONAL),
        ("Local authority", Role.LA_PROFESSIONAL),
        ("Local-authority professional", Role.LA_PROFESSIONAL),
        ("Centre manager", Role.CC_MANAGER),
        ("Children’s centre manager", Role.CC_MANAGER),
        ("children's-centre staff", Role.CC_STAFF),
        ("Parent", Role.PARENT_CARER),
        ("carer", Role.PARENT_CARER),
        ("Parent or carer", Role.PARENT_CARER),
        ("OTHER", Role.OTHER),
        ("Teacher", None),
    ],
)
def test_match_role(value, role):
    assert imports.match_role(value) == role


@pytest.mark.parametrize(
    ("value", "step"),
    [
        ("red", MethodStep.RED),
        ("Red hat", MethodStep.RED),
        ("Red hat (feelings)", MethodStep.RED),
        ("ORID: objective", MethodStep.OBJECTIVE),
        ("objective", MethodStep.OBJECTIVE),
        ("Decisional", MethodStep.DECISIONAL),
        ("purple", None),
    ],
)
def test_match_method_step(value, step):
    assert imports.match_method_step(value) == step


def test_guess_mapping_from_headers():
    guess = imports.guess_mapping(["Date", "What was said", "Participant role", "Hat", "Source"])
    assert guess == {"text": 1, "role": 2, "method_step": 3, "source": 4}
    assert imports.guess_mapping(["A", "B"]) == dict.fromkeys(imports.TARGETS)


class TestValidateRows:
    def test_good_rows_become_drafts(self):
        parsed = imports.parse_file("x.csv", GOOD_CSV, **LIMITS)
        result = imports.validate_rows(parsed, {"text": 0, "role": 1, "method_step": 2, "source": None})
        assert result.problems == []
        assert [(d.row, d.author_role, d.method_step, d.source) for d in result.drafts] == [
            (2, Role.VCS_PROVIDER, MethodStep.RED, CommentSource.IMPORTED),
            (3, Role.CC_MANAGER, "", CommentSource.IMPORTED),
            (4, Role.PARENT_CARER, MethodStep.GREEN, CommentSource.IMPORTED),
        ]

    def test_every_problem_is_reported_with_row_and_column(self):
        data = csv_bytes(
            "comment,who,step,source",
            ",VCS,,",
            "Fine,Teacher,purple,carrier pigeon",
            f"{'x' * (COMMENT_MAX_LENGTH + 1)},,,flipchart",
            "Fine,LA,objective,Live",
        )
        parsed = imports.parse_file("x.csv", data, **LIMITS)
        result = imports.validate_rows(parsed, {"text": 0, "role": 1, "method_step": 2, "source": 3})
        messages = [str(p) for p in result.problems]
        assert messages[0] == "Row 2, column 'comment': the comment is empty"
        assert messages[1].startswith("Row 3, column 'who': 'Teacher' is not a role we know. Use one of: ")
        assert "VCS provider (vcs_provider)" in messages[1]
        assert messages[2].startswith("Row 3, column 'step': 'purple' is not a method step we know.")
        assert messages[3].startswith("Row 3, column 'source': 'carrier pigeon' is not a source we know.")
        assert messages[4] == (
            f"Row 4, column 'comment': the comment is {COMMENT_MAX_LENGTH + 1:,} characters long; "
            f"a comment must be {COMMENT_MAX_LENGTH:,} characters or fewer"
        )
        assert messages[5].startswith("Row 4, column 'who': the role is empty.")
        assert len(messages) == 6
        assert [(d.row, d.method_step, d.source) for d in result.drafts] == [
            (5, MethodStep.OBJECTIVE, CommentSource.LIVE)
        ]

    def test_blank_header_is_named_by_its_letter(self):
        parsed = imports.parse_file("x.csv", csv_bytes("comment,", "Hello,Teacher"), **LIMITS)
        problems = imports.validate_rows(parsed, {"text": 0, "role": 1}).problems
        assert str(problems[0]).startswith("Row 2, column 'B': 'Teacher' is not a role we know")

    def test_a_mapping_without_the_required_columns_is_a_programming_error(self):
        parsed = imports.parse_file("x.csv", GOOD_CSV, **LIMITS)
        with pytest.raises(ValueError, match="text"):
            imports.validate_rows(parsed, {"text": None, "role": 1})


# --- Through the pages ------------------------------------------------------------------------------


@pytest.fixture
def event(db):
    return EventFactory(area=AreaFactory())


@pytest.fixture
def facilitator(event):
    return member(event.area, AreaRole.FACILITATOR)


@pytest.fixture
def client(client, facilitator):
    client.force_login(facilitator)
    return client


def upload(client, event, name: str, data: bytes, follow: bool = False):
    url = reverse("imports:upload", args=[event.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, data)}, follow=follow)


def map_columns(client, event, **mapping):
    return client.post(reverse("imports:map", args=[event.pk]), mapping, follow=True)


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def test_a_good_csv_imports_every_comment(client, event, facilitator):
    existing = CommentFactory(event=event)
    response = upload(client, event, "comments.csv", GOOD_CSV)
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:map", args=[event.pk])

    page = client.get(response["Location"])
    content = text_of(page)
    assert "comments.csv" in content and "3 comments to import" in content
    assert '<th scope="row" class="govuk-table__header">4</th>' in content
    assert 'id="import-preview-caption">All the rows of the file</caption>' in content
    assert '<th scope="col" class="govuk-table__header">hat</th>' in content
    assert 'aria-describedby="id_text_helptext"' in content
    # Guessed from the header names.
    assert page.context["form"].initial == {"text": "0", "role": "1", "method_step": "2"}

    response = map_columns(client, event, text="0", role="1", method_step="2", source="")
    assert response.redirect_chain[-1][0] == event.get_absolute_url()
    assert "3 comments imported" in text_of(response)
    imported = list(event.comments.exclude(pk=existing.pk).order_by("pk"))
    assert [(c.text, c.author_role, c.method_step) for c in imported] == [
        ("We need clearer commissioning timetables", Role.VCS_PROVIDER, MethodStep.RED),
        ("Centres do not know what the VCS offers", Role.CC_MANAGER, ""),
        ("Parents want evening sessions, not mornings", Role.PARENT_CARER, MethodStep.GREEN),
    ]
    assert {(c.source, c.status, c.captured_by_id) for c in imported} == {
        (CommentSource.IMPORTED, CommentStatus.ACCEPTED, facilitator.pk)
    }
    assert imported[0].history.count() == 1
    assert imported[0].history.first().history_user == facilitator
    # The rows are gone from the session: the import cannot be run twice by accident.
    again = client.get(reverse("imports:map", args=[event.pk]))
    assert again["Location"] == reverse("imports:upload", args=[event.pk])


def test_a_windows_1252_csv_from_excel_imports_and_the_preview_names_its_encoding(client, event):
    data = csv_bytes("comment,role", "Caf\u00e9 costs \u00a35,LA", encoding="cp1252")
    response = upload(client, event, "excel.csv", data)
    page = client.get(response["Location"])
    assert "read as Windows-1252 text" in text_of(page)
    map_columns(client, event, text="0", role="1", method_step="", source="")
    assert event.comments.filter(text="Caf\u00e9 costs \u00a35").exists()


def test_a_good_xlsx_imports(client, event):
    data = xlsx_bytes(
        [
            ["Comment", "Role", "Source"],
            ["Typed from the flipchart", "vcs_provider", "flipchart"],
            [None, None, None],
            ["Said in the room", "Local authority", None],
        ]
    )
    assert upload(client, event, "Workshop.xlsx", data).status_code == 302
    page = client.get(reverse("imports:map", args=[event.pk]))
    assert "sheet ‘Comments’" in text_of(page)
    response = map_columns(client, event, text="0", role="1", method_step="", source="2")
    assert "2 comments imported" in text_of(response)
    assert sorted(event.comments.values_list("source", "author_role")) == [
        (CommentSource.FLIPCHART, Role.VCS_PROVIDER),
        (CommentSource.IMPORTED, Role.LA_PROFESSIONAL),
    ]


def test_a_quoted_multi_line_comment_imports_whole(client, event):
    data = csv_bytes("comment,role", '"First line\nsecond line, with a comma",parent', "Another,carer")
    upload(client, event, "c.csv", data)
    response = map_columns(client, event, text="0", role="1")
    assert "2 comments imported" in text_of(response)
    assert event.comments.filter(text="First line\nsecond line, with a comma").exists()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "c.csv",
            csv_bytes("comment,role", "Fine,VCS", "Caf\x81 au lait,LA", encoding="latin-1"),
            "Row 3: the file is neither UTF-8 nor Windows-1252 text (byte 0x81). "
            "Save it from Excel as 'CSV UTF-8' and try again.",
        ),
        ("c.pdf", b"%PDF-1.4 ...", "The selected file must be a CSV (.csv) or Excel (.xlsx) file"),
        ("c.csv", xlsx_bytes([["comment", "role"], ["Hi", "VCS"]]), "not CSV text"),
        ("c.xlsx", csv_bytes("comment,role", "Hi,VCS"), "is not a real Excel workbook"),
        ("c.csv", b"", "The selected file is empty"),
        ("c.csv", csv_bytes("comment,role"), "has column names but no comments"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_at_upload(client, event, name, data, expected):
    before = Comment.objects.count()
    response = upload(client, event, name, data)
    assert response.status_code == 200
    content = text_of(response)
    assert "govuk-error-summary" in content
    assert '<a href="#id_file">' in content
    assert expected in content
    assert "<title>Error:" in content
    assert Comment.objects.count() == before
    assert not client.session.get(f"comment_import:{event.pk}")


def test_no_file_chosen(client, event):
    response = client.post(reverse("imports:upload", args=[event.pk]), {})
    assert "Select a CSV or Excel file" in text_of(response)


def test_the_size_and_row_limits_come_from_settings(client, event, settings):
    settings.IMPORT_MAX_BYTES = 100
    response = upload(client, event, "c.csv", csv_bytes("comment,role", *["A comment,VCS"] * 10))
    assert "must be smaller than" in text_of(response)
    settings.IMPORT_MAX_BYTES = 10_000
    settings.IMPORT_MAX_ROWS = 5
    response = upload(client, event, "c.csv", csv_bytes("comment,role", *["A comment,VCS"] * 6))
    assert "more than 5 rows of comments" in text_of(response)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (",VCS", "Row 3, column 'comment': the comment is empty"),
        ("Hello,Teacher", "Row 3, column 'role': 'Teacher' is not a role we know. Use one of: "),
        (
            f"{'y' * (COMMENT_MAX_LENGTH + 5)},VCS",
            f"Row 3, column 'comment': the comment is {COMMENT_MAX_LENGTH + 5:,} characters long; "
            f"a comment must be {COMMENT_MAX_LENGTH:,} characters or fewer",
        ),
        ("Hello,VCS,purple", "Row 3, column 'hat': 'purple' is not a method step we know."),
    ],
)
def test_a_bad_row_saves_nothing_and_names_row_and_column(client, event, row, expected):
    before = Comment.objects.count()
    upload(client, event, "c.csv", csv_bytes("comment,role,hat", "Good comment,VCS,red", row, "Also good,LA"))
    response = map_columns(client, event, text="0", role="1", method_step="2")
    assert response.status_code == 200
    content = text_of(response)
    assert "There is a problem" in content and "Nothing has been imported" in content
    assert expected in content
    assert "<title>Error:" in content
    assert Comment.objects.count() == before
    # The file is kept, so the facilitator can choose other columns without uploading again.
    assert client.session.get(f"comment_import:{event.pk}")


def test_every_problem_is_listed_and_linked_to_its_column_choice(client, event):
    upload(client, event, "c.csv", csv_bytes("comment,role", ",VCS", "Hi,Teacher", ",", ",Nobody", "Fine,LA"))
    content = text_of(map_columns(client, event, text="0", role="1"))
    assert "<a href=\"#id_text\">Row 2, column 'comment': the comment is empty</a>" in content
    assert "<a href=\"#id_role\">Row 3, column 'role': 'Teacher' is not a role we know." in content
    assert "Row 4" not in content  # a blank row is skipped, not an error
    assert "Row 5, column 'comment': the comment is empty" in content
    assert "Row 5, column 'role': 'Nobody' is not a role we know" in content
    assert "Fix these 4 problems" in content
    assert Comment.objects.count() == 0


def test_missing_mapping_for_the_comment(client, event):
    upload(client, event, "c.csv", GOOD_CSV)
    response = map_columns(client, event, text="", role="1")
    content = text_of(response)
    assert '<a href="#id_text">Select the column that holds the comment</a>' in content
    assert Comment.objects.count() == 0


def test_the_same_column_cannot_hold_two_things(client, event):
    upload(client, event, "c.csv", GOOD_CSV)
    content = text_of(map_columns(client, event, text="0", role="0"))
    assert "You chose column 'comment' for the comment too. Select a different column" in content
    assert Comment.objects.count() == 0


def test_mapping_without_an_upload_goes_back_to_upload(client, event):
    response = client.post(reverse("imports:map", args=[event.pk]), {"text": "0", "role": "1"})
    assert response["Location"] == reverse("imports:upload", args=[event.pk])


def test_an_upload_for_one_event_does_not_leak_into_another(client, event, facilitator):
    other = EventFactory(area=event.area)
    upload(client, event, "c.csv", GOOD_CSV)
    response = client.get(reverse("imports:map", args=[other.pk]))
    assert response["Location"] == reverse("imports:upload", args=[other.pk])


def test_upload_page_follows_the_design_system(client, event):
    content = text_of(client.get(reverse("imports:upload", args=[event.pk])))
    assert 'enctype="multipart/form-data"' in content
    assert 'class="govuk-file-upload"' in content and 'id="id_file"' in content
    assert '<label class="govuk-label govuk-label--s" for="id_file">' in content
    assert 'aria-describedby="id_file_helptext"' in content and 'id="id_file_helptext"' in content
    assert "20,000 comments" in content

    content = text_of(upload(client, event, "c.pdf", b"%PDF"))
    assert 'aria-describedby="id_file_helptext id_file-error"' in content
    assert 'id="id_file-error"' in content and "govuk-file-upload--error" in content


@pytest.mark.parametrize("name", ["imports:upload", "imports:map"])
def test_a_viewer_is_refused(db, event, name):
    from django.test import Client

    client = Client()
    client.force_login(member(event.area, AreaRole.VIEWER))
    url = reverse(name, args=[event.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"file": SimpleUploadedFile("c.csv", GOOD_CSV)}).status_code == 403
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("name", ["imports:upload", "imports:map"])
def test_someone_with_no_role_in_the_area_gets_404(db, event, name):
    from django.test import Client

    client = Client()
    client.force_login(member(AreaFactory(), AreaRole.FACILITATOR))
    url = reverse(name, args=[event.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"file": SimpleUploadedFile("c.csv", GOOD_CSV)}).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(db, event):
    from django.test import Client

    response = Client().get(reverse("imports:upload", args=[event.pk]))
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_a_file_with_hundreds_of_problems_lists_the_first_200_and_counts_the_rest(client, event):
    rows = ["comment,role"] + [f"Comment {n},martian" for n in range(250)]
    upload(client, event, "bad.csv", csv_bytes(*rows))
    response = map_columns(client, event, text="0", role="1", method_step="", source="")
    content = text_of(response)
    assert content.count("is not a role") + content.count("martian") >= 200
    assert "… and 50 more" in content
    assert event.comments.count() == 0


# --- In the background, from a file on disk ---------------------------------------------------------

MAPPING = {"text": "0", "role": "1", "method_step": "2", "source": ""}


def test_the_upload_is_kept_on_disk_and_the_session_holds_no_rows(client, event, import_dir):
    upload(client, event, "comments.csv", GOOD_CSV)
    kept = list(import_dir.iterdir())
    assert [p.read_bytes() for p in kept] == [GOOD_CSV]
    session = dict(client.session.items())
    assert "We need clearer commissioning timetables" not in repr(session)
    assert ImportJob.objects.get(event=event).file_sha256 == hashlib.sha256(GOOD_CSV).hexdigest()


def test_the_import_runs_as_a_task_and_records_what_it_created(client, event, facilitator):
    upload(client, event, "comments.csv", GOOD_CSV)
    response = client.post(reverse("imports:map", args=[event.pk]), MAPPING)
    assert response["Location"] == reverse("imports:progress", args=[event.pk])
    job = ImportJob.objects.get(event=event)
    assert (job.status, job.created_count, job.rows_total, job.created_by) == ("done", 3, 3, facilitator)
    assert job.mapping == {"text": 0, "role": 1, "method_step": 2, "source": None}


def test_the_progress_page_refreshes_itself_until_the_worker_is_done(client, event, facilitator):
    job = ImportJob.objects.create(event=event, filename="big.csv", file_path="/nowhere", status="queued")
    session = client.session
    session[f"comment_import:{event.pk}"] = job.pk
    session.save()
    page = client.get(reverse("imports:progress", args=[event.pk]))
    assert page.status_code == 200
    assert page["Refresh"] == "2"
    assert "Waiting to start" in text_of(page)


def test_a_job_that_finds_problems_saves_nothing_and_lists_them_with_row_and_column(event, import_dir):
    path = import_dir / "bad.csv"
    import_dir.mkdir(parents=True)
    path.write_bytes(csv_bytes("comment,role", "Fine,VCS", ",LA"))
    job = ImportJob.objects.create(
        event=event, filename="bad.csv", file_path=str(path), status="queued", mapping={"text": 0, "role": 1}
    )
    assert import_services.import_job_carry_out(job_id=job.pk) == "failed"
    job.refresh_from_db()
    assert job.problems == ["Row 3, column 'comment': the comment is empty"]
    assert not event.comments.exists()


def test_uploads_older_than_a_day_are_deleted_when_an_import_finishes(client, event, import_dir):
    import_dir.mkdir(parents=True)
    old = import_dir / "old.csv"
    old.write_bytes(b"comment,role\n")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    upload(client, event, "comments.csv", GOOD_CSV)
    client.post(reverse("imports:map", args=[event.pk]), MAPPING)
    assert not old.exists()
    assert len(list(import_dir.iterdir())) == 1  # today's upload stays a day


# --- Copies -----------------------------------------------------------------------------------------


def test_importing_the_same_file_again_offers_to_skip_the_copies_and_skips_them_by_default(client, event):
    upload(client, event, "comments.csv", GOOD_CSV)
    client.post(reverse("imports:map", args=[event.pk]), MAPPING)
    assert event.comments.count() == 3

    upload(client, event, "comments.csv", GOOD_CSV)
    page = client.get(reverse("imports:map", args=[event.pk]))
    content = " ".join(text_of(page).split())
    assert "This file was imported already" in content
    assert "3 rows were already imported (from file comments.csv on" in content
    assert 'name="copies" type="radio" value="skip" checked' in content

    # The column choice alone does not import copies: the page asks, with skipping chosen.
    again = client.post(reverse("imports:map", args=[event.pk]), MAPPING)
    assert again.status_code == 200 and "already imported" in text_of(again)
    done = client.post(reverse("imports:map", args=[event.pk]), {**MAPPING, "copies": "skip"}, follow=True)
    assert "0 comments imported; 3 already imported, skipped" in text_of(done)
    assert event.comments.count() == 3


def test_a_row_already_imported_from_another_file_is_recognised_however_it_is_spaced(client, event):
    upload(client, event, "first.csv", GOOD_CSV)
    client.post(reverse("imports:map", args=[event.pk]), MAPPING)
    second = csv_bytes(
        "comment,role,hat", "We need CLEARER commissioning   timetables!,VCS,", "A new point,LA,"
    )
    upload(client, event, "second.csv", second)
    page = client.get(reverse("imports:map", args=[event.pk]))
    content = " ".join(text_of(page).split())
    assert "1 row was already imported (from file first.csv on" in content
    assert "This file was imported already" not in content
    client.post(reverse("imports:map", args=[event.pk]), {**MAPPING, "copies": "skip"})
    assert event.comments.count() == 4
    assert event.comments.filter(text="A new point").exists()


def test_copies_can_be_imported_anyway(client, event):
    upload(client, event, "comments.csv", GOOD_CSV)
    client.post(reverse("imports:map", args=[event.pk]), MAPPING)
    upload(client, event, "comments.csv", GOOD_CSV)
    done = client.post(reverse("imports:map", args=[event.pk]), {**MAPPING, "copies": "import"}, follow=True)
    assert "3 comments imported" in text_of(done)
    assert event.comments.count() == 6
