"""Participants vote agree / disagree / pass on an event's statements, and see published results."""

import time

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from coproduce.consensus import services
from coproduce.consensus.forms import VoteForm
from coproduce.consensus.selectors import event_consensus, participant_votes
from coproduce.directory.models import Person
from coproduce.public.views import _event_for, _person_key

VOTE_BUDGET = "coproduce:vote-budget"
PERIODS = {"s": 1, "m": 60, "h": 3600}


def _over_vote_budget(request: HttpRequest) -> bool:
    """At most VOTE_RATE votes per participant in a window, counted in their own session.

    Per participant, not per address, because a whole room shares one Wi-Fi address. The count lives in
    the session the view loads anyway, so a vote costs one session write instead of the half-dozen
    queries a database-cache counter takes (measured with make bench-live). Joining, which makes new
    sessions, stays limited per address.
    """
    if not settings.RATELIMIT_ENABLE:
        return False
    count, _, unit = settings.VOTE_RATE.partition("/")
    limit, period = int(count), PERIODS[unit[-1]] * int(unit[:-1] or 1)
    now = int(time.time())
    window = now - now % period
    started, used = request.session.get(VOTE_BUDGET, (window, 0))
    used = used + 1 if started == window else 1
    request.session[VOTE_BUDGET] = (window, used)
    return used > limit


def vote(request: HttpRequest, code: str) -> HttpResponse:
    event = _event_for(code)
    person_id = request.session.get(_person_key(event.area_id))
    # The person this browser joined as, and only if they joined this very event: one query.
    person = Person.objects.filter(pk=person_id, attendances__event=event).first() if person_id else None
    if person is None:
        messages.info(request, "Tell us which role you speak from first.")
        return redirect("public:join_event", code=event.join_code)
    statements = list(event.statements.filter(is_open=True))
    status = 200
    if request.method == "POST":
        form = VoteForm(request.POST)
        chosen = next(
            (s for s in statements if form.is_valid() and s.pk == form.cleaned_data["statement"]), None
        )
        if chosen is None:
            messages.error(
                request, "That statement is no longer open for votes, so your vote was not counted."
            )
            status = 400
        elif _over_vote_budget(request):
            messages.error(
                request, "You have voted very quickly. Wait a minute, then vote on this one again."
            )
            status = 429
        else:
            try:
                services.vote_cast(statement=chosen, person=person, choice=form.cleaned_data["choice"])
            except services.VotingClosed:
                messages.error(request, "Voting has closed for this event, so your vote was not counted.")
                status = 400
            else:
                later = statements[statements.index(chosen) + 1 :]
                anchor = f"#statement-{later[0].pk}" if later else "#done"
                return redirect(reverse("public:vote", args=[event.join_code]) + anchor)
    votes = participant_votes(event, person.pk)
    return render(
        request,
        "public/vote.html",
        {
            "event": event,
            "person": person,
            "statements": [(s, votes.get(s.pk)) for s in statements],
            "voted": sum(1 for s in statements if s.pk in votes),
        },
        status=status,
    )


def _published(code: str):
    event = _event_for(code)
    if not event.results_published:
        raise Http404("The results of this event are not published")
    return event


def vote_results(request: HttpRequest, code: str) -> HttpResponse:
    event = _published(code)
    return render(
        request,
        "public/vote_results.html",
        {
            "event": event,
            "consensus": event_consensus(event),
            "live_feed": reverse("public:vote_results_feed", args=[event.join_code]),
        },
    )


def vote_results_feed(request: HttpRequest, code: str) -> HttpResponse:
    event = _published(code)
    return render(
        request, "consensus/includes/results.html", {"event": event, "consensus": event_consensus(event)}
    )
