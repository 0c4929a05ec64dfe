from datetime import timedelta

from django import forms
from django.utils import timezone

from coproduce.core.forms import GovukFormMixin

NEVER = "never"


class TokenForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        label="What is the token for?",
        max_length=100,
        help_text="For example “Power BI report” — so you know which one to revoke later.",
        error_messages={"required": "Enter what the token is for"},
    )
    expires_in = forms.ChoiceField(
        label="When should it stop working?",
        choices=[("30", "In 30 days"), ("90", "In 90 days"), ("365", "In a year"), (NEVER, "Never")],
        widget=forms.RadioSelect,
        required=False,
        help_text="A token that expires cannot be used for long if it is lost. If you choose none, it never expires.",
    )
    read_only = forms.BooleanField(
        label="Read only: it can read, but not change anything",
        required=False,
        help_text="For reports and dashboards, which only need to read.",
    )

    def expires_at(self):
        choice = self.cleaned_data.get("expires_in") or NEVER
        return None if choice == NEVER else timezone.now() + timedelta(days=int(choice))
