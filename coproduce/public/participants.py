"""Who a participant's browser is, and the limits on the endpoints anyone can reach with a join code.

Joining keeps only the event and the role in the session: the Person and Attendance rows are made when the
participant first contributes (a comment, a vote, a method contribution, a survey answer), so a browser
that joins and leaves, or that drops its cookies and joins again and again, is not counted as a person.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

from coproduce.core.forms import add_service_errors
from coproduce.directory.models import Person
from coproduce.engagement import services
from coproduce.engagement.models import Event, EventStatus

from .session import KNOWN_CODES, RECORDED, area_joined_key, attending_key, joined_key, person_key


class TooManyGuesses(Exception):
    """This address has looked up too many join codes it does not know; answered 429 by the middleware."""


def code_known(request: HttpRequest, code: str) -> None:
    known = list(request.session.get(KNOWN_CODES, []))
    if code.upper() not in known:
        request.session[KNOWN_CODES] = [*known[-19:], code.upper()]


def check_code_lookup(request: HttpRequest, code: str) -> None:
    """Every lookup of a join code this browser has not joined with counts against its address, GET and
    POST alike, so codes cannot be guessed quickly; a participant's own pages (votes, refreshes) cost
    nothing here. A room shares one address, so JOIN_CODE_RATE is generous for people joining at once."""
    if code.upper() in request.session.get(KNOWN_CODES, ()):
        return
    if is_ratelimited(
        request,
        group="join-code",
        key="ip",
        rate=settings.JOIN_CODE_RATE,
        method=ALL,
        increment=True,
    ):
        raise TooManyGuesses


def code_expired(event: Event, today: datetime.date | None = None) -> bool:
    """A closed event's code stops answering JOIN_CODE_GRACE_DAYS after it closed, or after its day when
    that is later (a late comment is still taken, and held, for a while)."""
    if event.status != EventStatus.CLOSED:
        return False
    today = today or timezone.localdate()
    ended = max(event.date, timezone.localdate(event.closed_at) if event.closed_at else event.date)
    return ended + datetime.timedelta(days=settings.JOIN_CODE_GRACE_DAYS) < today


def participant_join(request: HttpRequest, event: Event, role: str) -> None:
    """Remember in the session that this browser joined ``event`` as ``role``; nothing is written until
    they contribute. A person already recorded in the area keeps their row and takes the new role."""
    request.session[joined_key(event.pk)] = role
    request.session[area_joined_key(event.area_id)] = event.pk
    code_known(request, event.join_code)
    attending = request.session.get(attending_key(event.pk))
    if attending and attending[1] != role:
        participant_for(request, event, create=True)


def joined_role(request: HttpRequest, event: Event) -> str | None:
    """The role this browser joined ``event`` with, whether or not it has contributed yet."""
    attending = request.session.get(attending_key(event.pk))
    return request.session.get(joined_key(event.pk)) or (attending[1] if attending else None)


def participant_for(request: HttpRequest, event: Event, *, create: bool = False) -> Person | None:
    """The person this browser joined ``event`` as. Without ``create``, None until they have contributed;
    with it (at a first contribution), the person and their attendance are recorded then."""
    attending = request.session.get(attending_key(event.pk))
    role = request.session.get(joined_key(event.pk))
    person = None
    if attending:
        person = Person.objects.filter(pk=attending[0], area_id=event.area_id).first()
    elif request.session.get(person_key(event.area_id)) and not create:
        # Older sessions, and a person recorded at another event of the area: the same person if attending.
        person = Person.objects.filter(
            pk=request.session[person_key(event.area_id)], attendances__event=event
        ).first()
    if person is not None and (role is None or role == person.role):
        request.session[attending_key(event.pk)] = [person.pk, person.role]
        return person
    if not create or role is None:
        return person
    known_id = request.session.get(person_key(event.area_id))
    known = person or (Person.objects.filter(pk=known_id).first() if known_id else None)
    # The person and their attendance are recorded together or not at all; inside a caller's transaction
    # (a vote, a comment) they join it rather than open a savepoint, which would cost two round trips.
    with transaction.atomic(savepoint=False):
        person = services.participant_join(event=event, role=role, person=known)
    request.session[person_key(event.area_id)] = person.pk
    # Kept in the session too, so a vote needs no query to know who is voting and in what role.
    request.session[attending_key(event.pk)] = [person.pk, person.role]
    return person


@contextmanager
def contribution_transaction(request: HttpRequest) -> Iterator[None]:
    """One transaction for a contribution and, at a first one, the person and attendance it records: one
    flush to disk, and all or nothing. If it rolls back, the session forgets a person it was told of
    inside (at whichever event or area), so it never points at a row that was not kept."""
    before = {key: value for key, value in request.session.items() if key.startswith(RECORDED)}
    try:
        with transaction.atomic():
            yield
    except BaseException:
        for key in [key for key, _ in request.session.items() if key.startswith(RECORDED)]:
            if key not in before:
                del request.session[key]
        request.session.update(before)
        raise


def attending(request: HttpRequest, event: Event) -> tuple[int | None, str] | None:
    """(person id or None before their first contribution, role) from the session, or None: not joined."""
    found = request.session.get(attending_key(event.pk))
    role = request.session.get(joined_key(event.pk))
    if found and (role is None or role == found[1]):
        return int(found[0]), str(found[1])
    if role is not None:
        return None, role
    person = participant_for(request, event)
    return (person.pk, person.role) if person else None


def area_participant(request: HttpRequest, area_id: int, *, create: bool = False) -> Person | None:
    """The person this browser is in the area (a survey pairs by it); with ``create``, recorded at the
    event of the area it joined, if it joined one."""
    person_id = request.session.get(person_key(area_id))
    person = Person.objects.filter(pk=person_id, area_id=area_id).first() if person_id else None
    if person is not None or not create or not request.session.get(area_joined_key(area_id)):
        return person
    event = Event.objects.filter(pk=request.session[area_joined_key(area_id)], area_id=area_id).first()
    return participant_for(request, event, create=True) if event else None


def participant_rate_key(group: str, request: HttpRequest) -> str:
    """Rate-limit key for someone who has joined: their browser session (a room shares one address)."""
    return request.session.session_key or request.META.get("REMOTE_ADDR", "")


def participant_limited(
    request: HttpRequest, group: str, *, event: Event | None = None, address_rate: str = ""
) -> bool:
    """The one rate limit of what anyone with a join code posts (joining, comments, method contributions,
    survey answers): per participant (PARTICIPANT_RATE), per address (``address_rate``, by default
    PARTICIPANT_ADDRESS_RATE, generous: a room shares one Wi-Fi address) and, given one, per event
    (PARTICIPANT_EVENT_RATE), so neither many sessions from one machine nor many machines at one event can
    flood it. Every check is counted. ``group`` keeps each kind of post's counts apart."""
    checks: list[tuple[object, str]] = [
        (participant_rate_key, settings.PARTICIPANT_RATE),
        ("ip", address_rate or settings.PARTICIPANT_ADDRESS_RATE),
    ]
    if event is not None:
        checks.append((lambda group, request: f"event:{event.pk}", settings.PARTICIPANT_EVENT_RATE))
    over = [
        is_ratelimited(request, group=f"{group}:{n}", key=key, rate=rate, method="POST", increment=True)
        for n, (key, rate) in enumerate(checks)
    ]
    return any(over)


