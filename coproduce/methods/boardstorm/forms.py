"""Forms of a boardstorm: a heading, a participant's idea, an idea typed in, an idea moved."""

from __future__ import annotations

from django import forms

from coproduce.core.forms import GovukFormMixin, author_role_field
from coproduce.engagement.comment_text import CommentTextField

from ..models import MethodSession
from ..models.boardstorm import BoardHeading
from .selectors import NO_HEADING
from .services import HEADING_MAX_LENGTH

NONE = "none"  # the value of "No heading" in a choice of headings


class HeadingChoiceMixin:
    """A ``heading`` field choosing one of the session's headings, or none."""

    session: MethodSession
    none_label = NO_HEADING

    def set_heading_choices(self, session: MethodSession) -> None:
        self.session = session
        self._headings = {str(h.pk): h for h in session.headings.all()}
        choices = [(pk, h.title) for pk, h in self._headings.items()] + [(NONE, self.none_label)]
        self.fields["heading"].choices = choices  # type: ignore[attr-defined]

    def clean_heading(self) -> BoardHeading | None:
        value = self.cleaned_data["heading"]  # type: ignore[attr-defined]
        return None if value == NONE else self._headings[value]


class HeadingForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        label="Heading",
        max_length=HEADING_MAX_LENGTH,
        help_text="For example: Working with schools, Funding, Reaching families.",
        error_messages={
            "required": "Enter the heading",
            "max_length": f"A heading is {HEADING_MAX_LENGTH} characters or fewer",
        },
    )


class HeadingChangeForm(HeadingForm):
    number = forms.IntegerField(
        label="Place on the board",
        min_value=1,
        help_text="1 is the first heading. The others move up or down to make room.",
        error_messages={
            "required": "Enter the heading's place on the board, like 1",
            "min_value": "The first place on the board is 1",
            "invalid": "Enter the place as a whole number, like 2",
        },
    )

    def __init__(self, *args, heading: BoardHeading, **kwargs):
        kwargs.setdefault("initial", {"title": heading.title, "number": heading.number})
        super().__init__(*args, **kwargs)
        self.fields["title"].help_text = ""
        self.places = heading.session.headings.count()
        self.fields["number"].widget.attrs["max"] = self.places

    def clean_number(self) -> int:
        number = self.cleaned_data["number"]
        if number > self.places:
            raise forms.ValidationError(
                f"There are {self.places} headings: enter a place from 1 to {self.places}"
            )
        return number


class ParticipantIdeaForm(HeadingChoiceMixin, GovukFormMixin, forms.Form):
    heading = forms.ChoiceField(
        label="Which heading does your idea go under?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the heading your idea goes under",
            "invalid_choice": "That heading has just been removed from the board: choose another",
        },
    )
    text = CommentTextField(
        subject="Your idea",
        label="Your idea",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write your idea first"},
        strip=True,
    )
    none_label = "None of these, or not sure"

    def __init__(self, *args, session: MethodSession, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_heading_choices(session)


class CaptureIdeaForm(HeadingChoiceMixin, GovukFormMixin, forms.Form):
    """An idea typed in by a facilitator from a sticky note."""

    text = CommentTextField(
        subject="Your idea",
        label="The idea on the sticky note",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the idea on the sticky note"},
        strip=True,
    )
    heading = forms.ChoiceField(
        label="Under the heading",
        error_messages={
            "required": "Choose the heading the idea goes under",
            "invalid_choice": "That heading has just been removed from the board: choose another",
        },
    )
    role = author_role_field(label="Role of who wrote it", error="Choose the role of who wrote it")

    def __init__(self, *args, session: MethodSession, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_heading_choices(session)


class MoveIdeaForm(HeadingChoiceMixin, GovukFormMixin, forms.Form):
    idea = forms.IntegerField(widget=forms.HiddenInput, error_messages={"required": "Choose an idea to move"})
    heading = forms.ChoiceField(
        label="Move to",
        error_messages={
            "required": "Choose the heading to move the idea to",
            "invalid_choice": "That heading has just been removed from the board: choose another",
        },
    )

    def __init__(self, *args, session: MethodSession, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_heading_choices(session)
