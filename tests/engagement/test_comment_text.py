"""The one check of a comment's words, as forms, the import, the demo and the API all use it."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from coproduce.engagement.comment_text import (
    COMMENT_MAX_LENGTH,
    TOO_LONG_IN_FILE,
    CommentTextError,
    CommentTextField,
    comment_text_checked,
    comment_text_clean,
)


def test_the_text_is_stripped_and_kept():
    assert comment_text_clean("  More outreach  ") == "More outreach"
    assert comment_text_clean("x" * COMMENT_MAX_LENGTH) == "x" * COMMENT_MAX_LENGTH


def test_an_empty_text_is_refused_unless_it_may_be_empty():
    with pytest.raises(CommentTextError) as caught:
        comment_text_clean("   ")
    assert (caught.value.code, caught.value.message) == ("required", "Enter the comment")
    assert comment_text_clean("  ", required=False) == ""


def test_a_text_too_long_says_by_how_much_in_the_words_asked_for():
    with pytest.raises(CommentTextError) as caught:
        comment_text_clean(" " + "x" * 2001 + " ", subject="the comment", too_long=TOO_LONG_IN_FILE)
    error = caught.value
    assert (error.code, error.length, error.max_length) == ("too_long", 2001, COMMENT_MAX_LENGTH)
    assert (
        error.message == "the comment is 2,001 characters long; a comment must be 2,000 characters or fewer"
    )


class NoteForm(forms.Form):
    text = CommentTextField(subject="Your note", error_messages={"required": "Write your note first"})


def test_the_form_field_uses_the_check_and_the_fields_own_empty_message():
    assert NoteForm({"text": " A note "}).is_valid()
    assert NoteForm({"text": "  "}).errors["text"] == ["Write your note first"]
    assert NoteForm({"text": "x" * 2001}).errors["text"] == [
        "Your note is 2001 characters long; make it 2000 or fewer. "
        "Nothing has been lost: it is still in the box below."
    ]


def test_a_service_refuses_by_the_same_rule_keyed_by_the_text_field():
    assert comment_text_checked("  Fine ", empty="Write something first.") == "Fine"
    with pytest.raises(ValidationError) as caught:
        comment_text_checked(" ", empty="Write something first.")
    assert caught.value.message_dict == {"text": ["Write something first."]}
    with pytest.raises(ValidationError) as caught:
        comment_text_checked("x" * 2001, empty="Write something first.")
    assert caught.value.message_dict == {
        "text": ["The comment is 2001 characters long; a comment must be 2000 or fewer"]
    }
