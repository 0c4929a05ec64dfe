"""Template filters for figures: shares as whole percentages."""

from django import template

register = template.Library()


@register.filter
def percent(share: float | None) -> str:
    """0.843 → '84%'. Rounded half up, as people round."""
    if share is None:
        return ""
    return f"{int(share * 100 + 0.5)}%"


@register.filter
def percent_number(share: float | None) -> str:
    """0.843 → '84.3', for CSS widths."""
    return "0" if share is None else f"{share * 100:.1f}"
