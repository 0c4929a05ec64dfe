from django import forms

from coproduce.core.forms import GovukFormMixin

from .models import PrivacyMode


class ErasureForm(GovukFormMixin, forms.Form):
    mode = forms.ChoiceField(
        label="What should happen to this person's records?",
        choices=PrivacyMode.choices,
        widget=forms.RadioSelect,
        help_text="Either way the figures stay: they are still counted, by their role. This cannot be undone.",
        error_messages={"required": "Select whether to anonymise or erase this person"},
    )
