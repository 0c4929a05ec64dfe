"""Bexley's two challenges at the stages the case study implies: the partners "built consensus on what the
challenge is, before discussing 'solutions'", so both were agreed at the 28 October 2011 workshop and have
since moved on to solutions (the February 2012 proposals answer them).

Illustrative: the case study gives the wordings (verbatim) but not the votes. The votes here, and the first
draft of challenge 1 that the room did not agree, are written for the demo. The evidence is recorded by the
app's own service, so it is what the results page showed for those votes. Safe to run again: a challenge
already agreed is left as it is.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from coproduce.consensus.challenges import challenge_agree
from coproduce.consensus.models import Statement, Vote, VoteChoice
from coproduce.directory.models import Person, Role
from coproduce.engagement.models import Event
from coproduce.programmes.models import Challenge, ChallengeStage
from coproduce.programmes.services import challenge_set_stage

from .data import bexley

WORKSHOP_TITLE = "Workshop: engaging the VCS in children's centres"
_LA, _CM, _CS, _VCS = Role.LA_PROFESSIONAL, Role.CC_MANAGER, Role.CC_STAFF, Role.VCS_PROVIDER
# challenge number, draft wording (None: the case study's own), (agree, disagree) by role; the rest pass.
# The workshop had 8 local-authority professionals, 4 centre managers, 3 centre staff and 10 VCS providers.
DRAFTS: tuple[tuple[int, str | None, dict[str, tuple[int, int]], bool], ...] = (
    (
        1,
        "How can the council get more VCS groups to bid for children's-centre contracts?",
        {_LA: (6, 1), _CM: (2, 1), _CS: (1, 1), _VCS: (3, 6)},
        False,
    ),
    (1, None, {_LA: (7, 0), _CM: (4, 0), _CS: (3, 0), _VCS: (9, 0)}, True),
    (2, None, {_LA: (7, 0), _CM: (4, 0), _CS: (2, 0), _VCS: (10, 0)}, True),
)


def _votes(
    statement: Statement, people: dict[str, list[Person]], counts: dict[str, tuple[int, int]]
) -> list[Vote]:
    votes = []
    for role, (agree, disagree) in counts.items():
        voters = people.get(role, [])
        choices = [VoteChoice.AGREE] * agree + [VoteChoice.DISAGREE] * disagree
        choices += [VoteChoice.PASS] * (len(voters) - len(choices))
        votes += [
            Vote(statement=statement, person=person, role=role, choice=choice)
            for person, choice in zip(voters, choices, strict=True)
        ]
    return votes


def load_challenge_stages() -> int:
    """Put Bexley's challenges through the vote at the 2011 workshop and on to solutions, unless already
    done; returns how many challenges were agreed."""
    event = Event.objects.filter(area__slug=bexley.AREA.slug, title=WORKSHOP_TITLE).first()
    if event is None:
        return 0
    challenges = {c.number: c for c in Challenge.objects.filter(area=event.area)}
    if not challenges or any(c.agreements.exists() for c in challenges.values()):
        return 0
    facilitator = get_user_model().objects.filter(username="facilitator").first()
    people: dict[str, list[Person]] = {}
    for person in Person.objects.filter(attendances__event=event).order_by("pk"):
        people.setdefault(person.role, []).append(person)
    agreed = []
    for number, wording, counts, is_agreed in DRAFTS:
        challenge = challenges[number]
        statement = Statement.objects.create(
            event=event,
            text=wording or challenge.text,
            challenge=challenge,
            is_open=False,
            is_illustrative=True,
            created_by=facilitator,
        )
        Vote.objects.bulk_create(_votes(statement, people, counts))
        challenge.stage = ChallengeStage.AGREEING
        challenge.save(update_fields=["stage"])
        if is_agreed:
            agreed.append((challenge, statement))
    for challenge, statement in agreed:
        challenge_agree(challenge=challenge, statement=statement, agreed_by=facilitator, today=event.date)
        challenge_set_stage(challenge=challenge, stage=ChallengeStage.SOLUTIONS)
    return len(agreed)
