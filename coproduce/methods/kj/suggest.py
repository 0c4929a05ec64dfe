"""Groups the theme engine suggests for the notes nobody has grouped yet; the facilitators accept or change them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from coproduce.analysis import Engine, EngineConfig
from coproduce.analysis.embed import make_embedder
from coproduce.engagement.models import CommentStatus, MethodStep
from coproduce.themes.embeddings import DatabaseEmbeddingCache

from ..models import KJGroup, KJPlacement, MethodSession
from . import services

# Fewer ungrouped notes than this and there is nothing worth clustering: the room groups them by hand.
MIN_NOTES = 4


def _engine() -> Engine:
    config = EngineConfig()
    embedder = make_embedder(settings.THEMES_EMBEDDER, seed=config.seed)
    return Engine(config=config, embedder=embedder, cache=DatabaseEmbeddingCache())


def _withdraw_earlier(session: MethodSession, user) -> None:
    """Suggestions nobody accepted are replaced by the new ones: their notes go back first."""
    for group in session.kj_groups.filter(suggested=True):
        services.group_delete(group=group, user=user)


def groups_suggest(*, session: MethodSession, user=None) -> list[KJGroup]:
    """Cluster the ungrouped notes into suggested groups named with the engine's labels."""
    services.placements_ensure(session)
    _withdraw_earlier(session, user)
    ungrouped = list(
        KJPlacement.objects.filter(
            session=session,
            group__isnull=True,
            comment__method_step=MethodStep.KJ_NOTE,
            comment__status=CommentStatus.ACCEPTED,
        )
        .select_related("comment")
        .order_by("comment__created_at", "comment__pk")
    )
    if len(ungrouped) < MIN_NOTES:
        raise ValidationError(
            f"There are too few ungrouped notes to suggest groups ({len(ungrouped)}; at least {MIN_NOTES} "
            "are needed). Group them by hand."
        )
    result = _engine().analyse([p.comment.text for p in ungrouped], ids=[p.comment_id for p in ungrouped])
    by_comment: dict[int | str, KJPlacement] = {p.comment_id: p for p in ungrouped}
    groups: list[KJGroup] = []
    with transaction.atomic():
        for theme in result.themes:
            group = services.group_create(session=session, name=theme.label[:120], user=user, suggested=True)
            groups.append(group)
            for assignment in result.assignments:
                if assignment.theme == theme.id:
                    placement = by_comment[assignment.comment_id]
                    services.note_move(
                        session=session,
                        comment=placement.comment,
                        group=group,
                        user=user,
                        expected_version=placement.version,
                    )
    return groups
