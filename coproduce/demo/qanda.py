"""The demo's questions and answers: thirteen illustrative questions to Bexley about KPIs and practical
issues, nine answered by the commissioner (one of them published with changes, its words as asked kept
for moderators), one waiting for its answer, two waiting for moderation and one rejected.

Illustrative: the case study proposes the Q&A facility "to make key performance criteria transparent and
deal with a range of practical issues"; these questions and answers are written for the demo. Safe to run
again: nothing is added once Bexley has its demo questions.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from coproduce.programmes.models import Area
from coproduce.qanda.models import Answer, Question, QuestionStatus

from .data import bexley

# (challenge number or None, question, answer or None)
ANSWERED = (
    (
        None,
        "What does 'key performance indicator' mean for a children's centre?",
        "A key performance indicator (KPI) is one of a few numbers the council watches to see whether a "
        "centre's services are reaching families and making a difference: for example the share of families "
        "with children under five in the area who use a centre at least once a year. Each KPI has a target, "
        "and we publish how each centre is doing against it every quarter.",
    ),
    (
        None,
        "How is the share of families 'reached' by a centre measured?",
        "We count the families with a child under five living in the centre's area who used any of its "
        "services in the last twelve months, from the centres' registration records, and divide by the "
        "number of such families in the area from the health visiting records. No names leave the centre: "
        "only the counts.",
    ),
    (
        None,
        "Will any children's centres open on Saturdays?",
        "Two centres will open on Saturday mornings (9am to 1pm) from September, as parents asked at the "
        "listening events. We will look at how many families come in the first six months before deciding "
        "on more.",
    ),
    (
        None,
        "What are the centres' opening hours during the school holidays?",
        "Every centre keeps its term-time hours during the school holidays except the week between Christmas "
        "and New Year, when one centre in each locality stays open. Each centre's page lists its hours.",
    ),
    (
        1,
        "How can a small VCS group get involved in delivering children's centre services?",
        "Come to the next market-place event, where VCS groups show what they offer and centres say what "
        "they need; list your services in the directory; and ask to join a centre's advisory board. Small "
        "groups can also join a consortium led by a larger partner when services are commissioned.",
    ),
    (
        1,
        "Do VCS groups have to bid against each other for contracts?",
        "Not always. The options appraisal looked at in-house, outsourced, VCS-run and mixed models, and the "
        "council will consult partners on the commissioning timetable before any tender. Grants stay open "
        "to small groups for work under £10,000.",
    ),
    (
        2,
        "How is the children's centres budget decided?",
        "The council's cabinet sets the overall budget each February. Within it, commissioners propose how it "
        "is shared between centres and services using the needs analysis and the KPIs, and partners are "
        "consulted through the task group before it is agreed.",
    ),
    (
        2,
        "Who checks that centres are meeting their targets?",
        "The commissioning team reviews every centre's KPIs each quarter with its manager, and the task group "
        "of partners sees the same figures. Where a target is missed, the centre explains why and what it "
        "will change, and that explanation is published with the figures.",
    ),
)
WAITING_FOR_AN_ANSWER = "When will this year's KPI figures for each centre be published?"
WAITING_FOR_MODERATION = (
    "Can parents sit on the panel that chooses who runs the centres?",
    "Is there a crèche at the parents' forum meetings?",
)
REJECTED = (
    "Buy cheap followers for your charity's page at our website!!!",
    "Advertising, not a question about commissioning.",
)
EDITED = (
    "Why did the Hollyfield centre stop the baby massage class that Sarah B. ran on Tuesdays?",
    "Why did a centre stop its baby massage class, and will it come back?",
    "We removed a person's name: questions are published for everyone to read.",
    "Classes change with what families ask for; this one stopped when its leader left. The centre is "
    "training two staff to run it again from the spring term.",
)


def load_qanda_demo() -> int:
    """Bexley's illustrative questions, if the area is loaded and has none; returns how many were made."""
    area = Area.objects.filter(slug=bexley.AREA.slug).first()
    if area is None or Question.objects.filter(area=area, is_illustrative=True).exists():
        return 0
    commissioner = get_user_model().objects.filter(username="commissioner").first()
    challenges = {c.number: c for c in area.challenges.all()}
    now = timezone.now()
    made = 0

    def question(text: str, days_ago: int, **fields) -> Question:
        nonlocal made
        made += 1
        asked = now - datetime.timedelta(days=days_ago)
        q = Question.objects.create(area=area, text=text, is_illustrative=True, **fields)
        # auto_now_add ignores a given value; moderated a day after it was asked.
        moderated = min(asked + datetime.timedelta(days=1), now) if q.moderated_at else None
        Question.objects.filter(pk=q.pk).update(asked_at=asked, moderated_at=moderated)
        q.asked_at, q.moderated_at = asked, moderated
        return q

    def answer(q: Question, text: str) -> None:
        a = Answer.objects.create(question=q, text=text, answered_by=commissioner, answered_as="Commissioner")
        answered = min(q.asked_at + datetime.timedelta(days=3), now)
        Answer.objects.filter(pk=a.pk).update(answered_at=answered, updated_at=answered)

    def published(**fields) -> dict:
        return {
            "status": QuestionStatus.PUBLISHED,
            "moderated_by": commissioner,
            "moderated_at": now,
            **fields,
        }

    for n, (challenge, text, reply) in enumerate(ANSWERED):
        q = question(
            text, 60 - 5 * n, **published(challenge=challenges.get(challenge) if challenge else None)
        )
        answer(q, reply)
    original, text, reason, reply = EDITED
    q = question(
        text, 12, **published(original_text=original, edit_reason=reason, challenge=challenges.get(2))
    )
    answer(q, reply)
    question(WAITING_FOR_AN_ANSWER, 3, **published())
    for n, text in enumerate(WAITING_FOR_MODERATION):
        question(text, 2 - n)
    text, reason = REJECTED
    question(
        text,
        5,
        status=QuestionStatus.REJECTED,
        rejection_reason=reason,
        moderated_by=commissioner,
        moderated_at=now,
    )
    return made
