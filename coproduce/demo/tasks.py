"""The demo's background work: analyse a demo area, link its proposals to their themes, then publish its
report again with the themes."""

from django_tasks import task

from coproduce.demo.appraisal import criteria_link
from coproduce.demo.kpis import themes_link as kpi_themes_link
from coproduce.programmes.models import Area
from coproduce.proposals.selectors import proposal_theme_suggestion
from coproduce.proposals.services import proposal_history_as, proposal_theme_link
from coproduce.reports.models import Report
from coproduce.reports.services import report_publish
from coproduce.themes.models import AnalysisRun, RunStatus
from coproduce.themes.tasks import analyse_area

# Why a demo proposal's history gained a theme (history reasons hold 100 characters).
LINK_REASON = "Linked to the theme holding most of the comments it cites"


def proposals_link(run: AnalysisRun, user=None) -> int:
    """Each proposal of the run's area that cites no theme of the run cites the theme holding most of its
    evidence, as a facilitator would after the analysis; its history says who and why. Returns how many
    were linked."""
    linked = 0
    for proposal in run.area.proposals.order_by("pk"):
        if proposal.themes.filter(run=run).exists():
            continue
        theme = proposal_theme_suggestion(proposal)
        if theme is None or theme.run_id != run.pk:
            continue
        with proposal_history_as(proposal, user=user, reason=LINK_REASON):
            proposal_theme_link(proposal=proposal, theme=theme)
        linked += 1
    return linked


@task()
def analyse_and_publish(run_id: int) -> str:
    """The demo publishes its report when it loads, before any themes exist; once the analysis is done a
    facilitator would link each proposal to its theme and publish again, so the demo does it for them, as
    the report's facilitator."""
    status = analyse_area.call(run_id)
    run = AnalysisRun.objects.select_related("area").get(pk=run_id)
    report = Report.objects.filter(area=run.area, is_published=True).first()
    if status == RunStatus.DONE:
        proposals_link(run, user=report.updated_by if report else None)
        criteria_link(run)  # the demo appraisal's criteria cite the themes too (coproduce/demo/appraisal.py)
        kpi_themes_link(run)  # and the demo KPIs cite their proposals' themes (coproduce/demo/kpis.py)
    if status == RunStatus.DONE and report is not None:
        area: Area = run.area
        report_publish(area=area, user=report.updated_by, publish=True)
    return status
