"""Forms for building surveys, typing in paper forms, and answering online."""

from __future__ import annotations

from django import forms

from coproduce.core.forms import GovukFormMixin
from coproduce.directory.models import Person, Role
from coproduce.engagement.models import Event

from .models import PAIRING_CODE_LENGTH, SCALE_CHOICES, Question, QuestionKind, Survey, Wave
from .services import normalise_pairing_code, question_field

ANSWER_MAX_LENGTH = 2000


class SurveyForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "introduction", "event"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}
        labels = {
            "title": "Survey title",
            "introduction": "Introduction (optional)",
            "event": "Event (optional)",
        }
        error_messages = {"title": {"required": "Enter the survey's title"}}

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.fields["event"]
        event.queryset = Event.objects.filter(area=area).order_by("date", "pk")  # type: ignore[attr-defined]
        event.empty_label = "None: the survey is about the area's whole programme"  # type: ignore[attr-defined]


class QuestionForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Question
        fields = ["kind", "text", "topic"]
        widgets = {"kind": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 2})}
        labels = {
            "kind": "Kind of question",
            "text": "Question",
            "topic": "What the question is about (scale questions)",
        }
        error_messages = {
            "kind": {"required": "Choose the kind of question"},
            "text": {
                "required": "Enter the question",
                "max_length": "A question must be 300 characters or fewer",
            },
            "topic": {"max_length": "The topic must be 120 characters or fewer"},
        }

    def clean(self):
        data = super().clean()
        if data.get("kind") == QuestionKind.SCALE and not (data.get("topic") or "").strip():
            self.add_error(
                "topic",
                "Enter what the question is about, so the results can say “more positive about …”",
            )
        return data


def _scale_choices(*, numbered: bool) -> list[tuple[int, str]]:
    return [(value, f"{value} – {label}" if numbered else label) for value, label in SCALE_CHOICES]


class AnswersForm(GovukFormMixin, forms.Form):
    """A role and an answer to every question of the survey; subclasses add who is answering."""

    role = forms.ChoiceField(
        label="Which of these best describes you?",
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the role that best describes you"},
    )
    numbered = False  # scale choices shown with their numbers, as printed on paper forms

    def __init__(self, *args, survey: Survey, **kwargs):
        self.survey = survey
        self.questions = list(survey.questions.all())
        super().__init__(*args, **kwargs)
        for question in self.questions:
            name = question_field(question)
            if question.is_scale:
                self.fields[name] = forms.TypedChoiceField(
                    label=f"{question.number}. {question.text}",
                    choices=_scale_choices(numbered=self.numbered),
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"required": f"Choose an answer to question {question.number}"},
                )
            else:
                self.fields[name] = forms.CharField(
                    label=f"{question.number}. {question.text}",
                    required=False,
                    max_length=ANSWER_MAX_LENGTH,
                    # Added after GovukFormMixin styled the declared fields, so styled here.
                    widget=forms.Textarea(attrs={"rows": 4, "class": "govuk-textarea"}),
                    help_text="Optional.",
                    error_messages={
                        "max_length": f"Keep the answer to question {question.number} to "
                        f"{ANSWER_MAX_LENGTH} characters or fewer"
                    },
                )

    def question_fields(self) -> list[forms.BoundField]:
        return [self[question_field(q)] for q in self.questions]

    def answers(self) -> dict[int, int | str | None]:
        return {q.pk: self.cleaned_data.get(question_field(q)) for q in self.questions}


class PairingCodeField(forms.CharField):
    def to_python(self, value):
        return normalise_pairing_code(super().to_python(value))


class PaperResponseForm(AnswersForm):
    """A facilitator types in one paper form."""

    numbered = True
    wave = forms.ChoiceField(
        label="When was the form filled in?",
        choices=Wave.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the form was filled in before or after"},
    )
    pairing_code = PairingCodeField(
        label="Pairing code (optional)",
        required=False,
        max_length=20,
        help_text=f"The code written on the form, up to {PAIRING_CODE_LENGTH} letters and numbers. "
        "The same code on a before and an after form pairs them.",
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-10",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )
    person = forms.ModelChoiceField(
        label="Or: a known participant (optional)",
        queryset=Person.objects.none(),
        required=False,
        help_text="If the form has a name on it rather than a code.",
    )

    field_order = ["wave", "role", "pairing_code", "person"]

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, survey=survey, **kwargs)
        self.fields["role"].label = "The role the participant ticked"
        self.fields["role"].error_messages["required"] = "Choose the role the participant ticked"
        people = self.fields["person"]
        people.queryset = Person.objects.filter(area=survey.area).order_by("name", "pk")  # type: ignore[attr-defined]
        people.empty_label = "None"  # type: ignore[attr-defined]
        people.label_from_instance = lambda p: f"{p} (participant {p.pk})"  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean()
        if data.get("person") and data.get("pairing_code"):
            self.add_error("pairing_code", "Give either a pairing code or a known participant, not both")
        return data


class SurveyAnswerForm(AnswersForm):
    """A participant answers online. ``ask_code``: the after wave, for someone the site does not know."""

    pairing_code = PairingCodeField(
        label="Your pairing code from the first survey (optional)",
        required=False,
        max_length=20,
        help_text=f"The {PAIRING_CODE_LENGTH}-character code you were given when you answered before, "
        "like K7PM2QXA. It lets us compare your answers without knowing who you are.",
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-10",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )

    def __init__(self, *args, survey: Survey, ask_code: bool, **kwargs):
        super().__init__(*args, survey=survey, **kwargs)
        if not ask_code:
            del self.fields["pairing_code"]
