"""Offline validation against the vendored OCDS 1.1.5 schema and codelists (ocds/schema/, copied verbatim).

The release-package schema ``$ref``s the release schema by its URL; a local ``referencing`` registry holds
it under that URL, so nothing is ever downloaded. Codelists: every field the schema marks with a
``codelist`` (open or closed) is checked against the codelist's CSV, since the schema's ``enum`` only
covers the closed ones.
"""

from __future__ import annotations

import csv
import datetime
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"


@cache
def release_schema() -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / "release-schema.json").read_text(encoding="utf-8"))


@cache
def release_package_schema() -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / "release-package-schema.json").read_text(encoding="utf-8"))


@cache
def _registry() -> Registry:
    schema = release_schema()
    return Registry().with_resource(
        schema["id"], Resource.from_contents(schema, default_specification=DRAFT4)
    )


@cache
def codelist(name: str) -> frozenset[str]:
    with (SCHEMA_DIR / "codelists" / name).open(encoding="utf-8", newline="") as f:
        return frozenset(row["Code"] for row in csv.DictReader(f))


# jsonschema checks "date-time" and "uri" only with optional packages (rfc3339-validator, rfc3987) that are not
# installed; these two checks stand in for them, so a malformed date or URI is an error, not silently passed.
FORMATS = FormatChecker(Draft4Validator.FORMAT_CHECKER.checkers)
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


@FORMATS.checks("date-time")
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not RFC3339.match(value):
        return False
    try:
        datetime.datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


@FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and (parts.netloc or parts.path)) and " " not in value


def _path(parts) -> str:
    return "/".join(str(p) for p in parts) or "(top)"


def schema_errors(document: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    validator = Draft4Validator(schema, registry=_registry(), format_checker=FORMATS)
    return sorted(f"{_path(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document))


def release_package_errors(package: dict[str, Any]) -> list[str]:
    """Errors against release-package-schema.json (with the release schema it refers to)."""
    return schema_errors(package, release_package_schema())


def release_errors(release: dict[str, Any]) -> list[str]:
    return schema_errors(release, release_schema())


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/definitions/"):
        return release_schema()["definitions"][ref.split("/")[-1]]
    return node


def _codelist_values(
    value: Any, node: dict[str, Any], path: tuple[Any, ...]
) -> Iterator[tuple[tuple[Any, ...], str, str, bool]]:
    """(path, value, codelist, open) for every coded value in ``value`` as the schema ``node`` describes."""
    node = _resolve(node)
    if "codelist" in node and value is not None:
        values = value if isinstance(value, list) else [value]
        for v in values:
            yield path, v, node["codelist"], bool(node.get("openCodelist"))
        return
    if isinstance(value, dict):
        properties = node.get("properties", {})
        for key, child in value.items():
            if key in properties:
                yield from _codelist_values(child, properties[key], (*path, key))
    elif isinstance(value, list) and isinstance(node.get("items"), dict):
        for i, child in enumerate(value):
            yield from _codelist_values(child, node["items"], (*path, i))


def codelist_errors(release: dict[str, Any]) -> list[str]:
    """Coded values of a release that are not in their codelist's CSV, open codelists included."""
    return [
        f"{_path(path)}: {value!r} is not in {name}{' (open codelist)' if is_open else ''}"
        for path, value, name, is_open in _codelist_values(release, release_schema(), ())
        if value not in codelist(name)
    ]


def open_codelist_values(release: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(path, value, codelist) of every value of an open codelist in a release, for tests and reports."""
    return [
        (_path(path), value, name)
        for path, value, name, is_open in _codelist_values(release, release_schema(), ())
        if is_open
    ]
