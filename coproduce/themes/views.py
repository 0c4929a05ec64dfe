"""Back office: run the theme analysis of an area, review and edit its themes, see who said what."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from coproduce.accounts.rules import (
    CHANGE_ANALYSIS,
    CHANGE_PROPOSAL,
    MANAGE_EVENT,
    RUN_ANALYSIS,
    VIEW_AREA,
    authorise,
)
from coproduce.consensus.forms import StatementForm
from coproduce.consensus.services import statement_create
from coproduce.core.exports import FORMATS, csv_response, xlsx_response
from coproduce.core.heartbeat import fail_stale_work
from coproduce.core.navigation import area_crumbs as _crumbs
from coproduce.engagement.models import Event, EventStatus
from coproduce.programmes.models import Area
from coproduce.proposals import services as proposal_services
from coproduce.proposals.models import Proposal
from coproduce.themes import services
from coproduce.themes.exports import analysis_document, theme_tables
from coproduce.themes.forms import EditForm, RunForm
from coproduce.themes.models import AnalysisRun, Theme, ThemeAssignment
from coproduce.themes.selectors import ROLE_LABELS, active_run, current_run, theme_by_event, theme_by_role

COMMENTS_PER_PAGE = 50


def _area(slug: str) -> Area:
    return get_object_or_404(Area, slug=slug)


def _workspace_context(request: HttpRequest, area: Area, form: RunForm | None = None) -> dict:
    fail_stale_work()  # a run whose worker vanished says so here, rather than "running" for good
    run = current_run(area)
    themes = list(run.themes.filter(is_active=True)) if run else []
    return {
        "area": area,
        "run": run,
        "active": active_run(area),
        "latest": area.analysis_runs.first(),
        "themes": themes,
        "all_themes": themes,
        "only_one_role": theme_by_role(run).only_one if run else {},
        "to_check": (
            ThemeAssignment.objects.filter(run=run, needs_review=True)
            .select_related("comment__event", "theme")
            .order_by("confidence", "pk")[:10]
            if run
            else []
        ),
        "to_check_total": ThemeAssignment.objects.filter(run=run, needs_review=True).count() if run else 0,
        "edits": run.edits.select_related("made_by", "undone_by").order_by("-made_at", "-pk")[:20]
        if run
        else [],
        "form": form or RunForm(area=area),
        "can_run": request.user.has_perm(RUN_ANALYSIS, area),
        "can_edit": request.user.has_perm(CHANGE_ANALYSIS, area),
        "breadcrumbs": _crumbs(area),
    }


@login_required
def workspace(request: HttpRequest, slug: str) -> HttpResponse:
    area = _area(slug)
    authorise(request.user, VIEW_AREA, area)
    return render(request, "themes/workspace.html", _workspace_context(request, area))


@login_required
@require_POST
def run_create(request: HttpRequest, slug: str) -> HttpResponse:
    area = _area(slug)
    authorise(request.user, RUN_ANALYSIS, area)
    form = RunForm(request.POST, area=area)
    if form.is_valid():
        try:
            services.run_start(
                area=area,
                filters=form.filters(),
                n_themes=form.cleaned_data["n_themes"],
                user=request.user,
                fresh=form.cleaned_data["fresh"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, "The analysis has started. You can keep working; this page shows its progress."
            )
            return redirect("themes:workspace", slug=area.slug)
    return render(request, "themes/workspace.html", _workspace_context(request, area, form), status=400)


@login_required
def run_progress(request: HttpRequest, slug: str) -> HttpResponse:
    """The progress of the latest run as an HTML fragment, polled by the workspace page."""
    area = _area(slug)
    authorise(request.user, VIEW_AREA, area)
    fail_stale_work()
    latest = area.analysis_runs.first()
    return render(
        request,
        "themes/includes/progress.html",
        {"area": area, "latest": latest, "can_run": request.user.has_perm(RUN_ANALYSIS, area)},
    )


@login_required
def theme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    theme = get_object_or_404(Theme.objects.select_related("run__area"), pk=pk)
    authorise(request.user, VIEW_AREA, theme)
    run, area = theme.run, theme.run.area
    # A big theme has hundreds of comments, each with a move form: show them a page at a time.
    page = Paginator(
        theme.assignments.select_related("comment__event").order_by("confidence", "pk"), COMMENTS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "themes/theme.html",
        {
            "theme": theme,
            "run": run,
            "area": area,
            "is_current": current_run(area) == run,
            "assignments": page.object_list,
            "page": page,
            "others": run.themes.filter(is_active=True).exclude(pk=theme.pk),
            "all_themes": run.themes.filter(is_active=True),
            "proposals": theme.proposals.all(),
            "linkable": area.proposals.exclude(themes=theme),
            "can_edit": request.user.has_perm(CHANGE_ANALYSIS, area),
            "can_link": request.user.has_perm(CHANGE_PROPOSAL, area),
            "can_put": request.user.has_perm(MANAGE_EVENT, area),
            "votable_events": area.events.exclude(status=EventStatus.CLOSED).order_by("-date"),
            "breadcrumbs": _crumbs(area, ("Themes", reverse("themes:workspace", args=[area.slug]))),
        },
    )


def _posted_id(request: HttpRequest, name: str) -> int:
    """A record id from the form; anything but digits matches nothing (a 404), never a server error."""
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() else 0


def _back(request: HttpRequest, run: AnalysisRun) -> HttpResponse:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("themes:workspace", slug=run.area.slug)


@login_required
@require_POST
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(AnalysisRun.objects.select_related("area"), pk=pk)
    authorise(request.user, CHANGE_ANALYSIS, run)
    form = EditForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return _back(request, run)
    try:
        done = services.edit_apply(run=run, operation=form.operation(), user=request.user)
    except ValidationError as error:
        messages.error(request, f"That edit could not be made: {' '.join(error.messages)}")
    else:
        messages.success(request, f"{done.summary}. You can undo this.")
    if form.cleaned_data["op"] == "merge":
        # The merged theme's page no longer has a theme; go to the one it joined.
        theme = run.themes.filter(number=form.cleaned_data["theme"]).first()
        if theme:
            return redirect(theme)
    return _back(request, run)


@login_required
@require_POST
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(AnalysisRun.objects.select_related("area"), pk=pk)
    authorise(request.user, CHANGE_ANALYSIS, run)
    undone = services.edit_undo(run=run, user=request.user)
    if undone:
        messages.success(request, f"Undone: {undone.summary}.")
    else:
        messages.info(request, "There is nothing to undo.")
    return redirect("themes:workspace", slug=run.area.slug)


@login_required
def matrix(request: HttpRequest, slug: str) -> HttpResponse:
    area = _area(slug)
    authorise(request.user, VIEW_AREA, area)
    run = current_run(area)
    return render(
        request,
        "themes/matrix.html",
        {
            "area": area,
            "run": run,
            "by_role": theme_by_role(run) if run else None,
            "by_event": theme_by_event(run) if run else None,
            "breadcrumbs": _crumbs(area, ("Themes", reverse("themes:workspace", args=[area.slug]))),
        },
    )


@login_required
def cell(request: HttpRequest, pk: int) -> HttpResponse:
    """The comments behind one cell of a matrix: a theme and a role, or a theme and an event."""
    theme = get_object_or_404(Theme.objects.select_related("run__area"), pk=pk)
    authorise(request.user, VIEW_AREA, theme)
    assignments = theme.assignments.select_related("comment__event")
    role, event = request.GET.get("role", ""), request.GET.get("event", "")
    if role:
        assignments = assignments.filter(comment__author_role=role)
    if event:
        if not event.isdigit():
            raise Http404("No such event")
        assignments = assignments.filter(comment__event_id=int(event))
    area = theme.run.area
    return render(
        request,
        "themes/cell.html",
        {
            "theme": theme,
            "area": area,
            "assignments": assignments.order_by("comment__event__date", "pk"),
            "role": ROLE_LABELS.get(role, ""),
            "event": area.events.filter(pk=int(event)).first() if event else None,
            "breadcrumbs": _crumbs(
                area,
                ("Themes", reverse("themes:workspace", args=[area.slug])),
                (theme.label, theme.get_absolute_url()),
            ),
        },
    )


@login_required
@require_POST
def link(request: HttpRequest, pk: int) -> HttpResponse:
    """A proposal cites the theme (and so the comments in it) as its evidence; or stops citing it."""
    theme = get_object_or_404(Theme.objects.select_related("run__area"), pk=pk)
    authorise(request.user, CHANGE_PROPOSAL, theme)
    proposal = get_object_or_404(Proposal, pk=_posted_id(request, "proposal"), area=theme.run.area)
    if request.POST.get("unlink"):
        proposal_services.proposal_theme_unlink(proposal=proposal, theme=theme)
        messages.success(request, f"“{proposal.title}” no longer cites this theme.")
    else:
        proposal_services.proposal_theme_link(proposal=proposal, theme=theme)
        messages.success(request, f"“{proposal.title}” now cites this theme.")
    return redirect(theme)


@login_required
def export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    area = _area(slug)
    authorise(request.user, VIEW_AREA, area)
    run = current_run(area)
    if run is None or fmt not in (*FORMATS, "json"):
        raise Http404("No analysis to export")
    name = f"themes-{area.slug}-analysis-{run.pk}"
    if fmt == "json":
        response = JsonResponse(
            analysis_document(run), json_dumps_params={"indent": 2, "ensure_ascii": False}
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    tables = theme_tables(run)
    return csv_response(f"{name}.csv", tables[0]) if fmt == "csv" else xlsx_response(f"{name}.xlsx", tables)


@login_required
@require_POST
def to_statement(request: HttpRequest, pk: int) -> HttpResponse:
    """Put the theme to an event's participants as a statement to vote on."""
    theme = get_object_or_404(Theme.objects.select_related("run__area"), pk=pk)
    event = get_object_or_404(
        Event.objects.select_related("area"), pk=_posted_id(request, "event"), area=theme.run.area
    )
    authorise(request.user, MANAGE_EVENT, event)
    form = StatementForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors["text"]))
        return redirect(theme)
    statement_create(event=event, text=form.cleaned_data["text"], created_by=request.user)
    messages.success(request, f"Added as a statement for “{event.title}”.")
    return redirect("consensus:statements", pk=event.pk)
