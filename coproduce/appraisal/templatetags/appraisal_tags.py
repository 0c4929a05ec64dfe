"""Figures of an appraisal as the pages and the PDF write them."""

from django import template

register = template.Library()


@register.filter
def percent(share: float | None) -> str:
    """0.4321 -> "43.2%"."""
    return "–" if share is None else f"{100 * share:.1f}%"


@register.filter
def score(value: float | None) -> str:
    """A mean or a spread to two places; a dash for a cell nobody scored."""
    return "–" if value is None else f"{value:.2f}"


@register.filter
def titles(options) -> str:
    return " and ".join(o.title for o in options)
