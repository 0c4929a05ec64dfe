"""The map of what is available as a PDF, drawn by WeasyPrint as the reports and CPD certificates are
(reports/pdf.py, not imported: reports is an output layer above this domain app)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from coproduce.marketplace.selectors import AvailabilityMap
from coproduce.programmes.models import Area


def map_pdf(area: Area, availability: AvailabilityMap) -> bytes:
    html = render_to_string(
        "marketplace/map_pdf.html",
        {"area": area, "map": availability, "today": timezone.localdate(), "SITE_NAME": settings.SITE_NAME},
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_tags=True)
