"""The public site's copy of an area's case-study report: only once both the report and the area are published."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from coproduce.programmes.models import Area
from coproduce.reports.models import Report
from coproduce.reports.selectors import area_report as build_area_report


def area_report(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area.objects.select_related("programme"), slug=slug, is_published=True)
    if not Report.objects.filter(area=area, is_published=True).exists():
        raise Http404("Not found")
    case_study = build_area_report(area, public=True)
    return render(request, "reports/public_area_report.html", {"area": area, "case_study": case_study})
