"""Reads for proposals that need more than the models give."""

from __future__ import annotations

from django.db.models import Count

from coproduce.proposals.models import Proposal
from coproduce.themes.models import Theme, ThemeAssignment
from coproduce.themes.selectors import current_run


def proposal_theme_suggestion(proposal: Proposal) -> Theme | None:
    """The theme of the area's current analysis holding most of the comments the proposal cites as
    evidence: the theme a person would most likely link it to. A tie goes to the theme its evidence is the
    larger share of (the more particular theme), then to the lower number. None when there is no analysis or none of the cited comments is in one of its themes.

    A suggestion only: it is for a person to link (the demo does it for its facilitator)."""
    run = current_run(proposal.area)
    if run is None:
        return None
    counts = dict(
        ThemeAssignment.objects.filter(run=run, theme__is_active=True, comment__in=proposal.evidence.all())
        .values("theme")
        .annotate(n=Count("pk"))
        .values_list("theme", "n")
    )
    if not counts:
        return None
    themes = Theme.objects.filter(pk__in=counts)
    return max(
        themes, key=lambda theme: (counts[theme.pk], counts[theme.pk] / max(theme.size, 1), -theme.number)
    )
