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


@register.filter
def p_value(value: float | None) -> str:
    """A test's p-value as people report it: 'p = 0.070', 'p < 0.001'; '' when there is none."""
    if value is None:
        return ""
    return "p < 0.001" if value < 0.001 else f"p = {value:.3f}"


@register.filter
def interval(share) -> str:
    """A Share's Wilson 95% interval as whole percentages, '66%–94%'; '' for a share of nobody."""
    if getattr(share, "low", None) is None:
        return ""
    return f"{percent(share.low)}–{percent(share.high)}"


@register.filter
def bar_width(value: float | None, scale: int = 400) -> str:
    """A share as a length on a chart ``scale`` units long, for SVG bars."""
    return "0" if value is None else f"{value * scale:.1f}"


@register.filter
def bar_end(share_before: float | None, share: float | None) -> str:
    """Where the third of three stacked bars starts on a 300-unit chart: after the two before it."""
    return f"{((share_before or 0) + (share or 0)) * 300:.1f}"


@register.filter
def clock(seconds: int | None) -> str:
    """Time left on a stage as people read a clock: 125 → '2:05 left'; 0 → 'time is up'."""
    if seconds is None:
        return ""
    if seconds <= 0:
        return "time is up"
    return f"{seconds // 60}:{seconds % 60:02d} left"
