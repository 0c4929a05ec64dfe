"""What people type on the CPD pages; the services check it (coproduce/cpd/services.py)."""

from __future__ import annotations

from typing import cast

from django import forms

from coproduce.core.forms import GovukDateField, GovukFormMixin
from coproduce.cpd.models import REFLECTION_MAX_LENGTH, CpdRecord, NeedPriority
from coproduce.cpd.selectors import training_events
from coproduce.directory.models import Organisation, Person
from coproduce.engagement.models import Event

OBJECTIVES_HELP = "One on each line."


def objectives_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class HoursField(forms.CharField):
    """Hours as typed ("3", "1.5"); the service says what is wrong with them, so nothing typed is lost."""

    def __init__(self, **kwargs):
        super().__init__(
            label="Hours",
            max_length=20,
            help_text="For example, 3 or 1.5",
            error_messages={"required": "Enter the hours"},
            widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
            **kwargs,
        )


class TrainingContentForm(GovukFormMixin, forms.Form):
    hours = HoursField()
    topic = forms.CharField(label="Topic", max_length=200, error_messages={"required": "Enter the topic"})
    learning_objectives = forms.CharField(
        label="Learning objectives",
        help_text=OBJECTIVES_HELP,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean_learning_objectives(self) -> list[str]:
        return objectives_lines(self.cleaned_data.get("learning_objectives", ""))


class ReflectionForm(GovukFormMixin, forms.Form):
    reflection = forms.CharField(
        label="Reflection",
        help_text="What you learned and how you will use it in commissioning. You can change it later.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Not max_length on the field: a too-long reflection comes back whole, with the service's message.
        self.fields["reflection"].widget.attrs["data-maxlength"] = str(REFLECTION_MAX_LENGTH)


class CpdRecordForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        label="Training", max_length=200, error_messages={"required": "Enter the training's title"}
    )
    provider = forms.CharField(label="Provider", max_length=200, required=False)
    date = GovukDateField(
        subject="the date of the training",
        label="Date",
        help_text="For example, 13 2 2012",
        error_messages={"required": "Enter the date of the training"},
    )
    hours = HoursField()
    topic = forms.CharField(label="Topic", max_length=200, error_messages={"required": "Enter the topic"})
    learning_objectives = forms.CharField(
        label="Learning objectives",
        help_text=OBJECTIVES_HELP,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_learning_objectives(self) -> list[str]:
        return objectives_lines(self.cleaned_data.get("learning_objectives", ""))


class CpdRecordCreateForm(CpdRecordForm):
    person = forms.ModelChoiceField(
        label="Person",
        queryset=Person.objects.none(),
        empty_label="Choose a person",
        error_messages={"required": "Choose the person", "invalid_choice": "Choose a person of this area"},
    )

    field_order = ["person", "title", "provider", "date", "hours", "topic", "learning_objectives"]

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people if people is not None else Person.objects.none()
        self.fields["person"].widget.attrs["class"] = "govuk-select"


def _record_label(record: CpdRecord) -> str:
    return f"{record.person}: {record.title} ({record.date:%-d %b %Y})"


class TrainingNeedForm(GovukFormMixin, forms.Form):
    need = forms.CharField(
        label="Training need", max_length=300, error_messages={"required": "Enter the training need"}
    )
    priority = forms.ChoiceField(
        label="Priority",
        choices=NeedPriority.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the need's priority"},
    )
    raised_on = GovukDateField(
        subject="the date the need was raised",
        label="Date raised",
        error_messages={"required": "Enter the date the need was raised"},
    )
    met_on = GovukDateField(
        subject="the date the need was met",
        label="Date met",
        required=False,
        help_text="Empty while it is open.",
    )
    met_by_event = forms.ModelChoiceField(
        label="Met by the training event",
        queryset=Event.objects.none(),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Choose a training event of this area"},
    )
    met_by_records = forms.ModelMultipleChoiceField(
        label="Met by these CPD records",
        queryset=CpdRecord.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose CPD records of this organisation's people"},
    )
    how_met = forms.CharField(
        label="How it was met", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        event_field = cast(forms.ModelChoiceField, self.fields["met_by_event"])
        event_field.queryset = training_events(organisation.area)
        event_field.widget.attrs["class"] = "govuk-select"
        records_field = cast(forms.ModelMultipleChoiceField, self.fields["met_by_records"])
        records_field.queryset = CpdRecord.objects.filter(person__organisation=organisation).select_related(
            "person"
        )
        records_field.label_from_instance = _record_label  # type: ignore[method-assign,assignment]
