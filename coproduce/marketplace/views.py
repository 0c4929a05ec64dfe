"""Back office of the market place: centres' needs and their ranked matches, agreeing a match, the gaps,
the map of what is available, and market place events."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from coproduce.accounts.rules import (
    AGREE_MATCH,
    CHANGE_PROPOSAL,
    STATE_NEED,
    VIEW_MARKETPLACE,
    authorise,
    market_centre_id,
)
from coproduce.core.forms import add_service_errors
from coproduce.core.history import history_rows
from coproduce.engagement.models import Event, EventKind
from coproduce.marketplace import selectors, services
from coproduce.marketplace.forms import AgreeForm, NeedForm, RecordForm
from coproduce.marketplace.models import Match, MatchStatus, Need, RankingStatus
from coproduce.marketplace.pdf import map_pdf
from coproduce.programmes.models import Area


def _crumbs(area: Area, *more: tuple[str, str]) -> list[tuple[str, str]]:
    return [
        ("Areas", reverse("programmes:home")),
        (area.name, area.get_absolute_url()),
        ("Market place", reverse("marketplace:area", args=[area.slug])),
        *more,
    ]


@login_required
def area_market(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, VIEW_MARKETPLACE, area)
    needs = list(selectors.needs_for_area(area))
    return render(
        request,
        "marketplace/area.html",
        {
            "area": area,
            "needs": needs,
            "events": selectors.market_place_events(area),
            "service_count": selectors.published_services(area).count(),
            "can_state": request.user.has_perm(STATE_NEED, area),
            "can_rank_all": request.user.has_perm(CHANGE_PROPOSAL, area),
            "illustrative": any(n.is_illustrative for n in needs),
            "breadcrumbs": _crumbs(area)[:2],
        },
    )


def _need_form_page(request, *, area: Area, form: NeedForm, heading: str, need: Need | None, status=200):
    cancel = need.get_absolute_url() if need else reverse("marketplace:area", args=[area.slug])
    return render(
        request,
        "marketplace/need_form.html",
        {
            "form": form,
            "area": area,
            "heading": heading,
            "need": need,
            "cancel": cancel,
            "breadcrumbs": _crumbs(area),
        },
        status=status,
    )


def _need_values(form: NeedForm) -> dict:
    values = dict(form.cleaned_data)
    values["themes"] = list(values.get("themes") or [])
    return values


@login_required
def need_create(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, STATE_NEED, area)
    centre_id = market_centre_id(request.user, area)
    form = NeedForm(request.POST if request.method == "POST" else None, area=area, centre_id=centre_id)
    if centre_id is not None and request.method != "POST":
        form.initial["centre"] = centre_id
        location = selectors.centres(area).filter(pk=centre_id).first()
        place = location.service_locations.exclude(location_type="virtual").first() if location else None
        if place:
            form.initial["location"] = place.pk
    if request.method == "POST" and form.is_valid():
        try:
            need = services.need_create(area=area, user=request.user, **_need_values(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Need saved. Its matches are being worked out.")
            return redirect(need)
    status = 400 if request.method == "POST" else 200
    return _need_form_page(request, area=area, form=form, heading="State a need", need=None, status=status)


@login_required
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(Need.objects.select_related("area", "centre"), pk=pk)
    authorise(request.user, STATE_NEED, need)
    area = need.area
    centre_id = market_centre_id(request.user, area)
    form = NeedForm(
        request.POST if request.method == "POST" else None, area=area, centre_id=centre_id, need=need
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.need_update(need=need, **_need_values(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Need updated. Its matches are being worked out again.")
            return redirect(need)
    status = 400 if request.method == "POST" else 200
    return _need_form_page(request, area=area, form=form, heading="Edit the need", need=need, status=status)


@login_required
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(Need.objects.select_related("area", "centre", "service_type", "location"), pk=pk)
    authorise(request.user, VIEW_MARKETPLACE, need)
    matches = list(selectors.live_matches(need))
    can_agree = {m.pk: request.user.has_perm(AGREE_MATCH, m) for m in matches}
    return render(
        request,
        "marketplace/need.html",
        {
            "need": need,
            "area": need.area,
            "matches": matches,
            "can_agree": can_agree,
            "events": selectors.market_place_events(need.area),
            "can_state": request.user.has_perm(STATE_NEED, need),
            "queued": need.ranking_status == RankingStatus.QUEUED,
            "failed": need.ranking_status == RankingStatus.FAILED,
            "stale": selectors.stale_services(need),
            "evidence": need.evidence.select_related("event"),
            "themes": need.themes.all(),
            "history": history_rows(need.history.select_related("history_user")),
            "breadcrumbs": _crumbs(need.area),
        },
    )


@login_required
@require_POST
def need_rank(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(Need.objects.select_related("area"), pk=pk)
    authorise(request.user, STATE_NEED, need)
    services.need_rank_start(need=need)
    messages.success(request, "The matches are being worked out again.")
    return redirect(need)


@login_required
@require_POST
def area_rank(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    # Every centre's needs at once: those who shape proposals (a centre manager re-ranks their own needs).
    authorise(request.user, CHANGE_PROPOSAL, area)
    count = services.area_rank_start(area=area)
    messages.success(
        request, f"The matches of {count} open need{'s' if count != 1 else ''} are being worked out again."
    )
    return redirect("marketplace:area", slug=area.slug)


def _match(pk: int) -> Match:
    return get_object_or_404(
        Match.objects.select_related("need__area", "need__centre", "service__organisation"), pk=pk
    )


@login_required
def match_agree(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match(pk)
    authorise(request.user, AGREE_MATCH, match)
    if not match.service.is_published:
        raise Http404("Not found")  # only published services are offered as matches
    area = match.need.area
    initial = {"title": f"{match.service.organisation}: {match.service.name} for {match.need.centre}"[:200]}
    form = AgreeForm(request.POST if request.method == "POST" else None, area=area, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.match_agree(match=match, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"Agreed. The action “{action.title}” is owned by {match.service.organisation}."
            )
            return redirect(match.need)
    return render(
        request,
        "marketplace/agree.html",
        {
            "form": form,
            "match": match,
            "area": area,
            "breadcrumbs": _crumbs(area, (match.need.title, match.need.get_absolute_url())),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def match_record(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match(pk)
    authorise(request.user, AGREE_MATCH, match)
    form = RecordForm(request.POST, area=match.need.area)
    if form.is_valid():
        try:
            services.match_record(match=match, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{match.service.name}: {match.get_status_display().lower()}.")
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(match.need)


@login_required
def gaps(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, VIEW_MARKETPLACE, area)
    return render(
        request,
        "marketplace/gaps.html",
        {"area": area, "gaps": selectors.area_gaps(area), "breadcrumbs": _crumbs(area)},
    )


@login_required
def availability(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, VIEW_MARKETPLACE, area)
    return render(
        request,
        "marketplace/map.html",
        {"area": area, "map": selectors.availability_map(area), "breadcrumbs": _crumbs(area)},
    )


@login_required
def availability_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, VIEW_MARKETPLACE, area)
    response = HttpResponse(map_pdf(area, selectors.availability_map(area)), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="market-place-{area.slug}-{timezone.localdate()}.pdf"'
    )
    return response


@login_required
def event_market(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("area"), pk=pk, kind=EventKind.MARKET_PLACE)
    authorise(request.user, VIEW_MARKETPLACE, event)
    matches = list(selectors.event_matches(event))
    return render(
        request,
        "marketplace/event.html",
        {
            "event": event,
            "area": event.area,
            "map": selectors.availability_map(event.area),
            "discussed": [m for m in matches if m.status != MatchStatus.AGREED],
            "agreed": [m for m in matches if m.status == MatchStatus.AGREED],
            "breadcrumbs": _crumbs(event.area),
        },
    )
