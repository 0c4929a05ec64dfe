"""Importing comments from a file as a facilitator does it: upload, check the columns, import or fix."""

import csv

import pytest
from openpyxl import Workbook

from coproduce.accounts.models import AreaRole
from coproduce.engagement.models import Comment, CommentSource, EventStatus, ImportJob
from tests.browser.conftest import new_page, serious_accessibility_violations, sign_in
from tests.factories import AreaFactory, CommentFactory, EventFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_file_with_problems_imports_nothing_and_a_good_file_imports_every_row(
    live_server, browser, screenshot_dir, tmp_path, settings
):
    # The upload waits on disk, and the import runs as a task (inline in tests), then the progress
    # page hands over to the event page with the count.
    settings.IMPORT_DIR = tmp_path / "imports"
    area = AreaFactory(name="London Borough of Bexley", slug="bexley")
    event = EventFactory(area=area, title="Workshop: what the VCS can offer", status=EventStatus.CLOSED)
    CommentFactory.create_batch(2, event=event)
    facilitator = member(area, AreaRole.FACILITATOR)
    before = Comment.objects.count()

    # Row 3 has no comment, row 4 an unknown role, row 5 a comment one character too long.
    bad = tmp_path / "flipchart-notes.csv"
    with bad.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Comment", "Role"])
        writer.writerow(["Saturday stay-and-play would reach working dads.", "Parent"])
        writer.writerow(["", "VCS"])
        writer.writerow(["More outreach to new families.", "Wizard"])
        writer.writerow(["x" * 2001, "LA"])

    page = new_page(browser)
    sign_in(page, live_server.url, facilitator.username)
    page.goto(f"{live_server.url}/manage/events/{event.pk}/")
    page.get_by_role("link", name="Import comments from a file").click()
    page.get_by_label("Upload a file").set_input_files(bad)
    page.get_by_role("button", name="Upload and continue").click()

    # The mapping page: the columns were guessed from their names; the facilitator confirms.
    page.get_by_role("heading", name="Check the file and choose the columns").wait_for()
    assert page.get_by_label("Which column holds the comment?").input_value() == "0"
    assert page.get_by_label("Which column holds the role of the person who said it?").input_value() == "1"
    page.get_by_role("button", name="Import 4 comments").click()

    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert page.title().startswith("Error: ")
    assert "Nothing has been imported" in summary.inner_text()
    problems = [p.strip() for p in page.locator("#import-problems li").all_inner_texts()]
    assert len(problems) == 3, problems
    assert problems[0] == "Row 3, column 'Comment': the comment is empty"
    assert problems[1].startswith("Row 4, column 'Role': 'Wizard' is not a role we know.")
    assert problems[2] == (
        "Row 5, column 'Comment': the comment is 2,001 characters long; "
        "a comment must be 2,000 characters or fewer"
    )
    # Each problem links to the select that chose its column.
    links = page.locator("#import-problems a")
    assert [links.nth(i).get_attribute("href") for i in range(3)] == ["#id_text", "#id_role", "#id_text"]
    assert Comment.objects.count() == before

    violations = serious_accessibility_violations(page)
    page.screenshot(path=screenshot_dir / "backoffice-import-errors.png", full_page=True)
    assert not violations, violations

    # A good Excel file, with the column names people actually use.
    good = tmp_path / "workshop-notes.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Notes"
    sheet.append(["What was said", "Their role", "Six hats"])
    sheet.append(["Families do not know the centre is open on Saturdays.", "Parent", "White"])
    sheet.append(["We worry the funding stops in March.", "VCS", "Black"])
    sheet.append(["A shared calendar of what each partner runs.", "Centre manager", "Green"])
    workbook.save(good)

    page.get_by_role("link", name="Upload a different file").click()
    page.get_by_label("Upload a file").set_input_files(good)
    page.get_by_role("button", name="Upload and continue").click()
    page.get_by_role("heading", name="Check the file and choose the columns").wait_for()
    intro = page.locator("main").inner_text()
    assert "workshop-notes.xlsx, sheet ‘Notes’: 3 comments to import" in intro
    preview = page.locator("#import-preview")
    assert "All the rows of the file" in preview.inner_text()
    assert preview.locator("tbody tr").count() == 3
    assert page.get_by_label("Which column holds the method step? (optional)").input_value() == "2"
    page.screenshot(path=screenshot_dir / "backoffice-import-preview.png", full_page=True)
    page.get_by_role("button", name="Import 3 comments").click()

    page.get_by_text("3 comments imported").wait_for()
    assert ImportJob.objects.get(event=event, status="done").created_count == 3
    assert page.url.rstrip("/").endswith(f"/manage/events/{event.pk}")
    assert Comment.objects.count() == before + 3
    imported = Comment.objects.filter(event=event, source=CommentSource.IMPORTED).order_by("pk")
    assert [(c.author_role, c.method_step, c.captured_by_id) for c in imported] == [
        ("parent_carer", "white", facilitator.pk),
        ("vcs_provider", "black", facilitator.pk),
        ("cc_manager", "green", facilitator.pk),
    ]
