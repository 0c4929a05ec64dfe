"""The demo's background work: analyse a demo area, then publish its report again with the themes."""

from django_tasks import task

from coproduce.programmes.models import Area
from coproduce.reports.models import Report
from coproduce.reports.services import report_publish
from coproduce.themes.models import AnalysisRun, RunStatus
from coproduce.themes.tasks import analyse_area


@task()
def analyse_and_publish(run_id: int) -> str:
    """The demo publishes its report when it loads, before any themes exist; once the analysis is done a
    facilitator would publish again, so the demo does it for them, as the report's facilitator."""
    status = analyse_area.call(run_id)
    run = AnalysisRun.objects.select_related("area").get(pk=run_id)
    report = Report.objects.filter(area=run.area, is_published=True).first()
    if status == RunStatus.DONE and report is not None:
        area: Area = run.area
        report_publish(area=area, user=report.updated_by, publish=True)
    return status
