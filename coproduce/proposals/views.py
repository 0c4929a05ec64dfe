"""Back office: proposals, the comments they cite, and their actions with the trail back to the evidence."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coproduce.accounts.rules import CHANGE_PROPOSAL, UPDATE_ACTION, VIEW_AREA, authorise
from coproduce.core.history import history_rows
from coproduce.engagement.models import Comment
from coproduce.programmes.models import Area
from coproduce.proposals import services
from coproduce.proposals.forms import ActionForm, ProgressForm, ProposalForm
from coproduce.proposals.models import Action, Proposal
from coproduce.themes.selectors import themes_gone_from_analysis


def _crumbs(area: Area, *more: tuple[str, str]) -> list[tuple[str, str]]:
    return [
        ("Areas", reverse("programmes:home")),
        (area.name, area.get_absolute_url()),
        ("Proposals", reverse("proposals:list", args=[area.slug])),
        *more,
    ]


@login_required
def proposal_list(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, VIEW_AREA, area)
    proposals = area.proposals.select_related("owner").prefetch_related("actions__owner", "challenges")
    return render(
        request,
        "proposals/proposal_list.html",
        {
            "area": area,
            "proposals": proposals,
            "can_change": request.user.has_perm(CHANGE_PROPOSAL, area),
            "breadcrumbs": _crumbs(area)[:2],
        },
    )


@login_required
def proposal_create(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, CHANGE_PROPOSAL, area)
    form = ProposalForm(request.POST if request.method == "POST" else None, area=area)
    if request.method == "POST" and form.is_valid():
        proposal = services.proposal_create(area=area, **form.cleaned_data)
        messages.success(request, "Proposal saved. Cite the comments behind it from each comment's page.")
        return redirect(proposal)
    return render(
        request,
        "proposals/form.html",
        {"form": form, "area": area, "heading": "Write a proposal", "breadcrumbs": _crumbs(area)},
    )


@login_required
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal.objects.select_related("area"), pk=pk)
    authorise(request.user, CHANGE_PROPOSAL, proposal)
    form = ProposalForm(
        request.POST if request.method == "POST" else None, instance=proposal, area=proposal.area
    )
    if request.method == "POST" and form.is_valid():
        services.proposal_update(proposal=proposal, **form.cleaned_data)
        messages.success(request, "Proposal updated.")
        return redirect(proposal)
    return render(
        request,
        "proposals/form.html",
        {
            "form": form,
            "area": proposal.area,
            "heading": "Edit proposal",
            "cancel": proposal.get_absolute_url(),
            "breadcrumbs": _crumbs(proposal.area),
        },
    )


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal.objects.select_related("area", "owner"), pk=pk)
    authorise(request.user, VIEW_AREA, proposal)
    return render(
        request,
        "proposals/proposal_detail.html",
        {
            "proposal": proposal,
            "area": proposal.area,
            "evidence": proposal.evidence.select_related("event").order_by("event__date", "pk"),
            "actions": proposal.actions.select_related("owner"),
            "can_change": request.user.has_perm(CHANGE_PROPOSAL, proposal),
            "themes_gone": themes_gone_from_analysis(proposal),
            "history": history_rows(
                proposal.history.select_related("history_user"), labels={"owner": "owner organisation"}
            ),
            "breadcrumbs": _crumbs(proposal.area),
        },
    )


@login_required
@require_POST
def cite(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.select_related("event__area"), pk=pk)
    authorise(request.user, CHANGE_PROPOSAL, comment)
    proposal = comment.event.area.proposals.filter(pk=request.POST.get("proposal") or 0).first()
    if proposal is None:
        messages.error(request, "Choose a proposal from this area.")
    else:
        services.proposal_cite(proposal=proposal, comment=comment)
        messages.success(request, f"Cited as evidence for “{proposal.title}”.")
    return redirect(comment)


@login_required
@require_POST
def uncite(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal.objects.select_related("area"), pk=pk)
    authorise(request.user, CHANGE_PROPOSAL, proposal)
    # A cited comment later hidden can still be uncited.
    comment: Comment = get_object_or_404(Comment.all_objects.filter(proposals=proposal), pk=comment_pk)
    services.proposal_uncite(proposal=proposal, comment=comment)
    messages.success(
        request, "The comment is no longer cited. Cite it again from the comment's page to undo this."
    )
    return redirect(proposal)


def _warn_if_past_due(request: HttpRequest, form: ActionForm) -> None:
    if form.past_due:
        due = form.cleaned_data["due_date"]
        messages.warning(
            request,
            f"The due date, {due:%-d %B %Y}, has already passed. If that is a mistake, edit the action.",
        )


@login_required
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal.objects.select_related("area"), pk=pk)
    authorise(request.user, CHANGE_PROPOSAL, proposal)
    form = ActionForm(request.POST if request.method == "POST" else None, area=proposal.area)
    if request.method == "POST" and form.is_valid():
        action = services.action_create(proposal=proposal, **form.cleaned_data)
        messages.success(request, "Action added.")
        _warn_if_past_due(request, form)
        return redirect(action)
    return render(
        request,
        "proposals/form.html",
        {
            "form": form,
            "area": proposal.area,
            "heading": f"Add an action to “{proposal.title}”",
            "cancel": proposal.get_absolute_url(),
            "breadcrumbs": _crumbs(proposal.area),
        },
    )


@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(Action.objects.select_related("proposal__area"), pk=pk)
    authorise(request.user, CHANGE_PROPOSAL, action)
    form = ActionForm(request.POST if request.method == "POST" else None, instance=action, area=action.area)
    if request.method == "POST" and form.is_valid():
        services.action_update(action=action, **form.cleaned_data)
        messages.success(request, "Action updated.")
        _warn_if_past_due(request, form)
        return redirect(action)
    return render(
        request,
        "proposals/form.html",
        {
            "form": form,
            "area": action.area,
            "heading": "Edit action",
            "cancel": action.get_absolute_url(),
            "breadcrumbs": _crumbs(action.area),
        },
    )


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An action, and the trail back: its proposal, the challenges it answers, the comments cited."""
    action = get_object_or_404(Action.objects.select_related("proposal__area", "owner"), pk=pk)
    authorise(request.user, VIEW_AREA, action)
    proposal = action.proposal
    can_update = request.user.has_perm(UPDATE_ACTION, action)
    return render(
        request,
        "proposals/action_detail.html",
        {
            "action": action,
            "proposal": proposal,
            "area": proposal.area,
            "challenges": proposal.challenges.all(),
            "evidence": proposal.evidence.select_related("event").order_by("event__date", "pk"),
            "notes": action.progress_notes.select_related("author"),
            "form": ProgressForm(initial={"status": action.status}) if can_update else None,
            "can_update": can_update,
            "can_change": request.user.has_perm(CHANGE_PROPOSAL, action),
            "history": history_rows(
                action.history.select_related("history_user"), labels={"owner": "owner organisation"}
            ),
            "breadcrumbs": _crumbs(proposal.area, (proposal.title, proposal.get_absolute_url())),
        },
    )


@login_required
@require_POST
def action_progress(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(Action.objects.select_related("proposal__area"), pk=pk)
    authorise(request.user, UPDATE_ACTION, action)
    form = ProgressForm(request.POST)
    if form.is_valid():
        services.action_record_progress(
            action=action,
            text=form.cleaned_data["text"],
            status=form.cleaned_data["status"],
            author=request.user,
        )
        messages.success(request, "Progress recorded.")
        return redirect(action)
    proposal = action.proposal
    return render(
        request,
        "proposals/action_detail.html",
        {
            "action": action,
            "proposal": proposal,
            "area": proposal.area,
            "challenges": proposal.challenges.all(),
            "evidence": proposal.evidence.select_related("event"),
            "notes": action.progress_notes.select_related("author"),
            "form": form,
            "can_update": True,
            "history": action.history.all()[:20],
            "breadcrumbs": _crumbs(proposal.area, (proposal.title, proposal.get_absolute_url())),
        },
        status=400,
    )
