"""Writes for the analysis workspace: start a run, carry out a run, edit and undo, write results out."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils import timezone

from coproduce.analysis import Engine, EngineConfig, ThemeResult
from coproduce.analysis.carry import match_themes
from coproduce.analysis.edits import EditError, edit_from_dict, edit_to_dict
from coproduce.analysis.embed import make_embedder
from coproduce.core.heartbeat import progress_writer
from coproduce.programmes.models import Area
from coproduce.proposals import services as proposal_services
from coproduce.proposals.models import Proposal
from coproduce.themes.embeddings import DatabaseEmbeddingCache
from coproduce.themes.models import AnalysisRun, RunStatus, Theme, ThemeAssignment, ThemeEdit
from coproduce.themes.selectors import comments_for, current_run

# Edits the web app keeps itself: they change what people wrote about a theme, not who is in it.
NOTE_OPERATIONS = {"describe", "agree"}

# Why a proposal's history changed when a re-run moved its theme link (history reasons hold 100 characters).
RELINK_REASON = "The new analysis moved its theme link to the matching theme"


def _engine(run: AnalysisRun) -> Engine:
    config = EngineConfig(**{k: v for k, v in run.settings.get("config", {}).items() if k != "ngram_range"})
    embedder = make_embedder(run.settings.get("embedder", settings.THEMES_EMBEDDER), seed=config.seed)
    return Engine(config=config, embedder=embedder, cache=DatabaseEmbeddingCache())


# The task that carries out a run in the worker. tasks.py registers it when imported (ThemesConfig.ready
# imports it): tasks call services, and services never import tasks, as the HackSoft styleguide has it.
_analyse_task: Any = None


def run_task_register(task: Any) -> None:
    """Name the task ``run_start`` queues by default: ``tasks.analyse_area``."""
    global _analyse_task
    _analyse_task = task


def run_start(
    *, area: Area, filters: dict, n_themes: int | None, user=None, task=None, fresh: bool = False
) -> AnalysisRun:
    """Record what was asked and queue the work; the worker does the rest (see tasks.py). ``task`` is the
    task to queue with the run's id, when something must follow the analysis (the demo publishes).
    ``fresh``: find the themes afresh even when only a few comments are new since the current run (else
    they join its themes: ``coproduce.analysis.pipeline.warm_start``)."""
    queued = task or _analyse_task
    if queued is None:
        raise ImproperlyConfigured("coproduce.themes.tasks is not loaded, so no task can carry out the run")
    if not comments_for(area, filters).exists():
        raise ValidationError("No comments match these choices, so there is nothing to analyse.")
    run = AnalysisRun.objects.create(
        area=area,
        created_by=user,
        filters=filters,
        n_themes_asked=n_themes,
        settings={"embedder": settings.THEMES_EMBEDDER, "config": EngineConfig().to_dict(), "fresh": fresh},
    )
    transaction.on_commit(lambda: queued.enqueue(run.pk))
    return run


def run_carry_out(run: AnalysisRun) -> AnalysisRun:
    """Do the analysis. On failure the run says why and the last good run stays the current one."""
    previous = current_run(run.area)
    now = timezone.now()
    AnalysisRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, started_at=now, heartbeat_at=now)
    try:
        comments = list(comments_for(run.area, run.filters).values_list("pk", "text"))
        if not comments:
            raise ValueError("No comments match these choices any more, so there is nothing to analyse.")
        ids, texts = [pk for pk, _ in comments], [text for _, text in comments]
        engine = _engine(run)
        result = engine.analyse(
            texts,
            ids=ids,
            n_themes=run.n_themes_asked,
            previous=_current_result(previous) if previous else None,
            progress=progress_writer(AnalysisRun, run.pk),
            fresh=bool(run.settings.get("fresh", False)),
        )
    except Exception as error:  # noqa: BLE001 - whatever went wrong, the run must say so
        AnalysisRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, finished_at=timezone.now(), error=f"{type(error).__name__}: {error}"
        )
        run.refresh_from_db()
        return run
    with transaction.atomic():
        run.inputs = [[pk, text] for pk, text in comments]
        run.base = (result.base or result).to_dict()
        run.reason = result.reason
        run.timings = result.timings
        run.status = RunStatus.DONE
        run.finished_at = run.heartbeat_at = timezone.now()
        run.progress_done = run.progress_total = 1
        run.save()
        # Names and pins carried from the previous run are this run's first edits, attributed to nobody;
        # so are descriptions and agreement, moved to the theme that matches their old one.
        base_labels = {t.id: t.label for t in (result.base or result).themes}
        for edit in result.edits:
            operation = edit_to_dict(edit)
            ThemeEdit.objects.create(run=run, operation=operation, summary=_describe(operation, base_labels))
        labels = {t.id: t.label for t in result.themes}
        successors = _successors(previous, result, engine.config) if previous else {}
        for operation in _carried_notes(previous, successors) if previous else []:
            ThemeEdit.objects.create(run=run, operation=operation, summary=_describe(operation, labels))
        _write_out(run, result)
        if previous:
            _carry_proposal_links(previous, run, successors)
    return run


def _carried_notes(previous: AnalysisRun, successors: dict[int, int]) -> list[dict]:
    """The previous run's descriptions and agreement, moved to the new themes that match their old ones."""
    notes = [
        e.operation
        for e in previous.edits.filter(undone_at__isnull=True)
        if e.operation.get("op") in NOTE_OPERATIONS
    ]
    return [{**op, "theme": successors[op["theme"]]} for op in notes if op["theme"] in successors]


