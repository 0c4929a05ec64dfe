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
from coproduce.reports import rendering
from coproduce.reports.models import ReportPublication
from coproduce.reports.rollup import ProgrammeRollup
from coproduce.reports.selectors import area_report

PDF_VARIANT = "pdf/ua-1"


def html_to_pdf(html: str) -> bytes:
    """A tagged PDF/UA-1 document from a print template's HTML."""
    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    return document.write_pdf(pdf_tags=True, pdf_variant=PDF_VARIANT)


def area_report_html(area: Area) -> str:
    """A draft of the print variant from the live data: what publishing now would make public, marked as a
    draft (no unpublished proposals, which never go in a PDF)."""
    return rendering.print_html(area_report(area, public=True))


def area_report_pdf(area: Area) -> bytes:
    """The draft PDF of the area's report, from the live data."""
    return html_to_pdf(area_report_html(area))


def publication_pdf(publication: ReportPublication) -> bytes:
    """The PDF of a publication, drawn from its frozen print HTML the first time and kept."""
    if publication.pdf:
        return bytes(publication.pdf)
    content = html_to_pdf(publication.print_html)
    ReportPublication.objects.filter(pk=publication.pk).update(pdf=content)
    publication.pdf = content
    return content


def programme_rollup_pdf(rollup: ProgrammeRollup) -> bytes:
    html = render_to_string("reports/programme_pdf.html", {"rollup": rollup, "SITE_NAME": settings.SITE_NAME})
    return html_to_pdf(html)
