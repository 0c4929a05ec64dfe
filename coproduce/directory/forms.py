from django import forms

from coproduce.core.forms import GovukFormMixin
from coproduce.directory.models import OrganisationKind


class OrganisationForm(GovukFormMixin, forms.Form):
    """What a person types; the service checks it (coproduce/directory/services.py)."""

    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the organisation's name"}
    )
    kind = forms.ChoiceField(
        label="Kind of organisation",
        choices=OrganisationKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of organisation"},
    )
