"""programmes is the lowest app: its models and read side import no other app. The area dashboard,
which counts events, comments, proposals and actions together, reads through reports/dashboard.py and
engagement/selectors.py; only the dashboard's views and URLs, at the top, reach across."""

from __future__ import annotations

from pathlib import Path

import coproduce.programmes
from tests.test_import_cycles import imports_of

PAGES = {"views", "urls", "forms"}  # the back-office pages of the programme and its areas, and their forms


def test_programmes_imports_no_other_app_below_its_pages():
    folder = Path(coproduce.programmes.__file__).parent
    modules = [f"coproduce.programmes.{p.stem}" for p in folder.glob("*.py") if p.stem not in PAGES]
    modules += [f"coproduce.programmes.migrations.{p.stem}" for p in (folder / "migrations").glob("0*.py")]
    others = {
        module: sorted(
            name
            for name in imports_of(module)
            if name.startswith("coproduce.") and not name.startswith("coproduce.programmes")
        )
        for module in modules
    }
    assert {module: names for module, names in others.items() if names} == {}
