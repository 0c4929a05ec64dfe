"""API tokens can expire, and can be limited to reading."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.models import ApiToken, AreaRole
from tests.factories import EventFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory()


@pytest.fixture
def facilitator(event):
    return member(event.area, AreaRole.FACILITATOR)


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_an_expired_token_is_refused_and_says_why(facilitator):
    token, raw = ApiToken.issue(
        user=facilitator, name="old", expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = Client().get("/api/areas", **bearer(raw))
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_a_token_works_until_it_expires(facilitator):
    _, raw = ApiToken.issue(user=facilitator, name="new", expires_at=timezone.now() + timedelta(days=1))
    assert Client().get("/api/areas", **bearer(raw)).status_code == 200


def test_a_read_only_token_reads_but_cannot_change_anything(event, facilitator):
    _, raw = ApiToken.issue(user=facilitator, name="report", read_only=True)
    client = Client()
    assert (
        client.get(reverse("api:event_detail", kwargs={"event_id": event.pk}), **bearer(raw)).status_code
        == 200
    )
    for method, url, body in [
        (
            "post",
            reverse("api:event_comment_create", kwargs={"event_id": event.pk}),
            {"text": "x", "author_role": "vcs_provider"},
        ),
        ("patch", reverse("api:event_update", kwargs={"event_id": event.pk}), {"venue": "Hall"}),
    ]:
        response = getattr(client, method)(url, body, content_type="application/json", **bearer(raw))
        assert response.status_code == 403, (method, response.status_code)
        assert "read-only" in response.json()["detail"]
    assert not event.comments.exists()


def test_the_tokens_page_issues_a_read_only_token_that_expires(client, facilitator):
    client.force_login(facilitator)
    page = client.get(reverse("accounts:tokens")).content.decode()
    assert 'name="expires_in"' in page and 'name="read_only"' in page
    client.post(reverse("accounts:tokens"), {"name": "Power BI", "expires_in": "30", "read_only": "on"})
    token = ApiToken.objects.get(user=facilitator)
    assert token.read_only
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    page = client.get(reverse("accounts:tokens")).content.decode()
    assert "Read only" in page and "Expires" in page


def test_a_token_may_never_expire(client, facilitator):
    client.force_login(facilitator)
    client.post(reverse("accounts:tokens"), {"name": "Sync", "expires_in": "never"})
    token = ApiToken.objects.get(user=facilitator)
    assert token.expires_at is None and not token.read_only
