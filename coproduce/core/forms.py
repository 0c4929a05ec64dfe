"""Form helpers: GOV.UK Design System classes and error states on Django's widgets."""

import datetime

from django import forms
from django.core.exceptions import ValidationError

_WIDGET_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.FileInput: "govuk-file-upload",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.DateInput: "govuk-input govuk-input--width-10",
    forms.TextInput: "govuk-input",
    forms.EmailInput: "govuk-input",
    forms.PasswordInput: "govuk-input",
    forms.NumberInput: "govuk-input govuk-input--width-5",
}


class GovukFormMixin:
    """Adds GOV.UK classes, hint and error descriptions to every widget; render fields with core/includes/field.html."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            for widget_class, css in _WIDGET_CLASSES.items():
                if type(widget) is widget_class:
                    widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
                    break

    def full_clean(self):
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                widget = self.fields[name].widget  # type: ignore[attr-defined]
                error_class = {
                    "govuk-textarea": "govuk-textarea--error",
                    "govuk-select": "govuk-select--error",
                    "govuk-file-upload": "govuk-file-upload--error",
                }
                css = widget.attrs.get("class", "")
                extra = next((v for k, v in error_class.items() if k in css), "govuk-input--error")
                if extra not in css and "checkboxes" not in css:
                    widget.attrs["class"] = f"{css} {extra}".strip()
                field_id = f"id_{self.add_prefix(name)}"  # type: ignore[attr-defined]
                # Keep the hint in the description when the error is added (ids as field.html writes them).
                hint = f"{field_id}_helptext " if self.fields[name].help_text else ""  # type: ignore[attr-defined]
                widget.attrs["aria-describedby"] = f"{hint}{field_id}-error"


class DateInput(forms.DateInput):
    input_type = "date"


class GovukDateInput(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes named ``<name>_day`` and so on.

    A plain ``<name>`` holding an ISO date (2011-10-28) is read too, for scripts and the API's style of post.
    """

    input_type = "govuk-date"  # field.html wraps it in a fieldset with a legend, as GOV.UK does
    template_name = "core/widgets/govuk_date.html"
    parts = ("day", "month", "year")

    def __init__(self, attrs=None):
        super().__init__({part: forms.TextInput for part in self.parts}, attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for part, sub in zip(self.parts, context["widget"]["subwidgets"], strict=True):
            sub["part"] = part
        return context

    def decompress(self, value):
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        if not any(f"{name}_{part}" in data for part in self.parts) and name in data:
            return data[name]
        return [data.get(f"{name}_{part}", "") for part in self.parts]

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not any(f"{name}_{part}" in data for part in self.parts)


class GovukDateField(forms.Field):
    """A date typed as day, month and year, with the GOV.UK Design System's error messages.

    ``subject`` names the date in those messages: "The date of the event must include a month".
    """

    widget = GovukDateInput

    def __init__(self, *, subject: str, **kwargs):
        self.subject = subject
        super().__init__(**kwargs)

    def to_python(self, value):
        subject = self.subject[0].upper() + self.subject[1:]
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            if not value.strip():
                return None
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                raise forms.ValidationError(f"{subject} must be a real date", code="invalid") from None
        day, month, year = (str(part or "").strip() for part in (value or ("", "", "")))
        if not (day or month or year):
            return None
        missing = [
            name for name, part in zip(GovukDateInput.parts, (day, month, year), strict=True) if not part
        ]
        if missing:
            raise forms.ValidationError(
                f"{subject} must include a {' and '.join(missing)}", code="incomplete"
            )
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise forms.ValidationError(f"{subject} must be a real date", code="invalid")
        if len(year) != 4:
            raise forms.ValidationError("The year must include 4 numbers", code="invalid_year")
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(f"{subject} must be a real date", code="invalid") from None


def author_role_field(*, label: str, error: str) -> forms.ChoiceField:
    """The role of whoever said or wrote something, picked every time from a list that starts empty.

    A list that opens on its first role (or a form that remembers the last one) files a note under a role
    nobody chose; an empty first choice makes the facilitator pick, and the required check says so.
    """
    from coproduce.directory.models import Role

    return forms.ChoiceField(
        label=label,
        choices=[("", "Choose a role"), *Role.choices],
        error_messages={"required": error, "invalid_choice": error},
    )


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: next to the field it names, else at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        if name not in form.fields:
            form.add_error(None, errors)
            continue
        form.add_error(name, errors)
        # As GovukFormMixin does for the form's own errors: the error state, and the message described.
        widget = form.fields[name].widget
        css = widget.attrs.get("class", "")
        if "govuk-input" in css and "govuk-input--error" not in css:
            widget.attrs["class"] = f"{css} govuk-input--error"
        elif "govuk-select" in css and "govuk-select--error" not in css:
            widget.attrs["class"] = f"{css} govuk-select--error"
        field_id = f"id_{form.add_prefix(name)}"
        hint = f"{field_id}_helptext " if form.fields[name].help_text else ""
        widget.attrs["aria-describedby"] = f"{hint}{field_id}-error"
