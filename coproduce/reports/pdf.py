"""The report and the roll-up as tagged PDFs (PDF/UA-1), drawn by WeasyPrint from the pages' own templates.

The print templates include the same body as the web pages, with a print stylesheet: A4, a running
header, page numbers, headings kept with what follows and table rows kept whole. The PDF is tagged, in
British English, and titled from the HTML <title>. Fonts are the system's (DejaVu on Debian); nothing is
fetched.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML

from coproduce.programmes.models import Area
from coproduce.reports.rollup import ProgrammeRollup
from coproduce.reports.selectors import area_report

PDF_VARIANT = "pdf/ua-1"


def html_to_pdf(html: str) -> bytes:
    """A tagged PDF/UA-1 document from a print template's HTML."""
    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    return document.write_pdf(pdf_tags=True, pdf_variant=PDF_VARIANT)


def area_report_html(area: Area) -> str:
    """The print variant of the area's case-study report: the web page's body with the print stylesheet."""
    context = {"case_study": area_report(area), "SITE_NAME": settings.SITE_NAME}
    return render_to_string("reports/area_report_pdf.html", context)


def area_report_pdf(area: Area) -> bytes:
    return html_to_pdf(area_report_html(area))


def programme_rollup_pdf(rollup: ProgrammeRollup) -> bytes:
    html = render_to_string("reports/programme_pdf.html", {"rollup": rollup, "SITE_NAME": settings.SITE_NAME})
    return html_to_pdf(html)
