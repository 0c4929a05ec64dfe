"""A report over ten thousand comments and five hundred survey responses builds well within a minute."""

import time

import pytest

from coproduce.directory.models import Person, Role
from coproduce.engagement.models import Attendance, Comment
from coproduce.reports.pdf import area_report_pdf
from coproduce.reports.selectors import area_report
from coproduce.surveys.models import Answer, Response, SurveyStatus, Wave
from coproduce.themes.models import RunStatus, Theme, ThemeAssignment
from tests.factories import AnalysisRunFactory, AreaFactory, EventFactory, QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db

ROLES = [Role.VCS_PROVIDER, Role.CC_MANAGER, Role.LA_PROFESSIONAL, Role.CC_STAFF]


def big_area():
    area = AreaFactory()
    events = EventFactory.create_batch(20, area=area)
    people = Person.objects.bulk_create(Person(area=area, role=ROLES[i % 4]) for i in range(250))
    Attendance.objects.bulk_create(
        Attendance(event=event, person=person)
        for e, event in enumerate(events)
        for person in people[e * 10 : e * 10 + 50]
    )
    comments = Comment.objects.bulk_create(
        Comment(
            event=events[i % 20], text=f"Comment number {i} about commissioning", author_role=ROLES[i % 4]
        )
        for i in range(10_000)
    )
    run = AnalysisRunFactory(area=area, status=RunStatus.DONE, inputs=[[c.pk, c.text] for c in comments])
    themes = Theme.objects.bulk_create(
        Theme(run=run, number=n, label=f"Theme {n}", size=1000) for n in range(1, 11)
    )
    ThemeAssignment.objects.bulk_create(
        ThemeAssignment(run=run, theme=themes[i % 10], comment=c, confidence=(i % 97) / 97)
        for i, c in enumerate(comments)
    )
    survey = SurveyFactory(area=area, status=SurveyStatus.AFTER)
    questions = [QuestionFactory(survey=survey), QuestionFactory(survey=survey, topic="contract competition")]
    responses = Response.objects.bulk_create(
        Response(survey=survey, wave=wave, role=ROLES[i % 4], pairing_code=f"P{i:07d}")
        for i in range(250)
        for wave in (Wave.BEFORE, Wave.AFTER)
    )
    Answer.objects.bulk_create(
        Answer(response=r, question=q, scale=2 + (r.wave == Wave.AFTER) + (i % 3 == 0))
        for i, r in enumerate(responses)
        for q in questions
    )
    return area


@pytest.mark.slow
def test_ten_thousand_comments_and_five_hundred_responses_build_quickly(django_assert_max_num_queries):
    area = big_area()
    started = time.monotonic()
    with django_assert_max_num_queries(30):
        report = area_report(area)
    pdf = area_report_pdf(area)
    took = time.monotonic() - started

    assert report.themes is not None and report.themes.comment_total == 10_000
    assert report.participation.people_total == 240
    assert sum(s.answered_before + s.answered_after for s in report.impact.surveys) == 500
    assert pdf.startswith(b"%PDF")
    assert took < 30, f"the report took {took:.1f}s"
