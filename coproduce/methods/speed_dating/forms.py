"""Forms of speed dating: the two roles, who came and went, someone added by role, a meeting's note."""

from __future__ import annotations

from django import forms

from coproduce.core.forms import GovukFormMixin
from coproduce.directory.models import Person, Role
from coproduce.engagement.comment_text import CommentTextField
from coproduce.methods.models import MethodSession, SpeedDatingMeeting

from .selectors import ROLE_LABELS, arrival_labels, arrivals, in_the_room, labels, roles_of


class PlanForm(GovukFormMixin, forms.Form):
    first_role = forms.ChoiceField(label="The first group", choices=Role.choices)
    second_role = forms.ChoiceField(label="meets the second group", choices=Role.choices)

    def __init__(self, *args, session: MethodSession, **kwargs):
        super().__init__(*args, **kwargs)
        first, second = roles_of(session)
        self.initial.setdefault("first_role", first)
        self.initial.setdefault("second_role", second)

    def clean(self):
        data = super().clean()
        if data.get("first_role") and data.get("first_role") == data.get("second_role"):
            self.add_error("second_role", "Choose a different role for the second group")
        return data


class PeopleField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class ChangesForm(GovukFormMixin, forms.Form):
    left = PeopleField(
        label="Who has left?",
        queryset=Person.objects.none(),
        required=False,
        help_text="Tick everyone who has gone.",
    )
    arrived = PeopleField(
        label="Who has arrived?",
        queryset=Person.objects.none(),
        required=False,
        help_text="People of the two roles who have joined the event but are not in the plan.",
    )

    def __init__(self, *args, session: MethodSession, **kwargs):
        super().__init__(*args, **kwargs)
        names, newcomers = labels(session), arrival_labels(session)
        room, coming = in_the_room(session), arrivals(session)
        left, arrived = self.fields["left"], self.fields["arrived"]
        left.queryset = Person.objects.filter(pk__in=[p.pk for p in room])  # type: ignore[attr-defined]
        left.choices = [(p.pk, names.get(p.pk, str(p))) for p in room]  # type: ignore[attr-defined]
        arrived.queryset = Person.objects.filter(pk__in=[p.pk for p in coming])  # type: ignore[attr-defined]
        arrived.choices = [(p.pk, newcomers.get(p.pk, str(p))) for p in coming]  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean()
        if not data.get("left") and not data.get("arrived") and not self.errors:
            raise forms.ValidationError("Tick who has left or who has arrived")
        return data


class PersonAddForm(GovukFormMixin, forms.Form):
    role = forms.ChoiceField(
        label="Add someone who has not joined by phone",
        widget=forms.RadioSelect,
        help_text="They join the plan from the next round, at the table the plan gives them.",
        error_messages={"required": "Choose their role"},
    )

    def __init__(self, *args, session: MethodSession, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, ROLE_LABELS[r]) for r in roles_of(session)]  # type: ignore[attr-defined]


class MeetingNoteForm(GovukFormMixin, forms.Form):
    """A participant's "what could we do together?" on one of their meetings."""

    meeting = forms.ChoiceField(
        label="Which meeting is it about?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the meeting", "invalid_choice": "Choose one of your meetings"},
    )
    text = CommentTextField(
        label="What could we do together?",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="An idea you and the person you met could take forward. Your name is not recorded.",
        error_messages={"required": "Write your idea first"},
    )

    def __init__(
        self, *args, meetings: list[SpeedDatingMeeting], partner_of: dict[int, str], hidden: bool, **kwargs
    ):
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        field.choices = [  # type: ignore[attr-defined]
            (m.pk, f"Round {m.round}, table {m.table}: {partner_of.get(m.pk, '')}") for m in meetings
        ]
        if hidden:
            field.widget = forms.HiddenInput()
        self.meetings = {m.pk: m for m in meetings}

    def clean_meeting(self) -> SpeedDatingMeeting:
        return self.meetings[int(self.cleaned_data["meeting"])]
