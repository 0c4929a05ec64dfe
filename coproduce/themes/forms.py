"""Forms of the analysis workspace: what to analyse, and each kind of edit to the themes."""

from django import forms

from coproduce.core.forms import DateInput, GovukFormMixin
from coproduce.directory.models import Role
from coproduce.engagement.models import Method


class RunForm(GovukFormMixin, forms.Form):
    n_themes = forms.IntegerField(
        label="How many themes? (optional)",
        required=False,
        min_value=2,
        max_value=30,
        help_text="Leave blank and the engine chooses, and says why. The Bexley programme asked for six.",
        error_messages={
            "min_value": "Ask for at least 2 themes, or leave it blank",
            "max_value": "Ask for 30 themes or fewer, or leave it blank",
            "invalid": "Enter a whole number of themes, like 6",
        },
    )
    fresh = forms.BooleanField(
        label="Find the themes afresh",
        required=False,
        help_text=(
            "When only a few comments are new since the last analysis (up to 1 in 20), they join its themes "
            "and the themes are not found again. Tick this to find the themes again from all the comments."
        ),
    )
    events = forms.MultipleChoiceField(
        label="Events (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked to use the comments of every event.",
    )
    methods = forms.MultipleChoiceField(
        label="Methods (optional)",
        required=False,
        choices=Method.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    roles = forms.MultipleChoiceField(
        label="Roles (optional)", required=False, choices=Role.choices, widget=forms.CheckboxSelectMultiple
    )
    date_from = forms.DateField(
        label="Events from (optional)",
        required=False,
        widget=DateInput(),
        error_messages={"invalid": "Enter a real date, like 28/10/2011"},
    )
    date_to = forms.DateField(
        label="Events up to (optional)",
        required=False,
        widget=DateInput(),
        error_messages={"invalid": "Enter a real date, like 13/02/2012"},
    )

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["events"].choices = [
            (str(e.pk), f"{e.title} ({e.date:%-d %b %Y})") for e in area.events.order_by("date", "pk")
        ]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The end date must be the same as or after the start date")
        return data

    def filters(self) -> dict:
        data = self.cleaned_data
        filters = {
            "events": [int(pk) for pk in data["events"]],
            "methods": data["methods"],
            "roles": data["roles"],
            "date_from": data["date_from"].isoformat() if data["date_from"] else "",
            "date_to": data["date_to"].isoformat() if data["date_to"] else "",
        }
        return {key: value for key, value in filters.items() if value}


class EditForm(forms.Form):
    """Every edit arrives as one form: which operation, and its arguments."""

    op = forms.ChoiceField(
        choices=[(op, op) for op in ("rename", "merge", "split", "move", "pin", "unpin", "describe", "agree")]
    )
    theme = forms.IntegerField(required=False)
    other = forms.IntegerField(required=False, error_messages={"invalid": "Choose a theme"})
    comment = forms.IntegerField(required=False)
    label = forms.CharField(required=False, max_length=200)
    description = forms.CharField(required=False, max_length=2000)
    into = forms.IntegerField(required=False, min_value=2, max_value=10)
    agreed = forms.BooleanField(required=False)

    MESSAGES = {
        "rename": ("label", "Enter a name for the theme"),
        "merge": ("other", "Choose the theme to merge into this one"),
        "move": ("other", "Choose the theme to move the comment to"),
        "pin": ("other", "Choose the theme to pin the comment to"),
    }

    def clean(self):
        data = super().clean()
        op = data.get("op")
        needed, message = self.MESSAGES.get(op, (None, ""))
        if needed and not data.get(needed):
            self.add_error(needed, message)
        if op == "split" and not data.get("into"):
            self.add_error("into", "Split into between 2 and 10 themes")
        return data

    def operation(self) -> dict:
        d = self.cleaned_data
        op = d["op"]
        if op == "rename":
            return {"op": op, "theme": d["theme"], "label": d["label"].strip()}
        if op == "merge":
            return {"op": op, "themes": [d["theme"], d["other"]]}
        if op == "split":
            return {"op": op, "theme": d["theme"], "into": d["into"]}
        if op in ("move", "pin"):
            return {"op": op, "comment": d["comment"], "theme": d["other"]}
        if op == "unpin":
            return {"op": op, "comment": d["comment"]}
        if op == "describe":
            return {"op": op, "theme": d["theme"], "description": d["description"].strip()}
        return {"op": op, "theme": d["theme"], "agreed": d["agreed"]}
