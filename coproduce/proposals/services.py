"""Writes for proposals, their evidence, and actions."""

from django.db import transaction

from coproduce.engagement.models import Comment
from coproduce.proposals.models import Action, ProgressNote, Proposal


def proposal_cite(*, proposal: Proposal, comment: Comment) -> None:
    if comment.event.area_id != proposal.area_id:
        raise ValueError("A proposal can only cite comments from its own area.")
    proposal.evidence.add(comment)


def proposal_uncite(*, proposal: Proposal, comment: Comment) -> None:
    proposal.evidence.remove(comment)


def action_record_progress(*, action: Action, text: str, status: str, author) -> ProgressNote:
    with transaction.atomic():
        note = ProgressNote.objects.create(action=action, text=text, author=author)
        if action.status != status:
            action.status = status
            action.save(update_fields=["status"])
    return note
