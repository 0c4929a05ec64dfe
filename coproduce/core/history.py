"""History rows that say what changed: each field changed, from what to what (simple-history's diff)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import models


@dataclass
class Change:
    field: str  # the field's label, as the form shows it
    old: str
    new: str


@dataclass
class HistoryRow:
    record: Any  # the historical record: history_date, history_user, get_history_type_display …
    changes: list[Change] = field(default_factory=list)


def _shown(model: type[models.Model], name: str, value: Any) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, (list, tuple)):
        # A many-to-many field's rows (simple-history's m2m_fields): say how many, not their ids.
        return f"{len(value)} linked" if value else "none"
    model_field = model._meta.get_field(name)
    if model_field.is_relation and model_field.related_model is not None:
        related = model_field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"(removed, {value})"
    if getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value))  # type: ignore[union-attr]
    if isinstance(value, datetime.date):
        return f"{value:%-d %B %Y}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def history_rows(records, *, labels: dict[str, str] | None = None, limit: int = 20) -> list[HistoryRow]:
    """The latest ``limit`` records, newest first, each with the fields changed since the one before."""
    labels = labels or {}
    rows = []
    for record in list(records[:limit]):
        row = HistoryRow(record)
        previous = record.prev_record
        if previous is not None:
            model = record.instance_type
            for change in record.diff_against(previous).changes:
                label = labels.get(change.field) or str(model._meta.get_field(change.field).verbose_name)
                row.changes.append(
                    Change(
                        label[0].upper() + label[1:],
                        _shown(model, change.field, change.old),
                        _shown(model, change.field, change.new),
                    )
                )
        rows.append(row)
    return rows
