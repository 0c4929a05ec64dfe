"""A facilitator moderates a comment in the browser, with no JavaScript needed: edit, hide, restore."""

import pytest

from coproduce.accounts.models import AreaRole
from coproduce.engagement.models import Comment, CommentStatus
from tests.browser.conftest import new_page, serious_accessibility_violations, sign_in
from tests.factories import AreaFactory, CommentFactory, EventFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_facilitator_edits_hides_and_restores_a_comment(live_server, browser, screenshot_dir):
    area = AreaFactory(slug="bexley")
    facilitator = member(area, AreaRole.FACILITATOR)
    comment = CommentFactory(event=EventFactory(area=area), text="Mrs Smith at Oak Lane never calls back")

    page = new_page(browser)
    sign_in(page, live_server.url, facilitator.username)
    page.goto(f"{live_server.url}{comment.get_absolute_url()}")
    page.get_by_text("Edit the text").click()
    page.get_by_label("Comment text").fill("The centre never calls back")
    page.get_by_role("button", name="Save the edit").click()
    page.get_by_text("Original text", exact=True).wait_for()

    page.get_by_text("Hide the comment", exact=True).first.click()
    page.get_by_label("Why hide this comment?").fill("Names a member of staff")
    page.get_by_role("button", name="Hide the comment").click()
    page.get_by_text("Names a member of staff").first.wait_for()
    assert Comment.all_objects.get(pk=comment.pk).status == CommentStatus.HIDDEN
    page.screenshot(path=screenshot_dir / "comment-moderation.png", full_page=True)
    assert serious_accessibility_violations(page) == []

    page.get_by_role("button", name="Restore the comment").click()
    page.get_by_text("Undone.").wait_for()
    restored = Comment.all_objects.get(pk=comment.pk)
    assert restored.status == CommentStatus.ACCEPTED and restored.text == "The centre never calls back"
