"""Writing the narrative, publishing, and the public copy of the report (only when published, no names)."""

import pytest
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.directory.models import Role
from coproduce.reports import services
from coproduce.reports.models import Report
from tests.factories import (
    AreaFactory,
    AttendanceFactory,
    CommentFactory,
    EventFactory,
    PersonFactory,
    ProposalFactory,
    member,
)
from tests.reports.helpers import finished_run

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    return AreaFactory(name="Bexley", slug="bexley", is_published=True)


@pytest.fixture
def facilitator(area):
    return member(area, AreaRole.FACILITATOR)


def edit(client, area, **narrative):
    data = dict.fromkeys(["title", *Report.NARRATIVE_FIELDS], "")
    data.update(narrative)
    return client.post(reverse("reports:edit", args=[area.slug]), data)


def test_the_first_save_makes_the_report_and_keeps_its_history(client, area, facilitator):
    client.force_login(facilitator)
    assert client.get(reverse("reports:edit", args=[area.slug])).status_code == 200
    assert not Report.objects.exists()

    response = edit(client, area, introduction="Bexley needed to make savings.")

    assert response.status_code == 302 and response["Location"] == reverse(
        "reports:area_report", args=[area.slug]
    )
    report = Report.objects.get(area=area)
    assert report.introduction == "Bexley needed to make savings." and report.updated_by == facilitator
    edit(client, area, introduction="Bexley needed to make savings.\n\nIt considered a mixed economy.")
    assert report.history.count() == 2
    assert report.history.first().history_user == facilitator
    page = client.get(reverse("reports:area_report", args=[area.slug])).content.decode()
    assert "The report&#x27;s narrative is saved." in page


def test_the_narrative_is_escaped_and_kept_in_paragraphs(client, area, facilitator):
    client.force_login(facilitator)
    edit(client, area, process="<script>alert(1)</script> Blank page.\n\nTell it as it is.\nTogether.")

    html = client.get(reverse("reports:area_report", args=[area.slug])).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Blank page.</p>" in html
    assert '<p class="govuk-body">Tell it as it is.<br>Together.</p>' in html


def test_an_overlong_narrative_is_refused_with_a_message(client, area, facilitator):
    client.force_login(facilitator)
    response = edit(client, area, next_steps="x" * 10_001)
    assert response.status_code == 400
    assert "Keep this to 10,000 characters or fewer" in response.content.decode()


def test_a_viewer_reads_the_report_but_may_not_write_it(client, area):
    client.force_login(member(area, AreaRole.VIEWER))
    page = client.get(reverse("reports:area_report", args=[area.slug])).content.decode()
    assert "Write the narrative" not in page and "Publish the report" not in page
    assert "No introduction has been written yet." in page
    assert edit(client, area, introduction="x").status_code == 403


def test_the_public_report_appears_only_when_both_report_and_area_are_published(client, area, facilitator):
    public_url = reverse("reports_public:area_report", args=[area.slug])
    assert client.get(public_url).status_code == 404  # no report at all
    staff = client.__class__()
    staff.force_login(facilitator)
    edit(staff, area, introduction="Why Bexley took part.")
    assert client.get(public_url).status_code == 404  # written, not published

    response = staff.post(reverse("reports:publish", args=[area.slug]), {"publish": "yes"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.is_published and report.published_at is not None
    assert client.get(public_url).status_code == 200
    assert public_url in client.get(reverse("public:area", args=[area.slug])).content.decode()

    area.is_published = False
    area.save()
    assert client.get(public_url).status_code == 404  # the area itself is not public
    area.is_published = True
    area.save()

    staff.post(reverse("reports:publish", args=[area.slug]), {"publish": "no"})
    assert not Report.objects.get().is_published
    assert client.get(public_url).status_code == 404
    assert public_url not in client.get(reverse("public:area", args=[area.slug])).content.decode()


def test_publishing_in_an_unpublished_area_warns_that_the_public_cannot_see_it(client):
    hidden = AreaFactory(is_published=False)
    client.force_login(member(hidden, AreaRole.FACILITATOR))
    response = client.post(reverse("reports:publish", args=[hidden.slug]), {"publish": "yes"}, follow=True)
    assert "the area is not published, so the public cannot see it yet" in response.content.decode()


def test_the_public_report_names_nobody_and_quotes_comments_with_their_role(client, area):
    event = EventFactory(area=area, title="Listening event")
    person = PersonFactory(area=area, name="Priya Sharma", role=Role.VCS_PROVIDER)
    AttendanceFactory(event=event, person=person)
    # Enough VCS providers that their role may stand beside a quote (tests/privacy: small groups).
    for _ in range(4):
        AttendanceFactory(event=event, person=PersonFactory(area=area, role=Role.VCS_PROVIDER))
    said = CommentFactory(
        event=event, author=person, author_role=Role.VCS_PROVIDER, text="We never see the KPIs"
    )
    finished_run(area, {"Transparent KPIs": [(said, 0.9)]})
    ProposalFactory(area=area, title="Hidden draft proposal")
    ProposalFactory(area=area, title="Bexley offer and vision", is_published=True)
    Report.objects.create(area=area, introduction="Bexley took part.")
    services.report_publish(area=area, user=None, publish=True)

    html = client.get(reverse("reports_public:area_report", args=[area.slug])).content.decode()

    assert "Priya" not in html and "Sharma" not in html
    assert "We never see the KPIs" in html and "— VCS provider, Listening event" in html
    assert "Bexley offer and vision" in html and "Hidden draft proposal" not in html
    assert "/manage/" not in html.split("<main")[1].split("</main>")[0]  # no back-office links in the body


def test_the_report_page_has_every_section_in_the_case_studys_order(client, area, facilitator):
    client.force_login(facilitator)
    html = client.get(reverse("reports:area_report", args=[area.slug])).content.decode()
    headings = [
        "Participation in the Programme with Bexley",
        "The challenges",
        "Co-production: working together to produce better outcomes",
        "Common emerging themes",
        "Partners' proposals",
        "Positive impact achieved",
        "Putting learning into practice",
    ]
    positions = [html.index(f">{h}</h2>") for h in headings]
    assert positions == sorted(positions)
    for empty in [
        "No events have been held yet",
        "No challenges have been stated yet.",
        "No analysis has been run yet",
        "No proposals have been written yet.",
        "No survey has answers yet",
        "No actions have been agreed yet.",
    ]:
        assert empty in html
