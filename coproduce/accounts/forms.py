from django import forms

from coproduce.core.forms import GovukFormMixin


class TokenForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        label="What is the token for?",
        max_length=100,
        help_text="For example “Power BI report” — so you know which one to revoke later.",
        error_messages={"required": "Enter what the token is for"},
    )
