"""What people type on the VCS pages; the services check it (coproduce/vcs/services.py), so a number typed
wrong comes back as typed, with a message naming the field."""

from __future__ import annotations

from typing import cast

from django import forms

from coproduce.core.forms import GovukDateField, GovukFormMixin
from coproduce.directory.models import Organisation
from coproduce.vcs.models import (
    Consortium,
    ContractSize,
    DeliveryModel,
    HealthScore,
    HealthTopic,
    IncomeBand,
    LinkKind,
    LinkStrength,
    Premises,
)


def _count_field(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=20,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-5"}),
    )


class ProfileForm(GovukFormMixin, forms.Form):
    needs = forms.CharField(
        label="What does the organisation need?",
        help_text="To grow, to take on services, to keep going: funding, premises, training, partners.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    values = forms.CharField(
        label="What does it value?",
        help_text="What it stands for and how it works with families.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    delivery_models = forms.MultipleChoiceField(
        label="How would it deliver services?",
        help_text="Select all that apply.",
        choices=DeliveryModel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose ways of delivering from the list"},
    )
    contract_sizes = forms.MultipleChoiceField(
        label="What size of contract would it take on?",
        help_text="Select all that apply.",
        choices=ContractSize.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose contract sizes from the list"},
    )
    consortium = forms.ChoiceField(
        label="Would it join a consortium?",
        choices=Consortium.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose an answer from the list"},
    )
    staff = _count_field("Paid staff", "Headcount, part-time staff included.")
    volunteers = _count_field("Volunteers")
    dbs_checked_volunteers = _count_field(
        "DBS-checked volunteers", "Volunteers with a current Disclosure and Barring Service check."
    )
    premises = forms.ChoiceField(
        label="Premises",
        choices=Premises.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose the premises from the list"},
    )
    income_band = forms.ChoiceField(
        label="Yearly income",
        choices=IncomeBand.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose the yearly income from the list"},
    )


class HealthCheckForm(GovukFormMixin, forms.Form):
    """The date, then for each area a rating from 1 to 4 and an optional note."""

    taken_on = GovukDateField(
        subject="the date the health check was taken",
        label="Date taken",
        help_text="For example, 13 2 2012",
        error_messages={"required": "Enter the date the health check was taken"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for topic in HealthTopic:
            # Any value is taken as sent: the service names every area unrated or off the scale, all at once.
            self.fields[f"score_{topic.value}"] = forms.CharField(
                label=topic.label,
                widget=forms.RadioSelect(choices=HealthScore.choices),
                required=False,
            )
            self.fields[f"note_{topic.value}"] = forms.CharField(
                label=f"Note on {topic.label.lower()} (optional)", required=False, max_length=2000
            )
            self.fields[f"note_{topic.value}"].widget.attrs["class"] = "govuk-input"

    def topics(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"score_{t.value}"], self[f"note_{t.value}"]) for t in HealthTopic]

    def ratings(self) -> dict[str, tuple[object, str]]:
        return {
            t.value: (self.cleaned_data.get(f"score_{t.value}"), self.cleaned_data.get(f"note_{t.value}", ""))
            for t in HealthTopic
        }


class LinkForm(GovukFormMixin, forms.Form):
    organisation_a = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.none(),
        empty_label="Choose an organisation",
        error_messages={
            "required": "Choose the first organisation",
            "invalid_choice": "Choose an organisation of this area",
        },
    )
    organisation_b = forms.ModelChoiceField(
        label="Works with",
        queryset=Organisation.objects.none(),
        empty_label="Choose an organisation",
        error_messages={
            "required": "Choose the second organisation",
            "invalid_choice": "Choose an organisation of this area",
        },
    )
    kind = forms.ChoiceField(
        label="Kind of link",
        choices=LinkKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of link", "invalid_choice": "Choose the kind of link"},
    )
    strength = forms.ChoiceField(
        label="Strength",
        choices=LinkStrength.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the strength of the link, from 1 (occasional) to 3 (close)",
            "invalid_choice": "Choose the strength of the link, from 1 (occasional) to 3 (close)",
        },
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=300)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("organisation_a", "organisation_b"):
            field = cast(forms.ModelChoiceField, self.fields[name])
            field.queryset = organisations
            field.widget.attrs["class"] = "govuk-select"
