"""Forms for proposals, actions and progress notes."""

from django import forms
from django.utils import timezone

from coproduce.core.forms import GovukDateField, GovukFormMixin
from coproduce.proposals.models import Action, ActionStatus, Proposal


class ProposalForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["title", "summary", "challenges", "owner", "status", "is_published"]
        widgets = {"challenges": forms.CheckboxSelectMultiple, "summary": forms.Textarea(attrs={"rows": 5})}
        labels = {"owner": "Owner organisation", "is_published": "Publish on the public site"}
        error_messages = {
            "title": {"required": "Enter a title for the proposal"},
            "summary": {"required": "Say what the proposal is"},
        }

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenges"].queryset = area.challenges.all()
        self.fields["owner"].queryset = area.organisations.all()


class ActionForm(GovukFormMixin, forms.ModelForm):
    due_date = GovukDateField(
        label="Due date (optional)",
        subject="the due date",
        required=False,
        help_text="For example, 31 3 2012",
    )

    class Meta:
        model = Action
        fields = ["title", "owner", "due_date", "status"]
        labels = {"owner": "Owner organisation"}
        error_messages = {"title": {"required": "Enter what will be done"}}

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        owner.queryset = area.organisations.all()  # type: ignore[attr-defined]
        # An action nobody owns is followed up by nobody.
        owner.required = True
        owner.empty_label = "Choose the organisation"
        owner.error_messages["required"] = "Select the organisation that owns the action"
        if not area.organisations.exists():
            owner.help_text = (
                "This area has no organisations yet: add the owner's organisation first (link above)."
            )

    @property
    def past_due(self) -> bool:
        """A due date already passed: allowed (an action may be written up late), but worth a warning."""
        due = self.cleaned_data.get("due_date")
        done = self.cleaned_data.get("status") == ActionStatus.DONE
        return bool(due and due < timezone.localdate() and not done)


class ProgressForm(GovukFormMixin, forms.Form):
    text = forms.CharField(
        label="Progress note",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Say what has happened",
            "max_length": "Keep the note to 2000 characters or fewer",
        },
    )
    status = forms.ChoiceField(label="Status", choices=ActionStatus.choices, widget=forms.RadioSelect)
