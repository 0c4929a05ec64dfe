"""Writes for an area's case-study report: its narrative and sources, and publishing a frozen version of it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from coproduce.programmes.models import Area
from coproduce.reports import rendering
from coproduce.reports.models import Report, ReportPublication
from coproduce.reports.selectors import area_report
from coproduce.surveys.models import Survey
from coproduce.themes.models import AnalysisRun

EDITABLE_FIELDS = ("title", *Report.NARRATIVE_FIELDS)


def report_for(area: Area) -> Report:
    """The area's report, or a new unsaved one: nothing is written until someone saves or publishes."""
    return Report.objects.filter(area=area).first() or Report(area=area)


def report_save(
    *,
    area: Area,
    user,
    analysis_run: AnalysisRun | None = None,
    surveys: list[Survey] | None = None,
    **narrative: str,
) -> Report:
    """Save the report's title, narrative and sources; the first save makes the report. History keeps each
    version. ``surveys`` are those the report uses (None: leave the choice as it is); the area's others
    are left out. ``analysis_run`` None means the area's current analysis."""
    unknown = set(narrative) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not a narrative field of a report: {sorted(unknown)}")
    if analysis_run is not None and analysis_run.area_id != area.pk:
        raise ValueError("The analysis is not of this area.")
    with transaction.atomic():
        report = report_for(area)
        for name, value in narrative.items():
            setattr(report, name, value)
        report.analysis_run = analysis_run
        report.updated_by = user
        report.save()
        if surveys is not None:
            chosen = {survey.pk for survey in surveys}
            report.left_out_surveys.set(area.surveys.exclude(pk__in=chosen))
    return report


def report_publish(*, area: Area, user, publish: bool) -> Report:
    """Publish the report as it stands now, frozen, or take it down. Publishing an unwritten report makes it.

    The public sees the latest publication only; what arrives later shows in the back office until the
    report is published again.
    """
    with transaction.atomic():
        report = report_for(area)
        now = timezone.now()
        report.is_published = publish
        report.updated_by = user
        if publish:
            report.published_at = now
        report.save()
        if publish:
            case_study = area_report(area, public=True)
            body = rendering.public_body_html(case_study)
            ReportPublication.objects.create(
                report=report,
                title=case_study.title,
                body_html=body,
                print_html=rendering.print_html(case_study, published_at=now),
                fingerprint=rendering.fingerprint(body),
                published_by=user,
                published_at=now,
            )
        else:
            report.publications.filter(unpublished_at__isnull=True).update(
                unpublished_at=now, unpublished_by=user
            )
    return report


def publication_taken_down(area: Area) -> ReportPublication | None:
    """The version a person took down last, if nothing has been published since: what undo would put back.

    A version withdrawn because a comment it quoted was moderated is never offered (it has no
    ``unpublished_by``), and neither is one whose page would now read differently, since the data behind it
    may have been moderated after it was taken down: such a report is reviewed and published afresh.
    """
    latest = ReportPublication.objects.filter(report__area=area).order_by("-published_at", "-pk").first()
    if latest is None or latest.unpublished_at is None or latest.unpublished_by_id is None:
        return None
    if latest.report.is_published or rendering.changed_since(latest, area):
        return None
    return latest


def publication_restore(*, area: Area, user) -> bool:
    """Undo an unpublish: the version taken down goes back on the public site as it was. False if there is
    none to put back (see ``publication_taken_down``)."""
    with transaction.atomic():
        publication = publication_taken_down(area)
        if publication is None:
            return False
        publication.unpublished_at = None
        publication.unpublished_by = None
        publication.save(update_fields=["unpublished_at", "unpublished_by"])
        report = publication.report
        report.is_published = True
        report.updated_by = user
        report._change_reason = "Unpublish undone: the same version is back"  # type: ignore[attr-defined]
        report.save(update_fields=["is_published", "updated_by"])
    return True


def publication_withdraw_quoting(*, comment, previous_text: str) -> bool:
    """Take down the area's live publication when it quotes words that moderation has since hidden,
    removed or changed: a frozen report must never keep showing what a facilitator took out (a family
    named, say). The back office then asks for the report to be published again. True if one was taken down.
    """
    from coproduce.engagement.models import MODERATED_OUT

    if comment.status not in MODERATED_OUT and comment.text == previous_text:
        return False
    quoted = escape(previous_text)
    live = ReportPublication.objects.filter(
        report__area_id=comment.event.area_id, unpublished_at__isnull=True
    )
    taken_down = False
    with transaction.atomic():
        for publication in live.select_for_update():
            if quoted and (quoted in publication.body_html or quoted in publication.print_html):
                publication.unpublished_at = timezone.now()
                publication.save(update_fields=["unpublished_at"])
                report = publication.report
                report.is_published = False
                report._change_reason = "Taken down: a comment it quoted was moderated"  # type: ignore[attr-defined]
                report.save(update_fields=["is_published"])
                taken_down = True
    return taken_down
