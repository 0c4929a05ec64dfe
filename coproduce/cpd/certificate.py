"""A CPD certificate as a tagged PDF (PDF/UA-1), drawn by WeasyPrint as the reports are (reports/pdf.py)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string

from coproduce.cpd.models import CpdRecord
from coproduce.reports.pdf import html_to_pdf


def certificate_html(record: CpdRecord) -> str:
    return render_to_string(
        "cpd/certificate_pdf.html",
        {"record": record, "area": record.person.area, "SITE_NAME": settings.SITE_NAME},
    )


def certificate_pdf(record: CpdRecord) -> bytes:
    """The person, the training, its date, hours, topic and learning objectives, issued by the area."""
    return html_to_pdf(certificate_html(record))
