"""The appraisal record as a tagged PDF (PDF/UA-1), drawn by WeasyPrint with the report's print stylesheet."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string

from coproduce.appraisal.models import Appraisal
from coproduce.appraisal.selectors import appraisal_record
from coproduce.reports.pdf import html_to_pdf


def appraisal_record_html(appraisal: Appraisal) -> str:
    return render_to_string(
        "appraisal/record_pdf.html", {"record": appraisal_record(appraisal), "SITE_NAME": settings.SITE_NAME}
    )


def appraisal_record_pdf(appraisal: Appraisal) -> bytes:
    return html_to_pdf(appraisal_record_html(appraisal))
