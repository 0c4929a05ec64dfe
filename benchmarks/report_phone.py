"""How tall the public case-study report is on a phone (390×844), and whether anything is wider than it.

    python benchmarks/report_phone.py http://127.0.0.1:8000/areas/bexley/report/ [screenshot.png] [--css FILE]

Prints the page's height and width in CSS pixels and how many tables scroll sideways. ``--css`` serves a
stylesheet built elsewhere in place of /static/coproduce.css (to measure a change before the build).
Needs a running server with a published report; touches nothing but that page.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from playwright.sync_api import sync_playwright

PHONE = {"width": 390, "height": 844}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("screenshot", nargs="?", type=Path)
    parser.add_argument("--css", type=Path)
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.getenv("CHROMIUM", "/usr/bin/chromium"))
        page = browser.new_context(viewport=PHONE).new_page()
        if args.css:
            css = args.css.read_text()
            page.route(
                "**/static/coproduce.css", lambda route: route.fulfill(body=css, content_type="text/css")
            )
        response = page.goto(args.url)
        assert response is not None and response.ok, f"{args.url}: {response and response.status}"
        figures = page.evaluate(
            """() => ({
                height: document.documentElement.scrollHeight,
                width: document.documentElement.scrollWidth,
                scrolling_tables: [...document.querySelectorAll('table')].filter(
                    t => t.parentElement.scrollWidth > t.parentElement.clientWidth + 1).length,
            })"""
        )
        if args.screenshot:
            page.screenshot(path=args.screenshot, full_page=True)
        browser.close()
    print(
        f"height={figures['height']}px width={figures['width']}px scrolling_tables={figures['scrolling_tables']}"
    )


if __name__ == "__main__":
    main()
