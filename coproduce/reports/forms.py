"""The one form of the report: its title and narrative, written as plain text in paragraphs."""

from django import forms
from django.core.validators import MaxLengthValidator

from coproduce.core.forms import GovukFormMixin
from coproduce.reports.models import Report

NARRATIVE_MAX_LENGTH = 10_000


class ReportForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Report
        fields = ["title", *Report.NARRATIVE_FIELDS]
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
            "themes_commentary": "Shown above the themes, which come from the current analysis.",
            "impact_commentary": "Shown after the survey figures, in the partners' words.",
            "next_steps": "Shown after the action plan.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in Report.NARRATIVE_FIELDS:
            field = self.fields[name]
            field.validators.append(
                MaxLengthValidator(
                    NARRATIVE_MAX_LENGTH, message=f"Keep this to {NARRATIVE_MAX_LENGTH:,} characters or fewer"
                )
            )
            field.widget.attrs["rows"] = 6
