"""Breadcrumbs of the back office: Areas › an area › (an event) › …, as (label, url) pairs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse

if TYPE_CHECKING:
    from coproduce.engagement.models import Event
    from coproduce.programmes.models import Area


def area_crumbs(area: Area, *more: tuple[str, str]) -> list[tuple[str, str]]:
    return [("Areas", reverse("programmes:home")), (area.name, area.get_absolute_url()), *more]


def event_crumbs(event: Event, *more: tuple[str, str]) -> list[tuple[str, str]]:
    return area_crumbs(event.area, (event.title, event.get_absolute_url()), *more)


def commissioning_crumbs(area: Area, *more: tuple[str, str]) -> list[tuple[str, str]]:
    """Areas › an area › Commissioning › …: the area's commissioning processes (coproduce/commissioning)."""
    return area_crumbs(area, ("Commissioning", reverse("commissioning:list", args=[area.slug])), *more)
