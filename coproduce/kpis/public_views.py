"""The public site's KPIs and "you said, we did": only published KPIs and proposals of a published area.
Nothing here names a person: quotes carry the speaker's role at most, as the published report does."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from coproduce.core.exports import csv_response
from coproduce.kpis import selectors
from coproduce.kpis.models import Kpi
from coproduce.programmes.models import Area


def _area(slug: str) -> Area:
    return get_object_or_404(Area.objects.select_related("programme"), slug=slug, is_published=True)


def _kpi(slug: str, pk: int) -> Kpi:
    area = _area(slug)
    kpi = get_object_or_404(selectors.public_kpis(area), pk=pk)
    kpi.area = area
    return kpi


def kpi_list(request: HttpRequest, slug: str) -> HttpResponse:
    area = _area(slug)
    return render(
        request,
        "kpis/public_list.html",
        {"area": area, "summaries": selectors.kpi_summaries(selectors.public_kpis(area))},
    )


def kpi_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    kpi = _kpi(slug, pk)
    return render(
        request,
        "kpis/public_detail.html",
        {"area": kpi.area, "kpi": kpi, "page": selectors.kpi_page(kpi, public=True)},
    )


def kpi_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    kpi = _kpi(slug, pk)
    return csv_response(f"{kpi.area.slug}-kpi-{kpi.pk}", selectors.kpi_table(kpi))


def you_said_we_did(request: HttpRequest, slug: str) -> HttpResponse:
    area = _area(slug)
    return render(
        request, "kpis/you_said_we_did.html", {"area": area, "page": selectors.you_said_we_did(area)}
    )
