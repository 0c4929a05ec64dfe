"""Password guessing is limited per account and per address, in the back office and Django's admin alike.

Only failed sign-ins count, and a refused attempt counts for nothing, so one person guessing one account
from an office's shared address uses up that account's allowance, not the office's.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "pass-word-123"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.RATELIMIT_ENABLE = True
    settings.LOGIN_RATE = "10/m"
    settings.LOGIN_USERNAME_RATE = "3/m"


def from_address(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def sign_in(client: Client, username: str, password: str, url: str | None = None):
    return client.post(url or reverse("accounts:login"), {"username": username, "password": password})


def test_the_django_admin_sign_in_is_limited_like_the_back_office():
    UserFactory(username="admin", is_staff=True, is_superuser=True)
    client = from_address("10.0.0.1")
    for _ in range(3):
        sign_in(client, "admin", "guess", "/django-admin/login/")
    response = sign_in(client, "admin", PASSWORD, "/django-admin/login/")
    assert "Too many attempts to sign in to this account" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_guesses_at_one_account_from_many_addresses_are_limited():
    UserFactory(username="lead")
    for number in range(3):
        sign_in(from_address(f"10.0.0.{number + 1}"), "lead", "guess")
    elsewhere = from_address("10.0.9.9")
    response = sign_in(elsewhere, "lead", PASSWORD)
    assert response.status_code == 429
    assert "Too many attempts to sign in to this account" in response.content.decode()
    UserFactory(username="facilitator")
    assert sign_in(elsewhere, "facilitator", PASSWORD).status_code == 302


def test_one_person_guessing_does_not_lock_out_the_rest_of_the_office():
    UserFactory(username="lead")
    UserFactory(username="facilitator")
    office = "192.0.2.10"
    for _ in range(12):
        sign_in(from_address(office), "lead", "guess")
    assert sign_in(from_address(office), "facilitator", PASSWORD).status_code == 302


def test_guesses_at_many_accounts_from_one_address_are_limited():
    client = from_address("198.51.100.7")
    for number in range(10):
        sign_in(client, f"user{number}", "guess")
    UserFactory(username="facilitator")
    response = sign_in(client, "facilitator", PASSWORD)
    assert response.status_code == 429
    assert "Too many attempts to sign in from this connection" in response.content.decode()


def test_a_successful_sign_in_uses_up_no_allowance():
    UserFactory(username="lead")
    for _ in range(5):
        client = from_address("10.0.0.1")
        assert sign_in(client, "lead", PASSWORD).status_code == 302
