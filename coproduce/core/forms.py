"""Form helpers: GOV.UK Design System classes and error states on Django's widgets."""

from django import forms

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
