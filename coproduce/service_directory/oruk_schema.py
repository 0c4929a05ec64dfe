"""The official Open Referral UK 3.0 schemas, read from the standard's own files, never re-typed.

The OpenAPI document points at the profile's schemas by their GitHub addresses; a ``referencing`` registry
maps those addresses to the copies of the standard in ``standard/``, so nothing is fetched.
ORUK publishes no compiled taxonomy or taxonomy-term file: those two addresses resolve to the definitions
of the same names in compiled/service_with_definitions.json.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

PROFILE_BASE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
OPENAPI_URI = "urn:oruk:openapi"
COMPILED = [
    "service",
    "service_list",
    "service_at_location",
    "service_at_location_list",
    "organization",
    "organization_list",
    "service_with_definitions",
]


STANDARD_DIR = Path(__file__).resolve().parent / "standard"


def standard_dir() -> Path:
    return STANDARD_DIR


def openapi_document() -> dict[str, Any]:
    return _load("openapi.json")


@functools.cache
def _load(relative: str) -> dict[str, Any]:
    return json.loads((standard_dir() / "schema" / relative).read_text())


@functools.cache
def registry() -> Registry:
    resources: list[tuple[str, Resource]] = [(OPENAPI_URI, DRAFT202012.create_resource(openapi_document()))]
    for name in COMPILED:
        resources.append(
            (
                f"{PROFILE_BASE}compiled/{name}.json",
                DRAFT202012.create_resource(_load(f"compiled/{name}.json")),
            )
        )
    definitions = f"{PROFILE_BASE}compiled/service_with_definitions.json#/definitions/"
    for name in ("taxonomy", "taxonomy_term"):
        resources.append(
            (f"{PROFILE_BASE}{name}.json", DRAFT202012.create_resource({"$ref": definitions + name}))
        )
    return Registry().with_resources(resources)


def _pointer(path: str, method: str = "get") -> str:
    escaped = path.replace("~", "~0").replace("/", "~1")
    return f"{OPENAPI_URI}#/paths/{escaped}/{method}/responses/200/content/application~1json/schema"


@functools.cache
def response_validator(path: str) -> Draft202012Validator:
    """A validator for the 200 response of an ORUK path as the OpenAPI document gives it, e.g. "/services"."""
    return Draft202012Validator({"$ref": _pointer(path)}, registry=registry(), format_checker=FormatChecker())


@functools.cache
def compiled_validator(name: str) -> Draft202012Validator:
    """A validator for one compiled schema, e.g. "service"."""
    return Draft202012Validator(
        {"$ref": f"{PROFILE_BASE}compiled/{name}.json"}, registry=registry(), format_checker=FormatChecker()
    )


def problems(validator: Draft202012Validator, instance: Any) -> list[str]:
    """Each way ``instance`` fails, with its JSON path, e.g. "$.schedules[0].freq: 'DAILY' is not one of …"."""
    found = []
    for error in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path))):
        found.append(f"{error.json_path}: {error.message}")
    return found
