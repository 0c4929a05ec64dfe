"""Forms of an Open Space: a topic, interest ticks, rooms and slots, a move, a note."""

from __future__ import annotations

from django import forms

from coproduce.core.forms import GovukFormMixin, author_role_field
from coproduce.engagement.comment_text import CommentTextField
from coproduce.methods.models import MethodSession, OpenSpaceTopic

from .agenda import (
    DEFAULT_TIME_LIMIT,
    MAX_TIME_LIMIT,
    parse_rooms,
    parse_slots,
    rooms_of,
    slots_of,
    time_limit_of,
)


class TopicForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        label="What do you want to talk about?",
        max_length=200,
        help_text="A short title for the session you will run, like “Sharing premises after 6pm”.",
        error_messages={
            "required": "Write the topic you want to talk about",
            "max_length": "Make the topic 200 characters or fewer",
        },
    )

    def __init__(self, *args, facilitator: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if facilitator:
            title = self.fields["title"]
            title.label = "Add a topic to the marketplace"
            title.help_text = "A topic the room asked for, or one from a card. It has no convener."


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: OpenSpaceTopic) -> str:
        return obj.title


class TopicsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: OpenSpaceTopic) -> str:
        return obj.title


class InterestForm(GovukFormMixin, forms.Form):
    topics = TopicsChoiceField(
        label="Which sessions would you like to join?",
        queryset=OpenSpaceTopic.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Tick all that interest you. You can change your mind until the agenda is made.",
    )

    def __init__(self, *args, session: MethodSession, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = session.topics.all()  # type: ignore[attr-defined]


class SetupForm(GovukFormMixin, forms.Form):
    rooms = forms.CharField(
        label="Rooms",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One room per line: its name, a comma, and how many people it seats, like “Library, 12”.",
        error_messages={"required": "List at least one room"},
    )
    slots = forms.CharField(
        label="Time slots",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One time slot per line, in the order they run, like “10:00 to 10:45”.",
        error_messages={"required": "List at least one time slot"},
    )
    time_limit = forms.IntegerField(
        label="Seconds the scheduler may take",
        min_value=1,
        max_value=MAX_TIME_LIMIT,
        initial=DEFAULT_TIME_LIMIT,
        help_text="The page waits while it works; it stops early when it has proved its agenda is the best.",
        error_messages={
            "required": "Enter how many seconds the scheduler may take",
            "min_value": "Give the scheduler at least 1 second",
            "max_value": f"Give the scheduler at most {MAX_TIME_LIMIT} seconds",
            "invalid": "Enter the seconds as a whole number, like 10",
        },
    )

    @classmethod
    def for_session(cls, session: MethodSession) -> SetupForm:
        return cls(
            initial={
                "rooms": "\n".join(room.as_line() for room in rooms_of(session)),
                "slots": "\n".join(slots_of(session)),
                "time_limit": time_limit_of(session),
            }
        )

    def clean_rooms(self):
        try:
            rooms = parse_rooms(self.cleaned_data["rooms"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error
        if not rooms:
            raise forms.ValidationError("List at least one room")
        return rooms

    def clean_slots(self):
        try:
            slots = parse_slots(self.cleaned_data["slots"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error
        if not slots:
            raise forms.ValidationError("List at least one time slot")
        return slots


class MoveForm(GovukFormMixin, forms.Form):
    topic = TopicChoiceField(
        label="Topic",
        queryset=OpenSpaceTopic.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose the topic to move", "invalid_choice": "Choose one of the topics"},
    )
    room = forms.ChoiceField(label="Room", error_messages={"required": "Choose the room"})
    slot = forms.ChoiceField(label="Time slot", error_messages={"required": "Choose the time slot"})

    def __init__(self, *args, session: MethodSession, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = session.topics.all()  # type: ignore[attr-defined]
        self.fields["room"].choices = [(r.name, r.name) for r in rooms_of(session)]  # type: ignore[attr-defined]
        self.fields["slot"].choices = [(s, s) for s in slots_of(session)]  # type: ignore[attr-defined]


class NoteForm(GovukFormMixin, forms.Form):
    """A participant's note from a session they were in."""

    topic = TopicChoiceField(
        label="Which session is it from?",
        queryset=OpenSpaceTopic.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose the session", "invalid_choice": "Choose one of the sessions"},
    )
    text = CommentTextField(
        label="What did the session say?",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What you talked about, what you agreed, what should happen next. Your name is not recorded.",
        error_messages={"required": "Write the note first"},
    )

    def __init__(self, *args, session: MethodSession, topics=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Everyone may note any session; the ones a person was in come first.
        queryset = session.topics.all()
        self.fields["topic"].queryset = queryset  # type: ignore[attr-defined]
        if topics:
            ordered = list(topics) + [t for t in queryset if t not in topics]
            self.fields["topic"].choices = [(t.pk, t.title) for t in ordered]  # type: ignore[attr-defined]


class FacilitatorNoteForm(NoteForm):
    """A facilitator types in a session's notes from a flipchart."""

    role = author_role_field(label="Who wrote it", error="Choose the role of who wrote it")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = "The session's notes"
        self.fields["text"].help_text = "Type in what the session's flipchart or note-taker recorded."
