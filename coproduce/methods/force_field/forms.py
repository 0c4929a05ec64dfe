"""Forms of a force-field analysis: the change, a force (from a phone or typed in), a strength, a raise."""

from __future__ import annotations

from django import forms

from coproduce.core.forms import GovukFormMixin, author_role_field
from coproduce.engagement.comment_text import CommentTextField

from ..models.force_field import ForceDirection
from .services import CHANGE_MAX_LENGTH, DIRECTION_PROBLEM, STRENGTH_PROBLEM, STRENGTHS

STRENGTH_CHOICES = [(str(n), f"{n}: {words}") for n, words in STRENGTHS.items()]
DIRECTION_CHOICES = [
    (ForceDirection.DRIVING.value, "Driving: it pushes the change forward"),
    (ForceDirection.RESTRAINING.value, "Restraining: it holds the change back"),
]


def direction_field(**kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=kwargs.pop("label", "Does this force drive the change or restrain it?"),
        choices=kwargs.pop("choices", DIRECTION_CHOICES),
        widget=kwargs.pop("widget", forms.RadioSelect),
        error_messages={"required": DIRECTION_PROBLEM, "invalid_choice": DIRECTION_PROBLEM},
        **kwargs,
    )


def strength_field(**kwargs) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=kwargs.pop("label", "How strong is it?"),
        choices=kwargs.pop("choices", STRENGTH_CHOICES),
        coerce=int,
        widget=kwargs.pop("widget", forms.RadioSelect),
        error_messages={"required": STRENGTH_PROBLEM, "invalid_choice": STRENGTH_PROBLEM},
        **kwargs,
    )


class ChangeForm(GovukFormMixin, forms.Form):
    change = forms.CharField(
        label="What change are we analysing?",
        max_length=CHANGE_MAX_LENGTH,
        help_text="For example: The VCS delivers outreach for two children's centres from April.",
        error_messages={
            "required": "Enter the change the room is analysing",
            "max_length": f"Describe the change in {CHANGE_MAX_LENGTH} characters or fewer",
        },
    )


class ForceForm(GovukFormMixin, forms.Form):
    """A participant's force, from their phone."""

    direction = direction_field()
    strength = strength_field(help_text="1 is very weak, 5 is very strong.")
    text = CommentTextField(
        label="What is the force?",
        help_text="In a few words, for example: Parents trust the centres' staff.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write what the force is"},
        strip=True,
    )


class CaptureForceForm(ForceForm):
    """A force typed in by a facilitator."""

    role = author_role_field(label="Who raised it", error="Choose the role of who raised it")


class StrengthForm(GovukFormMixin, forms.Form):
    strength = strength_field(label="How strong is this force?")


class RaiseForm(GovukFormMixin, forms.Form):
    """Raise a force from one of the event's comments."""

    comment = forms.IntegerField(widget=forms.HiddenInput)
    direction = direction_field(
        label="Direction",
        widget=forms.Select,
        choices=[("", "Choose"), *DIRECTION_CHOICES],
    )
    strength = strength_field(
        label="Strength", widget=forms.Select, choices=[("", "Choose"), *STRENGTH_CHOICES]
    )
