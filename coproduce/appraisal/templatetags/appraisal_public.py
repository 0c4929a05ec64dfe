"""Template filters for pages outside the app that link to its published records."""

from django import template

register = template.Library()


@register.filter
def published_appraisals(area):
    """The area's agreed appraisals whose record is on the public site, latest first."""
    return area.appraisals.filter(is_published=True, status="agreed").order_by("-agreed_at", "-pk")
