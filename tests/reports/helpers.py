"""Builders for the report tests: a finished analysis written directly, and paired survey answers."""

from __future__ import annotations

import datetime

from django.utils import timezone

from coproduce.surveys.models import Answer, Response, SurveyStatus, Wave
from coproduce.themes.models import AnalysisRun, RunStatus, Theme, ThemeAssignment
from tests.factories import AnalysisRunFactory, QuestionFactory, SurveyFactory


def finished_run(area, themes: dict[str, list[tuple[object, float]]], *, finished_at=None) -> AnalysisRun:
    """A done analysis of ``area`` whose themes (label -> [(comment, confidence)]) are as given."""
    comments = [comment for members in themes.values() for comment, _ in members]
    run = AnalysisRunFactory(
        area=area,
        status=RunStatus.DONE,
        finished_at=finished_at or timezone.now(),
        inputs=[[c.pk, c.text] for c in comments],
    )
    for number, (label, members) in enumerate(themes.items(), start=1):
        theme = Theme.objects.create(run=run, number=number, label=label, size=len(members))
        ThemeAssignment.objects.bulk_create(
            ThemeAssignment(run=run, theme=theme, comment=comment, confidence=confidence)
            for comment, confidence in members
        )
    return run


def paired_answers(area, role: str, changes: list[tuple[int, int]], *, survey=None, question=None):
    """One before-and-after pair per (before, after) score, for people of ``role``, by pairing code."""
    survey = survey or SurveyFactory(area=area, status=SurveyStatus.AFTER)
    question = question or QuestionFactory(survey=survey)
    for i, (before, after) in enumerate(changes):
        code = f"{role[:3]}{i:05d}"
        for wave, score in ((Wave.BEFORE, before), (Wave.AFTER, after)):
            response = Response.objects.create(survey=survey, wave=wave, role=role, pairing_code=code)
            Answer.objects.create(response=response, question=question, scale=score)
    return survey, question


DAY = datetime.date(2011, 10, 28)
