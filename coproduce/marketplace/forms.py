"""Forms for stating a need and for what was made of a match. Plain forms: the rules that must hold are
the services' (their messages name the field); the forms only read the input."""

from __future__ import annotations

import re

from django import forms

from coproduce.core.forms import GovukDateField, GovukFormMixin
from coproduce.directory.models import Organisation
from coproduce.engagement.models import Comment, Event
from coproduce.marketplace.models import BudgetBand, MatchStatus, Need
from coproduce.marketplace.selectors import centres, market_place_events
from coproduce.programmes.models import Area
from coproduce.proposals.models import Proposal
from coproduce.service_directory.models import DAYS, Location, TaxonomyTerm
from coproduce.themes.models import Theme
from coproduce.themes.selectors import current_run

TIME = forms.TimeInput(attrs={"type": "time", "class": "govuk-input govuk-input--width-5"}, format="%H:%M")


def _age(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=120,
        error_messages={
            "invalid": f"Enter the {label.lower()} as a whole number of years",
            "min_value": f"The {label.lower()} must be 0 or more",
            "max_value": f"The {label.lower()} must be 120 or less",
        },
    )


class NeedForm(GovukFormMixin, forms.Form):
    centre = forms.ModelChoiceField(
        label="Children's centre",
        queryset=Organisation.objects.none(),
        empty_label="Choose the centre",
        error_messages={"required": "Choose the children's centre that has the need"},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="A few words, e.g. “Speech and language groups for toddlers”.",
        error_messages={"required": "Enter a short title for the need"},
    )
    description = forms.CharField(
        label="What families need, and why",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The matching reads this for meaning, so say it as a parent or a colleague would.",
        error_messages={"required": "Say what families need and why"},
    )
    service_type = forms.ModelChoiceField(
        label="Type of service",
        queryset=TaxonomyTerm.objects.select_related("taxonomy"),
        empty_label="Choose a type",
        error_messages={"required": "Choose the type of service needed"},
    )
    minimum_age = _age("Youngest age")
    maximum_age = _age("Oldest age")
    location = forms.ModelChoiceField(
        label="Where (a place in the directory)",
        queryset=Location.objects.none(),
        required=False,
        empty_label="Not a place in the directory",
        help_text="Usually the centre itself. Or give a postcode below.",
    )
    postcode = forms.CharField(label="Or a postcode", max_length=10, required=False)
    days = forms.MultipleChoiceField(
        label="Days",
        choices=list(DAYS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave them all unticked for any weekday.",
    )
    start_time = forms.TimeField(
        label="From",
        required=False,
        widget=TIME,
        error_messages={"invalid": "Enter the start time like 09:30"},
    )
    end_time = forms.TimeField(
        label="Until",
        required=False,
        widget=TIME,
        error_messages={"invalid": "Enter the end time like 12:00"},
    )
    families = forms.IntegerField(
        label="How many families",
        required=False,
        min_value=1,
        error_messages={
            "invalid": "Enter how many families as a whole number",
            "min_value": "Enter how many families, 1 or more, or leave it blank",
        },
    )
    budget_band = forms.ChoiceField(
        label="Budget", choices=BudgetBand.choices, initial=BudgetBand.NO_LIMIT, widget=forms.RadioSelect
    )
    themes = forms.ModelMultipleChoiceField(
        label="Themes where the need came up",
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    evidence = forms.CharField(
        label="Comments where the need came up (optional)",
        required=False,
        help_text="The comments' numbers, as on their pages, separated by commas, e.g. 12, 40.",
    )

    def __init__(self, *args, area: Area, centre_id: int | None = None, need: Need | None = None, **kwargs):
        if need is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{
                    name: getattr(need, name)
                    for name in ("title", "description", "minimum_age", "maximum_age")
                },
                "centre": need.centre_id,
                "service_type": need.service_type_id,
                "location": need.location_id,
                "postcode": need.postcode,
                "days": need.day_codes,
                "start_time": need.start_time,
                "end_time": need.end_time,
                "families": need.families,
                "budget_band": need.budget_band,
                "themes": list(need.themes.values_list("pk", flat=True)),
                "evidence": ", ".join(str(pk) for pk in need.evidence.values_list("pk", flat=True)),
            }
        super().__init__(*args, **kwargs)
        self.area = area
        the_centres = centres(area)
        if centre_id is not None:
            the_centres = the_centres.filter(pk=centre_id)
        self.fields["centre"].queryset = the_centres  # type: ignore[attr-defined]
        self.fields["location"].queryset = Location.objects.filter(  # type: ignore[attr-defined]
            organisation__area=area
        ).exclude(location_type="virtual")
        run = current_run(area)
        themes = self.fields["themes"]
        themes.queryset = run.themes.filter(is_active=True) if run else Theme.objects.none()  # type: ignore[attr-defined]
        if not themes.queryset.exists():  # type: ignore[attr-defined]
            del self.fields["themes"]

    def clean_days(self) -> str:
        return ",".join(d for d in DAYS if d in self.cleaned_data.get("days", []))

    def clean_evidence(self) -> list[Comment]:
        text = self.cleaned_data.get("evidence", "")
        numbers = [part for part in re.split(r"[\s,]+", text) if part]
        bad = [part for part in numbers if not part.isdigit()]
        if bad:
            raise forms.ValidationError(f"Give comment numbers only, separated by commas (not “{bad[0]}”)")
        ids = {int(n) for n in numbers}
        found = list(Comment.objects.filter(pk__in=ids, event__area=self.area).select_related("event"))
        missing = sorted(ids - {c.pk for c in found})
        if missing:
            raise forms.ValidationError(f"No comment in this area with number {', '.join(map(str, missing))}")
        return found


class AgreeForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        label="What will be done", max_length=200, error_messages={"required": "Enter what will be done"}
    )
    due_date = GovukDateField(
        label="Due date (optional)",
        subject="the due date",
        required=False,
        help_text="For example, 31 3 2027",
    )
    event = forms.ModelChoiceField(
        label="Agreed at (optional)",
        queryset=Event.objects.none(),
        required=False,
        empty_label="Not at a market place event",
    )
    proposal = forms.ModelChoiceField(
        label="Under the proposal",
        queryset=Proposal.objects.none(),
        required=False,
        empty_label="Market place: agreed matches",
        help_text="The action is followed up under this proposal; the usual one is started if need be.",
    )
    note = forms.CharField(
        label="What was agreed (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, area: Area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = market_place_events(area)  # type: ignore[attr-defined]
        self.fields["proposal"].queryset = area.proposals.all()  # type: ignore[attr-defined]


class RecordForm(GovukFormMixin, forms.Form):
    status = forms.ChoiceField(
        label="What became of it",
        choices=[(MatchStatus.DISCUSSED, "Discussed"), (MatchStatus.DECLINED, "Not taken up")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose discussed or not taken up"},
    )
    event = forms.ModelChoiceField(
        label="At (optional)",
        queryset=Event.objects.none(),
        required=False,
        empty_label="Not at a market place event",
    )
    note = forms.CharField(label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, area: Area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = market_place_events(area)  # type: ignore[attr-defined]
