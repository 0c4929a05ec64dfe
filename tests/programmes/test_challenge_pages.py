"""The back office: a programme lead adds an area (and leads it); those who run events write and edit
challenges, put draft wordings to the vote, agree one and move the stage. Bad input names the field and
changes nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from coproduce.accounts.models import AreaRole, Membership
from coproduce.consensus.models import Vote
from coproduce.programmes.models import Area, Challenge, ChallengeStage
from tests.factories import AreaFactory, EventFactory, PersonFactory, member

pytestmark = pytest.mark.django_db


def signed_in(area, role) -> Client:
    client = Client()
    client.force_login(member(area, role))
    return client


def test_a_programme_lead_adds_an_area_to_their_programme_and_leads_it():
    area = AreaFactory()
    lead = member(area, AreaRole.PROGRAMME_LEAD)
    client = Client()
    client.force_login(lead)
    assert "Add an area" in client.get(reverse("programmes:home")).content.decode()
    url = reverse("programmes:area_create", args=[area.programme_id])

    response = client.post(url, {"name": "Riverside", "slug": "riverside", "description": ""})

    new = Area.objects.get(slug="riverside")
    assert response.status_code == 302 and response.url == new.get_absolute_url()
    assert new.programme == area.programme and not new.is_published
    assert Membership.objects.get(user=lead, area=new).role == AreaRole.PROGRAMME_LEAD
    taken = client.post(url, {"name": "Again", "slug": "riverside"})
    assert taken.status_code == 400 and "Another area already uses this web address" in taken.content.decode()
    bad = client.post(url, {"name": "", "slug": "Not A Slug"})
    page = bad.content.decode()
    assert "Enter the area&#x27;s name" in page and "only have lower-case letters" in page
    assert Area.objects.filter(programme=area.programme).count() == 2


def test_only_a_programme_lead_adds_areas():
    area = AreaFactory()
    url = reverse("programmes:area_create", args=[area.programme_id])
    assert signed_in(area, AreaRole.FACILITATOR).get(url).status_code == 403
    assert signed_in(AreaFactory(), AreaRole.PROGRAMME_LEAD).get(url).status_code == 404
    assert (
        "Add an area"
        not in signed_in(area, AreaRole.FACILITATOR).get(reverse("programmes:home")).content.decode()
    )


def test_a_facilitator_writes_and_edits_a_challenge_with_its_history():
    area = AreaFactory()
    client = signed_in(area, AreaRole.FACILITATOR)
    empty = client.post(reverse("programmes:challenge_create", args=[area.slug]), {"text": " "})
    assert empty.status_code == 400 and "Enter the challenge" in empty.content.decode()
    client.post(reverse("programmes:challenge_create", args=[area.slug]), {"text": "How to work together?"})
    challenge = Challenge.objects.get()
    assert (challenge.number, challenge.stage) == (1, ChallengeStage.BLANK_PAGE)

    client.post(
        reverse("programmes:challenge_edit", args=[challenge.pk]), {"text": "How to work collaboratively?"}
    )

    page = client.get(challenge.get_absolute_url()).content.decode()
    assert "How to work collaboratively?" in page
    assert "Wording: How to work together? → How to work collaboratively?" in page
    # A commissioner reads it but cannot change it.
    commissioner = signed_in(area, AreaRole.COMMISSIONER)
    assert (
        "Put draft wordings to the vote"
        not in commissioner.get(challenge.get_absolute_url()).content.decode()
    )
    assert (
        commissioner.post(
            reverse("programmes:challenge_edit", args=[challenge.pk]), {"text": "x"}
        ).status_code
        == 403
    )


def test_draft_wordings_to_the_vote_then_agreed_and_on_to_solutions_through_the_pages():
    area = AreaFactory()
    event = EventFactory(area=area)
    client = signed_in(area, AreaRole.FACILITATOR)
    challenge = Challenge.objects.create(area=area, number=1, text="Working title")
    put = reverse("programmes:challenge_put_to_vote", args=[challenge.pk])

    missing = client.post(put, {"event": "", "wordings": ""})
    assert missing.status_code == 400
    assert (
        "Choose the event" in missing.content.decode()
        and "Enter at least one draft wording" in missing.content.decode()
    )
    other_area = client.post(put, {"event": EventFactory().pk, "wordings": "x"})
    assert other_area.status_code == 400 and "Choose an event of this area" in other_area.content.decode()
    too_long = client.post(put, {"event": event.pk, "wordings": "short\n" + "y" * 401})
    assert too_long.status_code == 400 and "Line 2 is 401 characters" in too_long.content.decode()
    assert not challenge.draft_wordings.exists()

    client.post(
        put, {"event": event.pk, "wordings": "How to work together?\n\nHow to work collaboratively?\n"}
    )
    challenge.refresh_from_db()
    assert challenge.stage == ChallengeStage.AGREEING
    first, second = challenge.draft_wordings.order_by("pk")
    agree = reverse("programmes:challenge_agree", args=[challenge.pk])
    nobody = client.post(agree, {"statement": second.pk})
    assert nobody.status_code == 400 and "Nobody has voted on this wording yet" in nobody.content.decode()
    assert client.post(agree, {"statement": "99999999999999999999"}).status_code == 400
    person = PersonFactory(area=area)
    Vote.objects.create(statement=second, person=person, role=person.role, choice="agree")

    client.post(agree, {"statement": second.pk})

    challenge.refresh_from_db()
    assert (challenge.stage, challenge.text) == (ChallengeStage.AGREED, "How to work collaboratively?")
    refused = client.post(reverse("programmes:challenge_stage", args=[challenge.pk]), {"stage": "blank_page"})
    assert refused.status_code == 400 and "cannot move" in refused.content.decode()
    client.post(reverse("programmes:challenge_stage", args=[challenge.pk]), {"stage": "solutions"})
    challenge.refresh_from_db()
    assert challenge.stage == ChallengeStage.SOLUTIONS and challenge.agreement.statement == second
