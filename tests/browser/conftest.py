"""Browser tests: Playwright driving Debian's Chromium against the live test server.

Screenshots go to a temporary folder, or to $SCREENSHOT_DIR when set (`make screenshots` sets it to
docs/screenshots) so the pictures in the docs come from the same tests.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
# browser steps are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.getenv("CHROMIUM", "/usr/bin/chromium")
AXE = Path(settings.BASE_DIR) / "build" / "axe.min.js"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser() -> Browser:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def screenshot_dir(tmp_path) -> Path:
    folder = Path(os.getenv("SCREENSHOT_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# Every context a test opens, closed when it ends: a page left open keeps polling the live server (stage
# status, import progress) after the test's database access has gone, and its errors land in other tests.
_open_contexts: list[BrowserContext] = []


@pytest.fixture(autouse=True)
def _close_pages_after_each_test():
    yield
    while _open_contexts:
        _open_contexts.pop().close()


def new_page(browser: Browser, *, phone: bool = False) -> Page:
    context = browser.new_context(viewport=PHONE if phone else {"width": 1280, "height": 900})
    _open_contexts.append(context)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def sign_in(page: Page, base_url: str, username: str, password: str = "pass-word-123") -> None:
    page.goto(f"{base_url}/manage/account/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def join(phone: Page, base_url: str, event, role: str) -> None:
    """Joins ``event`` from a phone by its code, in the role labelled ``role``."""
    phone.goto(f"{base_url}/join/")
    phone.get_by_label("Event code").fill(event.join_code)
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_label(role, exact=True).check()
    phone.get_by_role("button", name="Continue").click()
    phone.wait_for_load_state()


def reload_page(page: Page) -> None:
    """Reload, unless the page's own script is already doing so (a phone follows the room to a new stage):
    then wait for that load instead of failing on the aborted one. Chromium reports the race either way: the
    reload aborted (ERR_ABORTED), or the frame it was sent to already replaced ("Not attached to an active
    page")."""
    try:
        page.reload()
    except PlaywrightError as error:
        if "ERR_ABORTED" not in str(error) and "Not attached to an active page" not in str(error):
            raise
        page.wait_for_load_state()


def serious_accessibility_violations(page: Page) -> list[str]:
    """Runs axe-core in the page; returns the serious and critical violations, described."""
    # Evaluated by the browser's debugging protocol, which the page's Content-Security-Policy does not cover;
    # a <script> tag added to the page would be blocked by it, as an attacker's would.
    page.evaluate(AXE.read_text())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
