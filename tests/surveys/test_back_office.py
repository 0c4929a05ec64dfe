"""The back office: building a survey, opening its waves, typing in paper forms, results and exports."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from coproduce.accounts.models import AreaRole
from coproduce.directory.models import Role
from coproduce.surveys.models import (
    Answer,
    QuestionKind,
    Response,
    ResponseSource,
    Survey,
    SurveyStatus,
    Wave,
)
from tests.factories import (
    AreaFactory,
    EventFactory,
    PersonFactory,
    QuestionFactory,
    SurveyFactory,
    member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    survey = SurveyFactory(status=SurveyStatus.BEFORE)
    QuestionFactory(survey=survey, number=1)
    QuestionFactory(survey=survey, number=2, kind=QuestionKind.TEXT, text="What would help most?", topic="")
    return survey


@pytest.fixture
def facilitator(client, survey):
    user = member(survey.area, AreaRole.FACILITATOR)
    client.force_login(user)
    return user


def questions(survey):
    scale, text = survey.questions.order_by("number")
    return scale, text


def paper_form(survey, **changes):
    scale, text = questions(survey)
    data = {
        "wave": Wave.BEFORE,
        "role": Role.VCS_PROVIDER,
        "pairing_code": "",
        "person": "",
        f"question_{scale.pk}": "2",
        f"question_{text.pk}": "Tenders come too late",
    }
    return data | changes


def test_a_facilitator_creates_a_survey_about_an_event_of_the_area(client):
    area = AreaFactory()
    event = EventFactory(area=area, title="Market-place event")
    client.force_login(member(area, AreaRole.FACILITATOR))
    url = reverse("surveys:create", args=[area.slug])

    assert "Market-place event" in client.get(url).content.decode()
    refused = client.post(url, {"title": ""})
    assert refused.status_code == 400
    assert "Enter the survey&#x27;s title" in refused.content.decode()

    response = client.post(url, {"title": "How partners feel", "introduction": "", "event": event.pk})
    survey = Survey.objects.get()
    assert response.url == reverse("surveys:survey", args=[survey.pk])
    assert (survey.event, survey.status, survey.area) == (event, SurveyStatus.DRAFT, area)


def test_an_event_of_another_area_cannot_be_chosen(client):
    area = AreaFactory()
    client.force_login(member(area, AreaRole.FACILITATOR))
    response = client.post(
        reverse("surveys:create", args=[area.slug]), {"title": "T", "event": EventFactory().pk}
    )
    assert response.status_code == 400
    assert Survey.objects.count() == 0


def test_a_scale_question_needs_its_topic(client, survey, facilitator):
    url = reverse("surveys:question_create", args=[survey.pk])
    response = client.post(url, {"kind": QuestionKind.SCALE, "text": "How positive?", "topic": ""})
    assert response.status_code == 400
    assert "Enter what the question is about" in response.content.decode()
    response = client.post(url, {"kind": QuestionKind.SCALE, "text": "How positive?", "topic": "the VCS"})
    assert response.status_code == 302
    assert survey.questions.last().number == 3


def test_an_answered_question_cannot_be_deleted_and_the_page_says_why(client, survey, facilitator):
    scale, text = questions(survey)
    client.post(reverse("surveys:paper", args=[survey.pk]), paper_form(survey))
    url = reverse("surveys:question_delete", args=[scale.pk])
    assert "cannot be deleted: people have answered it" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "cannot be deleted: people have answered it" in response.content.decode()
    assert survey.questions.count() == 2

    unanswered = QuestionFactory(survey=survey, number=3)
    assert (
        "Yes, delete it"
        in client.get(reverse("surveys:question_delete", args=[unanswered.pk])).content.decode()
    )
    client.post(reverse("surveys:question_delete", args=[unanswered.pk]))
    assert survey.questions.count() == 2


def test_the_status_changes_one_step_at_a_time_with_a_message(client, survey, facilitator):
    url = reverse("surveys:status", args=[survey.pk])
    page = client.post(url, {"status": SurveyStatus.CLOSED}, follow=True).content.decode()
    assert "cannot change to that status" in page
    page = client.post(url, {"status": SurveyStatus.AFTER}, follow=True).content.decode()
    assert "The after wave is open" in page
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.AFTER
    assert client.get(url).status_code == 405


def test_the_survey_page_counts_waves_and_pairs(client, survey, facilitator):
    scale, _ = questions(survey)
    for wave, code in [(Wave.BEFORE, "AAAA1111"), (Wave.BEFORE, "BBBB2222"), (Wave.AFTER, "AAAA1111")]:
        response = Response.objects.create(
            survey=survey, wave=wave, role=Role.VCS_PROVIDER, pairing_code=code
        )
        Answer.objects.create(response=response, question=scale, scale=3)
    page = client.get(reverse("surveys:survey", args=[survey.pk])).content.decode()
    assert "2 responses" in page
    assert "1 response<" in page
    assert "1 participant answered both" in page
    assert survey.join_code in page
    assert reverse("surveys_public:answer", args=[survey.join_code]) in page


def test_a_paper_form_is_saved_whole_with_who_typed_it(client, survey, facilitator):
    url = reverse("surveys:paper", args=[survey.pk])
    response = client.post(url, paper_form(survey, pairing_code="pp01"))
    assert response.status_code == 302
    assert response.url.endswith("?wave=before")
    saved = Response.objects.get()
    assert (saved.source, saved.entered_by, saved.pairing_code) == (ResponseSource.PAPER, facilitator, "PP01")
    assert saved.answers.count() == 2


def test_a_paper_form_with_a_missing_answer_saves_nothing_and_keeps_what_was_typed(
    client, survey, facilitator
):
    scale, _ = questions(survey)
    data = paper_form(survey, role="", pairing_code="KEEPME01") | {f"question_{scale.pk}": ""}
    response = client.post(reverse("surveys:paper", args=[survey.pk]), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose the role the participant ticked" in page
    assert "Choose an answer to question 1" in page
    assert f'href="#id_question_{scale.pk}_0"' in page
    assert "Tenders come too late" in page
    assert 'value="KEEPME01"' in page
    assert Response.objects.count() == Answer.objects.count() == 0


def test_a_second_paper_form_for_the_same_person_and_wave_is_refused(client, survey, facilitator):
    person = PersonFactory(area=survey.area, name="Pat")
    url = reverse("surveys:paper", args=[survey.pk])
    client.post(url, paper_form(survey, person=person.pk))
    response = client.post(url, paper_form(survey, person=person.pk, **{"role": Role.CC_MANAGER}))
    assert response.status_code == 400
    assert "There is already a before response from this person" in response.content.decode()
    assert Response.objects.get().role == Role.VCS_PROVIDER


def test_a_paper_form_cannot_name_both_a_person_and_a_code(client, survey, facilitator):
    person = PersonFactory(area=survey.area)
    response = client.post(
        reverse("surveys:paper", args=[survey.pk]), paper_form(survey, person=person.pk, pairing_code="AB12")
    )
    assert response.status_code == 400
    assert "not both" in response.content.decode()


def test_an_after_paper_form_whose_code_has_no_before_form_is_kept_with_a_warning(
    client, survey, facilitator
):
    response = client.post(
        reverse("surveys:paper", args=[survey.pk]),
        paper_form(survey, wave=Wave.AFTER, pairing_code="LATE0001"),
        follow=True,
    )
    assert "No before form has the code LATE0001 yet" in response.content.decode()
    assert Response.objects.get().wave == Wave.AFTER


def test_only_people_of_the_area_can_be_chosen_on_a_paper_form(client, survey, facilitator):
    stranger = PersonFactory()
    response = client.post(reverse("surveys:paper", args=[survey.pk]), paper_form(survey, person=stranger.pk))
    assert response.status_code == 400
    assert Response.objects.count() == 0


def test_a_response_is_deleted_after_confirming(client, survey, facilitator):
    client.post(reverse("surveys:paper", args=[survey.pk]), paper_form(survey))
    saved = Response.objects.get()
    url = reverse("surveys:response_delete", args=[saved.pk])
    assert "Yes, delete it" in client.get(url).content.decode()
    assert Response.objects.exists()
    client.post(url)
    assert not Response.objects.exists()
    assert Answer.objects.count() == 0


def test_a_viewer_reads_results_and_responses_but_cannot_change_anything(client, survey):
    client.force_login(member(survey.area, AreaRole.VIEWER))
    page = client.get(reverse("surveys:survey", args=[survey.pk])).content.decode()
    assert "Type in a paper form" not in page
    assert "Open the" not in page
    assert client.get(reverse("surveys:responses", args=[survey.pk])).status_code == 200
    assert client.post(reverse("surveys:paper", args=[survey.pk]), paper_form(survey)).status_code == 403
    assert Response.objects.count() == 0


def test_a_member_of_another_area_does_not_learn_the_survey_exists(client, survey):
    client.force_login(member(AreaFactory(), AreaRole.PROGRAMME_LEAD))
    assert client.get(reverse("surveys:results", args=[survey.pk])).status_code == 404


def test_the_results_show_the_impact_and_what_people_wrote_by_wave_and_role(client, survey, facilitator):
    scale, text = questions(survey)
    rows = [
        (Wave.BEFORE, Role.VCS_PROVIDER, "C1", 2, "We hear about tenders too late"),
        (Wave.AFTER, Role.VCS_PROVIDER, "C1", 4, "Clearer timetable now"),
        (Wave.BEFORE, Role.CC_MANAGER, "C2", 3, ""),
    ]
    for wave, role, code, scale_value, written in rows:
        response = Response.objects.create(survey=survey, wave=wave, role=role, pairing_code=code)
        Answer.objects.create(response=response, question=scale, scale=scale_value)
        if written:
            Answer.objects.create(response=response, question=text, text=written)
    page = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert "2 responses before and 1 after; 1 participant answered both" in page
    assert "People who answered before and after, by role" in page  # the lead's include
    before, after = page.index("We hear about tenders too late"), page.index("Clearer timetable now")
    assert page.index(">Before<") < before < page.index(">After<") < after


def test_the_export_lists_every_response_with_formulas_made_harmless(client, survey, facilitator):
    scale, text = questions(survey)
    response = Response.objects.create(
        survey=survey, wave=Wave.BEFORE, role=Role.VCS_PROVIDER, pairing_code="X1"
    )
    Answer.objects.create(response=response, question=scale, scale=4)
    Answer.objects.create(response=response, question=text, text='=HYPERLINK("http://evil.example","x")')

    csv = client.get(reverse("surveys:export", args=[survey.pk, "csv"]))
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Response,Wave,Role,Pairing,Source,Answered at,Q1,Q2"
    assert lines[1].startswith(f"{response.pk},Before,VCS provider,code:X1,Answered online,")
    assert lines[1].endswith(',4,"\'=HYPERLINK(""http://evil.example"",""x"")"')

    xlsx = client.get(reverse("surveys:export", args=[survey.pk, "xlsx"]))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames == ["Responses", "Questions"]
    assert workbook["Responses"]["H2"].value.startswith("=HYPERLINK")
    assert workbook["Responses"]["H2"].data_type == "s"
    assert workbook["Questions"]["C2"].value == scale.text
    assert client.get(reverse("surveys:export", args=[survey.pk, "pdf"])).status_code == 404


def test_the_area_dashboard_links_to_its_surveys(client, survey, facilitator):
    page = client.get(reverse("programmes:area", args=[survey.area.slug])).content.decode()
    assert reverse("surveys:list", args=[survey.area.slug]) in page
    listing = client.get(reverse("surveys:list", args=[survey.area.slug])).content.decode()
    assert survey.title in listing
    assert "Create a survey" in listing
