"""Back office: the programme overview and each area's dashboard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coproduce.accounts.models import AreaRole, Membership
from coproduce.accounts.rules import (
    CHANGE_CHALLENGE,
    CHANGE_PROPOSAL,
    CREATE_AREA,
    MANAGE_EVENT,
    VIEW_AREA,
    authorise,
    takes_part_in_programme,
    viewable_area_ids,
)
from coproduce.consensus import challenges as stages
from coproduce.consensus.forms import PutToVoteForm
from coproduce.consensus.models import Statement
from coproduce.core.charts import bars
from coproduce.core.forms import add_service_errors
from coproduce.core.history import history_rows
from coproduce.engagement.selectors import participants_by_role, with_people
from coproduce.programmes import services
from coproduce.programmes.forms import AreaForm, ChallengeForm, StageForm
from coproduce.programmes.models import Area, Challenge, ChallengeStage, Programme
from coproduce.programmes.services import STAGE_MOVES
from coproduce.reports import dashboard


@login_required
def home(request: HttpRequest) -> HttpResponse:
    areas = Area.objects.all()
    allowed = viewable_area_ids(request.user)
    if allowed is not None:
        areas = areas.filter(pk__in=allowed)
    led = [p for p in Programme.objects.all() if request.user.has_perm(CREATE_AREA, p)]
    return render(
        request, "programmes/home.html", {"areas": dashboard.area_summaries(areas), "programmes_led": led}
    )


@login_required
def area_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, VIEW_AREA, area)
    by_role = participants_by_role(area)
    events_by_month = dashboard.events_by_month(area)
    return render(
        request,
        "programmes/area_dashboard.html",
        {
            "area": area,
            "events": with_people(area.events.all()),
            "events_by_month": events_by_month,
            "events_chart": bars(events_by_month),
            "participants_by_role": by_role,
            "participants_chart": bars([(label, n) for _, label, n in by_role]),
            "participant_total": sum(n for _, _, n in by_role),
            "comment_matrix": dashboard.comments_by_event_and_role(area),
            "proposals_by_status": dashboard.proposals_by_status(area),
            "actions_by_status": dashboard.actions_by_status(area),
            "overdue_actions": dashboard.overdue_actions(area),
            "can_manage_events": request.user.has_perm(MANAGE_EVENT, area),
            "can_change_proposals": request.user.has_perm(CHANGE_PROPOSAL, area),
            "can_change_challenges": request.user.has_perm(CHANGE_CHALLENGE, area),
            "challenges": area.challenges.prefetch_related("agreements"),
            "breadcrumbs": [("Areas", reverse("programmes:home"))],
        },
    )


@login_required
def area_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A programme lead adds an area to their programme, and leads it."""
    programme = get_object_or_404(Programme, pk=pk)
    if not request.user.has_perm(CREATE_AREA, programme):
        if takes_part_in_programme(request.user, programme):
            raise PermissionDenied("Only a programme lead can add an area.")
        raise Http404("Not found")
    form = AreaForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                area = services.area_create(programme=programme, **form.cleaned_data)
                if not request.user.is_superuser:
                    # Whoever adds the area leads it, so they can set it up.
                    Membership.objects.create(user=request.user, area=area, role=AreaRole.PROGRAMME_LEAD)  # type: ignore[misc]
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{area.name} added. Write its challenges next.")
            return redirect(area)
    return render(
        request,
        "programmes/area_form.html",
        {"form": form, "programme": programme, "breadcrumbs": [("Areas", reverse("programmes:home"))]},
        status=400 if form.errors else 200,
    )


def _area_crumbs(area: Area) -> list[tuple[str, str]]:
    return [("Areas", reverse("programmes:home")), (area.name, area.get_absolute_url())]


@login_required
def challenge_create(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, CHANGE_CHALLENGE, area)
    form = ChallengeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        challenge = services.challenge_create(area=area, text=form.cleaned_data["text"])
        messages.success(request, f"Challenge {challenge.number} added, at the blank page: listening first.")
        return redirect(challenge)
    return render(
        request,
        "programmes/challenge_form.html",
        {"form": form, "area": area, "heading": "Add a challenge", "breadcrumbs": _area_crumbs(area)},
        status=400 if form.errors else 200,
    )


