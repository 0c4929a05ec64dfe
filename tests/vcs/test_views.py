"""The VCS pages: who reads and writes which organisation's profile and health check, the network page
(its map and the tables that say the same), recording links, and the gaps found from shared themes."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.themes.models import RunStatus, Theme, ThemeAssignment
from coproduce.vcs.models import HealthCheck, OrganisationLink, OrganisationProfile
from tests.factories import (
    AnalysisRunFactory,
    AreaFactory,
    CommentFactory,
    EventFactory,
    OrganisationFactory,
    PersonFactory,
    member,
)
from tests.vcs.factories import CentreFactory, LinkFactory, take

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def area():
    return AreaFactory(name="London Borough of Bexley", slug="bexley")


@pytest.fixture
def forum(area):
    return OrganisationFactory(area=area, name="Heathway Community Forum")


def signed_in(client, user):
    client.force_login(user)
    return client


def test_a_vcs_member_fills_in_their_own_profile_and_reads_no_other(client, area, forum):
    other = OrganisationFactory(area=area, name="Acorn Toy Library")
    signed_in(client, member(area, AreaRole.VCS_MEMBER, organisation=forum))
    url = reverse("vcs:profile_edit", args=[forum.pk])
    response = client.post(url, {"needs": "A room", "volunteers": "12", "dbs_checked_volunteers": "20"})
    assert response.status_code == 400
    assert "DBS-checked volunteers (20) cannot be more than all volunteers (12)" in response.text
    assert not OrganisationProfile.objects.exists()
    response = client.post(url, {"needs": "A room", "volunteers": "12", "delivery_models": ["grant"]})
    assert response.status_code == 302
    page = client.get(reverse("vcs:organisation", args=[forum.pk]))
    assert "A room" in page.text and "Grant-funded project" in page.text
    assert client.get(reverse("vcs:organisation", args=[other.pk])).status_code == 403
    assert client.get(reverse("vcs:profile_edit", args=[other.pk])).status_code == 403
    listing = client.get(reverse("vcs:area", args=[area.slug]))
    assert forum.name in listing.text and other.name not in listing.text


def test_those_who_run_the_area_read_every_profile_and_a_commissioner_changes_none(client, area, forum):
    signed_in(client, member(area, AreaRole.COMMISSIONER))
    assert client.get(reverse("vcs:organisation", args=[forum.pk])).status_code == 200
    assert client.get(reverse("vcs:profile_edit", args=[forum.pk])).status_code == 403
    signed_in(client, member(AreaFactory(), AreaRole.PROGRAMME_LEAD))  # the lead of another area
    assert client.get(reverse("vcs:organisation", args=[forum.pk])).status_code == 404


def test_a_health_check_taken_twice_shows_the_change_and_its_weak_areas_as_training_needs(
    client, area, forum
):
    signed_in(client, member(area, AreaRole.VCS_MEMBER, organisation=forum))
    take(forum, D(2011, 10, 28), 2, finance=1)
    url = reverse("vcs:health_check_create", args=[forum.pk])
    form = {"taken_on": "2012-06-01"} | {f"score_{t}": "3" for t in _topics()} | {"score_finance": "2"}
    bad = client.post(url, {**form, "score_digital": "", "score_bidding": "7"})
    assert bad.status_code == 400
    assert "Rate digital and data" in bad.text and "Rate bidding and contracts from 1 to 4" in bad.text
    assert HealthCheck.objects.count() == 1
    response = client.post(url, {**form, "note_finance": "One funder left"})
    assert response.status_code == 302
    page = client.get(response["Location"])
    text = re.sub(r"\s+", " ", page.text)
    # Seven areas from 2 to 3, finance from 1 to 2: every one better by 1.
    assert "Mean rating <strong>2.9</strong> out of 4, +1.0 on the health check of 28 October 2011" in text
    assert "8 areas better" in text
    assert "One funder left" in text
    needs = client.get(reverse("cpd:organisation", args=[forum.pk]))
    assert "Finance and funding (health check 1 June 2012: 2: developing): One funder left" not in needs.text
    assert "Finance and funding (health check 28 October 2011" in needs.text  # still open: kept, not repeated


def _topics():
    from coproduce.vcs.models import HealthTopic

    return HealthTopic.values


@pytest.fixture
def bexley(area, forum):
    """Two centres and two VCS groups; the forum and Hollyfield linked, and a theme analysis in which
    Marsh Lane's and the forum's people both spoke of Saturday sessions."""
    hollyfield = CentreFactory(area=area, name="Hollyfield Children's Centre")
    marsh = CentreFactory(area=area, name="Marsh Lane Children's Centre")
    toys = OrganisationFactory(area=area, name="Acorn Toy Library")
    LinkFactory(area=area, organisation_a=hollyfield, organisation_b=forum, kind="referral", strength=3)
    event = EventFactory(area=area)
    run = AnalysisRunFactory(area=area, status=RunStatus.DONE)
    saturday = Theme.objects.create(run=run, number=1, label="Saturday sessions", size=3)
    for organisation in (marsh, forum, hollyfield):
        comment = CommentFactory(event=event, author=PersonFactory(area=area, organisation=organisation))
        ThemeAssignment.objects.create(run=run, theme=saturday, comment=comment, confidence=0.9)
    return {"hollyfield": hollyfield, "marsh": marsh, "toys": toys}


def test_the_network_page_draws_the_map_and_gives_the_same_network_in_tables_with_the_gaps(
    client, area, forum, bexley
):
    signed_in(client, member(area, AreaRole.CENTRE_MANAGER, organisation=bexley["marsh"]))
    page = client.get(reverse("vcs:network", args=[area.slug]))
    assert page.status_code == 200
    text = html.unescape(re.sub(r"\s+", " ", page.text))
    assert '<svg role="img" aria-labelledby="network-map-title network-map-desc"' in text
    assert "4 organisations and 1 linked pairs" in text
    assert text.count("<line ") == 2  # the link, and the gap drawn dashed
    # The gap: Marsh Lane and the forum both raised Saturday sessions and have no link; Hollyfield and the
    # forum have one; the toy library raised nothing.
    gaps = text.split('id="gaps"')[1]
    assert 'Marsh Lane Children\'s Centre</td><td class="govuk-table__cell">Heathway Community Forum' in gaps
    assert "Theme: Saturday sessions" in gaps and "Acorn Toy Library" not in gaps and "Hollyfield" not in gaps
    assert 'id="organisations-table"' in text and "0.00" in text


def test_a_facilitator_records_a_link_and_bad_input_changes_nothing(client, area, forum, bexley):
    signed_in(client, member(area, AreaRole.FACILITATOR))
    url = reverse("vcs:link_create", args=[area.slug])
    marsh = bexley["marsh"]
    body = {"organisation_a": marsh.pk, "organisation_b": forum.pk, "kind": "partnership", "strength": "4"}
    response = client.post(url, body)
    assert response.status_code == 400 and "from 1 (occasional) to 3 (close)" in response.text
    response = client.post(url, {**body, "strength": "2", "organisation_b": marsh.pk})
    assert response.status_code == 400 and "cannot be linked to itself" in response.text
    response = client.post(url, {**body, "strength": "2", "organisation_b": OrganisationFactory().pk})
    assert response.status_code == 400 and "Choose an organisation of this area" in response.text
    assert OrganisationLink.objects.count() == 1
    assert client.post(url, {**body, "strength": "2"}).status_code == 302
    link = OrganisationLink.objects.get(kind="partnership")
    page = client.get(reverse("vcs:network", args=[area.slug]))
    assert "No gaps: every children's centre and VCS group" in page.text
    assert client.post(reverse("vcs:link_remove", args=[link.pk])).status_code == 302
    assert not OrganisationLink.objects.filter(pk=link.pk).exists()


def test_a_vcs_member_records_and_changes_only_their_own_organisations_links(client, area, forum, bexley):
    signed_in(client, member(area, AreaRole.VCS_MEMBER, organisation=forum))
    url = reverse("vcs:link_create", args=[area.slug])
    theirs = {"organisation_a": bexley["marsh"].pk, "organisation_b": bexley["toys"].pk}
    response = client.post(url, {**theirs, "kind": "informal", "strength": "1"})
    assert response.status_code == 400 and "the organisation you speak for" in response.text
    others = LinkFactory(area=area, organisation_a=bexley["marsh"], organisation_b=bexley["toys"])
    assert client.get(reverse("vcs:link_edit", args=[others.pk])).status_code == 403
    own = OrganisationLink.objects.get(kind="referral")
    assert client.get(reverse("vcs:link_edit", args=[own.pk])).status_code == 200
