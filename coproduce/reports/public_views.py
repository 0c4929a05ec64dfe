"""The public site's copy of an area's case-study report: the latest publication, never the live data, and
only while both the report and the area are published."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from coproduce.programmes.models import Area
from coproduce.reports import pdf, rendering
from coproduce.reports.models import ReportPublication


def _publication(slug: str) -> tuple[Area, ReportPublication]:
    area = get_object_or_404(Area.objects.select_related("programme"), slug=slug, is_published=True)
    publication = rendering.latest_publication(area)
    if publication is None:
        raise Http404("Not found")
    return area, publication


def area_report(request: HttpRequest, slug: str) -> HttpResponse:
    area, publication = _publication(slug)
    return render(request, "reports/public_area_report.html", {"area": area, "publication": publication})


def area_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    area, publication = _publication(slug)
    response = HttpResponse(pdf.publication_pdf(publication), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{area.slug}-case-study.pdf"'
    return response
