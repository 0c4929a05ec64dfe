"""Forms for adding an area and writing its challenges."""

from django import forms

from coproduce.core.forms import GovukFormMixin
from coproduce.programmes.models import ChallengeStage


class AreaForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="The local authority area, such as ‘Bexley’.",
        error_messages={"required": "Enter the area's name"},
    )
    slug = forms.SlugField(
        label="Web address",
        max_length=50,
        help_text="Lower-case letters, numbers and hyphens, such as ‘bexley’: the area's pages are at /areas/bexley/.",
        error_messages={
            "required": "Enter the area's web address",
            "invalid": "The web address can only have lower-case letters, numbers and hyphens",
        },
    )
    description = forms.CharField(
        label="Description (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ChallengeForm(GovukFormMixin, forms.Form):
    text = forms.CharField(
        label="Challenge",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "A working wording in the partners' own words, such as ‘How to improve engagement of the local "
            "VCS in the delivery of children's centres?’. It is put to the vote before it is agreed."
        ),
        error_messages={
            "required": "Enter the challenge",
            "max_length": "A challenge must be 1,000 characters or fewer",
        },
    )


class StageForm(forms.Form):
    stage = forms.ChoiceField(
        choices=ChallengeStage.choices, error_messages={"invalid_choice": "Choose a stage from the list"}
    )
