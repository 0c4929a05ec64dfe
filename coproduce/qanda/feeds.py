"""The Atom feed of an area's answered questions (Django's syndication framework)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from coproduce.programmes.models import Area
from coproduce.qanda import selectors
from coproduce.qanda.models import Question

FEED_ITEMS = 50


class AnsweredQuestionsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug: str) -> Area:
        return get_object_or_404(Area, slug=slug, is_published=True)

    def title(self, area: Area) -> str:
        return f"Questions answered: {area.name}"

    def subtitle(self, area: Area) -> str:
        return f"Official answers to the public's questions about commissioning in {area.name}."

    def link(self, area: Area) -> str:
        return reverse("qanda_public:area", kwargs={"slug": area.slug})

    def items(self, area: Area):
        questions = selectors.answered(selectors.public_questions(area))
        return questions.order_by("-answer__updated_at", "-pk")[:FEED_ITEMS]

    def item_title(self, item: Question) -> str:
        return str(item)

    def item_description(self, item: Question) -> str:
        return f"{item.text}\n\nOfficial answer ({item.answer.answered_as}): {item.answer.text}"

    def item_link(self, item: Question) -> str:
        return item.get_public_url()

    def item_pubdate(self, item: Question):
        return item.answer.answered_at

    def item_updateddate(self, item: Question):
        return item.answer.updated_at

    def item_categories(self, item: Question) -> list[str]:
        return [item.topic_label] if item.topic_label else []
