"""API operations over the public's questions and their official answers: only what the public site shows
(approved questions of published areas; selectors.public_questions), so any valid token reads them, whatever
its holder's roles. A question waiting for moderation, rejected, or in an unpublished area is a 404, as if it
did not exist; moderation stays in the back office."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from coproduce.api.schemas import Error, ValidationErrorOut
from coproduce.programmes.models import Area
from coproduce.qanda import selectors

# url_name -> (HTTP method, path under /api/, permission checked), as coproduce/api/endpoints.py's table.
# None is checked beyond the API's authentication: the questions are those the public site shows anyone.
OPERATIONS: dict[str, tuple[str, str, str]] = {
    "area_question_list": ("GET", "/areas/{slug}/questions", ""),
    "question_detail": ("GET", "/questions/{question_id}", ""),
}
router = Router(tags=["Questions and answers"])
ERRORS: dict[int, Any] = {401: Error, 404: Error, 422: ValidationErrorOut}


def _op(name: str, *, response: dict[int, Any]) -> Any:
    method, path, _ = OPERATIONS[name]
    return router.api_operation([method], path, url_name=name, operation_id=name, response=response)


class AnswerOut(Schema):
    text: str
    answered_as: str = Field(..., description='The role it was given in, e.g. "Commissioner".')
    answered_at: datetime.datetime
    updated_at: datetime.datetime
    is_official: bool = Field(True, description="Always true: every answer is the council's official one.")


class QuestionOut(Schema):
    id: int
    area: str = Field(..., alias="area.slug", description="The area's slug.")
    text: str = Field(..., description="The question as published (after any moderator's edit).")
    topic: str = Field(..., description="The challenge or theme it is filed under; empty for none.")
    asked_at: datetime.datetime
    published_at: datetime.datetime | None = Field(None, description="When a moderator approved it.")
    url: str = Field(..., description="Its page on the public site.")
    answer: AnswerOut | None = Field(None, description="The official answer; null while it waits for one.")

    @staticmethod
    def resolve_topic(obj: Any) -> str:
        return obj.topic_label

    @staticmethod
    def resolve_published_at(obj: Any) -> datetime.datetime | None:
        return obj.moderated_at

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj.get_public_url()

    @staticmethod
    def resolve_answer(obj: Any) -> Any:
        return getattr(obj, "answer", None)


@_op("area_question_list", response={200: list[QuestionOut], **ERRORS})
def area_question_list(request: HttpRequest, slug: str, answered: bool | None = None) -> Any:
    """A published area's published questions, newest first, each with its official answer (or null).
    ``answered=true`` gives only the answered ones, ``false`` only those waiting. Any valid token; an
    unpublished or unknown area is a 404."""
    area = get_object_or_404(Area, slug=slug, is_published=True)
    questions = selectors.public_questions(area).order_by("-asked_at", "-pk")
    if answered is not None:
        questions = questions.filter(answer__isnull=not answered)
    return questions


@_op("question_detail", response={200: QuestionOut, **ERRORS})
def question_detail(request: HttpRequest, question_id: int) -> Any:
    """One published question with its official answer. Any valid token; a question not published (waiting
    for moderation or rejected) is a 404."""
    return get_object_or_404(selectors.public_questions(), pk=question_id)