# What a participant is told when they have posted too much too quickly, whatever they were sending.
TOO_FAST = "You have sent a lot very quickly. Wait a minute and send it again: nothing has been lost."


@dataclass(frozen=True)
class Sent:
    """What became of a participant's post: the response once it was kept (a redirect, say), else the
    status to show the page with, its form carrying the problems and what they typed."""

    response: HttpResponse | None = None
    status: int = 200


NOT_SENT = Sent()


def participant_send(
    request: HttpRequest,
    form: BaseForm,
    save: Callable[[dict], HttpResponse],
    *,
    group: str,
    event: Event | None = None,
    address_rate: str = "",
    invalid: int = 400,
) -> Sent:
    """The one participant flow for a form: nothing sent (not a POST), too many posts (429, TOO_FAST on
    the form), a form with problems (``invalid``, 400 unless said), or ``save(cleaned_data)``, in one transaction with any person it records; a
    service's ValidationError goes on the form (400). What was typed is never dropped: on a refusal the
    form is shown again with it (ADR 0002)."""
    if request.method != "POST":
        return NOT_SENT
    if participant_limited(request, group, event=event, address_rate=address_rate):
        form.is_valid()
        form.add_error(None, TOO_FAST)
        return Sent(status=429)
    if not form.is_valid():
        return Sent(status=invalid)
    try:
        with contribution_transaction(request):
            return Sent(response=save(form.cleaned_data))
    except ValidationError as error:
        add_service_errors(form, error)
        return Sent(status=400)


def event_for(request: HttpRequest, code: str) -> Event:
    """The event a join code names, counting the lookup against the address unless this browser has
    joined with the code; a closed event's code stops answering after JOIN_CODE_GRACE_DAYS, saying no more
    than an unknown code does."""
    check_code_lookup(request, code)
    event = get_object_or_404(Event.objects.select_related("area"), join_code=code.upper())
    if code_expired(event):
        raise Http404("That code is not recognised, or its event has closed")
    return event
