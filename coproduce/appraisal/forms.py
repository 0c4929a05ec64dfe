"""Forms for building an appraisal, scoring it and agreeing its preferred option."""

from __future__ import annotations

from django import forms

from coproduce.appraisal.models import (
    DEFAULT_SCALE,
    Appraisal,
    CriterionKind,
    GreenBookChoice,
    Option,
    OptionKind,
)
from coproduce.appraisal.services import PRESET_CRITERIA, PRESET_OPTIONS
from coproduce.core.forms import GovukFormMixin
from coproduce.themes.models import Theme


class AppraisalForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, “Delivery of children's centre services 2012-15”.",
        error_messages={"required": "Enter a title for the appraisal"},
    )
    purpose = forms.CharField(
        label="What is being decided (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    preset_options = forms.MultipleChoiceField(
        label="Start the long list with these delivery options",
        choices=[(k, OptionKind(k).label) for k in PRESET_OPTIONS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="You can add your own options, and exclude any, on the next page.",
    )
    preset_criteria = forms.MultipleChoiceField(
        label="Score them on these critical success factors (HM Treasury Green Book)",
        choices=[(k, CriterionKind(k).label) for k in PRESET_CRITERIA],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Add the area's own criteria on the next page, and cite the themes behind each.",
    )
    scale_min = forms.IntegerField(
        label="Lowest score",
        initial=0,
        min_value=-10,
        max_value=10,
        error_messages={
            "required": "Enter the lowest score",
            "invalid": "The lowest score must be a whole number",
        },
    )
    scale_max = forms.IntegerField(
        label="Highest score",
        initial=4,
        min_value=-10,
        max_value=10,
        error_messages={
            "required": "Enter the highest score",
            "invalid": "The highest score must be a whole number",
        },
    )
    descriptors = forms.CharField(
        label="What each score means",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        initial="\n".join(DEFAULT_SCALE.values()),
        help_text="One line for each score, from the lowest to the highest.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("preset_options", list(PRESET_OPTIONS))
            self.initial.setdefault("preset_criteria", list(PRESET_CRITERIA))

    def clean(self):
        data = super().clean()
        low, high = data.get("scale_min"), data.get("scale_max")
        if low is not None and high is not None:
            if low >= high:
                self.add_error("scale_max", "The highest score must be above the lowest")
            else:
                lines = [
                    line.strip() for line in (data.get("descriptors") or "").splitlines() if line.strip()
                ]
                if len(lines) > high - low + 1:
                    self.add_error("descriptors", f"Give at most {high - low + 1} lines, one for each score")
                data["scale_descriptors"] = {low + i: text for i, text in enumerate(lines)}
        return data


class OptionForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Kind of delivery model", choices=OptionKind.choices, initial=OptionKind.OWN
    )
    title = forms.CharField(
        label="Name of the option", max_length=200, error_messages={"required": "Enter the option's name"}
    )
    description = forms.CharField(
        label="Description (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ExclusionForm(GovukFormMixin, forms.Form):
    excluded_on = forms.ChoiceField(
        label="Which choice rules it out?",
        choices=GreenBookChoice.choices,
        widget=forms.RadioSelect,
        help_text="The Green Book's options framework: the choice the option fails on.",
        error_messages={
            "required": "Choose the choice that rules the option out: scope, solution, delivery, "
            "implementation or funding"
        },
    )
    exclusion_reason = forms.CharField(
        label="Why is it excluded?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say why the option is excluded"},
    )


class CriterionForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Kind", choices=CriterionKind.choices, initial=CriterionKind.OWN)
    title = forms.CharField(
        label="Criterion", max_length=200, error_messages={"required": "Enter the criterion's name"}
    )
    description = forms.CharField(
        label="What an option must do to score well (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    themes = forms.ModelMultipleChoiceField(
        label="Themes that justify it",
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="From the area's analysis of what partners said; their comments become the evidence.",
    )

    def __init__(self, *args, themes, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes  # type: ignore[attr-defined]
        self.fields["themes"].label_from_instance = lambda t: f"{t.label} ({t.size} comments)"  # type: ignore[attr-defined]
        if editing:
            del self.fields["kind"]


class AgreeForm(GovukFormMixin, forms.Form):
    preferred_option = forms.ModelChoiceField(
        label="Preferred option",
        queryset=Option.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose the preferred option"},
    )
    recommendation = forms.CharField(
        label="Recommendation",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Write the recommendation"},
    )
    agreed_with = forms.CharField(
        label="Agreed with (optional)",
        required=False,
        max_length=500,
        help_text="Who agreed it with you, for example “the children's centres task group, 14 March 2012”.",
    )

    def __init__(self, *args, appraisal: Appraisal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_option"].queryset = appraisal.options.filter(is_shortlisted=True)  # type: ignore[attr-defined]


class ScoreForm(forms.Form):
    """One partner's scores of every short-listed option on every criterion, and their weights.

    The scores are radios, one group per option and criterion; the weights are text boxes (so a weight
    typed as a word reaches the server and gets a message, rather than being silently dropped)."""

    def __init__(self, *args, appraisal: Appraisal, options, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.options, self.criteria = list(options), list(criteria)
        choices = [(str(point), f"{point}: {label}") for point, label in appraisal.scale]
        for option in self.options:
            for criterion in self.criteria:
                # A plain text field with radios: the service checks the point is on the scale, in its words.
                self.fields[f"score_{option.pk}_{criterion.pk}"] = forms.CharField(
                    label=f"{option.title}: {criterion.title}",
                    widget=forms.RadioSelect(choices=choices),
                    required=False,
                )
        for criterion in self.criteria:
            self.fields[f"weight_{criterion.pk}"] = forms.CharField(
                label=f"Weight for {criterion.title}",
                required=False,
                max_length=30,
                widget=forms.TextInput(
                    attrs={
                        "class": "govuk-input govuk-input--width-5",
                        "inputmode": "decimal",
                        "spellcheck": "false",
                    }
                ),
            )

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        for field, messages in errors.items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields and name.startswith("weight_"):
                widget = self.fields[name].widget
                widget.attrs["class"] = widget.attrs.get("class", "") + " govuk-input--error"
                widget.attrs["aria-describedby"] = f"id_{name}-error"

    def rows(self):
        """For the template: each option with its criteria's fields, and the weights."""
        return [
            (option, [(criterion, self[f"score_{option.pk}_{criterion.pk}"]) for criterion in self.criteria])
            for option in self.options
        ]

    def weight_fields(self):
        return [(criterion, self[f"weight_{criterion.pk}"]) for criterion in self.criteria]

    def scores(self) -> dict[tuple[int, int], object]:
        return {
            (o.pk, c.pk): self.data.get(f"score_{o.pk}_{c.pk}") for o in self.options for c in self.criteria
        }

    def weights(self) -> dict[int, object]:
        return {c.pk: self.data.get(f"weight_{c.pk}") for c in self.criteria}
