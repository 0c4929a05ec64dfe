"""Action owners' daily digest: each person who speaks for an action's owning organisation is told, once,
when the action is assigned to it and when it becomes overdue, in one email a day.

``notices_collect`` writes what is news (an ``ActionNotice`` per person, action and event; the unique keys
make a second run find nothing new) and ``digest_send`` mails each person their unsent notices, then marks
them sent. Both run in the background worker (``kpis.tasks.send_action_digest``), queued daily by the
``send_action_digest`` management command from cron, never inside a web request.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.models import Membership
from coproduce.kpis.models import ActionNotice, NoticeKind
from coproduce.proposals.models import Action, ActionStatus


def owners_people(actions) -> dict[int, list]:
    """Action id -> the active users with an email address whose membership of the action's area names its
    owning organisation."""
    actions = list(actions)
    keys = {(a.proposal.area_id, a.owner_id) for a in actions if a.owner_id}
    people: dict[tuple[int, int | None], list] = defaultdict(list)
    if keys:
        memberships = (
            Membership.objects.filter(
                area_id__in={k[0] for k in keys},
                organisation_id__in={k[1] for k in keys},
                user__is_active=True,
            )
            .exclude(user__email="")
            .select_related("user")
        )
        for m in memberships:
            people[(m.area_id, m.organisation_id)].append(m.user)
    return {a.pk: people.get((a.proposal.area_id, a.owner_id), []) for a in actions if a.owner_id}


def _notice(action: Action, user, kind: str) -> bool:
    """Record one notice unless it was recorded before; True if it is new."""
    key = {
        "action": action,
        "user": user,
        "kind": kind,
        "owner_id_then": action.owner_id,
        "due_date_then": action.due_date if kind == NoticeKind.OVERDUE else None,
    }
    lookup = {k: v for k, v in key.items() if kind == NoticeKind.OVERDUE or k != "due_date_then"}
    if ActionNotice.objects.filter(**lookup).exists():
        return False
    try:
        with transaction.atomic():  # two digests at once: the unique key lets one of them win
            ActionNotice.objects.create(**key)
    except IntegrityError:
        return False
    return True


def notices_collect(*, today: datetime.date | None = None) -> int:
    """Record what is news since the last run; returns how many notices are new."""
    today = today or timezone.localdate()
    new = 0
    open_actions = (
        Action.objects.filter(owner__isnull=False)
        .exclude(status=ActionStatus.DONE)
        .select_related("proposal")
    )
    overdue_ids = set(open_actions.overdue(today).values_list("pk", flat=True))
    actions = list(open_actions)
    people = owners_people(actions)
    for action in actions:
        for user in people.get(action.pk, []):
            new += _notice(action, user, NoticeKind.ASSIGNED)
            if action.pk in overdue_ids:
                new += _notice(action, user, NoticeKind.OVERDUE)
    return new


@dataclass
class DigestLine:
    notice: ActionNotice
    url: str


def _digest_lines(notices: list[ActionNotice]) -> list[DigestLine]:
    base = settings.SITE_URL.rstrip("/")
    return [DigestLine(n, base + reverse("proposals:action", args=[n.action_id])) for n in notices]


def digest_send(*, today: datetime.date | None = None) -> int:
    """Collect, then send each person one email with their unsent notices. Returns how many emails went.

    Notices are claimed (stamped sent) before the email goes, so a second worker cannot send them too; if
    the mail server refuses, the stamp is taken off again and they go in the next digest."""
    today = today or timezone.localdate()
    notices_collect(today=today)
    pending = ActionNotice.objects.filter(sent_at__isnull=True).select_related(
        "action__proposal__area", "action__owner", "user"
    )
    by_user: dict[int, list[ActionNotice]] = defaultdict(list)
    for notice in pending.order_by("user_id", "kind", "action__due_date", "pk"):
        # Still news? An action done, or given to another organisation, since it was noticed is not.
        action = notice.action
        if action.status == ActionStatus.DONE or action.owner_id != notice.owner_id_then:
            ActionNotice.objects.filter(pk=notice.pk).delete()
            continue
        by_user[notice.user_id].append(notice)
    users = get_user_model().objects.in_bulk(list(by_user))
    sent = 0
    for user_id, notices in by_user.items():
        ids = [n.pk for n in notices]
        now = timezone.now()
        if ActionNotice.objects.filter(pk__in=ids, sent_at__isnull=True).update(sent_at=now) != len(ids):
            ActionNotice.objects.filter(pk__in=ids, sent_at=now).update(sent_at=None)
            continue  # another worker took some of them: it sends them
        user = users[user_id]
        lines = _digest_lines(notices)
        overdue = [line for line in lines if line.notice.kind == NoticeKind.OVERDUE]
        overdue_ids = {line.notice.action_id for line in overdue}
        context = {
            "user": user,
            # An action assigned and overdue since the last digest is listed once, as overdue.
            "assigned": [
                line
                for line in lines
                if line.notice.kind == NoticeKind.ASSIGNED and line.notice.action_id not in overdue_ids
            ],
            "overdue": overdue,
            "today": today,
            "my_actions_url": settings.SITE_URL.rstrip("/") + reverse("kpis:my_actions"),
        }
        try:
            send_mail(
                subject=_subject(context),
                message=render_to_string("kpis/email/action_digest.txt", context),
                from_email=None,
                recipient_list=[user.email],
            )
        except Exception:
            ActionNotice.objects.filter(pk__in=ids, sent_at=now).update(sent_at=None)
            raise
        sent += 1
    return sent


def _subject(context: dict) -> str:
    parts = []
    if context["overdue"]:
        n = len(context["overdue"])
        parts.append(f"{n} overdue action{'s' if n != 1 else ''}")
    if context["assigned"]:
        n = len(context["assigned"])
        parts.append(f"{n} new action{'s' if n != 1 else ''}")
    return "Your actions: " + " and ".join(parts)
