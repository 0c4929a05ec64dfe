"""Forms of the KJ method: a participant's note, a facilitator's move of a note, a group's name."""

from __future__ import annotations

from django import forms

from coproduce.core.forms import GovukFormMixin
from coproduce.engagement.comment_text import CommentTextField

from .services import GROUP_NAME_MAX


class NoteForm(GovukFormMixin, forms.Form):
    text = CommentTextField(
        subject="Your note",
        label="Your note",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One idea per note. Your name is not recorded.",
        error_messages={"required": "Write your note first"},
        strip=True,
    )


class MoveForm(forms.Form):
    """Where a note goes: a group's id, or empty for the ungrouped notes."""

    note = forms.IntegerField()
    group = forms.CharField(required=False)
    version = forms.IntegerField(required=False, min_value=0)
    request_id = forms.CharField(required=False, max_length=64)

    def clean_group(self) -> int | None:
        value = self.cleaned_data["group"].strip()
        if not value:
            return None
        if not value.isdigit():
            raise forms.ValidationError("Choose a group.")
        return int(value)


class GroupNameForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=GROUP_NAME_MAX,
        required=False,
        error_messages={"max_length": f"A group's name must be {GROUP_NAME_MAX} characters or fewer"},
    )
