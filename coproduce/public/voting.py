"""Participants vote agree / disagree / pass on an event's statements, and see published results."""

from django.conf import settings
from django.contrib import messages
from django.db.models import OuterRef, Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from coproduce.consensus import services
from coproduce.consensus.forms import VoteForm
from coproduce.consensus.models import Statement
from coproduce.consensus.selectors import ROLE_LABELS, event_consensus, participant_votes
from coproduce.engagement import services as engagement_services
from coproduce.engagement.models import Event
from coproduce.public.participants import (
    TOO_FAST,
    check_code_lookup,
    contribution_transaction,
    event_for,
    participant_for,
)
from coproduce.public.participants import attending as _attending

PERIODS = {"s": 1, "m": 60, "h": 3600}


def _over_vote_budget(request: HttpRequest) -> bool:
    """At most VOTE_RATE votes per participant (their session) in a window.

    Per participant, not per address, because a whole room shares one Wi-Fi address. Counted in the
    database by one upsert (see engagement.services.contribution_count), so the limit holds across every
    web process and machine at the cost of one round trip; the django-ratelimit database cache took 12 of
    a vote's 18 queries when make bench-live measured it.
    """
    if not settings.RATELIMIT_ENABLE:
        return False
    count, _, unit = settings.VOTE_RATE.partition("/")
    limit, period = int(count), PERIODS[unit[-1]] * int(unit[:-1] or 1)
    key = f"vote:{request.session.session_key}"
    return engagement_services.contribution_count(key=key, period=period) > limit


# The open statement listed after the one voted on (statements are listed by when they were written).
_next_open_statement = Statement.objects.filter(
    Q(created_at__gt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), pk__gt=OuterRef("pk")),
    event_id=OuterRef("event_id"),
    is_open=True,
).order_by("created_at", "pk")


def _cast(request: HttpRequest, code: str) -> tuple[Event, HttpResponse | None, int]:
    """A vote: the statement with its event and the next open statement in one query, who votes from the
    session, and one transaction for the vote budget's count and the vote.

    Returns the event, a response when done (redirect to the next statement, or to joining), and the
    status to show the page with otherwise.
    """
    form = VoteForm(request.POST)
    chosen = (
        Statement.objects.select_related("event")
        .filter(pk=form.cleaned_data["statement"], event__join_code=code.upper(), is_open=True)
        .annotate(next_open=Subquery(_next_open_statement.values("pk")[:1]))
        .first()
        if form.is_valid()
        else None
    )
    if chosen is not None:
        # The code resolved to an open statement: count the lookup as any other (free once joined).
        check_code_lookup(request, code)
    event = chosen.event if chosen is not None else event_for(request, code)
    who = _attending(request, event)
    if who is None:
        messages.info(request, "Tell us which role you speak from first.")
        return event, redirect("public:join_event", code=event.join_code), 302
    if chosen is None:
        messages.error(request, "That statement is no longer open for votes, so your vote was not counted.")
        return event, None, 400
    try:
        # One transaction, so one flush to disk a vote: the budget's count (an unlogged table on
        # PostgreSQL), the person and attendance at a first vote, and the vote itself.
        with contribution_transaction(request):
            if _over_vote_budget(request):
                messages.error(request, TOO_FAST)
                return event, None, 429
            person_id = who[0]
            if person_id is None:
                # Their first contribution: only now are they recorded as a person attending the event.
                person = participant_for(request, event, create=True)
                assert person is not None
                person_id = person.pk
            services.vote_cast(
                statement=chosen, person_id=person_id, role=who[1], choice=form.cleaned_data["choice"]
            )
    except services.VotingClosed:
        messages.error(request, "Voting has closed for this event, so your vote was not counted.")
        return event, None, 400
    anchor = f"#statement-{chosen.next_open}" if chosen.next_open else "#done"
    return event, redirect(reverse("public:vote", args=[event.join_code]) + anchor), 302


def vote(request: HttpRequest, code: str) -> HttpResponse:
    status = 200
    if request.method == "POST":
        event, done, status = _cast(request, code)
        if done is not None:
            return done
    else:
        event = event_for(request, code)
    who = _attending(request, event)
    if who is None:
        messages.info(request, "Tell us which role you speak from first.")
        return redirect("public:join_event", code=event.join_code)
    statements = list(event.statements.filter(is_open=True))
    votes = participant_votes(event, who[0]) if who[0] is not None else {}
    return render(
        request,
        "public/vote.html",
        {
            "event": event,
            "role": ROLE_LABELS.get(who[1], who[1]),
            "statements": [(s, votes.get(s.pk)) for s in statements],
            "voted": sum(1 for s in statements if s.pk in votes),
        },
        status=status,
    )


def _published(request: HttpRequest, code: str):
    event = event_for(request, code)
    if not event.results_published:
        raise Http404("The results of this event are not published")
    return event


def vote_results(request: HttpRequest, code: str) -> HttpResponse:
    event = _published(request, code)
    return render(
        request,
        "public/vote_results.html",
        {
            "event": event,
            "consensus": event_consensus(event, public=True),
            "live_feed": reverse("public:vote_results_feed", args=[event.join_code]),
        },
    )


def vote_results_feed(request: HttpRequest, code: str) -> HttpResponse:
    event = _published(request, code)
    return render(
        request,
        "consensus/includes/results.html",
        {"event": event, "consensus": event_consensus(event, public=True)},
    )
