"""Writes for an area's case-study report: its narrative, and publishing it on the public site."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from coproduce.programmes.models import Area
from coproduce.reports.models import Report

EDITABLE_FIELDS = ("title", *Report.NARRATIVE_FIELDS)


def report_for(area: Area) -> Report:
    """The area's report, or a new unsaved one: nothing is written until someone saves or publishes."""
    return Report.objects.filter(area=area).first() or Report(area=area)


def report_save(*, area: Area, user, **narrative: str) -> Report:
    """Save the report's title and narrative; the first save makes the report. History keeps each version."""
    unknown = set(narrative) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not a narrative field of a report: {sorted(unknown)}")
    with transaction.atomic():
        report = report_for(area)
        for name, value in narrative.items():
            setattr(report, name, value)
        report.updated_by = user
        report.save()
    return report


def report_publish(*, area: Area, user, publish: bool) -> Report:
    """Publish the report on the public site, or take it down. Publishing an unwritten report makes it."""
    with transaction.atomic():
        report = report_for(area)
        report.is_published = publish
        if publish:
            report.published_at = timezone.now()
        report.updated_by = user
        report.save()
    return report
