"""Forms for the public (asking, following) and for moderators and answerers. Each keeps what was typed
when it is shown again with a problem."""

from __future__ import annotations

from django import forms

from coproduce.core.forms import GovukFormMixin
from coproduce.programmes.models import Area
from coproduce.qanda import selectors
from coproduce.qanda.models import ANSWER_MAX_LENGTH, QUESTION_MAX_LENGTH, REASON_MAX_LENGTH, Question

HONEYPOT = "website"


class TopicMixin(forms.Form):
    """A topic: one of the area's challenges or current themes, or none."""

    topic = forms.ChoiceField(label="Topic", required=False)

    def set_topics(self, area: Area, *, blank: str) -> None:
        self._topics = {selectors.topic_key(t): t for t in selectors.topics(area)}
        self.fields["topic"].choices = [("", blank)] + [  # type: ignore[attr-defined]
            (key, selectors.topic_label(t)) for key, t in self._topics.items()
        ]

    def topic_object(self):
        return self._topics.get(self.cleaned_data.get("topic") or "")


class AskForm(GovukFormMixin, TopicMixin):
    text = forms.CharField(
        label="Your question",
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Please do not include names or anything that could identify a child or family.",
        error_messages={"required": "Enter your question"},
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        help_text=(
            "Only if you want to be told when it is answered. It is never shown on the site, and we delete it"
            " once we have emailed you the answer."
        ),
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    # Hidden from people (the wrapper has the hidden attribute); filled in by robots that fill in everything.
    website = forms.CharField(required=False, label="Leave this empty")

    def __init__(self, *args, area: Area, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_topics(area, blank="Not sure, or something else")
        self.fields["topic"].label = "What is it about? (optional)"
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.order_fields(["text", "topic", "email", "website"])

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get(HONEYPOT))


class FollowForm(GovukFormMixin, forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="We will email you a link to confirm, then once when it is answered, then delete your address.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class ApproveForm(GovukFormMixin, TopicMixin):
    def __init__(self, *args, question: Question, **kwargs):
        super().__init__(*args, initial={"topic": selectors.topic_key(question.topic)}, **kwargs)
        self.set_topics(question.area, blank="No topic")


class EditForm(GovukFormMixin, TopicMixin):
    text = forms.CharField(
        label="The question as it will be published",
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the question"},
    )
    reason = forms.CharField(
        label="Why it was changed",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Sent to the asker if they gave an email address, for example “We removed a child's name”.",
        error_messages={"required": "Enter why it was changed"},
    )

    def __init__(self, *args, question: Question, **kwargs):
        initial = {"text": question.text, "topic": selectors.topic_key(question.topic)}
        super().__init__(*args, initial=initial, **kwargs)
        self.set_topics(question.area, blank="No topic")
        self.order_fields(["text", "reason", "topic"])


class RejectForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why it is rejected",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For moderators only: it is never shown on the public site or sent to the asker.",
        error_messages={"required": "Enter why it is rejected"},
    )


class AnswerForm(GovukFormMixin, forms.Form):
    text = forms.CharField(
        label="Official answer",
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter the answer"},
    )
