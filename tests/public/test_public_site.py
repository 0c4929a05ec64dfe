"""The public site shows only what is published, and never a comment."""

import pytest
from django.urls import reverse

from tests.factories import ActionFactory, AreaFactory, CommentFactory, EventFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def test_an_unpublished_area_is_not_found(client):
    area = AreaFactory(is_published=False)
    assert client.get(reverse("public:area", args=[area.slug])).status_code == 404
    assert area.name not in client.get(reverse("public:home")).content.decode()


def test_a_published_area_shows_published_proposals_and_their_actions_only(client):
    area = AreaFactory(is_published=True, name="Bexley")
    shown = ProposalFactory(area=area, title="Community engagement", is_published=True)
    ActionFactory(proposal=shown, title="Work with the parents' forum")
    ProposalFactory(area=area, title="Secret draft", is_published=False)
    CommentFactory(event=EventFactory(area=area), text="Something said in the room")

    page = client.get(reverse("public:area", args=[area.slug])).content.decode()

    assert "Community engagement" in page and "Work with the parents&#x27; forum" in page
    assert "Secret draft" not in page
    assert "Something said in the room" not in page
    assert "Bexley" in client.get(reverse("public:home")).content.decode()


def test_the_health_check_answers(client):
    assert client.get(reverse("core:health")).json() == {"status": "ok"}
