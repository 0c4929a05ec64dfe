"""Changes shown with their sign, as people read them: +1, −0.5 (a true minus sign), 0."""

from django import template

register = template.Library()


@register.filter
def signed(value, digits: int = 0) -> str:
    if value is None:
        return "—"
    text = f"{abs(value):.{int(digits)}f}"
    if float(text) == 0:
        return "0"
    return ("+" if value > 0 else "\u2212") + text
