"""No import cycle between a module and the one built on it: ``analysis/edits.py`` uses ``result.py`` and
``themes/tasks.py`` uses ``themes/services.py``, never the other way, not even inside a function (an
import hidden in a function is a cycle still, only deferred).

Read from the source with ``ast``, so the test sees every import at any level without running any.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def module_path(module: str) -> Path:
    path = ROOT.joinpath(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def imports_of(module: str) -> set[str]:
    """Every module ``module`` imports, at any level, relative imports made absolute; for ``from x import
    y`` both x and x.y (y may be a module)."""
    path = module_path(module)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parent = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def package_modules(package: str) -> list[str]:
    folder = module_path(package).parent
    return sorted(package + ("" if p.stem == "__init__" else f".{p.stem}") for p in folder.glob("*.py"))


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        ("coproduce.analysis.result", "coproduce.analysis.edits"),
        ("coproduce.themes.services", "coproduce.themes.tasks"),
    ],
)
def test_the_lower_module_never_imports_the_one_built_on_it(lower, higher):
    assert higher not in imports_of(lower)
    assert lower in imports_of(higher)  # the way round it should be


def test_the_helper_sees_imports_inside_functions():
    assert "coproduce.analysis.result" in imports_of("coproduce.analysis.edits")
    assert "coproduce.themes.services" in imports_of("coproduce.themes.apps")  # inside a function there


@pytest.mark.parametrize("package", ["coproduce.analysis", "coproduce.themes"])
def test_no_module_of_the_package_takes_part_in_an_import_cycle(package):
    modules = [m for m in package_modules(package) if m != package]
    graph = {m: {n for n in imports_of(m) if n in modules and n != m} for m in modules}

    def reachable(start: str) -> set[str]:
        seen: set[str] = set()
        todo = list(graph[start])
        while todo:
            module = todo.pop()
            if module not in seen:
                seen.add(module)
                todo.extend(graph[module])
        return seen

    assert [m for m in modules if m in reachable(m)] == []
