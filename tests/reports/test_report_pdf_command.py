"""`manage.py report_pdf`: an area's report written to a file, with a first analysis when asked."""

import io

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from coproduce.themes.models import AnalysisRun
from tests.factories import AreaFactory, CommentFactory, EventFactory

pytestmark = pytest.mark.django_db


def test_it_writes_the_areas_report_and_analyses_first_when_asked(tmp_path):
    area = AreaFactory(name="Riverbank")
    event = EventFactory(area=area)
    for n in range(12):
        CommentFactory(
            event=event, text=f"Families need {'Saturday sessions' if n % 2 else 'clearer timetables'} {n}"
        )
    out = io.StringIO()
    call_command("report_pdf", area.slug, str(tmp_path / "r.pdf"), "--analyse", "2", stdout=out)
    assert "into 2 themes" in out.getvalue()
    assert AnalysisRun.objects.filter(area=area).count() == 1
    reader = PdfReader(tmp_path / "r.pdf")
    assert "Riverbank" in reader.pages[0].extract_text()


def test_an_unknown_area_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No area has the slug 'nowhere'"):
        call_command("report_pdf", "nowhere", str(tmp_path / "r.pdf"))
