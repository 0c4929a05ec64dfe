"""Each challenge's co-production stage: blank page, draft wordings put to the vote, agreed with its
evidence kept (and unchanged by later votes), solutions; proposals on a challenge not yet agreed flagged."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.consensus import challenges as stages
from coproduce.consensus.models import StatementStatus, Vote
from coproduce.directory.models import Role
from coproduce.programmes import services
from coproduce.programmes.models import ChallengeStage
from tests.factories import AreaFactory, EventFactory, PersonFactory, ProposalFactory, member

pytestmark = pytest.mark.django_db

WORDING = "How to improve engagement of the local VCS in the delivery of children's centres?"


def votes(statement, choices_by_role: dict[str, list[str]]) -> list:
    people = []
    for role, choices in choices_by_role.items():
        for choice in choices:
            person = PersonFactory(area=statement.event.area, role=role)
            Vote.objects.create(statement=statement, person=person, role=role, choice=choice)
            people.append(person)
    return people


@pytest.fixture
def being_agreed():
    area = AreaFactory()
    challenge = services.challenge_create(area=area, text="Working title")
    event = EventFactory(area=area, date=datetime.date(2011, 10, 28), title="Workshop")
    draft, wording = stages.challenge_put_to_vote(
        challenge=challenge, event=event, wordings=["How can more VCS groups bid?", WORDING], created_by=None
    )
    return challenge, event, draft, wording


def test_a_new_challenge_starts_at_the_blank_page_numbered_after_the_last():
    area = AreaFactory()
    first = services.challenge_create(area=area, text="One")
    second = services.challenge_create(area=area, text="  Two ")
    assert (first.number, second.number, second.text) == (1, 2, "Two")
    assert second.stage == ChallengeStage.BLANK_PAGE and second.agreement is None


def test_draft_wordings_become_open_statements_and_the_challenge_is_being_agreed(being_agreed):
    challenge, event, draft, wording = being_agreed
    challenge.refresh_from_db()
    assert challenge.stage == ChallengeStage.AGREEING
    assert [s.text for s in challenge.draft_wordings.all()] == ["How can more VCS groups bid?", WORDING]
    assert all(
        s.event == event and s.is_open and s.status == StatementStatus.APPROVED for s in (draft, wording)
    )


def test_agreeing_keeps_the_wording_and_the_evidence_as_it_was(being_agreed):
    challenge, event, draft, wording = being_agreed
    votes(
        wording,
        {
            Role.LA_PROFESSIONAL: ["agree", "agree", "agree", "disagree"],
            Role.VCS_PROVIDER: ["agree", "agree", "agree", "pass"],
        },
    )

    agreement = stages.challenge_agree(
        challenge=challenge, statement=wording, agreed_by=None, today=datetime.date(2011, 10, 29)
    )

    challenge.refresh_from_db()
    assert (challenge.stage, challenge.text, challenge.agreement) == (
        ChallengeStage.AGREED,
        WORDING,
        agreement,
    )
    assert (agreement.wording, agreement.statement, agreement.event, agreement.event_title) == (
        WORDING,
        wording,
        event,
        "Workshop",
    )
    assert (agreement.event_date, agreement.agreed_on) == (
        datetime.date(2011, 10, 28),
        datetime.date(2011, 10, 29),
    )
    assert agreement.participants == 8
    assert agreement.overall == {"agree": 6, "disagree": 1, "pass": 1, "share": 0.75}
    assert agreement.by_role == [
        {
            "role": "Local-authority professional",
            "agree": 3,
            "disagree": 1,
            "pass": 0,
            "share": 0.75,
            "judged": True,
        },
        {"role": "VCS provider", "agree": 3, "disagree": 0, "pass": 1, "share": 0.75, "judged": True},
    ]
    assert agreement.common_ground_roles is True
    # Eight people voting on two statements is too few for opinion groups: not known, not "agreed".
    assert agreement.by_group == [] and agreement.common_ground_groups is None

    # Later votes change the live results, never the evidence kept.
    votes(wording, {Role.CC_MANAGER: ["disagree"] * 5})
    agreement.refresh_from_db()
    assert agreement.participants == 8 and agreement.overall["disagree"] == 1
    assert stages.wording_evidence(wording)["overall"]["disagree"] == 6


def test_the_evidence_by_opinion_group_counts_each_groups_votes_on_the_wording():
    area = AreaFactory()
    challenge = services.challenge_create(area=area, text="Working title")
    event = EventFactory(area=area)
    texts = [WORDING, *(f"Divisive statement {n}" for n in range(7))]
    wording, *others = stages.challenge_put_to_vote(
        challenge=challenge, event=event, wordings=texts, created_by=None
    )
    # Two camps of six who split on everything but the wording, which everyone agrees with.
    for n in range(12):
        camp = "agree" if n < 6 else "disagree"
        person = PersonFactory(area=area, role=Role.VCS_PROVIDER if n % 2 else Role.LA_PROFESSIONAL)
        Vote.objects.create(statement=wording, person=person, role=person.role, choice="agree")
        for statement in others:
            Vote.objects.create(statement=statement, person=person, role=person.role, choice=camp)

    evidence = stages.wording_evidence(wording)

    assert len(evidence["by_group"]) == 2
    assert sorted(g["size"] for g in evidence["by_group"]) == [6, 6]
    # Everyone agreed: each group's share is 1, Pol.is's smoothed agreement (6 + 1) / (6 + 2).
    assert all((g["agree"], g["share"], g["smoothed"]) == (6, 1.0, 0.875) for g in evidence["by_group"])
    assert evidence["common_ground_groups"] is True
    assert evidence["group_consensus"] == round(0.875 * 0.875, 4)
    # And a divisive statement is not common ground across the groups.
    assert stages.wording_evidence(others[0])["common_ground_groups"] is False


def test_what_cannot_be_agreed_is_refused_and_nothing_changes(being_agreed):
    challenge, event, draft, wording = being_agreed
    with pytest.raises(ValidationError, match="Nobody has voted"):
        stages.challenge_agree(challenge=challenge, statement=wording, agreed_by=None)
    other = services.challenge_create(area=challenge.area, text="Another")
    with pytest.raises(ValidationError, match="this challenge's draft wordings"):
        stages.challenge_agree(challenge=other, statement=wording, agreed_by=None)
    wording.withdrawn_reason = "Its comment was hidden."
    wording.save()
    votes(wording, {Role.VCS_PROVIDER: ["agree"]})
    with pytest.raises(ValidationError, match="withdrawn or not approved"):
        stages.challenge_agree(challenge=challenge, statement=wording, agreed_by=None)
    with pytest.raises(ValidationError, match="Choose an event of this challenge's area"):
        stages.challenge_put_to_vote(
            challenge=challenge, event=EventFactory(), wordings=["x"], created_by=None
        )
    challenge.refresh_from_db()
    assert challenge.stage == ChallengeStage.AGREEING and not challenge.agreements.exists()


def test_stage_moves_forward_to_solutions_and_back_keeping_the_evidence(being_agreed):
    challenge, event, draft, wording = being_agreed
    votes(wording, {Role.VCS_PROVIDER: ["agree", "agree"]})
    first = stages.challenge_agree(challenge=challenge, statement=wording, agreed_by=None)
    challenge.refresh_from_db()

    with pytest.raises(ValidationError, match="recording the vote"):
        services.challenge_set_stage(challenge=challenge, stage=ChallengeStage.AGREED)
    services.challenge_set_stage(challenge=challenge, stage=ChallengeStage.SOLUTIONS)
    assert challenge.agreement == first
    # An agreed wording cannot be edited, nor new drafts put, until it is reopened.
    with pytest.raises(ValidationError, match="agreed by the partners"):
        services.challenge_update(challenge=challenge, text="Something else")
    with pytest.raises(ValidationError, match="is agreed"):
        stages.challenge_put_to_vote(challenge=challenge, event=event, wordings=["x"], created_by=None)

    services.challenge_set_stage(challenge=challenge, stage=ChallengeStage.AGREEING)
    assert challenge.agreement is None and list(challenge.agreements.all()) == [first]
    second = stages.challenge_agree(
        challenge=challenge, statement=draft if draft.votes.exists() else wording, agreed_by=None
    )
    assert list(challenge.agreements.all()) == [second, first]
    with pytest.raises(ValidationError, match="cannot move"):
        services.challenge_set_stage(challenge=challenge, stage=ChallengeStage.BLANK_PAGE)
    assert [h.stage for h in challenge.history.order_by("history_date")][-3:] == [
        ChallengeStage.SOLUTIONS,
        ChallengeStage.AGREEING,
        ChallengeStage.AGREED,
    ]


def test_the_pages_show_stage_and_evidence_and_flag_proposals_on_unagreed_challenges(being_agreed):
    challenge, event, draft, wording = being_agreed
    area = challenge.area
    area.is_published = True
    area.save()
    agreed = services.challenge_create(area=area, text="How to work collaboratively?")
    agreed.stage = ChallengeStage.AGREEING
    agreed.save()
    (statement,) = stages.challenge_put_to_vote(
        challenge=agreed, event=event, wordings=["How to work collaboratively?"], created_by=None
    )
    votes(statement, {Role.VCS_PROVIDER: ["agree", "agree", "agree"]})
    stages.challenge_agree(
        challenge=agreed, statement=statement, agreed_by=None, today=datetime.date(2011, 11, 1)
    )
    on_unagreed = ProposalFactory(area=area, title="Market-place events")
    on_unagreed.challenges.set([challenge])
    on_agreed = ProposalFactory(area=area, title="Schools workshop")
    on_agreed.challenges.set([agreed])
    client = Client()
    client.force_login(member(area, AreaRole.VIEWER))

    dashboard = client.get(reverse("programmes:area", args=[area.slug])).content.decode()
    assert "Agreeing the challenge" in dashboard and "Agreed on 1 November 2011" in dashboard
    public = Client().get(reverse("public:area", args=[area.slug])).content.decode()
    assert "Agreeing the challenge" in public and "Agreed on 1 November 2011" in public
    assert "3 people voted, 3 agreed" in public
    listing = client.get(reverse("proposals:list", args=[area.slug])).content.decode()
    assert listing.count("not yet agreed") == 1 and "Challenge 1 not yet agreed" in listing
    assert "Challenge not yet agreed" in client.get(on_unagreed.get_absolute_url()).content.decode()
    assert "Challenge not yet agreed" not in client.get(on_agreed.get_absolute_url()).content.decode()
    page = client.get(reverse("programmes:challenge", args=[agreed.pk])).content.decode()
    assert "Agreement by role" in page and "Schools workshop" in page


def test_the_report_shows_each_challenges_stage_and_evidence(being_agreed):
    from coproduce.reports.selectors import area_report

    challenge, event, draft, wording = being_agreed
    votes(wording, {Role.VCS_PROVIDER: ["agree", "agree", "agree"]})
    stages.challenge_agree(
        challenge=challenge, statement=wording, agreed_by=None, today=datetime.date(2011, 11, 1)
    )
    client = Client()
    client.force_login(member(challenge.area, AreaRole.FACILITATOR))
    page = client.get(reverse("reports:area_report", args=[challenge.area.slug])).content.decode()
    assert (
        "How it was agreed" in page and "Agreed on 1 November 2011" in page and 'data-stage="agreed"' in page
    )
    assert area_report(challenge.area).challenges[0].agreement.wording == WORDING
