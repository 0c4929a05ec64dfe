"""Forms for writing statements."""

from django import forms

from coproduce.consensus.models import STATEMENT_MAX_LENGTH
from coproduce.core.forms import GovukFormMixin
from coproduce.engagement.models import Comment, CommentStatus, Event


class StatementForm(GovukFormMixin, forms.Form):
    text = forms.CharField(
        label="Statement",
        max_length=STATEMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "One clear claim people can agree or disagree with, such as ‘Local VCS groups are not "
            f"told when services are commissioned’. Up to {STATEMENT_MAX_LENGTH} characters."
        ),
        error_messages={
            "required": "Enter the statement",
            "max_length": f"A statement must be {STATEMENT_MAX_LENGTH} characters or fewer",
        },
    )


class FromCommentsForm(forms.Form):
    """Comments of the event, ticked to become statements."""

    comments: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        queryset=Comment.objects.none(),
        error_messages={"required": "Tick at least one comment to turn into a statement"},
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comments"].queryset = event.comments.filter(status=CommentStatus.ACCEPTED)  # type: ignore[attr-defined]


class VoteForm(forms.Form):
    statement = forms.IntegerField()
    choice = forms.ChoiceField(choices=[("agree", "Agree"), ("disagree", "Disagree"), ("pass", "Pass")])


class PutToVoteForm(GovukFormMixin, forms.Form):
    """Draft wordings of a challenge, one a line, put to an event's participants."""

    event: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=Event.objects.none(),
        label="Event",
        help_text="The event whose participants vote on the wordings.",
        error_messages={"required": "Choose the event", "invalid_choice": "Choose an event of this area"},
    )
    wordings = forms.CharField(
        label="Draft wordings",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"One a line. Each becomes a statement to vote on, up to {STATEMENT_MAX_LENGTH} characters.",
        error_messages={"required": "Enter at least one draft wording"},
    )

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = Event.objects.filter(area=area).order_by("-date", "-pk")  # type: ignore[attr-defined]

    def clean_wordings(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["wordings"].splitlines() if line.strip()]
        if not lines:
            raise forms.ValidationError("Enter at least one draft wording")
        for n, line in enumerate(lines, 1):
            if len(line) > STATEMENT_MAX_LENGTH:
                raise forms.ValidationError(
                    f"Line {n} is {len(line)} characters: a wording must be {STATEMENT_MAX_LENGTH} or fewer"
                )
        return lines


class ParticipantStatementForm(GovukFormMixin, forms.Form):
    """A participant's statement from their phone. The page also carries a hidden ``website`` field, a
    honeypot: people never see it, form-filling robots fill it in, and their posts are dropped."""

    text = forms.CharField(
        label="Your statement",
        max_length=STATEMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "Something others can agree or disagree with, such as ‘Parents do not know what the VCS offers’. "
            "A facilitator reads it before it is put to the vote. You can add one a minute."
        ),
        error_messages={
            "required": "Enter your statement",
            "max_length": f"A statement must be {STATEMENT_MAX_LENGTH} characters or fewer",
        },
    )


class PolisImportForm(GovukFormMixin, forms.Form):
    comments = forms.FileField(
        label="comments.csv (optional)",
        required=False,
        help_text="Pol.is's comments export: the statements' text. Needed with votes.csv.",
    )
    votes = forms.FileField(
        label="votes.csv or participants-votes.csv",
        help_text="Pol.is's votes export (one row a vote) or its participants-votes export (one row a person).",
        error_messages={"required": "Choose the votes file to import"},
    )
