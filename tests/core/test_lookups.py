"""Lists of ids with one too large for the database: the others are still found, and nothing crashes."""

import pytest

from coproduce.engagement.models import Comment
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db
HUGE = 2**70


def test_a_huge_id_in_a_list_matches_nothing_and_the_rest_still_match():
    comment = CommentFactory()
    assert list(Comment.objects.filter(pk__in=[HUGE, comment.pk])) == [comment]
    assert not Comment.objects.filter(pk__in=[HUGE]).exists()
    assert not Comment.objects.filter(pk__in=[-HUGE]).exists()


def test_a_huge_id_through_a_foreign_key_matches_nothing():
    comment = CommentFactory()
    assert list(Comment.objects.filter(event_id__in=[HUGE, comment.event_id])) == [comment]
    assert not Comment.objects.filter(event__in=[HUGE]).exists()
