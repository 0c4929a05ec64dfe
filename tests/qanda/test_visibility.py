"""An unmoderated or rejected question is visible to nobody outside the back office: not on the pages, the
feed, the search or the API. The same checks for an approved one show that they can see at all."""

import pytest
from django.test import Client
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.qanda import services
from coproduce.qanda.models import QuestionStatus
from tests.factories import AreaFactory, member
from tests.qanda.factories import AnswerFactory, AskedQuestionFactory, api_headers

pytestmark = pytest.mark.django_db
WORD = "zebracrossing"  # a word in nothing else, for the search


def _everywhere(question) -> dict[str, bool]:
    """Where the public can see the question's words."""
    client = Client()
    slug = question.area.slug
    url = reverse("qanda_public:question", kwargs={"slug": slug, "pk": question.pk})
    page = client.get(url)
    listing = client.get(reverse("qanda_public:area", kwargs={"slug": slug})).content.decode()
    search = client.get(reverse("qanda_public:area", kwargs={"slug": slug}), {"q": WORD}).content.decode()
    feed = client.get(reverse("qanda_public:feed", kwargs={"slug": slug})).content.decode()
    token = api_headers()
    api_list = client.get(reverse("api:area_question_list", kwargs={"slug": slug}), **token).json()
    api_detail = client.get(reverse("api:question_detail", kwargs={"question_id": question.pk}), **token)
    return {
        "page": page.status_code == 200,
        "list": url in listing,
        "search": url in search,
        "feed": url in feed and WORD in feed,
        "api list": any(q["id"] == question.pk for q in api_list),
        "api detail": api_detail.status_code == 200,
    }


@pytest.fixture
def answered():
    """An approved, answered question: everywhere."""
    return AnswerFactory(question__text=f"Is the {WORD} near the centre safe?").question


def test_an_approved_answered_question_is_everywhere(answered):
    assert all(_everywhere(answered).values()), _everywhere(answered)


def test_an_unmoderated_question_is_nowhere(answered):
    answered.status = QuestionStatus.PENDING
    answered.save()
    assert not any(_everywhere(answered).values()), _everywhere(answered)


def test_a_rejected_question_is_nowhere_and_its_reason_never_public(answered):
    answered.status = QuestionStatus.REJECTED
    answered.rejection_reason = "Rejected because reasonword"
    answered.save()
    assert not any(_everywhere(answered).values()), _everywhere(answered)
    listing = Client().get(reverse("qanda_public:area", kwargs={"slug": answered.area.slug}))
    assert "reasonword" not in listing.content.decode()


def test_a_question_of_an_unpublished_area_is_nowhere(answered):
    answered.area.is_published = False
    answered.area.save()
    client = Client()
    assert client.get(answered.get_public_url()).status_code == 404
    api = client.get(reverse("api:question_detail", kwargs={"question_id": answered.pk}), **api_headers())
    assert api.status_code == 404


def test_an_edited_question_shows_only_its_new_words_in_public_and_both_to_moderators():
    question = AskedQuestionFactory(text=f"Why does Mrs Smith at the {WORD} shout?")
    commissioner = member(question.area, AreaRole.COMMISSIONER)
    services.question_edit(
        question=question,
        user=commissioner,
        text=f"How are complaints about the {WORD} handled?",
        reason="Names",
    )
    public = Client().get(question.get_public_url()).content.decode()
    assert "complaints" in public and "Smith" not in public
    api = (
        Client()
        .get(reverse("api:question_detail", kwargs={"question_id": question.pk}), **api_headers())
        .json()
    )
    assert "Smith" not in str(api)
    back_office = Client()
    back_office.force_login(commissioner)
    page = back_office.get(question.get_absolute_url()).content.decode()
    assert "Mrs Smith" in page and "complaints" in page and "Names" in page


def test_the_email_address_is_never_shown_anywhere():
    question = services.question_ask(
        area=AreaFactory(is_published=True), text="When?", email="private.parent@example.org"
    )
    lead = member(question.area, AreaRole.PROGRAMME_LEAD)
    services.question_approve(question=question, user=lead)
    client = Client()
    client.force_login(lead)
    pages = [
        client.get(question.get_absolute_url()),
        client.get(reverse("qanda:list", kwargs={"slug": question.area.slug})),
        Client().get(question.get_public_url()),
        Client().get(reverse("api:question_detail", kwargs={"question_id": question.pk}), **api_headers()),
    ]
    assert all(r.status_code == 200 for r in pages)
    assert not any(b"private.parent" in r.content for r in pages)
