"""Publishing freezes a reviewed version: the public sees what was approved, the back office sees what changed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.models import AreaRole
from coproduce.directory.models import Role
from coproduce.engagement.models import EventStatus
from coproduce.reports import models as report_models
from coproduce.reports import services
from coproduce.reports.models import Report
from coproduce.reports.selectors import participation
from tests.factories import (
    AreaFactory,
    AttendanceFactory,
    CommentFactory,
    EventFactory,
    PersonFactory,
    ProposalFactory,
    SurveyFactory,
    member,
)
from tests.reports.helpers import finished_run, paired_answers
from tests.reports.test_pdf import read

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    area = AreaFactory(name="Bexley", slug="bexley", is_published=True)
    event = EventFactory(area=area, title="Listening event")
    AttendanceFactory(event=event, person=PersonFactory(area=area, role=Role.VCS_PROVIDER))
    said = CommentFactory(event=event, author_role=Role.VCS_PROVIDER, text="We never see the KPIs")
    finished_run(area, {"Transparent KPIs": [(said, 0.9)]})
    return area


@pytest.fixture
def facilitator(area):
    return member(area, AreaRole.FACILITATOR)


def public_page(client, area) -> str:
    response = client.get(reverse("reports_public:area_report", args=[area.slug]))
    assert response.status_code == 200
    return response.content.decode()


def back_office_page(client, area) -> str:
    return client.get(reverse("reports:area_report", args=[area.slug])).content.decode()


def test_a_comment_arriving_after_publication_leaves_the_public_report_as_published(
    client, area, facilitator
):
    services.report_publish(area=area, user=facilitator, publish=True)
    before = public_page(client, area)
    run = area.analysis_runs.get()

    event = area.events.get()
    late = CommentFactory(event=event, author_role=Role.CC_MANAGER, text="A comment after publication")
    finished_run(area, {"A new theme after publication": [(late, 0.99)]})

    after = public_page(client, area)
    assert "A new theme after publication" not in after and "A comment after publication" not in after
    assert "Transparent KPIs" in after
    assert before.split("<main")[1] == after.split("<main")[1]
    assert run.pk  # the published run is still the one quoted


def test_a_theme_edited_after_publication_leaves_the_public_report_as_published(client, area, facilitator):
    services.report_publish(area=area, user=facilitator, publish=True)
    theme = area.analysis_runs.get().themes.get()
    theme.label = "Renamed after publication"
    theme.save()

    html = public_page(client, area)
    assert "Renamed after publication" not in html and "Transparent KPIs" in html


def test_a_survey_answered_after_publication_leaves_the_public_report_as_published(client, area, facilitator):
    services.report_publish(area=area, user=facilitator, publish=True)
    paired_answers(area, Role.VCS_PROVIDER, [(2, 4)] * 5)

    html = public_page(client, area)
    assert "were more positive" not in html
    assert "No survey has answers yet" in html


def test_the_back_office_says_what_changed_since_publication_until_the_next_publish(
    client, area, facilitator
):
    client.force_login(facilitator)
    client.post(reverse("reports:publish", args=[area.slug]), {"publish": "yes"})
    assert "Changed since publication" not in back_office_page(client, area)

    CommentFactory(event=area.events.get(), text="Late")
    finished_run(area, {"Another analysis": [(area.events.get().comments.last(), 0.5)]})
    today = timezone.localdate().strftime("%-d %B %Y")
    html = back_office_page(client, area)
    assert f"Changed since publication on {today}" in html
    assert "Another analysis" in html  # the back office shows the live data

    client.post(reverse("reports:publish", args=[area.slug]), {"publish": "yes"})
    assert "Changed since publication" not in back_office_page(client, area)
    assert "Another analysis" in public_page(client.__class__(), area)
    assert report_models.ReportPublication.objects.filter(report__area=area).count() == 2


def test_unpublishing_takes_the_report_down_and_keeps_the_history_of_publications(client, area, facilitator):
    client.force_login(facilitator)
    client.post(reverse("reports:publish", args=[area.slug]), {"publish": "yes"})
    client.post(reverse("reports:publish", args=[area.slug]), {"publish": "no"})

    anonymous = client.__class__()
    assert anonymous.get(reverse("reports_public:area_report", args=[area.slug])).status_code == 404
    assert anonymous.get(reverse("reports_public:area_pdf", args=[area.slug])).status_code == 404
    publication = report_models.ReportPublication.objects.get()
    assert publication.published_by == facilitator and publication.unpublished_by == facilitator
    assert publication.unpublished_at is not None
    html = back_office_page(client, area)
    assert "Publications" in html and "Taken down" in html


def test_the_report_uses_only_the_surveys_the_facilitator_chose(client, area, facilitator):
    real, _ = paired_answers(area, Role.VCS_PROVIDER, [(2, 4)] * 5)
    trial = SurveyFactory(area=area, title="Test survey, please ignore")
    paired_answers(area, Role.CC_MANAGER, [(2, 4)] * 3, survey=trial)
    client.force_login(facilitator)

    form = client.get(reverse("reports:edit", args=[area.slug])).content.decode()
    assert "Test survey, please ignore" in form
    data = dict.fromkeys(["title", *Report.NARRATIVE_FIELDS], "")
    data["surveys"] = [real.pk]
    assert client.post(reverse("reports:edit", args=[area.slug]), data).status_code == 302
    client.post(reverse("reports:publish", args=[area.slug]), {"publish": "yes"})

    html = public_page(client.__class__(), area)
    assert real.title in html and "Test survey, please ignore" not in html
    history = Report.objects.get(area=area).history.first()
    assert [row.survey for row in history.left_out_surveys.all()] == [trial]  # the choice is in the history


def test_the_report_uses_the_analysis_run_the_facilitator_chose(client, area, facilitator):
    chosen = area.analysis_runs.get()
    later = finished_run(area, {"A later analysis": [(area.events.get().comments.get(), 0.5)]})
    client.force_login(facilitator)
    form = client.get(reverse("reports:edit", args=[area.slug])).content.decode()
    assert f'value="{later.pk}"' in form
    data = dict.fromkeys(["title", *Report.NARRATIVE_FIELDS], "")
    data["analysis_run"] = chosen.pk
    client.post(reverse("reports:edit", args=[area.slug]), data)
    client.post(reverse("reports:publish", args=[area.slug]), {"publish": "yes"})

    html = public_page(client.__class__(), area)
    assert "Transparent KPIs" in html and "A later analysis" not in html


@pytest.mark.slow
def test_the_pdf_served_is_the_published_one_without_draft_proposals(client, area, facilitator):
    ProposalFactory(area=area, title="Published proposal", is_published=True)
    ProposalFactory(area=area, title="Draft proposal", is_published=False)
    services.report_publish(area=area, user=facilitator, publish=True)
    ProposalFactory(area=area, title="Published after", is_published=True)
    client.force_login(facilitator)

    _, back_office = read(client.get(reverse("reports:area_pdf", args=[area.slug])).content)
    public_response = client.__class__().get(reverse("reports_public:area_pdf", args=[area.slug]))
    assert public_response["Content-Type"] == "application/pdf"
    _, public = read(public_response.content)
    for text in (back_office, public):
        assert "Published proposal" in text
        assert "Draft proposal" not in text and "Published after" not in text
    _, draft = read(client.get(reverse("reports:draft_pdf", args=[area.slug])).content)
    assert "Draft: not published" in draft and "Published after" in draft
    assert reverse("reports_public:area_pdf", args=[area.slug]) in public_page(client, area)


def test_the_public_report_has_a_contents_list_linking_its_sections(client, area, facilitator):
    services.report_publish(area=area, user=facilitator, publish=True)
    html = public_page(client, area)
    contents = html.split('class="govuk-contents"')[1].split("</nav>")[0]
    for anchor in ("participation", "challenges", "co-production", "themes", "proposals", "impact"):
        assert f'href="#{anchor}"' in contents and f'id="{anchor}"' in html


def test_the_date_range_covers_only_events_that_have_taken_place():
    area = AreaFactory()
    today = timezone.localdate()
    EventFactory(area=area, date=datetime.date(2011, 10, 28), status=EventStatus.CLOSED)
    EventFactory(area=area, date=datetime.date(2012, 2, 13), status=EventStatus.OPEN)  # past, left open
    EventFactory(area=area, date=today, status=EventStatus.OPEN, title="Live today")
    EventFactory(area=area, date=today + datetime.timedelta(days=7), status=EventStatus.PLANNED)

    part = participation(area)
    assert (part.first_date, part.last_date) == (datetime.date(2011, 10, 28), datetime.date(2012, 2, 13))
    assert "Live today" not in [row.event.title for row in part.events]


def undo_button(area) -> str:
    return f'action="{reverse("reports:restore", args=[area.slug])}"'


def test_unpublishing_asks_first_and_changes_nothing_until_confirmed(client, area, facilitator):
    services.report_publish(area=area, user=facilitator, publish=True)
    client.force_login(facilitator)
    report_page = back_office_page(client, area)
    assert reverse("reports:unpublish", args=[area.slug]) in report_page

    question = client.get(reverse("reports:unpublish", args=[area.slug])).content.decode()
    assert "Unpublish the report?" in question and "Yes, unpublish it" in question
    assert "We never see the KPIs" in public_page(client.__class__(), area)

    client.post(reverse("reports:unpublish", args=[area.slug]))
    anonymous = client.__class__()
    assert anonymous.get(reverse("reports_public:area_report", args=[area.slug])).status_code == 404


def test_an_unpublish_is_undone_with_the_same_version_back(client, area, facilitator):
    services.report_publish(area=area, user=facilitator, publish=True)
    published = report_models.ReportPublication.objects.get()
    client.force_login(facilitator)
    client.post(reverse("reports:unpublish", args=[area.slug]))
    assert undo_button(area) in back_office_page(client, area)

    client.post(reverse("reports:restore", args=[area.slug]))

    assert report_models.ReportPublication.objects.get() == published  # the same row, not a new version
    published.refresh_from_db()
    assert published.unpublished_at is None and published.unpublished_by is None
    assert "We never see the KPIs" in public_page(client.__class__(), area)
    assert undo_button(area) not in back_office_page(client, area)


def test_undo_is_not_offered_once_the_report_has_changed_since_it_was_taken_down(client, area, facilitator):
    services.report_publish(area=area, user=facilitator, publish=True)
    client.force_login(facilitator)
    client.post(reverse("reports:unpublish", args=[area.slug]))
    said = area.events.get().comments.get()
    from coproduce.engagement import services as engagement_services

    engagement_services.comment_hide(comment=said, reason="Names a family")

    assert undo_button(area) not in back_office_page(client, area)
    client.post(reverse("reports:restore", args=[area.slug]))
    assert client.__class__().get(reverse("reports_public:area_report", args=[area.slug])).status_code == 404


def test_a_version_withdrawn_for_a_moderated_quote_is_never_put_back_by_undo(client, area, facilitator):
    services.report_publish(area=area, user=facilitator, publish=True)
    publication = report_models.ReportPublication.objects.get()
    publication.unpublished_at = (
        timezone.now()
    )  # as publication_withdraw_quoting leaves it: nobody's unpublish
    publication.save()
    Report.objects.filter(area=area).update(is_published=False)

    assert services.publication_taken_down(area) is None
    assert services.publication_restore(area=area, user=facilitator) is False
