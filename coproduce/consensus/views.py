"""Back office: the facilitator writes statements for an event and watches the consensus form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coproduce.accounts.rules import MANAGE_EVENT, VIEW_AREA, authorise
from coproduce.consensus import services
from coproduce.consensus.forms import FromCommentsForm, PolisImportForm, StatementForm
from coproduce.consensus.models import Statement, StatementStatus
from coproduce.consensus.polis_import import latest_polis_import, polis_import_queue
from coproduce.consensus.selectors import event_consensus, vote_tables
from coproduce.core.exports import FORMATS, csv_response, xlsx_response
from coproduce.core.forms import add_service_errors
from coproduce.core.navigation import event_crumbs as _crumbs
from coproduce.engagement.models import CommentStatus, Event


def _event(pk: int) -> Event:
    return get_object_or_404(Event.objects.select_related("area"), pk=pk)


def _statements_page(
    request: HttpRequest,
    event: Event,
    *,
    form: StatementForm | None = None,
    import_form: PolisImportForm | None = None,
) -> HttpResponse:
    form = form or StatementForm()
    import_form = import_form or PolisImportForm()
    return render(
        request,
        "consensus/statements.html",
        {
            "event": event,
            "area": event.area,
            "form": form,
            "import_form": import_form,
            "polis_import": latest_polis_import(event),
            "statements": event.statements.exclude(status=StatementStatus.PENDING)
            .select_related("challenge")
            .annotate(vote_count=Count("votes")),
            "pending": event.statements.filter(status=StatementStatus.PENDING).select_related("submitted_by"),
            "comments": event.comments.filter(status=CommentStatus.ACCEPTED).exclude(statements__event=event),
            "breadcrumbs": _crumbs(event),
        },
        status=400 if form.errors or import_form.errors else 200,
    )


@login_required
def statements(request: HttpRequest, pk: int) -> HttpResponse:
    """The event's statements; add one, approve participants' ones, or turn ticked comments into statements."""
    event = _event(pk)
    authorise(request.user, MANAGE_EVENT, event)
    form = StatementForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.statement_create(event=event, text=form.cleaned_data["text"], created_by=request.user)
        messages.success(request, "Statement added. Participants can vote on it now.")
        return redirect("consensus:statements", pk=event.pk)
    return _statements_page(request, event, form=form)


@login_required
@require_POST
def polis_import(request: HttpRequest, pk: int) -> HttpResponse:
    """A Pol.is conversation's export uploaded into the event: all of it, or nothing and one message."""
    event = _event(pk)
    authorise(request.user, MANAGE_EVENT, event)
    form = PolisImportForm(request.POST, request.FILES)
    if form.is_valid():
        uploads = {k: f for k in ("comments", "votes") if (f := form.cleaned_data.get(k))}
        try:
            _, conversation = polis_import_queue(
                event=event,
                votes=uploads["votes"].read(),
                comments=uploads["comments"].read() if "comments" in uploads else None,
                names={k: f.name for k, f in uploads.items()},
                created_by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"The files are good: {len(conversation.statements)} statements and "
                f"{len(conversation.participants)} participants. The import runs in the background; this "
                "page says when it is done.",
            )
            return redirect(reverse("consensus:statements", args=[event.pk]) + "#import")
    return _statements_page(request, event, import_form=form)


@login_required
@require_POST
def from_comments(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    authorise(request.user, MANAGE_EVENT, event)
    form = FromCommentsForm(request.POST, event=event)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors["comments"]))
        return redirect("consensus:statements", pk=event.pk)
    made = services.statements_from_comments(
        event=event, comments=list(form.cleaned_data["comments"]), created_by=request.user
    )
    messages.success(request, f"{len(made)} statement{'s' if len(made) != 1 else ''} added from comments.")
    return redirect("consensus:statements", pk=event.pk)


@login_required
@require_POST
def statement_open(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(Statement.objects.select_related("event__area"), pk=pk)
    authorise(request.user, MANAGE_EVENT, statement)
    is_open = request.POST.get("is_open") == "1"
    services.statement_set_open(statement=statement, is_open=is_open)
    messages.success(
        request, "Voting reopened on the statement." if is_open else "Voting closed on the statement."
    )
    return redirect("consensus:statements", pk=statement.event_id)


@login_required
@require_POST
def statement_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve a participant's statement (it opens for votes) or reject it."""
    statement = get_object_or_404(Statement.objects.select_related("event__area"), pk=pk)
    authorise(request.user, MANAGE_EVENT, statement)
    approve = request.POST.get("decision") == "approve"
    try:
        services.statement_review(statement=statement, approve=approve)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            "Statement approved: participants can vote on it now." if approve else "Statement rejected.",
        )
    return redirect(reverse("consensus:statements", args=[statement.event_id]) + "#pending")


def _results_context(event: Event) -> dict:
    return {"event": event, "area": event.area, "consensus": event_consensus(event)}


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    authorise(request.user, VIEW_AREA, event)
    context = _results_context(event) | {
        "breadcrumbs": _crumbs(event),
        "live_feed": reverse("consensus:results_feed", args=[pk]),
    }
    return render(request, "consensus/results.html", context)


@login_required
def results_feed(request: HttpRequest, pk: int) -> HttpResponse:
    """The results as an HTML fragment, polled by the results page during the event."""
    event = _event(pk)
    authorise(request.user, VIEW_AREA, event)
    return render(request, "consensus/includes/results.html", _results_context(event))


@login_required
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The votes and agreement by role as CSV (the votes) or XLSX (both, one sheet each)."""
    event = _event(pk)
    authorise(request.user, VIEW_AREA, event)
    if fmt not in FORMATS:
        raise Http404("No such format")
    tables = vote_tables(event)
    name = f"votes-{event.area.slug}-event-{event.pk}"
    return csv_response(f"{name}.csv", tables[0]) if fmt == "csv" else xlsx_response(f"{name}.xlsx", tables)
