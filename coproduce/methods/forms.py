"""Forms of the method sessions: starting one, a participant's contribution, a facilitator's capture."""

from __future__ import annotations

from django import forms

from coproduce.core.forms import GovukFormMixin, author_role_field
from coproduce.engagement.comment_text import CommentTextField

from . import registry
from .steps import steps_of


class SessionForm(GovukFormMixin, forms.Form):
    method = forms.ChoiceField(
        label="Method",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the method to run"},
    )
    title = forms.CharField(
        label="Title (optional)",
        required=False,
        max_length=200,
        help_text="For example the question the room is working on. Left empty: the method's name.",
    )
    step_minutes = forms.IntegerField(
        label="Minutes for each timed stage",
        min_value=1,
        max_value=120,
        initial=5,
        error_messages={
            "required": "Enter how many minutes each timed stage lasts",
            "min_value": "A timed stage lasts at least 1 minute",
            "max_value": "A timed stage lasts at most 120 minutes",
            "invalid": "Enter the minutes as a whole number, like 5",
        },
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        # The methods planned for the event come first.
        methods = registry.plugins()
        planned = [m for m in event.methods if m in methods]
        ordered = planned + [m for m in methods if m not in planned]
        self.fields["method"].choices = [
            (m, f"{methods[m].label}{' (planned for this event)' if m in planned else ''}") for m in ordered
        ]


class ContributionForm(GovukFormMixin, forms.Form):
    """A participant's answer to the stage the room is at. ``step`` is the stage they were shown, so an
    answer typed just before the facilitator moved on is kept with the question it answers."""

    text = CommentTextField(
        label="Your answer",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Write your answer first"},
        strip=True,
    )
    step = forms.CharField(widget=forms.HiddenInput, required=False)


class CaptureForm(GovukFormMixin, forms.Form):
    """A facilitator types in a contribution from a sticky note or a flipchart."""

    text = CommentTextField(
        label="What was written",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what was said or written"},
        strip=True,
    )
    role = author_role_field(label="Who wrote it", error="Choose the role of who wrote it")
    step = forms.ChoiceField(label="Stage", error_messages={"required": "Choose the stage"})

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [(s.key, s.label) for s in steps_of(session.method) if s.method_step]
        if not self.is_bound:
            self.initial.setdefault("step", session.step)


class PromptsForm(GovukFormMixin, forms.Form):
    """The question of each stage, in the facilitators' own words (left empty: the method's wording)."""

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        own = session.setup.get("prompts") or {}
        self.steps = [step for step in steps_of(session.method) if step.method_step]
        for step in self.steps:
            self.fields[step.key] = forms.CharField(
                label=step.label,
                required=False,
                max_length=300,
                initial=own.get(step.key, ""),
                help_text=f"Left empty: “{step.prompt}”",
                widget=forms.TextInput,
            )
        # GovukFormMixin styled the fields that existed before these were added.
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "govuk-input")

    def prompts(self) -> dict[str, str]:
        return {key: value.strip() for key, value in self.cleaned_data.items() if value and value.strip()}
