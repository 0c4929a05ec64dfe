"""The one check of a comment's words, whichever way the comment arrives.

A comment's text is stripped of surrounding spaces, must not then be empty, and must be at most
``COMMENT_MAX_LENGTH`` characters. Participant pages and method forms (through ``CommentTextField``), the
facilitator's capture form, the file import, the demo loader and the API (through its ``CommentText``
type) all call ``comment_text_clean``; only the words telling a person what is wrong differ, because a
participant at a phone, a facilitator reading an import report and an API client need different words.
The templates for those words are here too, so a change of rule or wording is made in one place.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

COMMENT_MAX_LENGTH = 2000

# Templates for a text that is too long: each may use {subject}, {length} and {max_length}.
# A facilitator capturing comments.
TOO_LONG = "{subject} is {length} characters long; a comment must be {max_length} or fewer"
# A participant: what they typed is shown again, so they are told it is not lost.
TOO_LONG_KEPT = (
    "{subject} is {length} characters long; make it {max_length} or fewer. "
    "Nothing has been lost: it is still in the box below."
)
# A row of an imported file: files can be long, so the numbers are grouped (2,001).
TOO_LONG_IN_FILE = (
    "{subject} is {length:,} characters long; a comment must be {max_length:,} characters or fewer"
)
# An API client: the same rule applies to the API's other free-text fields, each with its own limit.
TOO_LONG_API = "{subject} is {length} characters long; it must be {max_length} or fewer"


class CommentTextError(ValueError):
    """The text is empty or too long. ``code`` is "required" or "too_long"; ``message`` says so in words."""

    def __init__(self, message: str, *, code: str, length: int, max_length: int) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.length = length
        self.max_length = max_length


def comment_text_clean(
    text: str,
    *,
    subject: str = "The comment",
    max_length: int = COMMENT_MAX_LENGTH,
    required: bool = True,
    empty: str = "Enter the comment",
    too_long: str = TOO_LONG,
) -> str:
    """The text stripped of surrounding spaces; raise CommentTextError if it is empty or too long.

    ``empty`` and ``too_long`` are the templates of the message (``{subject}`` and, for too long,
    ``{length}`` and ``{max_length}``). With ``required=False`` an empty text is returned as "".
    """
    text = text.strip()
    if required and not text:
        raise CommentTextError(
            empty.format(subject=subject), code="required", length=0, max_length=max_length
        )
    if len(text) > max_length:
        raise CommentTextError(
            too_long.format(subject=subject, length=len(text), max_length=max_length),
            code="too_long",
            length=len(text),
            max_length=max_length,
        )
    return text


def comment_text_checked(text: str, *, empty: str) -> str:
    """For a service: ``comment_text_clean``, refusing with a ValidationError keyed by the "text" field, so
    a caller that skipped the form's check still cannot store an empty or too-long comment."""
    try:
        return comment_text_clean(text, empty=empty)
    except CommentTextError as error:
        raise ValidationError({"text": error.message}, code=error.code) from error


class CommentTextField(forms.CharField):
    """A comment's words typed into a form, checked by ``comment_text_clean``.

    An empty answer gets the field's own ``required`` message ("Write your note first"); a text that is too
    long gets ``too_long`` with ``subject`` ("Your note is 2500 characters long; ..."). There is no
    ``maxlength`` on the box unless the form adds one: a browser would silently cut a pasted text short.
    """

    def __init__(self, *, subject: str = "This", too_long: str = TOO_LONG_KEPT, **kwargs: Any) -> None:
        kwargs.setdefault("strip", True)
        super().__init__(**kwargs)
        self.subject = subject
        self.too_long = too_long

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value in self.empty_values:
            return
        try:
            comment_text_clean(value, subject=self.subject, required=False, too_long=self.too_long)
        except CommentTextError as error:
            raise forms.ValidationError(error.message, code=error.code) from error
