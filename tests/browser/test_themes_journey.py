"""The analysis workspace as a facilitator uses it on the Bexley demo: six themes, rename, merge, undo."""

import pytest
from django.core.management import call_command

from coproduce.themes.models import AnalysisRun, RunStatus
from tests.browser.conftest import new_page, serious_accessibility_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_six_themes_from_the_bexley_comments_renamed_merged_and_undone(
    live_server, browser, screenshot_dir, settings
):
    settings.THEMES_EMBEDDER = "minilm-onnx"  # the real model, as a facilitator gets it by default
    call_command("load_demo", "--no-analysis", verbosity=0)
    problems = {}
    page = new_page(browser)
    sign_in(page, live_server.url, "facilitator", "coproduce-demo")
    page.goto(f"{live_server.url}/manage/areas/bexley/")
    page.get_by_role("link", name="Themes drawn from every comment").click()
    page.get_by_text("No analysis yet").wait_for()

    page.get_by_label("How many themes? (optional)").fill("6")
    # Under test settings the task runs inside the request, so the click waits for the whole analysis.
    page.get_by_role("button", name="Start the analysis").click(timeout=180_000)
    page.locator("#run-summary").wait_for(timeout=120_000)
    run = AnalysisRun.objects.get()
    assert run.status == RunStatus.DONE, run.error
    assert "6 themes</strong> from 200 comments" in page.locator("#run-summary").inner_html()
    headings = page.locator(".cp-theme h3 a")
    assert headings.count() == 6
    problems["workspace"] = serious_accessibility_violations(page)
    page.screenshot(path=screenshot_dir / "backoffice-themes.png", full_page=True)

    # Rename the largest theme, then merge the second into it, from the theme's own page.
    headings.first.click()
    page.get_by_label("Name", exact=True).fill("Knowing what the VCS offers")
    page.get_by_role("button", name="Rename the theme").click()
    page.get_by_role("heading", name="Knowing what the VCS offers", level=1).wait_for()
    problems["theme"] = serious_accessibility_violations(page)
    page.screenshot(path=screenshot_dir / "backoffice-theme.png", full_page=True)
    page.get_by_label("Merge another theme into this one").select_option(index=0)
    page.get_by_role("button", name="Merge").click()
    page.get_by_text("You can undo this").wait_for()

    page.goto(f"{live_server.url}/manage/areas/bexley/themes/")
    assert page.locator(".cp-theme h3 a").count() == 5
    page.get_by_role("button", name="Undo the last change").click()
    page.get_by_text("Undone: Merged themes").wait_for()
    assert page.locator(".cp-theme h3 a").count() == 6
    assert page.locator(".cp-theme h3 a").filter(has_text="Knowing what the VCS offers").count() == 1

    page.get_by_role("link", name="Who said what: themes by role and by event").click()
    page.get_by_role("table", name="Themes by role").wait_for()
    problems["matrix"] = serious_accessibility_violations(page)
    page.screenshot(path=screenshot_dir / "backoffice-themes-by-role.png", full_page=True)
    assert not any(problems.values()), problems
