"""Template filters for pages outside the app that link to its public data."""

from django import template

from coproduce.commissioning.selectors import published_processes

register = template.Library()


@register.filter
def has_published_commissioning(area) -> bool:
    """Whether the public site shows this area's commissioning timetable and its OCDS data."""
    return published_processes(area).exists()
