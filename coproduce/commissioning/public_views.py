"""The public site's commissioning data: published processes of published areas, as OCDS and iCalendar."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from coproduce.commissioning import calendar, selectors
from coproduce.commissioning.ocds import releases as ocds
from coproduce.programmes.models import Area


def _published(slug: str) -> tuple[Area, list]:
    area = get_object_or_404(Area, slug=slug, is_published=True)
    processes = list(selectors.published_processes(area))
    if not processes:
        raise Http404("Not found")
    return area, processes


def _json(document: dict, filename: str) -> HttpResponse:
    response = HttpResponse(ocds.dumps(document), content_type="application/json")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response


def area_commissioning(request: HttpRequest, slug: str) -> HttpResponse:
    area, processes = _published(slug)
    rows = []
    for process in processes:
        milestones = selectors.process_milestones(process)
        rows.append(
            {
                "process": process,
                "milestones": milestones,
                "timeline": selectors.process_timeline(process, milestones),
            }
        )
    return render(request, "commissioning/public_area.html", {"area": area, "rows": rows})


def release_package(request: HttpRequest, slug: str) -> HttpResponse:
    area, processes = _published(slug)
    return _json(ocds.release_package(area, processes), f"{area.slug}-release-package.json")


def record_package(request: HttpRequest, slug: str) -> HttpResponse:
    area, processes = _published(slug)
    return _json(ocds.record_package(area, processes), f"{area.slug}-record-package.json")


def area_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    area, processes = _published(slug)
    body = calendar.calendar_bytes(f"Commissioning timetable: {area.name}", processes)
    response = HttpResponse(body, content_type="text/calendar")
    response["Content-Disposition"] = f'inline; filename="{area.slug}-commissioning.ics"'
    return response
