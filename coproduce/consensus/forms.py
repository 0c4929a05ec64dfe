"""Forms for writing statements."""

from django import forms

from coproduce.consensus.models import STATEMENT_MAX_LENGTH
from coproduce.core.forms import GovukFormMixin
from coproduce.engagement.models import Comment, CommentStatus


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
