"""``manage.py api_token``: the token ``make test-api`` calls the API with."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from coproduce.accounts.models import ApiToken
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_prints_a_token_the_api_accepts(client):
    user = UserFactory(username="lead")
    out = io.StringIO()

    call_command("api_token", "lead", "--name", "make test-api", stdout=out)

    raw = out.getvalue().strip()
    token = ApiToken.objects.get(user=user)
    assert token.name == "make test-api" and not token.read_only and token.expires_at is None
    response = client.get(reverse("api:area_list"), headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200


def test_a_read_only_token_that_expires(client):
    UserFactory(username="viewer")
    call_command("api_token", "viewer", "--read-only", "--days", "7", stdout=io.StringIO())
    token = ApiToken.objects.get()
    assert token.read_only and token.expires_at is not None


def test_an_unknown_user_is_an_error():
    with pytest.raises(CommandError, match="No active user called 'nobody'"):
        call_command("api_token", "nobody", stdout=io.StringIO())
    assert not ApiToken.objects.exists()
