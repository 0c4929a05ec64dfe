"""Permission names are written once, as constants in coproduce/accounts/rules.py."""

from pathlib import Path

import rules

import coproduce
from coproduce.accounts import rules as coproduce_rules

NAMES = {
    value
    for name, value in vars(coproduce_rules).items()
    if name.isupper() and isinstance(value, str) and "." in value
}


def test_every_constant_names_a_permission_and_every_permission_has_a_constant():
    assert NAMES and all(rules.perm_exists(name) for name in NAMES)
    defined = {name for name in rules.permissions.permissions if name.split(".")[0] != "admin"}
    assert defined <= NAMES


def test_no_view_or_endpoint_spells_a_permission_out():
    root = Path(coproduce.__file__).parent
    spelt = [
        f"{path.relative_to(root)}: {name}"
        for path in root.rglob("*.py")
        if path.name != "rules.py" and "migrations" not in path.parts
        for name in NAMES
        if f'"{name}"' in path.read_text() or f"'{name}'" in path.read_text()
    ]
    assert spelt == []
