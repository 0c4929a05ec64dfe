"""The analysis engine and the planning solvers stand on their own: nothing in them imports Django or the
web app, so they can be used, tested and replaced without it (STYLE practice 1)."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STANDALONE = ("analysis", "planning")


def imported_names(path: Path) -> set[str]:
    """Every module a file imports, at any level (inside functions too)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.ImportFrom) and node.level:
            names.add(".")  # relative: stays inside its own package
    return names


def outside_imports(package: str) -> list[str]:
    own = f"coproduce.{package}"
    found = []
    for path in sorted((ROOT / "coproduce" / package).rglob("*.py")):
        for name in imported_names(path):
            top = name.split(".")[0]
            leaves_package = name.startswith("coproduce") and not (name == own or name.startswith(own + "."))
            if top == "django" or leaves_package:
                found.append(f"{path.relative_to(ROOT)} imports {name}")
    return found


@pytest.mark.parametrize("package", STANDALONE)
def test_the_package_imports_nothing_from_django_or_the_apps(package):
    assert outside_imports(package) == []


def test_the_check_sees_an_import_of_the_web_app(tmp_path):
    module = tmp_path / "engine.py"
    module.write_text("def f():\n    from coproduce.engagement.models import Comment\n    import django.db\n")
    assert imported_names(module) == {"coproduce.engagement.models", "django.db"}


def test_importing_the_engine_and_the_solvers_loads_no_django():
    modules = sorted(
        f"coproduce.{package}.{path.stem}"
        for package in STANDALONE
        for path in (ROOT / "coproduce" / package).glob("*.py")
        if path.stem != "__init__"
    )
    code = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules)
    code += "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    done = subprocess.run(  # noqa: S603 (our own interpreter and our own module names)
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
