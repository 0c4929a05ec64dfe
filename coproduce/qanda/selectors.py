"""Reads: what the public may see (published questions of published areas only), the FAQ by topic, search,
the moderation queue, and the topics a question can have (the area's challenges and current themes)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q, QuerySet

from coproduce.programmes.models import Area, Challenge
from coproduce.qanda.models import Question, QuestionStatus
from coproduce.themes.models import Theme
from coproduce.themes.selectors import current_run

SEARCH_MAX_WORDS = 10
SEARCH_MAX_LENGTH = 200


def public_questions(area: Area | None = None) -> QuerySet[Question]:
    """Every question anyone outside the back office may see: approved, in a published area. The one
    gate the public pages, the feed, the search and the API all go through."""
    questions = Question.objects.filter(status=QuestionStatus.PUBLISHED, area__is_published=True)
    if area is not None:
        questions = questions.filter(area=area)
    return questions.select_related("area", "answer", "challenge", "theme")


def answered(questions: QuerySet[Question]) -> QuerySet[Question]:
    return questions.filter(answer__isnull=False)


def topics(area: Area) -> list[Challenge | Theme]:
    """The area's challenges, then the themes of its current analysis."""
    run = current_run(area)
    themes = list(run.themes.filter(is_active=True).order_by("number")) if run else []
    return [*area.challenges.all(), *themes]


def topic_key(topic: Challenge | Theme | None) -> str:
    if topic is None:
        return ""
    return f"{'challenge' if isinstance(topic, Challenge) else 'theme'}:{topic.pk}"


def topic_label(topic: Challenge | Theme) -> str:
    if isinstance(topic, Challenge):
        return f"Challenge {topic.number}: {topic.text}"
    return topic.label


@dataclass
class TopicGroup:
    label: str
    key: str
    questions: list[Question] = field(default_factory=list)


def faq(area: Area) -> list[TopicGroup]:
    """Answered questions grouped by topic, in the order of the area's topics; those with no topic (or a
    theme of an older analysis) last, by themselves or under their old theme's label."""
    groups: dict[str, TopicGroup] = {
        topic_key(t): TopicGroup(topic_label(t), topic_key(t)) for t in topics(area)
    }
    others: dict[str, TopicGroup] = {}
    for question in answered(public_questions(area)).order_by("-answer__answered_at", "-pk"):
        key = topic_key(question.topic)
        if key in groups:
            groups[key].questions.append(question)
        else:
            label = question.topic_label or "Other questions"
            others.setdefault(label, TopicGroup(label, key or "other")).questions.append(question)
    return [g for g in groups.values() if g.questions] + list(others.values())


def search_words(query: str) -> list[str]:
    return query[:SEARCH_MAX_LENGTH].split()[:SEARCH_MAX_WORDS]


def search(area: Area, query: str) -> QuerySet[Question]:
    """Published questions and answers matching the words. PostgreSQL's full-text search (English stemming,
    questions weighted above answers, best first); elsewhere (SQLite) every word must appear in the question
    or its answer, newest first."""
    questions = public_questions(area)
    words = search_words(query)
    if not words:
        return questions.none()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("text", weight="A", config="english") + SearchVector(
            "answer__text", weight="B", config="english"
        )
        search_query = SearchQuery(" ".join(words), search_type="websearch", config="english")
        # Matched with @@, not by a positive rank: ts_rank gives documents that do not match a tiny rank.
        return (
            questions.annotate(document=vector, rank=SearchRank(vector, search_query))
            .filter(document=search_query)
            .order_by("-rank", "-asked_at", "-pk")
        )
    matching = Q()
    for word in words:
        matching &= Q(text__icontains=word) | Q(answer__text__icontains=word)
    return questions.filter(matching).order_by("-asked_at", "-pk")


def moderation_queue(area: Area) -> QuerySet[Question]:
    return (
        Question.objects.filter(area=area, status=QuestionStatus.PENDING)
        .select_related("challenge", "theme")
        .order_by("asked_at", "pk")
    )


def back_office_questions(area: Area) -> dict[str, list[Question]]:
    questions = (
        Question.objects.filter(area=area)
        .select_related("answer", "challenge", "theme", "moderated_by")
        .order_by("-asked_at", "-pk")
    )
    lists: dict[str, list[Question]] = {"unanswered": [], "answered": [], "rejected": []}
    for question in questions:
        if question.status == QuestionStatus.REJECTED:
            lists["rejected"].append(question)
        elif question.status == QuestionStatus.PUBLISHED:
            lists["answered" if hasattr(question, "answer") else "unanswered"].append(question)
    return lists
