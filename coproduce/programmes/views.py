"""Back office: the programme overview and each area's dashboard."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from coproduce.accounts.rules import CHANGE_PROPOSAL, MANAGE_EVENT, VIEW_AREA, authorise, viewable_area_ids
from coproduce.core.charts import bars
from coproduce.engagement.selectors import participants_by_role, with_people
from coproduce.programmes.models import Area
from coproduce.reports import dashboard


@login_required
def home(request: HttpRequest) -> HttpResponse:
    areas = Area.objects.all()
    allowed = viewable_area_ids(request.user)
    if allowed is not None:
        areas = areas.filter(pk__in=allowed)
    return render(request, "programmes/home.html", {"areas": dashboard.area_summaries(areas)})


@login_required
def area_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, VIEW_AREA, area)
    by_role = participants_by_role(area)
    events_by_month = dashboard.events_by_month(area)
    return render(
        request,
        "programmes/area_dashboard.html",
        {
            "area": area,
            "events": with_people(area.events.all()),
            "events_by_month": events_by_month,
            "events_chart": bars(events_by_month),
            "participants_by_role": by_role,
            "participants_chart": bars([(label, n) for _, label, n in by_role]),
            "participant_total": sum(n for _, _, n in by_role),
            "comment_matrix": dashboard.comments_by_event_and_role(area),
            "proposals_by_status": dashboard.proposals_by_status(area),
            "actions_by_status": dashboard.actions_by_status(area),
            "overdue_actions": dashboard.overdue_actions(area),
            "can_manage_events": request.user.has_perm(MANAGE_EVENT, area),
            "can_change_proposals": request.user.has_perm(CHANGE_PROPOSAL, area),
            "breadcrumbs": [("Areas", reverse("programmes:home"))],
        },
    )
