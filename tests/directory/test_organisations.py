"""Organisations: a proposal writer adds the owners of actions from the back office, and corrects them."""

import pytest
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.directory import services
from coproduce.directory.models import Organisation, OrganisationKind
from tests.factories import AreaFactory, OrganisationFactory, ProposalFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    return AreaFactory(name="London Borough of Bexley")


@pytest.fixture
def commissioner(client, area):
    client.force_login(member(area, AreaRole.COMMISSIONER))
    return client


def test_a_commissioner_adds_an_organisation_that_can_then_own_an_action(commissioner, area):
    proposal = ProposalFactory(area=area)
    action_form = reverse("proposals:action_create", args=[proposal.pk])
    add = reverse("directory:organisation_create", args=[area.slug])
    assert add in commissioner.get(action_form).content.decode()

    response = commissioner.post(
        f"{add}?next={action_form}", {"name": "  Bexley  Parents' Forum ", "kind": "parents_forum"}
    )

    assert response.status_code == 302 and response.url == action_form
    organisation = Organisation.objects.get(area=area)
    assert (organisation.name, organisation.kind) == ("Bexley Parents' Forum", OrganisationKind.PARENTS_FORUM)
    assert "Bexley Parents&#x27; Forum" in commissioner.get(action_form).content.decode()
    assert organisation.history.count() == 1


def test_a_name_the_area_already_has_is_refused_with_the_text_kept(commissioner, area):
    OrganisationFactory(area=area, name="Bexley Voluntary Service Council")
    response = commissioner.post(
        reverse("directory:organisation_create", args=[area.slug]),
        {"name": "bexley voluntary service council", "kind": "vcs"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert (
        "London Borough of Bexley already has an organisation called Bexley Voluntary Service Council" in page
    )
    assert 'value="bexley voluntary service council"' in page
    assert Organisation.objects.filter(area=area).count() == 1


def test_the_same_name_in_another_area_is_a_different_organisation(area):
    OrganisationFactory(area=area, name="Family Action")
    other = services.organisation_create(area=AreaFactory(), name="Family Action", kind="vcs")
    assert other.pk


def test_an_organisation_is_renamed_and_the_history_says_so(commissioner, area):
    organisation = OrganisationFactory(area=area, name="Bexly CVS", kind="vcs")
    commissioner.post(
        reverse("directory:organisation_edit", args=[organisation.pk]), {"name": "Bexley CVS", "kind": "vcs"}
    )
    organisation.refresh_from_db()
    assert organisation.name == "Bexley CVS"
    assert [h.name for h in organisation.history.all()] == ["Bexley CVS", "Bexly CVS"]


def test_the_list_shows_each_organisation_and_offers_adding_only_to_those_who_may(client, area):
    OrganisationFactory(area=area, name="Bexley Council", kind="local_authority")
    client.force_login(member(area, AreaRole.VIEWER))
    page = client.get(reverse("directory:organisation_list", args=[area.slug])).content.decode()
    assert "Bexley Council" in page and "Local authority" in page
    assert reverse("directory:organisation_create", args=[area.slug]) not in page


def test_a_next_address_off_the_back_office_is_ignored(commissioner, area):
    add = reverse("directory:organisation_create", args=[area.slug])
    response = commissioner.post(f"{add}?next=https://evil.example/", {"name": "Home-Start", "kind": "vcs"})
    assert response.url == reverse("directory:organisation_list", args=[area.slug])


def test_names_already_stored_in_two_cases_are_refused_with_a_message_not_an_error(commissioner, area):
    OrganisationFactory(area=area, name="Home-Start Bexley")
    OrganisationFactory(area=area, name="HOME-START BEXLEY")
    response = commissioner.post(
        reverse("directory:organisation_create", args=[area.slug]),
        {"name": "home-start bexley", "kind": "vcs"},
    )
    assert response.status_code == 400
    assert "already has an organisation called" in response.content.decode()
