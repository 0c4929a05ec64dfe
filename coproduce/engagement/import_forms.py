"""Forms for importing comments: choose the file, then say which column holds what."""

from __future__ import annotations

from django import forms
from django.conf import settings

from coproduce.core.forms import GovukFormMixin
from coproduce.engagement import imports


class ImportUploadForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="A CSV (.csv) or Excel (.xlsx) file. Row 1 must hold the column names.",
        allow_empty_file=True,  # the import service explains what an empty file needs
        widget=forms.FileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
        error_messages={"required": "Select a CSV or Excel file", "invalid": "Select a CSV or Excel file"},
    )

    def clean_file(self):
        """Read the file here, so a file that cannot be used is reported on the file input."""
        uploaded = self.cleaned_data["file"]
        # One byte more than allowed, so an over-size file is refused without reading all of it.
        data = uploaded.read(settings.IMPORT_MAX_BYTES + 1)
        try:
            self.cleaned_data["data"] = data
            self.cleaned_data["parsed"] = imports.parse_file(
                uploaded.name,
                data,
                max_bytes=settings.IMPORT_MAX_BYTES,
                max_rows=settings.IMPORT_MAX_ROWS,
                max_unzipped_bytes=settings.IMPORT_MAX_UNZIPPED_BYTES,
                max_cell_chars=settings.IMPORT_MAX_CELL_CHARS,
            )
        except imports.ImportFileError as exc:
            raise forms.ValidationError(str(exc.problem)) from exc
        return uploaded


_WHAT = {
    imports.TARGET_TEXT: "the comment",
    imports.TARGET_ROLE: "the role",
    imports.TARGET_METHOD_STEP: "the method step",
    imports.TARGET_SOURCE: "the source",
}


def _column_field(label: str, hint: str, *, required_message: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=hint,
        required=bool(required_message),
        error_messages={"required": required_message, "invalid_choice": "Select a column from the list"},
    )


class ImportMappingForm(GovukFormMixin, forms.Form):
    """One select per target field; each offers the file's columns by their header."""

    text = _column_field(
        "Which column holds the comment?",
        "What was said or written, one comment on each row.",
        required_message="Select the column that holds the comment",
    )
    role = _column_field(
        "Which column holds the role of the person who said it?",
        "For example 'VCS provider', 'Local authority', 'Centre manager' or 'Parent'.",
        required_message="Select the column that holds the role",
    )
    method_step = _column_field(
        "Which column holds the method step? (optional)",
        "A six-hats colour such as 'Red' or an ORID stage such as 'Objective'. Blank cells are fine.",
    )
    source = _column_field(
        "Which column says where each comment comes from? (optional)",
        "'Live', 'Imported' or 'Flipchart'. Comments without one are marked 'Imported from a file'.",
    )

    copies = forms.ChoiceField(
        label="What should happen to the rows already imported?",
        choices=[("skip", "Skip the copies"), ("import", "Import them anyway")],
        initial="skip",
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, column_names: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.column_names = column_names
        columns = [(str(i), name) for i, name in enumerate(column_names)]
        for target in imports.TARGETS:
            field = self.fields[target]
            blank = "Choose a column" if field.required else "Not in the file"
            field.choices = [("", blank), *columns]  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean()
        chosen: dict[str, str] = {}
        for target in imports.TARGETS:
            value = data.get(target)
            if not value:
                continue
            if value in chosen:
                name = self.column_names[int(value)]
                self.add_error(
                    target,
                    f"You chose column '{name}' for {_WHAT[chosen[value]]} too. Select a different column",
                )
            else:
                chosen[value] = target
        return data

    def skip_copies(self) -> bool:
        return self.cleaned_data.get("copies") != "import"

    def mapping(self) -> imports.ColumnMapping:
        return {t: int(v) if (v := self.cleaned_data.get(t)) else None for t in imports.TARGETS}