def _carry_proposal_links(previous: AnalysisRun, run: AnalysisRun, successors: dict[int, int]) -> None:
    """Each proposal citing a theme of the previous run cites that theme's successor instead, through the
    proposals service so its history says so (attributed to nobody, like the carried edits). A theme with no
    successor keeps its links: the proposal page then asks a person to choose the theme again
    (``selectors.themes_gone_from_analysis``), rather than the link vanishing or being guessed."""
    new_themes = {t.number: t for t in run.themes.filter(is_active=True)}
    # A theme people merged away lives on in the theme the merge kept, so its links follow that one.
    merged_into = {
        other: op["themes"][0]
        for op in previous.edits.filter(undone_at__isnull=True).values_list("operation", flat=True)
        if op.get("op") == "merge"
        for other in op["themes"][1:]
    }
    links = Proposal.themes.through.objects.filter(theme__run=previous).select_related("proposal", "theme")
    for link in links.order_by("proposal_id", "theme__number"):
        number = link.theme.number if link.theme.is_active else _kept_by(link.theme.number, merged_into)
        successor = new_themes.get(successors.get(number, -1))
        if successor is not None:
            proposal_services.proposal_theme_relink(
                proposal=link.proposal, old=link.theme, new=successor, reason=RELINK_REASON
            )


def _kept_by(number: int, merged_into: dict[int, int]) -> int:
    """The theme that holds ``number``'s comments after the merges (a chain when a merged theme was merged
    again)."""
    seen = {number}
    while number in merged_into and merged_into[number] not in seen:
        number = merged_into[number]
        seen.add(number)
    return number


def _successors(previous: AnalysisRun, result: ThemeResult, config: EngineConfig) -> dict[int, int]:
    """The previous run's theme numbers -> the numbers of the new themes that match them (as people left
    the previous run: its merges and moves count); an old theme that matches nothing well is left out."""
    if result.state is None:
        return {}
    old_members: dict[int, set] = defaultdict(set)
    for number, comment_id in ThemeAssignment.objects.filter(run=previous).values_list(
        "theme__number", "comment_id"
    ):
        old_members[number].add(comment_id)
    new_members: dict[int, set] = defaultdict(set)
    for assignment in result.assignments:
        new_members[assignment.theme].add(assignment.comment_id)
    return match_themes(
        old_members,
        new_members,
        embeddings=result.state.embeddings,
        index_of=result.state.index_of(),
        config=config,
    )


