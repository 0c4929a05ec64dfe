"""Anonymising or erasing a person, on request or when the retention period has passed.

Both keep the figures: the person's row stays (with its role), so do their attendances, votes, comments
and survey answers, and every count by role is unchanged. Anonymising removes who they are (name,
organisation, the history that remembers them); erasing also removes their words, wherever a copy was
kept (the comment, its history, the analysis runs' inputs, a statement drawn from it, free-text answers).
Each is written to the audit log, which names nobody.
"""

from __future__ import annotations

from collections import Counter

from django.db import transaction

from coproduce.consensus.models import Statement
from coproduce.cpd.models import CpdRecord
from coproduce.directory.models import Person
from coproduce.engagement.models import Comment
from coproduce.engagement.signals import comment_moderated
from coproduce.surveys.models import Answer
from coproduce.themes.models import AnalysisRun

from .models import PrivacyAction, PrivacyMode, PrivacyReason

ERASED_TEXT = "[Removed at the participant's request]"


def person_anonymise(
    *, person: Person, mode: str, performed_by=None, reason: str = PrivacyReason.REQUEST
) -> PrivacyAction:
    """Remove who ``person`` is (mode "anonymise") and, for "erase", what they said too."""
    if mode not in PrivacyMode.values:
        raise ValueError(f"unknown mode {mode!r}")
    counts: Counter[str] = Counter()
    with transaction.atomic():
        person.name = ""
        person.organisation = None
        person.save(update_fields=["name", "organisation"])
        # The history keeps every earlier version of the row, names included: drop it all.
        counts["person history rows"] = person.history.all().delete()[0]
        if mode == PrivacyMode.ERASE:
            counts.update(_erase_words(person))
        record = PrivacyAction.objects.create(
            area_id=person.area_id,
            person_ref=person.pk,
            mode=mode,
            reason=reason,
            counts={k: v for k, v in counts.items() if v},
            performed_by=performed_by,
        )
    return record


def _erase_words(person: Person) -> Counter[str]:
    counts: Counter[str] = Counter()
    # Every comment of theirs, hidden and removed ones too (a hidden comment is often the one naming someone),
    # and the words as first said that an edit kept beside them.
    comments = list(Comment.all_objects.filter(author=person).exclude(text=ERASED_TEXT, original_text=""))
    texts = {c.pk: c.text for c in comments}
    for comment in comments:
        words = [comment.text, comment.original_text]
        comment.text = ERASED_TEXT
        comment.original_text = ""
        comment.save(update_fields=["text", "original_text"])
        counts["comments"] += 1
        # A published report quoting their words is taken down until it is published again.
        for previous_text in filter(None, words):
            comment_moderated.send(sender=Comment, comment=comment, previous_text=previous_text)
    if texts:
        history = Comment.history.model.objects.filter(id__in=texts).exclude(text=ERASED_TEXT)
        counts["comment history rows"] = history.delete()[0]
        # A statement put to the room word for word from the comment repeats it.
        for statement in Statement.objects.filter(source_comment_id__in=texts):
            said = texts.get(statement.source_comment_id or 0, "")
            if said and statement.text.strip() == said.strip()[: len(statement.text.strip())]:
                statement.text = ERASED_TEXT
                statement.save(update_fields=["text"])
                counts["statements"] += 1
        counts["analysis runs"] = _scrub_runs(person, texts)
    from coproduce.methods.models.open_space import OpenSpaceTopic

    for topic in OpenSpaceTopic.objects.filter(convener=person).exclude(title=ERASED_TEXT):
        topic.title = ERASED_TEXT[:200]
        topic.save(update_fields=["title"])
        topic.history.exclude(title=ERASED_TEXT).delete()
        counts["Open Space topics"] += 1
    counts["survey answers"] = Answer.objects.filter(response__person=person).exclude(text="").update(text="")
    # Their CPD reflections (coproduce/cpd), and the earlier versions the records' history kept.
    counts["CPD reflections"] = (
        CpdRecord.objects.filter(person=person).exclude(reflection="").update(reflection="")
    )
    reflected = CpdRecord.history.filter(person_id=person.pk).exclude(reflection="")  # type: ignore[attr-defined]
    counts["CPD reflection history rows"] = reflected.delete()[0]
    return counts


def _scrub_runs(person: Person, texts: dict[int, str]) -> int:
    """A run keeps the texts it analysed; the erased comments' copies there are replaced."""
    changed = 0
    for run in AnalysisRun.objects.filter(area_id=person.area_id):
        inputs = [[pk, ERASED_TEXT] if pk in texts else [pk, text] for pk, text in (run.inputs or [])]
        if inputs != run.inputs:
            run.inputs = inputs
            run.save(update_fields=["inputs"])
            changed += 1
    return changed


def people_anonymise_expired() -> list[PrivacyAction]:
    """Anonymise everyone past the retention period; run daily (``manage.py anonymise_expired``)."""
    from .selectors import people_past_retention

    return [
        person_anonymise(person=person, mode=PrivacyMode.ANONYMISE, reason=PrivacyReason.RETENTION)
        for person in people_past_retention()
    ]