def _challenge(pk: int) -> Challenge:
    return get_object_or_404(Challenge.objects.select_related("area"), pk=pk)


@login_required
def challenge_edit(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _challenge(pk)
    authorise(request.user, CHANGE_CHALLENGE, challenge)
    form = ChallengeForm(request.POST if request.method == "POST" else None, initial={"text": challenge.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.challenge_update(challenge=challenge, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Challenge {challenge.number} saved.")
            return redirect(challenge)
    return render(
        request,
        "programmes/challenge_form.html",
        {
            "form": form,
            "area": challenge.area,
            "challenge": challenge,
            "heading": f"Edit challenge {challenge.number}",
            "breadcrumbs": _area_crumbs(challenge.area),
        },
        status=400 if form.errors else 200,
    )


def _challenge_page(
    request: HttpRequest, challenge: Challenge, *, put_form: PutToVoteForm | None = None, error: str = ""
) -> HttpResponse:
    can_change = request.user.has_perm(CHANGE_CHALLENGE, challenge)
    return render(
        request,
        "programmes/challenge.html",
        {
            "challenge": challenge,
            "area": challenge.area,
            "agreement": challenge.agreement,
            "earlier_agreements": challenge.agreements.all()[1:]
            if challenge.is_agreed
            else challenge.agreements.all(),  # type: ignore[attr-defined]
            "wordings": stages.draft_wordings(challenge),
            "stages": ChallengeStage.choices,
            "moves": [(s, ChallengeStage(s).label) for s in STAGE_MOVES[challenge.stage]]
            if can_change
            else [],
            "can_change": can_change,
            "put_form": put_form or (PutToVoteForm(area=challenge.area) if can_change else None),
            "error": error,
            "proposals": challenge.proposals.all(),  # type: ignore[attr-defined]
            "history": history_rows(
                challenge.history.select_related("history_user"),  # type: ignore[attr-defined]
                labels={"text": "Wording", "stage": "Stage"},
            ),
            "breadcrumbs": _area_crumbs(challenge.area),
        },
        status=400 if error or (put_form is not None and put_form.errors) else 200,
    )


@login_required
def challenge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A challenge's stage, its draft wordings and how they are voted, and the evidence it was agreed on."""
    challenge = _challenge(pk)
    authorise(request.user, VIEW_AREA, challenge)
    return _challenge_page(request, challenge)


@login_required
@require_POST
def challenge_stage(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _challenge(pk)
    authorise(request.user, CHANGE_CHALLENGE, challenge)
    form = StageForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["stage"][0])
        services.challenge_set_stage(challenge=challenge, stage=form.cleaned_data["stage"])
    except ValidationError as error:
        return _challenge_page(request, challenge, error=" ".join(error.messages))
    messages.success(request, f"Challenge {challenge.number} is now at ‘{challenge.get_stage_display()}’.")
    return redirect(challenge)


@login_required
@require_POST
def challenge_put_to_vote(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft wordings become statements of an event: the challenge is being agreed."""
    challenge = _challenge(pk)
    authorise(request.user, CHANGE_CHALLENGE, challenge)
    form = PutToVoteForm(request.POST, area=challenge.area)
    if form.is_valid():
        try:
            made = stages.challenge_put_to_vote(
                challenge=challenge,
                event=form.cleaned_data["event"],
                wordings=form.cleaned_data["wordings"],
                created_by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{len(made)} draft wording{'s' if len(made) != 1 else ''} put to the vote at "
                f"“{form.cleaned_data['event'].title}”.",
            )
            return redirect(challenge)
    return _challenge_page(request, challenge, put_form=form)


@login_required
@require_POST
def challenge_agree(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the wording the partners agreed, with the consensus evidence as it stands."""
    challenge = _challenge(pk)
    authorise(request.user, CHANGE_CHALLENGE, challenge)
    raw = request.POST.get("statement", "")
    statement = Statement.objects.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) < 12 else None
    try:
        if statement is None:
            raise ValidationError("Choose the draft wording that was agreed.")
        stages.challenge_agree(challenge=challenge, statement=statement, agreed_by=request.user)
    except ValidationError as error:
        return _challenge_page(request, challenge, error=" ".join(error.messages))
    messages.success(request, f"Challenge {challenge.number} agreed, with its evidence kept.")
    return redirect(challenge)
