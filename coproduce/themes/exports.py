"""The current analysis of an area as tables (CSV, XLSX) and as one JSON document."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from coproduce.core.exports import Table
from coproduce.engagement.models import MODERATED_OUT, Comment
from coproduce.themes.models import AnalysisRun
from coproduce.themes.selectors import ROLE_LABELS, theme_by_role


def theme_tables(run: AnalysisRun) -> list[Table]:
    assignments = run.assignments.select_related("theme", "comment__event").order_by(
        "theme__number", "comment__pk"
    )
    numbers_to_labels = {t.number: t.label for t in run.themes.all()}
    comments = Table(
        "Themes and comments",
        [
            "theme",
            "theme_label",
            "comment_id",
            "comment",
            "role",
            "event",
            "event_date",
            "confidence",
            "needs_review",
            "pinned",
            "also_speaks_to",
        ],
        [
            [
                a.theme.number,
                a.theme.label,
                a.comment_id,
                a.comment.text,
                ROLE_LABELS.get(a.comment.author_role, ""),
                a.comment.event.title,
                a.comment.event.date.isoformat(),
                round(a.confidence, 3),
                "yes" if a.needs_review else "no",
                "yes" if a.pinned else "no",
                "; ".join(numbers_to_labels.get(n, str(n)) for n in a.secondary),
            ]
            for a in assignments
        ],
    )
    matrix = theme_by_role(run)
    role_rows = []
    for theme, cells, _ in matrix.rows():
        role_rows.append(
            [theme.number, theme.label] + [c.count for c in cells] + [round(c.share, 4) for c in cells]
        )
    roles = Table(
        "Theme by role",
        ["theme", "theme_label"]
        + [f"{c.label} (comments)" for c in matrix.columns]
        + [f"{c.label} (share of the role's comments)" for c in matrix.columns],
        role_rows,
    )
    themes = Table(
        "Themes",
        ["theme", "label", "size", "key_phrases", "description", "agreed"],
        [
            [
                t.number,
                t.label,
                t.size,
                "; ".join(t.key_phrases),
                t.description,
                "yes" if t.is_agreed else "no",
            ]
            for t in run.themes.filter(is_active=True)
        ],
    )
    return [comments, roles, themes]


def _inputs(run: AnalysisRun) -> list[dict[str, Any]]:
    """The run's inputs as it read them, except that a comment hidden or removed since gives no words,
    and one edited since (a name taken out, say) gives its words as they are now."""
    moderated = {
        pk: (status, text)
        for pk, status, text in Comment.all_objects.filter(event__area=run.area)
        .filter(Q(status__in=MODERATED_OUT) | ~Q(original_text=""))
        .values_list("pk", "status", "text")
    }
    rows: list[dict[str, Any]] = []
    for pk, text in run.inputs:
        if pk not in moderated:
            rows.append({"comment_id": pk, "text": text})
        elif moderated[pk][0] in MODERATED_OUT:
            rows.append({"comment_id": pk, "text": None, "left_out": moderated[pk][0]})
        else:
            rows.append({"comment_id": pk, "text": moderated[pk][1], "edited": True})
    return rows


def analysis_document(run: AnalysisRun) -> dict[str, Any]:
    """Everything about the run: what was asked, the engine's base result, the edits, and the result now."""
    return {
        "area": run.area.slug,
        "run": run.pk,
        "created_at": run.created_at.isoformat(),
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        "filters": run.filters,
        "n_themes_asked": run.n_themes_asked,
        "settings": run.settings,
        "reason": run.reason,
        "inputs": _inputs(run),
        "base": run.base,
        "edits": [
            {
                "operation": e.operation,
                "summary": e.summary,
                "made_by": e.made_by.get_username() if e.made_by else None,
                "made_at": e.made_at.isoformat(),
                "undone": e.undone_at is not None,
            }
            for e in run.edits.select_related("made_by")
        ],
        "themes": [
            {
                "number": t.number,
                "label": t.label,
                "engine_label": t.engine_label,
                "key_phrases": t.key_phrases,
                "size": t.size,
                "description": t.description,
                "agreed": t.is_agreed,
            }
            for t in run.themes.filter(is_active=True)
        ],
        "assignments": [
            {
                "comment_id": a.comment_id,
                "theme": a.theme.number,
                "confidence": round(a.confidence, 4),
                "needs_review": a.needs_review,
                "pinned": a.pinned,
                "secondary": a.secondary,
            }
            for a in run.assignments.select_related("theme").order_by("comment_id")
        ],
        "warnings": run.warnings,
    }
