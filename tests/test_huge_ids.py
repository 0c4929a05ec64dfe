"""An id too large for the database is a page that does not exist, not a server error.

Every URL of the authorisation matrix is asked for with each of its ids replaced by a number beyond a
64-bit integer, by someone who may use it (the area's programme lead), reading and writing.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from coproduce.accounts.models import ApiToken, AreaRole
from tests.test_authorisation_matrix import ACCESS, world, world_for_module  # noqa: F401  (fixtures)

HUGE = 99999999999999999999  # > 2**63 - 1, the largest id PostgreSQL and SQLite can hold


def huge_kwargs(kwargs: dict) -> dict | None:
    replaced = {key: HUGE if isinstance(value, int) else value for key, value in kwargs.items()}
    return replaced if replaced != kwargs else None


WITH_IDS = sorted(ACCESS)


@pytest.mark.parametrize("name", WITH_IDS)
def test_a_huge_id_is_not_found_rather_than_a_server_error(world, name):  # noqa: F811
    entry = ACCESS[name]
    kwargs = huge_kwargs(entry.kwargs(world))
    if kwargs is None:
        pytest.skip("no id in this URL")
    client = Client(raise_request_exception=False)
    headers = {}
    if entry.api:
        _, raw = ApiToken.issue(user=world.users[AreaRole.PROGRAMME_LEAD], name="huge")
        headers["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    else:
        client.force_login(world.users[AreaRole.PROGRAMME_LEAD])
    url = reverse(name, kwargs=kwargs)
    # A URL that only takes writes may refuse a GET as the wrong method before it looks anything up.
    allowed = {404} if entry.read or not entry.write else {404, 405}
    assert client.get(url, **headers).status_code in allowed, f"GET {url}"
    if entry.write:
        if entry.api:
            send = getattr(client, entry.write_method)
            response = send(url, entry.body(world), content_type="application/json", **headers)
        else:
            response = client.post(url, entry.body(world))
        assert response.status_code == 404, f"{entry.write_method.upper()} {url}"


def test_huge_ids_in_a_form_or_a_body_are_refused_without_a_server_error(world):  # noqa: F811
    client = Client(raise_request_exception=False)
    client.force_login(world.users[AreaRole.PROGRAMME_LEAD])
    response = client.post(reverse("themes:link", kwargs={"pk": world.theme.pk}), {"proposal": str(HUGE)})
    assert response.status_code < 500
    # A form with several choices checks them with one id__in query.
    response = client.post(
        reverse("consensus:from_comments", kwargs={"pk": world.event.pk}), {"comments": [str(HUGE)]}
    )
    assert response.status_code < 500
    _, raw = ApiToken.issue(user=world.users[AreaRole.PROGRAMME_LEAD], name="huge")
    response = client.post(
        reverse("api:proposal_action_create", kwargs={"proposal_id": world.proposal.pk}),
        {"title": "New", "owner_id": HUGE},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 422
    assert f"No organisation in this area with id {HUGE}" in response.content.decode()
