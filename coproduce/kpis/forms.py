"""What people type on the KPI pages; the services check it (coproduce/kpis/services.py)."""

from __future__ import annotations

from django import forms

from coproduce.analysis import kpi_values
from coproduce.appraisal.models import Criterion
from coproduce.core.forms import GovukFormMixin
from coproduce.kpis.models import Kpi
from coproduce.proposals.models import Action
from coproduce.themes.models import Theme
from coproduce.themes.selectors import current_run

LINK_FIELDS = ("proposals", "actions", "criteria", "themes")
MAX_UPLOAD_BYTES = 1024 * 1024


class KpiForm(GovukFormMixin, forms.ModelForm):
    target = forms.CharField(
        label="Target",
        required=False,
        max_length=30,
        help_text="A number, in the KPI's unit. Leave empty if there is no target.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
    )

    class Meta:
        model = Kpi
        fields = [
            "name",
            "why",
            "measure",
            "unit",
            "direction",
            "target",
            "frequency",
            "source",
            "proposals",
            "actions",
            "criteria",
            "themes",
        ]
        widgets = {
            "why": forms.Textarea(attrs={"rows": 3}),
            "measure": forms.Textarea(attrs={"rows": 3}),
            "unit": forms.TextInput(attrs={"class": "govuk-input--width-10"}),
            "direction": forms.RadioSelect,
            "frequency": forms.RadioSelect,
            "proposals": forms.CheckboxSelectMultiple,
            "actions": forms.CheckboxSelectMultiple,
            "criteria": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
        }
        labels = {
            "proposals": "Proposals it answers",
            "actions": "Actions it tracks",
            "criteria": "Commissioning criteria it evidences",
            "themes": "Themes it answers",
        }
        error_messages = {
            "name": {"required": "Enter the KPI's name"},
            "why": {"required": "Enter why it matters"},
            "measure": {"required": "Enter how it is measured"},
            "unit": {"required": "Enter the unit, such as % or families"},
            "source": {"required": "Enter where the figures come from"},
        }

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].queryset = area.proposals.order_by("pk")  # type: ignore[attr-defined]
        self.fields["actions"].queryset = (  # type: ignore[attr-defined]
            Action.objects.filter(proposal__area=area).select_related("proposal").order_by("proposal", "pk")
        )
        self.fields["actions"].label_from_instance = lambda a: f"{a.title} ({a.proposal.title})"  # type: ignore[attr-defined]
        self.fields["criteria"].queryset = (  # type: ignore[attr-defined]
            Criterion.objects.filter(appraisal__area=area)
            .select_related("appraisal")
            .order_by("appraisal", "pk")
        )
        self.fields["criteria"].label_from_instance = lambda c: f"{c.title} ({c.appraisal.title})"  # type: ignore[attr-defined]
        # The themes of the current analysis, and any the KPI already cites from an earlier one.
        run = current_run(area)
        themes = Theme.objects.filter(run=run, is_active=True) if run else Theme.objects.none()
        if self.instance.pk:
            themes = themes | self.instance.themes.all()
        self.fields["themes"].queryset = themes.distinct().order_by("label")  # type: ignore[attr-defined]
        if self.instance.pk and self.instance.target is not None:
            self.initial["target"] = f"{self.instance.target.normalize():f}"

    def clean_target(self):
        text = self.cleaned_data.get("target", "").strip()
        if not text:
            return None
        try:
            return kpi_values.value_parse(text)
        except ValueError as error:
            raise forms.ValidationError(str(error).replace("the value", "the target")) from None

    def fields_and_links(self) -> tuple[dict, dict]:
        data = dict(self.cleaned_data)
        links = {name: data.pop(name) for name in LINK_FIELDS}
        return data, links


class KpiValueForm(GovukFormMixin, forms.Form):
    period = forms.CharField(label="Period", max_length=20, error_messages={"required": "Enter the period"})
    value = forms.CharField(
        label="Value",
        max_length=30,
        error_messages={"required": "Enter the value"},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
    )
    explanation = forms.CharField(
        label="Explanation (optional)",
        required=False,
        help_text="If the target was missed, say why and what is being done: it is shown with the figure.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, kpi: Kpi, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        example = kpi_values.PERIOD_EXAMPLES[kpi.frequency]
        self.fields[
            "period"
        ].help_text = f"This KPI is reported {kpi.frequency}: write the period as {example}"
        self.fields["period"].widget.attrs["class"] = "govuk-input govuk-input--width-10"
        unit = kpi.unit
        self.fields["value"].help_text = f"A number, in {unit}" if unit else "A number"
        if editing:
            self.fields["period"].disabled = True


class ValuesImportForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text=(
            "A header row with period, value and (optionally) explanation columns. Nothing is imported "
            "unless every row is right; a period already recorded gets the file's value."
        ),
        error_messages={"required": "Choose a CSV file", "empty": "The chosen file is empty"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file must be smaller than 1 MB")
        return upload


class PublishForm(forms.Form):
    publish = forms.BooleanField(required=False)
