"""One way for a service to change some of a record's fields: those given, in one save.

An update service takes each field as a keyword argument defaulting to ``UNCHANGED``, so "leave it as it
is" is never confused with a value, not even ``None`` (a proposal with no owner, an action with no due
date). One save means one django-simple-history row for the whole change.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any, Literal

from django.db import models


class Unchanged(enum.Enum):
    UNCHANGED = "unchanged"


UNCHANGED = Unchanged.UNCHANGED
# The type of an argument that may be left out of an update: ``title: str | Keep = UNCHANGED``.
Keep = Literal[Unchanged.UNCHANGED]


def given(values: Mapping[str, Any]) -> dict[str, Any]:
    """The values that were given, i.e. not ``UNCHANGED``."""
    return {name: value for name, value in values.items() if value is not UNCHANGED}


def fields_save(instance: models.Model, values: Mapping[str, Any]) -> list[str]:
    """Set the given values on ``instance`` and save only those fields; the names saved."""
    changed = given(values)
    if changed:
        for name, value in changed.items():
            setattr(instance, name, value)
        instance.save(update_fields=list(changed))
    return list(changed)
