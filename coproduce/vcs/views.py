"""Back office: understanding the VCS. Organisations' profiles and health checks follow VIEW_VCS_PROFILE and
CHANGE_VCS_PROFILE (whoever speaks for the organisation, and those who read or run the whole area); the
network page is every member's (VIEW_VCS); links follow RECORD_VCS_LINK."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coproduce.accounts.rules import (
    CHANGE_VCS_PROFILE,
    RECORD_VCS_LINK,
    VIEW_VCS,
    VIEW_VCS_PROFILE,
    authorise,
    vcs_own_organisation_id,
    vcs_records_any_link,
    vcs_sees_all,
)
from coproduce.core.forms import add_service_errors
from coproduce.core.history import history_rows
from coproduce.core.navigation import area_crumbs
from coproduce.directory.models import Organisation
from coproduce.programmes.models import Area
from coproduce.vcs import charts, selectors, services
from coproduce.vcs.forms import HealthCheckForm, LinkForm, ProfileForm
from coproduce.vcs.models import HealthCheck, OrganisationLink, OrganisationProfile

ORGANISATIONS = Organisation.objects.select_related("area", "vcs_profile")
PROFILE_LABELS = {
    "needs": "Needs",
    "values": "Values",
    "delivery_models": "Ways of delivering",
    "contract_sizes": "Contract sizes",
    "consortium": "Consortium",
    "staff": "Paid staff",
    "volunteers": "Volunteers",
    "dbs_checked_volunteers": "DBS-checked volunteers",
    "premises": "Premises",
    "income_band": "Yearly income",
}


def _vcs_crumbs(area: Area, *more: tuple[str, str]) -> list[tuple[str, str]]:
    return area_crumbs(area, ("Understanding the VCS", reverse("vcs:area", args=[area.slug])), *more)


def _organisation_url(organisation: Organisation) -> str:
    return reverse("vcs:organisation", args=[organisation.pk])


def _profile_of(organisation: Organisation) -> OrganisationProfile | None:
    return OrganisationProfile.objects.filter(organisation=organisation).first()


@login_required
def area_vcs(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, VIEW_VCS, area)
    organisations = list(selectors.visible_organisations(request.user, area))
    latest: dict[int, HealthCheck] = {}
    for check in HealthCheck.objects.filter(organisation__in=organisations).prefetch_related("ratings"):
        latest.setdefault(check.organisation_id, check)  # newest first (the model's ordering)
    rows = [(o, getattr(o, "vcs_profile", None), latest.get(o.pk)) for o in organisations]
    return render(
        request,
        "vcs/area.html",
        {
            "area": area,
            "rows": rows,
            "sees_all": vcs_sees_all(request.user, area),
            "breadcrumbs": area_crumbs(area),
        },
    )


@login_required
def organisation_vcs(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(ORGANISATIONS, pk=pk)
    authorise(request.user, VIEW_VCS_PROFILE, organisation)
    profile = _profile_of(organisation)
    return render(
        request,
        "vcs/organisation.html",
        {
            "organisation": organisation,
            "area": organisation.area,
            "profile": profile,
            "checks": selectors.check_history(organisation),
            "can_change": request.user.has_perm(CHANGE_VCS_PROFILE, organisation),
            "history": history_rows(profile.history.select_related("history_user"), labels=PROFILE_LABELS)
            if profile
            else [],
            "breadcrumbs": _vcs_crumbs(organisation.area),
        },
    )


@login_required
def profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(ORGANISATIONS, pk=pk)
    authorise(request.user, CHANGE_VCS_PROFILE, organisation)
    profile = _profile_of(organisation)
    initial: dict[str, object] = {}
    if profile is not None:
        initial = {name: getattr(profile, name) for name in PROFILE_LABELS}
        initial.update({n: "" if initial[n] is None else str(initial[n]) for n in ("staff", "volunteers")})
        dbs = profile.dbs_checked_volunteers
        initial["dbs_checked_volunteers"] = "" if dbs is None else str(dbs)
    form = ProfileForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_save(organisation=organisation, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Profile saved for {organisation.name}.")
            return redirect(_organisation_url(organisation))
    return render(
        request,
        "vcs/profile_form.html",
        {
            "form": form,
            "organisation": organisation,
            "area": organisation.area,
            "cancel": _organisation_url(organisation),
            "breadcrumbs": _vcs_crumbs(
                organisation.area, (organisation.name, _organisation_url(organisation))
            ),
        },
        status=400 if form.errors else 200,
    )


@login_required
def health_check_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(ORGANISATIONS, pk=pk)
    authorise(request.user, CHANGE_VCS_PROFILE, organisation)
    form = HealthCheckForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            check = services.health_check_take(
                organisation=organisation,
                taken_on=form.cleaned_data["taken_on"],
                ratings=form.ratings(),
                taken_by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Health check saved for {organisation.name}." + _needs_said(check))
            return redirect(check)
    return render(
        request,
        "vcs/health_check_form.html",
        {
            "form": form,
            "organisation": organisation,
            "area": organisation.area,
            "cancel": _organisation_url(organisation),
            "breadcrumbs": _vcs_crumbs(
                organisation.area, (organisation.name, _organisation_url(organisation))
            ),
        },
        status=400 if form.errors else 200,
    )


def _needs_said(check: HealthCheck) -> str:
    """How many weak areas became training needs, new or kept open from an earlier health check."""
    weak = list(check.ratings.filter(training_need__isnull=False).select_related("training_need"))
    if not weak:
        return ""
    kept = len([r for r in weak if r.training_need and r.training_need.health_ratings.count() > 1])
    new = len(weak) - kept
    parts = [f"{new} new"] if new else []
    if kept:
        parts.append(f"{kept} still open from before")
    areas = f"{len(weak)} weak area{'s' if len(weak) != 1 else ''}"
    return f" {areas} {'is a training need' if len(weak) == 1 else 'are training needs'}: {', '.join(parts)}."


@login_required
def health_check_detail(request: HttpRequest, pk: int) -> HttpResponse:
    check = get_object_or_404(
        HealthCheck.objects.select_related("organisation__area", "taken_by").prefetch_related(
            "ratings__training_need"
        ),
        pk=pk,
    )
    authorise(request.user, VIEW_VCS_PROFILE, check)
    change, previous = selectors.change_of(check)
    ratings = {rating.topic: rating for rating in check.ratings.all()}
    rows = [(area_change, ratings[area_change.topic]) for area_change in change.areas]
    organisation = check.organisation
    return render(
        request,
        "vcs/health_check.html",
        {
            "check": check,
            "previous": previous,
            "change": change,
            "rows": rows,
            "labels": selectors.TOPIC_LABELS,
            "organisation": organisation,
            "area": organisation.area,
            "breadcrumbs": _vcs_crumbs(
                organisation.area, (organisation.name, _organisation_url(organisation))
            ),
        },
    )


@login_required
def network(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, VIEW_VCS, area)
    area_network = selectors.area_network(area)
    return render(
        request,
        "vcs/network.html",
        {
            "area": area,
            "network": area_network,
            "map": charts.network_map(area_network, area_name=area.name),
            "can_record": request.user.has_perm(RECORD_VCS_LINK, area),
            "records_any": vcs_records_any_link(request.user, area),
            "own_organisation_id": vcs_own_organisation_id(request.user, area),
            "analysed": selectors.current_run(area) is not None,
            "breadcrumbs": area_crumbs(area),
        },
    )


def _network_url(area: Area) -> str:
    return reverse("vcs:network", args=[area.slug])


def _link_page(request: HttpRequest, *, area: Area, link: OrganisationLink | None) -> HttpResponse:
    records_any = vcs_records_any_link(request.user, area)
    own = None if records_any else vcs_own_organisation_id(request.user, area)
    initial: dict[str, object] = {}
    if link is not None:
        initial = {
            "organisation_a": link.organisation_a_id,
            "organisation_b": link.organisation_b_id,
            "kind": link.kind,
            "strength": str(link.strength),
            "note": link.note,
        }
    elif own is not None:
        initial = {"organisation_a": own}
    for name in ("organisation_a", "organisation_b"):  # from the gaps table: "Record a link"
        if link is None and request.GET.get(name, "").isdigit():
            initial[name] = request.GET[name]
    form = LinkForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        organisations=area.organisations.order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            if link is None:
                saved = services.link_record(
                    area=area, recorded_by=request.user, own_organisation_id=own, **form.cleaned_data
                )
                messages.success(request, f"Link recorded: {saved}.")
            else:
                saved = services.link_update(link=link, own_organisation_id=own, **form.cleaned_data)
                messages.success(request, f"Link updated: {saved}.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(_network_url(area) + "#links")
    return render(
        request,
        "vcs/link_form.html",
        {
            "form": form,
            "area": area,
            "link": link,
            "heading": "Record a link" if link is None else f"Change the link: {link}",
            "cancel": _network_url(area),
            "history": history_rows(link.history.select_related("history_user")) if link else [],
            "breadcrumbs": area_crumbs(area, ("Network", _network_url(area))),
        },
        status=400 if form.errors else 200,
    )


@login_required
def link_create(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, RECORD_VCS_LINK, area)
    return _link_page(request, area=area, link=None)


@login_required
def link_edit(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(OrganisationLink.objects.select_related("area"), pk=pk)
    authorise(request.user, RECORD_VCS_LINK, link)
    return _link_page(request, area=link.area, link=link)


@login_required
@require_POST
def link_remove(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(
        OrganisationLink.objects.select_related("area", "organisation_a", "organisation_b"), pk=pk
    )
    authorise(request.user, RECORD_VCS_LINK, link)
    described = str(link)
    services.link_remove(link=link)
    messages.success(request, f"Link removed: {described}.")
    return redirect(_network_url(link.area) + "#links")
