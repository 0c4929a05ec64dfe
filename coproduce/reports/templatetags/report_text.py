"""The report's narrative as GOV.UK paragraphs: plain text, escaped, a blank line between paragraphs."""

import re

from django import template
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def paragraphs(text: str | None) -> SafeString:
    """'One.\\n\\nTwo\\nlines' → <p class="govuk-body">One.</p><p class="govuk-body">Two<br>lines</p>."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n")) if b.strip()]
    return format_html_join(
        "\n",
        '<p class="govuk-body">{}</p>',
        ((mark_safe(escape(block).replace("\n", "<br>")),) for block in blocks),  # noqa: S308 - escaped first
    )
