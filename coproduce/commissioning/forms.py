"""Forms for commissioning processes and their milestones (the services check the dates again)."""

from django import forms

from coproduce.accounts.models import Membership
from coproduce.commissioning.models import CommissioningProcess, Milestone, Stage
from coproduce.core.forms import GovukDateField, GovukFormMixin
from coproduce.proposals.models import Action


class ProcessForm(GovukFormMixin, forms.ModelForm):
    start_date = GovukDateField(
        label="Start date", subject="the start date", help_text="For example, 1 10 2011"
    )
    end_date = GovukDateField(label="End date", subject="the end date", help_text="For example, 31 3 2015")

    class Meta:
        model = CommissioningProcess
        fields = [
            "title",
            "description",
            "start_date",
            "end_date",
            "budget",
            "status",
            "stage",
            "buyer",
            "supplier",
            "proposals",
            "appraisal",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "proposals": forms.CheckboxSelectMultiple,
            "budget": forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        }
        labels = {
            "budget": "Budget or value in pounds (optional)",
            "stage": "Current stage of the cycle",
            "proposals": "Proposals this process carries out",
            "appraisal": "Options appraisal that chose the delivery model (optional)",
        }
        error_messages = {
            "title": {"required": "Enter a title, e.g. “Children's centre services 2012–15”"},
            "budget": {"invalid": "Enter the budget as a number, like 1250000 or 1250000.50"},
        }

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("buyer", "supplier"):
            self.fields[name].queryset = area.organisations.all()  # type: ignore[attr-defined]
        self.fields["proposals"].queryset = area.proposals.all()  # type: ignore[attr-defined]
        self.fields["appraisal"].queryset = area.appraisals.all()  # type: ignore[attr-defined]
        for name in ("start_date", "end_date"):
            self.fields[name].error_messages["required"] = f"Enter the {name.replace('_', ' ')}"
        if self.instance.pk:
            self.initial.setdefault("start_date", self.instance.start_date)
            self.initial.setdefault("end_date", self.instance.end_date)


class MilestoneForm(GovukFormMixin, forms.ModelForm):
    start_date = GovukDateField(
        label="Start date (optional)",
        subject="the start date",
        required=False,
        help_text="Leave empty for a milestone on one day. For example, 28 10 2011",
    )
    due_date = GovukDateField(
        label="End or due date", subject="the end date", help_text="For example, 13 2 2012"
    )
    stage = forms.ChoiceField(
        label="Stage of the cycle (optional)",
        choices=[("", "As its kind says"), *Stage.choices],
        required=False,
    )

    class Meta:
        model = Milestone
        fields = [
            "kind",
            "title",
            "description",
            "start_date",
            "due_date",
            "stage",
            "status",
            "owner",
            "owner_member",
            "proposals",
            "actions",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "proposals": forms.CheckboxSelectMultiple,
            "actions": forms.CheckboxSelectMultiple,
        }
        labels = {
            "owner": "Owner organisation",
            "owner_member": "Owner (a person, optional)",
            "proposals": "Proposals it carries out",
            "actions": "Actions it carries out",
        }
        error_messages = {"title": {"required": "Enter what the milestone is"}}

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = area.organisations.all()  # type: ignore[attr-defined]
        member = self.fields["owner_member"]
        member.queryset = Membership.objects.filter(area=area).select_related("user")  # type: ignore[attr-defined]
        member.label_from_instance = lambda m: m.user.get_full_name() or m.user.get_username()  # type: ignore[attr-defined]
        self.fields["proposals"].queryset = area.proposals.all()  # type: ignore[attr-defined]
        self.fields["actions"].queryset = Action.objects.filter(proposal__area=area)  # type: ignore[attr-defined]
        self.fields["due_date"].error_messages["required"] = "Enter the end or due date"
        self.fields["kind"].error_messages["required"] = "Select the kind of milestone"
        if self.instance.pk:
            self.initial.setdefault("start_date", self.instance.start_date)
            self.initial.setdefault("due_date", self.instance.due_date)
