"""A CPD certificate as a tagged PDF (PDF/UA-1), drawn by WeasyPrint as the reports are (reports/pdf.py,
not imported: reports is an output layer above this domain app; docs/architecture.md)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML

from coproduce.cpd.models import CpdRecord

PDF_VARIANT = "pdf/ua-1"


def certificate_html(record: CpdRecord) -> str:
    return render_to_string(
        "cpd/certificate_pdf.html",
        {"record": record, "area": record.person.area, "SITE_NAME": settings.SITE_NAME},
    )


def certificate_pdf(record: CpdRecord) -> bytes:
    """The person, the training, its date, hours, topic and learning objectives, issued by the area."""
    document = HTML(string=certificate_html(record), base_url=str(settings.BASE_DIR))
    return document.write_pdf(pdf_tags=True, pdf_variant=PDF_VARIANT)
