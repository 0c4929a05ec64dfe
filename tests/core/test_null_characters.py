"""NUL characters never reach the database: PostgreSQL refuses them in text, which was a server error.

They are stripped from every form, query string and JSON body as the request arrives, so what a person
typed is kept, less the invisible character.
"""

import pytest
from django.test import Client
from django.urls import reverse

from coproduce.accounts.models import ApiToken, AreaRole
from coproduce.engagement.models import Comment
from tests.factories import EventFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory()


@pytest.fixture
def facilitator(event):
    return member(event.area, AreaRole.FACILITATOR)


def test_a_nul_in_a_form_is_stripped_and_the_comment_kept(client, event, facilitator):
    client.force_login(facilitator)
    response = client.post(
        reverse("engagement:capture", args=[event.pk]),
        {"text": "a\x00b", "author_role": "vcs_provider", "source": "live"},
    )
    assert response.status_code == 302
    assert list(Comment.objects.filter(event=event).values_list("text", flat=True)) == ["ab"]


def test_a_nul_in_a_json_body_is_stripped_before_the_api_reads_it(event, facilitator):
    _, raw = ApiToken.issue(user=facilitator, name="nul")
    response = Client().post(
        reverse("api:event_comment_create", kwargs={"event_id": event.pk}),
        '{"text": "a\\u0000b", "author_role": "vcs_provider"}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 201, response.content
    assert Comment.objects.get(event=event).text == "ab"


def test_a_nul_in_a_query_string_is_stripped(client, event, facilitator):
    client.force_login(facilitator)
    response = client.get(reverse("engagement:capture", args=[event.pk]), {"role": "vcs\x00_provider"})
    assert response.status_code == 200
    assert response.wsgi_request.GET["role"] == "vcs_provider"


def test_a_nul_in_a_join_code_is_a_page_not_found():
    response = Client(raise_request_exception=False).get("/join/AB%00CD/")
    assert response.status_code == 404
