"""The one form of the report: its title and narrative, written as plain text in paragraphs, and what it draws
on (which analysis, which surveys)."""

from django import forms
from django.core.validators import MaxLengthValidator

from coproduce.core.forms import GovukFormMixin
from coproduce.reports.models import Report
from coproduce.surveys.models import Survey
from coproduce.themes.models import AnalysisRun, RunStatus

NARRATIVE_MAX_LENGTH = 10_000


class RunChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: AnalysisRun) -> str:  # type: ignore[override]
        when = f"{obj.finished_at:%-d %B %Y, %H:%M}" if obj.finished_at else "not dated"
        return f"Analysis of {when}: {obj.themes.filter(is_active=True).count()} themes from {obj.comment_count} comments"


class ReportForm(GovukFormMixin, forms.ModelForm):
    analysis_run = RunChoiceField(
        queryset=AnalysisRun.objects.none(),
        required=False,
        blank=True,  # keeps the "current analysis" choice among the radios
        widget=forms.RadioSelect,
        empty_label="The area's current analysis, whichever is newest",
        label="Which analysis the themes come from",
    )
    surveys = forms.ModelMultipleChoiceField(
        queryset=Survey.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Which surveys the impact figures come from",
        help_text="Untick a trial or test survey to leave it out of the report.",
    )

    class Meta:
        model = Report
        fields = ["title", *Report.NARRATIVE_FIELDS, "analysis_run"]
        labels = {
            "title": "Title (optional)",
            "introduction": "Introduction",
            "process": "The co-production process",
            "themes_commentary": "What the common emerging themes tell us",
            "impact_commentary": "Positive impact achieved",
            "next_steps": "Putting learning into practice: next steps",
        }
        help_texts = {
            "title": "Left empty, the report is called “<area>: case study”.",
            "introduction": "Why the area took part and what it wanted. Leave a blank line between paragraphs.",
            "process": "How the partners worked together in practice. The methods used are listed from the "
            "events.",
            "themes_commentary": "Shown above the themes, which come from the analysis chosen below.",
            "impact_commentary": "Shown after the survey figures, in the partners' words.",
            "next_steps": "Shown after the action plan.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        area = self.instance.area
        self.fields["analysis_run"].queryset = area.analysis_runs.filter(status=RunStatus.DONE).order_by(
            "-finished_at", "-pk"
        )
        surveys = area.surveys.order_by("created_at", "pk")
        self.fields["surveys"].queryset = surveys
        left_out = (
            set(self.instance.left_out_surveys.values_list("pk", flat=True)) if self.instance.pk else set()
        )
        self.fields["surveys"].initial = [survey.pk for survey in surveys if survey.pk not in left_out]
        if not surveys.exists():
            del self.fields["surveys"]
        for name in Report.NARRATIVE_FIELDS:
            field = self.fields[name]
            field.validators.append(
                MaxLengthValidator(
                    NARRATIVE_MAX_LENGTH, message=f"Keep this to {NARRATIVE_MAX_LENGTH:,} characters or fewer"
                )
            )
            field.widget.attrs["rows"] = 6