def _current_result(run: AnalysisRun) -> dict[str, Any]:
    """The run as people left it: the engine's view with human names and pins, for carrying to a re-run."""
    result = rebuild(run)
    # The merges and moves in force, for the engine to carry as it carries names and pins (analysis/carry.py).
    in_force = [e.operation for e in run.edits.filter(undone_at__isnull=True)]
    alive = {t.id for t in result.themes}
    return {
        **result.to_dict(),
        "merged": sorted({op["themes"][0] for op in in_force if op["op"] == "merge"} & alive),
        "moved": [op["comment"] for op in in_force if op["op"] == "move"],
        # what the engine found before people's edits, so a re-run on nearly the same comments keeps it
        "base": {"assignments": run.base.get("assignments", [])},
        "n_themes_asked": run.n_themes_asked,
    }


def rebuild(run: AnalysisRun) -> ThemeResult:
    """The run's base result rebuilt from its stored inputs, with the edits not undone replayed on it."""
    engine = _engine(run)
    ids = [pk for pk, _ in run.inputs]
    base = engine.restore(
        [text for _, text in run.inputs],
        ids=ids,
        themes={a["comment_id"]: a["theme"] for a in run.base["assignments"]},
        reason=run.reason,
        scores={int(k): v for k, v in run.base.get("scores", {}).items()},
        n_themes_asked=run.n_themes_asked,
    )
    edits = [
        edit_from_dict(e.operation)
        for e in run.edits.filter(undone_at__isnull=True)
        if e.operation.get("op") not in NOTE_OPERATIONS
    ]
    return engine.replay(base, edits) if edits else base


def _describe(operation: dict, labels: dict[int, str]) -> str:
    """The edit in words, naming each theme as people saw it when the edit was made (``labels``: number ->
    label), never by the engine's number, which the pages do not show (issue 12)."""
    op = operation["op"]

    def name(number: int) -> str:
        return f"“{labels[number]}”" if number in labels else "a theme no longer shown"

    if op == "rename":
        return f"Renamed theme {name(operation['theme'])} to ‘{operation['label']}’"
    if op == "merge":
        return "Merged themes " + " and ".join(name(t) for t in operation["themes"])
    if op == "split" and operation.get("parts"):  # a re-run splitting a theme's successor again
        return f"Split theme {name(operation['theme'])} into {operation['into']} as people split it before"
    if op == "split":
        return f"Split theme {name(operation['theme'])} into {operation['into']}"
    if op == "move":
        return f"Moved comment {operation['comment']} to theme {name(operation['theme'])}"
    if op == "pin":
        return f"Pinned comment {operation['comment']} to theme {name(operation['theme'])}"
    if op == "unpin":
        return f"Unpinned comment {operation['comment']}"
    if op == "describe":
        return f"Described theme {name(operation['theme'])}"
    if op == "agree":
        return (
            f"Marked theme {name(operation['theme'])} as {'agreed' if operation['agreed'] else 'not agreed'}"
        )
    return op


def edit_apply(*, run: AnalysisRun, operation: dict, user) -> ThemeEdit:
    """Check the edit against the run as it stands, keep it, and write the new state out."""
    if run.status != RunStatus.DONE:
        raise ValidationError("Only a finished analysis can be edited.")
    with transaction.atomic():
        AnalysisRun.objects.select_for_update().filter(pk=run.pk).first()  # one editor at a time per run
        labels = dict(run.themes.filter(is_active=True).values_list("number", "label"))
        if operation["op"] in NOTE_OPERATIONS:
            if not run.themes.filter(number=operation["theme"], is_active=True).exists():
                raise ValidationError("That theme no longer exists.")
            edit = ThemeEdit.objects.create(
                run=run, operation=operation, summary=_describe(operation, labels), made_by=user
            )
            result = None
        else:
            try:
                engine_edit = edit_from_dict(operation)
                current = rebuild(run)
                result = current.state.engine.replay(current.base or current, [*current.edits, engine_edit])  # type: ignore[union-attr]
            except (EditError, KeyError, ValueError) as error:
                raise ValidationError(str(error)) from error
            edit = ThemeEdit.objects.create(
                run=run, operation=operation, summary=_describe(operation, labels), made_by=user
            )
        _write_out(run, result)
    return edit


