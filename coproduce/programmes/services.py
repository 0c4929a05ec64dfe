"""Writes for areas and their challenges: a programme lead adds an area, facilitators write challenges."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from coproduce.programmes.models import AGREED_STAGES, Area, Challenge, ChallengeStage, Programme


def area_create(*, programme: Programme, name: str, slug: str, description: str = "") -> Area:
    """A new area of the programme. (Its first programme lead is given their role by the caller: roles
    live in accounts, above this app.)"""
    if Area.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": "Another area already uses this web address. Choose another."})
    return Area.objects.create(programme=programme, name=name.strip(), slug=slug, description=description)


def challenge_create(*, area: Area, text: str) -> Challenge:
    """A challenge, numbered after the area's last one, starting at the blank page (listening)."""
    with transaction.atomic():
        last = Area.objects.select_for_update().filter(pk=area.pk).aggregate(n=Max("challenges__number"))["n"]
        return Challenge.objects.create(area=area, number=(last or 0) + 1, text=text.strip())


def challenge_update(*, challenge: Challenge, text: str) -> Challenge:
    """Reword a challenge. An agreed wording is the partners', not the facilitator's: to change it, move
    the challenge back to agreeing and put the new wording to the vote."""
    text = text.strip()
    if challenge.stage in AGREED_STAGES and text != challenge.text:
        raise ValidationError(
            {
                "text": "This wording was agreed by the partners. Move the challenge back to ‘Agreeing the "
                "challenge’ to put a new wording to the vote."
            }
        )
    challenge.text = text
    challenge.save(update_fields=["text"])
    return challenge


# Moves a facilitator makes by hand. Agreeing is recorded with its evidence (consensus.challenges), never
# set by hand; going back keeps every earlier agreement's evidence.
STAGE_MOVES: dict[str, tuple[str, ...]] = {
    ChallengeStage.BLANK_PAGE: (ChallengeStage.AGREEING,),
    ChallengeStage.AGREEING: (ChallengeStage.BLANK_PAGE,),
    ChallengeStage.AGREED: (ChallengeStage.SOLUTIONS, ChallengeStage.AGREEING),
    ChallengeStage.SOLUTIONS: (ChallengeStage.AGREED, ChallengeStage.AGREEING),
}


def challenge_set_stage(*, challenge: Challenge, stage: str) -> Challenge:
    if stage not in STAGE_MOVES.get(challenge.stage, ()):
        if stage == ChallengeStage.AGREED:
            message = "A challenge is agreed by recording the vote on its wording, with the evidence."
        else:
            message = (
                f"A challenge at ‘{challenge.get_stage_display()}’ cannot move to "
                f"‘{ChallengeStage(stage).label if stage in ChallengeStage.values else stage}’."
            )
        raise ValidationError({"stage": message})
    challenge.stage = stage
    challenge.save(update_fields=["stage"])
    return challenge
