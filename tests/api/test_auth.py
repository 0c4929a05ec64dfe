"""Bearer tokens, the session for the browsable docs, and 401s."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.models import ApiToken, AreaRole
from coproduce.engagement.models import Event
from tests.api.helpers import Caller, url
from tests.factories import member

pytestmark = pytest.mark.django_db

EVENT = {"kind": "workshop", "title": "Market place", "date": "2011-11-04"}


def test_no_token_is_a_401(client, area):
    assert client.get(url("area_list")).status_code == 401
    response = client.post(url("area_event_create", slug=area.slug), EVENT, content_type="application/json")
    assert response.status_code == 401
    assert Event.objects.count() == 0


@pytest.mark.parametrize(
    "header",
    ["Bearer cp_not-a-real-token", "Bearer ", "Token cp_whatever", "cp_whatever", "Basic dXNlcjpwYXNz"],
)
def test_an_unknown_or_malformed_token_is_a_401(client, viewer, header):
    assert client.get(url("area_list"), headers={"Authorization": header}).status_code == 401


def test_a_revoked_token_is_a_401(client, viewer):
    token, raw = ApiToken.issue(user=viewer, name="script")
    caller = Caller(client, raw)
    assert caller.get(url("area_list")).status_code == 200
    client.force_login(viewer)
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 302
    client.logout()
    assert caller.get(url("area_list")).status_code == 401


def test_a_token_of_an_inactive_user_is_a_401(as_user, viewer):
    caller = as_user(viewer)
    viewer.is_active = False
    viewer.save()
    assert caller.get(url("area_list")).status_code == 401


def test_only_the_hash_is_looked_up_and_last_used_is_written_at_most_once_a_minute(client, viewer):
    token, raw = ApiToken.issue(user=viewer, name="script")
    assert raw not in token.key_hash
    caller = Caller(client, raw)

    assert caller.get(url("area_list")).status_code == 200
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None

    assert caller.get(url("area_list")).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == first

    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - datetime.timedelta(minutes=2))
    assert caller.get(url("area_list")).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at >= first
    assert timezone.now() - token.last_used_at < datetime.timedelta(minutes=1)


def test_a_bad_token_is_a_401_even_with_a_session(client, viewer):
    client.force_login(viewer)
    response = client.get(url("area_list"), headers={"Authorization": "Bearer cp_nope"})
    assert response.status_code == 401


def test_the_session_can_read(client, viewer, area):
    client.force_login(viewer)
    response = client.get(url("area_list"))
    assert response.status_code == 200
    assert [a["slug"] for a in response.json()] == [area.slug]


def test_session_writes_need_the_csrf_token(area):
    facilitator = member(area, AreaRole.FACILITATOR)
    client = Client(enforce_csrf_checks=True)
    client.force_login(facilitator)
    target = url("area_event_create", slug=area.slug)

    response = client.post(target, EVENT, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert Event.objects.count() == 0

    secret = "a" * 32
    client.cookies["csrftoken"] = secret
    response = client.post(target, EVENT, content_type="application/json", headers={"X-CSRFToken": secret})
    assert response.status_code == 201
    assert Event.objects.get().title == "Market place"


def test_token_writes_need_no_csrf_token(area):
    facilitator = member(area, AreaRole.FACILITATOR)
    _, raw = ApiToken.issue(user=facilitator, name="script")
    caller = Caller(Client(enforce_csrf_checks=True), raw)
    assert caller.post(url("area_event_create", slug=area.slug), EVENT).status_code == 201


def test_an_anonymous_session_write_is_a_401_not_a_csrf_403(area):
    client = Client(enforce_csrf_checks=True)
    response = client.post(url("area_event_create", slug=area.slug), EVENT, content_type="application/json")
    assert response.status_code == 401
