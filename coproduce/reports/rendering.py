"""The report rendered as HTML, for freezing into a publication, and the fingerprint that tells it has changed."""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.template.loader import render_to_string

from coproduce.programmes.models import Area
from coproduce.reports.models import ReportPublication
from coproduce.reports.selectors import AreaReport, area_report


def public_body_html(case_study: AreaReport) -> str:
    """The body of the public page: the contents list and every section, without back-office links."""
    return render_to_string(
        "reports/includes/area_report_body.html",
        {"case_study": case_study, "links": False, "drafting": False, "contents": True},
    )


def print_html(case_study: AreaReport, *, published_at: datetime.datetime | None = None) -> str:
    """The print variant: the body with the print stylesheet. Without ``published_at`` it is a draft."""
    context = {"case_study": case_study, "SITE_NAME": settings.SITE_NAME, "published_at": published_at}
    return render_to_string("reports/area_report_pdf.html", context)


def fingerprint(body_html: str) -> str:
    return hashlib.sha256(body_html.encode()).hexdigest()


def latest_publication(area: Area) -> ReportPublication | None:
    """The publication the public sees, if the report is published."""
    return (
        ReportPublication.objects.filter(
            report__area=area, report__is_published=True, unpublished_at__isnull=True
        )
        .order_by("-published_at", "-pk")
        .first()
    )


def changed_since(publication: ReportPublication, area: Area) -> bool:
    """Whether publishing now would publish something different from ``publication``."""
    return fingerprint(public_body_html(area_report(area, public=True))) != publication.fingerprint