def edit_undo(*, run: AnalysisRun, user) -> ThemeEdit | None:
    """Undo the latest edit still in force; None when there is nothing to undo."""
    with transaction.atomic():
        last = run.edits.filter(undone_at__isnull=True).order_by("-made_at", "-pk").first()
        if last is None:
            return None
        last.undone_at, last.undone_by = timezone.now(), user
        last.save(update_fields=["undone_at", "undone_by"])
        _write_out(run, None)
    return last


def _centroids(result: ThemeResult) -> tuple[dict[int, bytes], str]:
    """Each theme's centroid (its comments' mean embedding, L2-normalised, float32 bytes) and the embedder's
    name, for the roll-up to compare themes across areas; no centroids when the embedder's vectors are
    fitted to this run alone (``cacheable`` False: TF-IDF), as they cannot be compared with another run's."""
    state = result.state
    if state is None or not getattr(state.engine.embedder, "cacheable", False) or not len(state.embeddings):
        return {}, result.embedder
    centroids = {}
    for number in {int(t) for t in state.partition.theme_of}:
        mean = state.embeddings[state.partition.theme_of == number].mean(axis=0)
        norm = float(np.linalg.norm(mean))
        if norm > 0:
            centroids[number] = (mean / norm).astype(np.float32).tobytes()
    return centroids, result.embedder


def _write_out(run: AnalysisRun, result: ThemeResult | None) -> None:
    """Themes and assignments as the base and the edits in force make them, written for fast reading."""
    result = result or rebuild(run)
    existing = {t.number: t for t in run.themes.all()}
    numbers = set()
    centroids, embedder = _centroids(result)
    for theme in result.themes:
        numbers.add(theme.id)
        row = existing.get(theme.id) or Theme(run=run, number=theme.id)
        row.centroid, row.centroid_embedder = centroids.get(theme.id), embedder
        row.label, row.engine_label = theme.label, theme.engine_label
        row.key_phrases, row.size = list(theme.key_phrases), theme.size
        row.representative_ids = list(theme.representative_ids)
        # The engine's description until a person writes one (a "describe" edit, applied below).
        row.is_active, row.description, row.is_agreed = True, theme.description, False
        row.save()
        existing[theme.id] = row
    for number, row in existing.items():
        if number not in numbers and row.is_active:
            row.is_active, row.size = False, 0
            row.save(update_fields=["is_active", "size"])
    # Descriptions and agreement, as the note edits in force say, in order.
    for edit in run.edits.filter(undone_at__isnull=True):
        op = edit.operation
        if op.get("op") in NOTE_OPERATIONS and op["theme"] in existing:
            row = existing[op["theme"]]
            if op["op"] == "describe":
                row.description = op["description"]
            else:
                row.is_agreed = bool(op["agreed"])
            row.save(update_fields=["description", "is_agreed"])
    ThemeAssignment.all_objects.filter(run=run).delete()
    ThemeAssignment.all_objects.bulk_create(
        [
            ThemeAssignment(
                run=run,
                theme=existing[a.theme],
                comment_id=a.comment_id,
                confidence=a.confidence,
                needs_review=a.needs_review,
                pinned=a.pinned,
                secondary=list(a.secondary),
            )
            for a in result.assignments
        ]
    )
    AnalysisRun.objects.filter(pk=run.pk).update(warnings=[w.to_dict() for w in result.warnings])


def theme_sizes_recount(*, comment_id: int) -> None:
    """A comment was moderated: the themes it was placed in count only the comments still shown, so a
    hidden or removed comment no longer adds to a theme's size, and one restored counts again."""
    themes = Theme.objects.filter(
        pk__in=ThemeAssignment.all_objects.filter(comment_id=comment_id).values("theme_id")
    )
    for theme in themes:
        theme.size = ThemeAssignment.objects.filter(theme=theme).count()
        theme.save(update_fields=["size"])
