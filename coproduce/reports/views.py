"""Back office: an area's case-study report (read, write the narrative, publish, PDF) and the roll-up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coproduce.accounts.rules import CHANGE_REPORT, VIEW_AREA, authorise, viewable_area_ids
from coproduce.core.navigation import area_crumbs
from coproduce.programmes.models import Area, Programme
from coproduce.reports import pdf, rendering, services
from coproduce.reports.forms import ReportForm
from coproduce.reports.models import ReportPublication
from coproduce.reports.rollup import programme_rollup
from coproduce.reports.selectors import area_report as build_area_report


def _area(slug: str) -> Area:
    return get_object_or_404(Area.objects.select_related("programme"), slug=slug)


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def area_report(request: HttpRequest, slug: str) -> HttpResponse:
    area = _area(slug)
    authorise(request.user, VIEW_AREA, area)
    publication = rendering.latest_publication(area)
    return render(
        request,
        "reports/area_report.html",
        {
            "area": area,
            "case_study": build_area_report(area),
            "publication": publication,
            "changed": publication is not None and rendering.changed_since(publication, area),
            "publications": ReportPublication.objects.filter(report__area=area).select_related(
                "published_by", "unpublished_by"
            ),
            "can_change": request.user.has_perm(CHANGE_REPORT, area),
            "taken_down": services.publication_taken_down(area),
            "breadcrumbs": area_crumbs(area),
        },
    )


@login_required
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    area = _area(slug)
    authorise(request.user, CHANGE_REPORT, area)
    form = ReportForm(request.POST or None, instance=services.report_for(area))
    if request.method == "POST" and form.is_valid():
        services.report_save(area=area, user=request.user, **form.cleaned_data)
        messages.success(request, "The report's narrative is saved.")
        return redirect("reports:area_report", slug=area.slug)
    return render(
        request,
        "reports/edit.html",
        {
            "area": area,
            "form": form,
            "breadcrumbs": area_crumbs(
                area, ("Case-study report", reverse("reports:area_report", args=[slug]))
            ),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    area = _area(slug)
    authorise(request.user, CHANGE_REPORT, area)
    publishing = request.POST.get("publish") == "yes"
    services.report_publish(area=area, user=request.user, publish=publishing)
    if not publishing:
        messages.success(request, "The report is no longer published. It has gone from the public site.")
    elif area.is_published:
        messages.success(request, "The report is published on the public site.")
    else:
        messages.warning(
            request,
            "The report is marked as published, but the area is not published, so the public cannot see it yet.",
        )
    return redirect("reports:area_report", slug=area.slug)


@login_required
def unpublish(request: HttpRequest, slug: str) -> HttpResponse:
    """Asks before taking the report off the public site; the report page then offers to undo it."""
    area = _area(slug)
    authorise(request.user, CHANGE_REPORT, area)
    if request.method == "POST":
        services.report_publish(area=area, user=request.user, publish=False)
        messages.success(
            request,
            "The report is no longer published. It has gone from the public site. "
            "To put the same version back, use “Undo: publish it again” below.",
        )
        return redirect("reports:area_report", slug=area.slug)
    return render(
        request,
        "reports/unpublish.html",
        {"area": area, "publication": rendering.latest_publication(area), "breadcrumbs": area_crumbs(area)},
    )


@login_required
@require_POST
def restore(request: HttpRequest, slug: str) -> HttpResponse:
    area = _area(slug)
    authorise(request.user, CHANGE_REPORT, area)
    if services.publication_restore(area=area, user=request.user):
        messages.success(request, "The version you took down is back on the public site.")
    else:
        messages.warning(
            request,
            "There is no version to put back: the report has changed since it was taken down, or it was "
            "taken down because a comment it quoted was moderated. Read it below and publish it again.",
        )
    return redirect("reports:area_report", slug=area.slug)


@login_required
def area_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The PDF of the published report, as the public downloads it; the draft is a separate link."""
    area = _area(slug)
    authorise(request.user, VIEW_AREA, area)
    publication = rendering.latest_publication(area)
    if publication is None:
        messages.info(
            request, "The report is not published, so there is no published PDF. The draft PDF is below."
        )
        return redirect("reports:area_report", slug=area.slug)
    return _pdf_response(pdf.publication_pdf(publication), f"{area.slug}-case-study.pdf")


@login_required
def draft_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """A draft PDF from the live data, marked as a draft: what publishing now would make public."""
    area = _area(slug)
    authorise(request.user, VIEW_AREA, area)
    return _pdf_response(pdf.area_report_pdf(area), f"{area.slug}-case-study-draft.pdf")


def _viewable_areas(request: HttpRequest, programme: Programme) -> QuerySet[Area]:
    """The programme's areas the user may view; none at all is a 404, as for an area they have no role in."""
    areas = programme.areas.all()
    allowed = viewable_area_ids(request.user)
    if allowed is not None:
        areas = areas.filter(pk__in=allowed)
    listed = list(areas)
    if not listed:
        raise Http404("Not found")
    for area in listed:
        authorise(request.user, VIEW_AREA, area)
    return areas


@login_required
def programme(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme, pk=pk)
    rollup = programme_rollup(programme, _viewable_areas(request, programme))
    return render(
        request,
        "reports/programme.html",
        {"rollup": rollup, "breadcrumbs": [("Areas", reverse("programmes:home"))]},
    )


@login_required
def programme_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme, pk=pk)
    rollup = programme_rollup(programme, _viewable_areas(request, programme))
    return _pdf_response(pdf.programme_rollup_pdf(rollup), f"programme-{programme.pk}-roll-up.pdf")
