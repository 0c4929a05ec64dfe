"""UK GDPR: what is held about one person, erasing or anonymising them, retention, the notice, small groups."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.consensus.models import Vote
from coproduce.directory.models import Person, Role
from coproduce.engagement.models import Comment
from coproduce.privacy.models import PrivacyAction
from coproduce.surveys.models import Answer, Response
from coproduce.themes.models import Theme, ThemeAssignment
from tests.factories import (
    AnalysisRunFactory,
    AreaFactory,
    AttendanceFactory,
    CommentFactory,
    EventFactory,
    OrganisationFactory,
    PersonFactory,
    QuestionFactory,
    StatementFactory,
    SurveyFactory,
    member,
)

pytestmark = pytest.mark.django_db

NAME = "Priya Shah"
SAID = "My son Aarav waits eight months for speech therapy"


@pytest.fixture
def person():
    area = AreaFactory()
    event = EventFactory(area=area, date=datetime.date(2011, 10, 28))
    someone = PersonFactory(
        area=area, name=NAME, role=Role.PARENT_CARER, organisation=OrganisationFactory(area=area)
    )
    AttendanceFactory(event=event, person=someone)
    CommentFactory(event=event, author=someone, author_role=Role.PARENT_CARER, text=SAID)
    statement = StatementFactory(event=event, text="Waits are too long")
    Vote.objects.create(statement=statement, person=someone, role=Role.PARENT_CARER, choice="agree")
    survey = SurveyFactory(area=area, status="before")
    text_question = QuestionFactory(survey=survey, kind="text", number=2, text="Anything else?")
    response = Response.objects.create(survey=survey, wave="before", role=Role.PARENT_CARER, person=someone)
    Answer.objects.create(response=response, question=text_question, text="Aarav needs help now")
    return someone


def facilitator(area) -> Client:
    client = Client()
    client.force_login(member(area, AreaRole.FACILITATOR))
    return client


def test_the_subject_access_export_holds_everything_about_the_person(person):
    response = facilitator(person.area).get(reverse("privacy:person_export", args=[person.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    held = json.loads(response.content)
    assert held["person"]["name"] == NAME
    text = json.dumps(held)
    for expected in (SAID, "Agree", "Aarav needs help now", "Waits are too long", person.organisation.name):
        assert expected in text
    assert {"Attendances", "Comments", "Votes", "Survey responses"} <= set(held["records"])


def test_every_relation_to_a_person_is_part_of_the_export():
    """A new model that points at Person must be exported (and erased) too, so the list is found, not typed."""
    from coproduce.privacy.selectors import person_relations

    pointing = {
        (f.related_model._meta.label, f.field.name)
        for f in Person._meta.get_fields(include_hidden=True)
        if f.auto_created
        and not f.concrete
        and (f.one_to_many or f.one_to_one)
        and not f.related_model._meta.model_name.startswith("historical")
    }
    assert pointing == {(r.related_model._meta.label, r.field.name) for r in person_relations()}
    assert ("methods.KJDot", "person") in pointing


def test_the_readable_page_shows_the_same_and_is_for_those_who_run_events(person):
    url = reverse("privacy:person", args=[person.pk])
    page = facilitator(person.area).get(url).content.decode()
    assert NAME in page and SAID in page and "Download as JSON" in page
    viewer = Client()
    viewer.force_login(member(person.area, AreaRole.VCS_MEMBER))
    assert viewer.get(url).status_code == 403


def test_anonymising_keeps_the_figures_and_the_words_but_not_the_name(person):
    area = person.area
    client = facilitator(area)
    response = client.post(reverse("privacy:person_erase", args=[person.pk]), {"mode": "anonymise"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.organisation, person.role) == ("", None, Role.PARENT_CARER)
    assert Comment.objects.get().text == SAID
    assert Person.objects.filter(area=area, role=Role.PARENT_CARER).count() == 1
    assert not person.history.filter(name=NAME).exists()
    record = PrivacyAction.objects.get()
    assert record.mode == "anonymise" and NAME not in json.dumps(record.counts)


def test_erasing_removes_their_words_everywhere_but_keeps_the_counts(person):
    comment = Comment.objects.get()
    run = AnalysisRunFactory(area=person.area, status="done", inputs=[[comment.pk, comment.text]])
    theme = Theme.objects.create(run=run, number=1, label="Waiting", size=1)
    ThemeAssignment.objects.create(run=run, theme=theme, comment=comment, confidence=0.9)
    client = facilitator(person.area)
    client.post(reverse("privacy:person_erase", args=[person.pk]), {"mode": "erase"})

    comment.refresh_from_db()
    assert SAID not in comment.text and comment.author_role == Role.PARENT_CARER
    assert not comment.history.filter(text=SAID).exists()
    assert Answer.objects.get().text == ""
    run.refresh_from_db()
    assert SAID not in json.dumps(run.inputs)
    assert Comment.objects.count() == 1 and Vote.objects.count() == 1 and Response.objects.count() == 1
    assert NAME not in json.dumps(list(PrivacyAction.objects.values()), default=str)


def test_the_choice_must_be_made(person):
    response = facilitator(person.area).post(reverse("privacy:person_erase", args=[person.pk]), {})
    assert response.status_code == 400
    assert "Select whether to anonymise or erase" in response.content.decode()
    person.refresh_from_db()
    assert person.name == NAME


def test_participants_of_events_past_the_retention_period_are_anonymised(person, settings):
    settings.PARTICIPANT_RETENTION_DAYS = 730
    recent = PersonFactory(area=person.area, name="Sam Recent")
    AttendanceFactory(event=EventFactory(area=person.area, date=datetime.date.today()), person=recent)
    call_command("anonymise_expired")
    person.refresh_from_db()
    recent.refresh_from_db()
    assert person.name == "" and recent.name == "Sam Recent"
    assert PrivacyAction.objects.get().reason == "retention"
    call_command("anonymise_expired")
    assert PrivacyAction.objects.count() == 1


def test_the_privacy_notice_is_public_and_linked_from_the_footer_and_join_page(client, settings):
    settings.PARTICIPANT_RETENTION_DAYS = 365
    notice = client.get("/privacy/")
    assert notice.status_code == 200
    assert "365 days" in notice.content.decode()
    assert 'href="/privacy/">How we use what you say' in client.get(reverse("public:join")).content.decode()
    assert 'href="/privacy/"' in client.get(reverse("public:home")).content.decode()


def test_a_quote_from_a_small_group_does_not_say_their_role(settings):
    from coproduce.reports.selectors import emerging_themes

    settings.SMALL_GROUP_MIN = 5
    area = AreaFactory()
    event = EventFactory(area=area)
    for _ in range(5):
        AttendanceFactory(event=event, person=PersonFactory(area=area, role=Role.VCS_PROVIDER))
    lone = PersonFactory(area=area, role=Role.PARENT_CARER)
    AttendanceFactory(event=event, person=lone)
    big = CommentFactory(event=event, author_role=Role.VCS_PROVIDER, text="Funding is short-term")
    small = CommentFactory(event=event, author=lone, author_role=Role.PARENT_CARER, text="My son waits")
    run = AnalysisRunFactory(area=area, status="done", inputs=[])
    theme = Theme.objects.create(run=run, number=1, label="Waiting", size=2)
    for comment in (big, small):
        ThemeAssignment.objects.create(run=run, theme=theme, comment=comment, confidence=0.9)

    examples = {e.text: e.role_label for e in emerging_themes(area).themes[0].examples}
    assert examples["Funding is short-term"] == "VCS provider"
    assert examples["My son waits"] == "A participant"


def test_erasing_reaches_hidden_comments_the_words_an_edit_kept_and_a_report_quoting_them(person):
    from coproduce.engagement import services as engagement
    from coproduce.reports.models import ReportPublication
    from coproduce.reports.services import report_publish
    from tests.reports.helpers import finished_run

    comment = Comment.objects.get()
    engagement.comment_edit(comment=comment, text="My son waits eight months for speech therapy")
    hidden = CommentFactory(event=comment.event, author=person, text="Aarav's school is Hill Road")
    engagement.comment_hide(comment=hidden, reason="Names a child")
    finished_run(person.area, {"Waiting": [(comment, 0.9)]})
    report_publish(area=person.area, user=None, publish=True)
    assert "My son waits eight months" in ReportPublication.objects.get().body_html

    facilitator(person.area).post(reverse("privacy:person_erase", args=[person.pk]), {"mode": "erase"})

    for each in Comment.all_objects.filter(author=person):
        assert "Aarav" not in each.text + each.original_text
    assert ReportPublication.objects.get().unpublished_at is not None
