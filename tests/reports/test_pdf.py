"""The report's PDF is tagged (PDF/UA-1), in British English, titled, and says what the page says."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

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
    member,
)
from tests.reports.helpers import finished_run

pytestmark = pytest.mark.django_db


def read(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return reader, " ".join(text.replace("\u2019", "'").split())  # one line: headings may wrap


@pytest.mark.slow
def test_the_area_report_downloads_as_a_tagged_pdf(client):
    area = AreaFactory(name="London Borough of Bexley", slug="bexley")
    event = EventFactory(area=area, title="Workshop with the VCS")
    AttendanceFactory(
        event=event, person=PersonFactory(area=area, name="Priya Sharma", role=Role.VCS_PROVIDER)
    )
    finished_run(
        area, {"Knowing what the VCS offers": [(CommentFactory(event=event, text="Map the offer"), 0.9)]}
    )
    Report.objects.create(area=area, introduction="Bexley needed to make savings.")
    services.report_publish(area=area, user=None, publish=True)  # the PDF offered is the published one
    client.force_login(member(area, AreaRole.VIEWER))

    response = client.get(reverse("reports:area_pdf", args=[area.slug]))

    assert response["Content-Type"] == "application/pdf"
    assert 'filename="bexley-case-study.pdf"' in response["Content-Disposition"]
    reader, text = read(response.content)
    assert len(reader.pages) >= 1
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    assert reader.metadata.title == "London Borough of Bexley: case study"
    for heading in [
        "London Borough of Bexley",
        "Participation in the Programme with London Borough of Bexley",
        "The challenges",
        "Common emerging themes",
        "Partners' proposals",
        "Positive impact achieved",
        "Putting learning into practice",
        "Knowing what the VCS offers",
        "Map the offer",  # the comments quoted, folded away on the web page, are printed in full
        "Bexley needed to make savings.",
        "Page 1 of",
    ]:
        assert heading in text, heading
    assert "Priya" not in text


def test_an_empty_areas_draft_pdf_says_draft_and_has_every_section_and_its_empty_state(client):
    area = AreaFactory(name="Riverside")
    client.force_login(member(area, AreaRole.FACILITATOR))
    _, text = read(client.get(reverse("reports:draft_pdf", args=[area.slug])).content)
    assert "Draft: not published." in text
    assert "No analysis has been run yet" in text
    assert "No survey has answers yet" in text
