"""Forms for events, comment capture and the participant join flow."""

from django import forms

from coproduce.core.forms import GovukDateField, GovukFormMixin
from coproduce.directory.models import Role
from coproduce.engagement.comment_text import (
    COMMENT_MAX_LENGTH,
    CommentTextError,
    CommentTextField,
    comment_text_clean,
)
from coproduce.engagement.models import (
    JOIN_CODE_LENGTH,
    CommentSource,
    Event,
    EventKind,
    Method,
    MethodStep,
    RegisterEntry,
)

METHOD_STEP_CHOICES = [("", "None")] + list(MethodStep.choices)


class EventForm(GovukFormMixin, forms.ModelForm):
    methods = forms.MultipleChoiceField(
        label="Facilitation methods",
        choices=Method.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all the methods this event will use.",
    )
    date = GovukDateField(
        label="Date of the event",
        subject="the date of the event",
        help_text="For example, 28 10 2011",
        error_messages={"required": "Enter the date of the event"},
    )

    class Meta:
        model = Event
        fields = ["title", "kind", "date", "venue", "methods", "results_published"]
        labels = {
            "kind": "Kind of event",
            "title": "Event name",
            "results_published": "Publish the results of live votes",
        }
        widgets = {"kind": forms.RadioSelect}
        error_messages = {
            "title": {"required": "Enter the event's name"},
            "kind": {"required": "Select the kind of event"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A model field with no default gets a "---------" choice, which as a radio means nothing.
        self.fields["kind"].choices = EventKind.choices  # type: ignore[attr-defined]


class CaptureForm(GovukFormMixin, forms.Form):
    """A facilitator types or pastes what was said."""

    text = forms.CharField(
        label="Comment",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Type what was said. To paste several comments at once, put each on its own line and tick the box below.",
        error_messages={"required": "Enter the comment"},
    )
    one_per_line = forms.BooleanField(label="Each line is a separate comment", required=False)
    author_role = forms.ChoiceField(
        label="Role of the person who said it",
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the role of the person who said it"},
    )
    source = forms.ChoiceField(
        label="Where it comes from",
        choices=[
            (CommentSource.LIVE, "Said at the event"),
            (CommentSource.FLIPCHART, "Copied from a flipchart"),
        ],
        initial=CommentSource.LIVE,
        widget=forms.RadioSelect,
    )
    method_step = forms.ChoiceField(
        label="Method step (optional)",
        choices=METHOD_STEP_CHOICES,
        required=False,
        help_text="For example the six-hats colour or the ORID stage the comment was made in.",
    )

    def clean(self):
        data = super().clean()
        text = (data or {}).get("text", "")
        if not text:
            return data
        texts = [line.strip() for line in text.splitlines()] if data.get("one_per_line") else [text.strip()]
        texts = [t for t in texts if t]
        if not texts:
            self.add_error("text", "Enter the comment")
        for number, t in enumerate(texts, start=1):
            try:
                comment_text_clean(t, subject=f"Comment {number}" if len(texts) > 1 else "The comment")
            except CommentTextError as error:
                self.add_error("text", error.message)
        data["texts"] = texts
        return data


class JoinCodeForm(GovukFormMixin, forms.Form):
    code = forms.CharField(
        label="Event code",
        max_length=20,
        help_text=f"The {JOIN_CODE_LENGTH}-character code shown by the facilitator, for example K7PM2Q.",
        error_messages={"required": "Enter the event code"},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).upper()


class JoinRoleForm(GovukFormMixin, forms.Form):
    role = forms.ChoiceField(
        label="Which of these best describes you?",
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the role that best describes you"},
    )


class ParticipantCommentForm(GovukFormMixin, forms.Form):
    text = CommentTextField(
        subject="Your comment",
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"Say it as it is. Up to {COMMENT_MAX_LENGTH} characters. Your name is not recorded.",
        error_messages={"required": "Enter your comment"},
        strip=True,
    )


class CommentEditForm(GovukFormMixin, forms.Form):
    """A facilitator corrects a comment's words (a typo, a name taken out); the original is kept."""

    text = CommentTextField(
        subject="The comment",
        too_long="{subject} must be {max_length} characters or fewer",
        label="Comment text",
        # A facilitator edits words already within the limit: the box stops them going over it.
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_MAX_LENGTH}),
        help_text="The words as first said are kept and shown on this page.",
        error_messages={"required": "Enter the comment's text"},
    )


class CommentHideForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why hide this comment?",
        max_length=500,
        help_text="For example: it names a child, or it is abusive. Other facilitators will see this.",
        error_messages={"required": "Say why the comment is hidden"},
    )


class RegisterEntryForm(GovukFormMixin, forms.ModelForm):
    """A name on an event's attendance register, or a participant who joined by code ticked as here."""

    class Meta:
        model = RegisterEntry
        fields = ["name", "organisation", "role", "person"]
        labels = {
            "name": "Name",
            "organisation": "Organisation",
            "role": "Role they came in",
            "person": "Or a participant who joined by code",
        }
        help_texts = {"organisation": "Leave blank for a parent or carer coming on their own."}
        widgets = {"role": forms.RadioSelect}
        error_messages = {"role": {"required": "Select the role they came in"}}

    def __init__(self, *args, event, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = list(Role.choices)  # type: ignore[attr-defined]  # no "---------"
        person = self.fields["person"]
        person.queryset = event.attendees.all()  # type: ignore[attr-defined]
        person.required = False
        person.empty_label = "Nobody: a name written here"  # type: ignore[attr-defined]

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if not cleaned.get("name", "").strip() and not cleaned.get("person"):
            self.add_error("name", "Enter the name of who came, or choose the participant")
        return cleaned
