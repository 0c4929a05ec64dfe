"""Agreeing a match makes an action owned by the VCS organisation, traced back to the need's evidence; the
gaps, the map of what is available and a market place event's page show what was matched and agreed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.engagement.models import EventKind
from coproduce.marketplace import services
from coproduce.marketplace.models import MatchStatus
from coproduce.marketplace.selectors import area_gaps, availability_map
from coproduce.proposals.models import Action
from tests.factories import AreaFactory, CommentFactory, EventFactory, OrganisationFactory, member
from tests.marketplace.factories import centre, service, term

pytestmark = pytest.mark.django_db


@pytest.fixture
def market():
    area = AreaFactory(slug="bexley")
    where = centre(area)
    vcs = OrganisationFactory(area=area, name="Bexley Speech Trust")
    chatter = service(vcs, "Chatterbox", ages=(0, 5))
    service(vcs, "Dads' football", types=("fathers",), ages=(5, 16))
    comment = CommentFactory(event=EventFactory(area=area), text="Toddlers wait months for speech help")
    event = EventFactory(area=area, kind=EventKind.MARKET_PLACE, title="Market place, Bexleyheath")
    with TestCase.captureOnCommitCallbacks(execute=True):
        need = services.need_create(
            area=area,
            centre=where,
            title="Speech groups",
            description="Toddlers who are late to talk",
            service_type=term("speech-and-language"),
            minimum_age=0,
            maximum_age=3,
            budget_band="no_limit",
            evidence=[comment],
        )
        unmet = services.need_create(
            area=area,
            centre=where,
            title="Debt advice",
            description="Families in debt",
            service_type=term("money-and-housing"),
            budget_band="no_limit",
        )
    return area, where, vcs, chatter, comment, event, need, unmet


def test_an_agreed_match_becomes_an_action_owned_by_the_vcs_and_traced_to_the_comments(market):
    area, where, vcs, chatter, comment, event, need, _ = market
    match = need.matches.get(service=chatter)
    user = member(area, AreaRole.CENTRE_MANAGER, organisation=where)
    action = services.match_agree(
        match=match,
        user=user,
        title="Chatterbox at Bexleyheath",
        due_date=datetime.date(2027, 1, 31),
        event=event,
    )
    assert (action.owner, action.proposal.title, action.due_date) == (
        vcs,
        "Market place: agreed matches",
        datetime.date(2027, 1, 31),
    )
    assert list(action.proposal.evidence.all()) == [comment]
    match.refresh_from_db()
    assert (match.status, match.action, match.event, match.agreed_by) == (
        MatchStatus.AGREED,
        action,
        event,
        user,
    )
    with pytest.raises(ValidationError) as caught:
        services.match_agree(match=match, user=user, title="Twice")
    assert "already agreed" in caught.value.message_dict["status"][0]
    assert Action.objects.count() == 1
    assert match.history.count() == 2


def test_agreeing_refuses_an_unpublished_service_or_another_areas_event_and_changes_nothing(market):
    area, where, vcs, chatter, comment, event, need, _ = market
    match = need.matches.get(service=chatter)
    workshop = EventFactory(area=area)
    with pytest.raises(ValidationError) as caught:
        services.match_agree(match=match, user=None, title="x", event=workshop)
    assert caught.value.message_dict == {"event": ["Choose a market place event of this area"]}
    chatter.is_published = False
    chatter.save()
    with pytest.raises(ValidationError) as caught:
        services.match_agree(match=match, user=None, title=" ")
    assert set(caught.value.message_dict) == {"service", "title"}
    assert not Action.objects.exists()
    match.refresh_from_db()
    assert match.status == MatchStatus.SUGGESTED


def test_the_agree_page_for_the_vcs_member_of_the_service_and_a_403_for_another(market, client):
    area, where, vcs, chatter, comment, event, need, _ = market
    match = need.matches.get(service=chatter)
    client.force_login(member(area, AreaRole.VCS_MEMBER, organisation=OrganisationFactory(area=area)))
    assert client.get(reverse("marketplace:match_agree", args=[match.pk])).status_code == 403
    client.force_login(member(area, AreaRole.VCS_MEMBER, organisation=vcs))
    response = client.post(
        reverse("marketplace:match_agree", args=[match.pk]),
        {"title": "Chatterbox groups", "event": event.pk, "note": "Tuesdays from January"},
    )
    assert response.status_code == 302
    assert Action.objects.get().title == "Chatterbox groups"


def test_the_gaps_the_map_and_the_event_page(market, client):
    area, where, vcs, chatter, comment, event, need, unmet = market
    services.match_agree(match=need.matches.get(service=chatter), user=None, title="Chatterbox", event=event)
    gaps = area_gaps(area)
    assert [(n, reason) for n, reason in gaps.unmet] == [
        (unmet, "No published service is of type Money, debt and housing advice.")
    ]
    assert [(s.name, reason) for s, reason in gaps.unused] == [
        ("Dads' football", "No centre's need is of its type and ages.")
    ]
    the_map = availability_map(area)
    rows = {row.term.name: row for row in the_map.rows}
    assert set(rows) == {
        "Speech, language and communication",
        "Dads and male carers",
        "Money, debt and housing advice",
    }
    assert [
        (s.name, status) for s, status in rows["Speech, language and communication"].cells[0].services
    ] == [("Chatterbox", "agreed")]
    assert rows["Money, debt and housing advice"].cells[0].is_gap
    client.force_login(member(area, AreaRole.VIEWER))
    page = client.get(reverse("marketplace:event", args=[event.pk])).content.decode()
    assert "Chatterbox (agreed)" in page and "Nothing agreed at this event yet" not in page
    assert client.get(reverse("marketplace:event", args=[EventFactory(area=area).pk])).status_code == 404
    pdf = client.get(reverse("marketplace:map_pdf", args=[area.slug]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
