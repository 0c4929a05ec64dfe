"""Groups the theme engine suggests for the notes nobody has grouped yet; the facilitators accept or change them.

Clustering the notes takes longer than a web request should wait, so ``suggestion_start`` records what was
asked and queues the work; the task worker carries it out (``suggestion_carry_out``, from tasks.py) and the
board shows its progress meanwhile. Tasks call this module; it never imports them: tasks.py registers its
task here (``suggestion_task_register``) when imported, which ``MethodsConfig.ready`` makes sure of.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from coproduce.analysis import Engine, EngineConfig
from coproduce.analysis.embed import make_embedder
from coproduce.core.heartbeat import progress_writer
from coproduce.engagement.models import CommentStatus, MethodStep
from coproduce.themes.embeddings import DatabaseEmbeddingCache

from ..models import KJGroup, KJPlacement, KJSuggestion, KJSuggestionStatus, MethodSession
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


def _ungrouped(session: MethodSession, *, withdrawn: bool) -> list[KJPlacement]:
    """The notes the engine is to group: the ungrouped ones, and those of earlier unaccepted suggestions
    (``withdrawn``: already sent back), since a new suggestion replaces those."""
    services.placements_ensure(session)
    notes = KJPlacement.objects.filter(
        session=session, comment__method_step=MethodStep.KJ_NOTE, comment__status=CommentStatus.ACCEPTED
    )
    if withdrawn:
        notes = notes.filter(group__isnull=True)
    else:
        notes = notes.filter(Q(group__isnull=True) | Q(group__suggested=True))
    ungrouped = list(notes.select_related("comment").order_by("comment__created_at", "comment__pk"))
    if len(ungrouped) < MIN_NOTES:
        raise ValidationError(
            f"There are too few ungrouped notes to suggest groups ({len(ungrouped)}; at least {MIN_NOTES} "
            "are needed). Group them by hand."
        )
    return ungrouped


def groups_suggest(
    *, session: MethodSession, user=None, progress: Callable[[str, int, int], None] | None = None
) -> list[KJGroup]:
    """Cluster the ungrouped notes into suggested groups named with the engine's labels."""
    services.placements_ensure(session)
    _withdraw_earlier(session, user)
    ungrouped = _ungrouped(session, withdrawn=True)
    result = _engine().analyse(
        [p.comment.text for p in ungrouped], ids=[p.comment_id for p in ungrouped], progress=progress
    )
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


# The task that carries out a suggestion in the worker: tasks.py registers it when imported.
_suggest_task: Any = None


def suggestion_task_register(task: Any) -> None:
    """Name the task ``suggestion_start`` queues: ``tasks.suggest_groups``."""
    global _suggest_task
    _suggest_task = task


def suggestion_latest(session: MethodSession) -> KJSuggestion | None:
    return session.kj_suggestions.first()


def suggestion_start(*, session: MethodSession, user=None) -> KJSuggestion:
    """Record the ask and queue the work. Too few notes is said at once; one already under way is returned
    rather than started twice (two facilitators pressing the button together)."""
    if _suggest_task is None:
        raise ImproperlyConfigured("coproduce.methods.kj.tasks is not loaded, so no task can suggest groups")
    _ungrouped(session, withdrawn=False)
    with transaction.atomic():
        MethodSession.objects.select_for_update().filter(pk=session.pk).first()
        under_way = session.kj_suggestions.filter(
            status__in=[KJSuggestionStatus.QUEUED, KJSuggestionStatus.RUNNING]
        ).first()
        if under_way is not None:
            return under_way
        suggestion = KJSuggestion.objects.create(session=session, created_by=user)
        transaction.on_commit(lambda: _suggest_task.enqueue(suggestion.pk))
    return suggestion


def suggestion_carry_out(*, suggestion: KJSuggestion) -> KJSuggestion:
    """Make the suggested groups. On failure the suggestion says why and the board stays as it was."""
    now = timezone.now()
    KJSuggestion.objects.filter(pk=suggestion.pk).update(
        status=KJSuggestionStatus.RUNNING, started_at=now, heartbeat_at=now
    )
    try:
        groups = groups_suggest(
            session=suggestion.session,
            user=suggestion.created_by,
            progress=progress_writer(KJSuggestion, suggestion.pk),
        )
    except ValidationError as error:
        # Said in the facilitator's words (too few notes: someone grouped them meanwhile).
        fields: dict = {"status": KJSuggestionStatus.FAILED, "error": " ".join(error.messages)}
    except Exception as error:  # noqa: BLE001 - whatever went wrong, the board must say so
        fields = {"status": KJSuggestionStatus.FAILED, "error": f"{type(error).__name__}: {error}"}
    else:
        fields = {"status": KJSuggestionStatus.DONE, "groups_made": len(groups)}
    KJSuggestion.objects.filter(pk=suggestion.pk).update(finished_at=timezone.now(), **fields)
    suggestion.refresh_from_db()
    return suggestion
