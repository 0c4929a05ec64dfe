"""Signing in, and API tokens shown once and stored only as a hash."""

import pytest
from django.urls import reverse

from coproduce.accounts.models import ApiToken, hash_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_wrong_password_says_so_without_saying_which_part_was_wrong(client):
    UserFactory(username="facilitator")
    response = client.post(reverse("accounts:login"), {"username": "facilitator", "password": "nope"})
    assert "Enter a correct username and password" in response.content.decode()


def test_sign_in_is_rate_limited_with_a_message(client, settings):
    settings.RATELIMIT_ENABLE = True
    settings.LOGIN_RATE = "3/m"
    UserFactory(username="facilitator")
    url = reverse("accounts:login")
    statuses = [
        client.post(url, {"username": "facilitator", "password": "wrong"}).status_code for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    response = client.post(url, {"username": "facilitator", "password": "pass-word-123"})
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_token_is_shown_once_and_stored_as_a_hash(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:tokens"), {"name": "Power BI"})
    raw = response.context["new_token"]
    assert raw.startswith("cp_") and raw in response.content.decode()
    token = ApiToken.objects.get(user=user)
    assert token.key_hash == hash_token(raw) and raw not in token.key_hash
    assert raw not in client.get(reverse("accounts:tokens")).content.decode()


def test_a_revoked_token_no_longer_works(client):
    user = UserFactory()
    token, raw = ApiToken.issue(user=user, name="script")
    client.force_login(user)
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    response = client.get("/api/areas", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401
