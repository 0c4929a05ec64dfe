"""Writes for understanding the VCS: an organisation's profile, taking its health check (whose weak areas
become training needs, through coproduce/cpd's own service), and the links between organisations.

Each refusal is a ValidationError keyed by the field it is about, and nothing is written."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from coproduce.analysis.healthcheck import SCALE_MAX, SCALE_MIN, WEAK_AT_OR_BELOW
from coproduce.cpd import services as cpd_services
from coproduce.cpd.models import NeedPriority, TrainingNeed
from coproduce.directory.models import Organisation
from coproduce.programmes.models import Area
from coproduce.vcs.models import (
    STAFF_MAX,
    TEXT_MAX,
    Consortium,
    ContractSize,
    DeliveryModel,
    HealthCheck,
    HealthRating,
    HealthScore,
    HealthTopic,
    IncomeBand,
    LinkKind,
    OrganisationLink,
    OrganisationProfile,
    Premises,
)

NOTE_MAX = 300


def _long_text(value: str, field: str, what: str, problems: dict[str, str]) -> str:
    text = (value or "").strip().replace("\r\n", "\n")
    if len(text) > TEXT_MAX:
        problems[field] = f"{what} must be {TEXT_MAX:,} characters or fewer (it has {len(text):,})"
    return text


def _choices(values: Iterable[str], allowed: list[str], field: str, what: str, problems) -> list[str]:
    chosen = list(dict.fromkeys(values or ()))
    if any(value not in allowed for value in chosen):
        problems[field] = f"Choose {what} from the list"
    return [value for value in allowed if value in chosen]  # in the list's order, whatever order sent


def _choice(value: str, allowed: list[str], field: str, what: str, problems) -> str:
    value = value or ""
    if value and value not in allowed:
        problems[field] = f"Choose {what} from the list"
    return value


def _count(value: object, field: str, what: str, problems: dict[str, str]) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        problems[field] = f"Enter the number of {what} as a whole number, like 12"
        return None
    if number < 0:
        problems[field] = f"The number of {what} cannot be negative"
    elif number > STAFF_MAX:
        problems[field] = f"The number of {what} must be {STAFF_MAX:,} or fewer"
    return number


def profile_save(
    *,
    organisation: Organisation,
    needs: str = "",
    values: str = "",
    delivery_models: Iterable[str] = (),
    contract_sizes: Iterable[str] = (),
    consortium: str = "",
    staff: object = None,
    volunteers: object = None,
    dbs_checked_volunteers: object = None,
    premises: str = "",
    income_band: str = "",
    is_illustrative: bool | None = None,
) -> OrganisationProfile:
    """Write the organisation's profile (made on first save); each version is kept in its history."""
    problems: dict[str, str] = {}
    fields: dict[str, object] = {
        "needs": _long_text(needs, "needs", "What the organisation needs", problems),
        "values": _long_text(values, "values", "Its values", problems),
        "delivery_models": _choices(
            delivery_models, DeliveryModel.values, "delivery_models", "ways of delivering", problems
        ),
        "contract_sizes": _choices(
            contract_sizes, ContractSize.values, "contract_sizes", "contract sizes", problems
        ),
        "consortium": _choice(consortium, Consortium.values, "consortium", "an answer", problems),
        "staff": _count(staff, "staff", "paid staff", problems),
        "volunteers": _count(volunteers, "volunteers", "volunteers", problems),
        "dbs_checked_volunteers": _count(
            dbs_checked_volunteers, "dbs_checked_volunteers", "DBS-checked volunteers", problems
        ),
        "premises": _choice(premises, Premises.values, "premises", "the premises", problems),
        "income_band": _choice(income_band, IncomeBand.values, "income_band", "the yearly income", problems),
    }
    dbs, all_volunteers = fields["dbs_checked_volunteers"], fields["volunteers"]
    if "dbs_checked_volunteers" not in problems and isinstance(dbs, int) and dbs > 0:
        if all_volunteers is None and "volunteers" not in problems:
            problems["volunteers"] = "Enter the number of volunteers, as some are DBS-checked"
        elif isinstance(all_volunteers, int) and dbs > all_volunteers:
            problems["dbs_checked_volunteers"] = (
                f"DBS-checked volunteers ({dbs}) cannot be more than all volunteers ({all_volunteers})"
            )
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        profile = OrganisationProfile.objects.select_for_update().filter(organisation=organisation).first()
        if profile is None:
            profile = OrganisationProfile(organisation=organisation)
        changed = profile.pk is None or any(getattr(profile, k) != v for k, v in fields.items())
        for name, value in fields.items():
            setattr(profile, name, value)
        if is_illustrative is not None:
            changed = changed or profile.is_illustrative != is_illustrative
            profile.is_illustrative = is_illustrative
        if changed:  # saving the same answers again adds no history row
            profile.save()
    return profile


def _checked_ratings(
    ratings: Mapping[str, tuple[object, str]], problems: dict[str, str]
) -> dict[str, tuple[int, str]]:
    checked: dict[str, tuple[int, str]] = {}
    unknown = set(ratings) - set(HealthTopic.values)
    if unknown:
        problems["__all__"] = f"The health check has no area called {', '.join(sorted(unknown))}"
    for topic in HealthTopic:
        score_field, note_field = f"score_{topic.value}", f"note_{topic.value}"
        raw_score, raw_note = ratings.get(topic.value, (None, ""))
        note = (raw_note or "").strip()
        if len(note) > NOTE_MAX:
            problems[note_field] = f"The note on {topic.label.lower()} must be {NOTE_MAX} characters or fewer"
        if raw_score in (None, ""):
            problems[score_field] = f"Rate {topic.label.lower()}"
            continue
        try:
            score = int(str(raw_score))
        except ValueError:
            score = 0
        if not SCALE_MIN <= score <= SCALE_MAX:
            problems[score_field] = f"Rate {topic.label.lower()} from {SCALE_MIN} to {SCALE_MAX}"
            continue
        checked[topic.value] = (score, note)
    return checked


def _training_need_for(check: HealthCheck, topic: str, score: int, note: str) -> TrainingNeed | None:
    """The training need a weak rating stands for: the one an earlier check's weak rating of the same area
    became, while it is still open (the need has not gone away, so it is not recorded twice); else a new
    one, recorded with the CPD app's own service."""
    if score > WEAK_AT_OR_BELOW:
        return None
    earlier = (
        HealthRating.objects.filter(
            health_check__organisation=check.organisation,
            topic=topic,
            training_need__isnull=False,
            training_need__met_on__isnull=True,
        )
        .exclude(health_check=check)
        .select_related("training_need")
        .order_by("-health_check__taken_on", "-pk")
        .first()
    )
    if earlier is not None:
        return earlier.training_need
    label = HealthTopic(topic).label
    text = f"{label} (health check {check.taken_on:%-d %B %Y}: {HealthScore(score).label})"
    if note:
        text = f"{text}: {note}"
    if len(text) > cpd_services.NEED_MAX:
        text = text[: cpd_services.NEED_MAX - 1] + "…"
    return cpd_services.training_need_create(
        organisation=check.organisation,
        need=text,
        priority=NeedPriority.HIGH if score == SCALE_MIN else NeedPriority.MEDIUM,
        raised_on=check.taken_on,
        is_illustrative=check.is_illustrative,
    )


def health_check_take(
    *,
    organisation: Organisation,
    taken_on: datetime.date | None,
    ratings: Mapping[str, tuple[object, str]],
    taken_by=None,
    is_illustrative: bool = False,
) -> HealthCheck:
    """Record a health check: every area rated 1 to 4, with an optional note. A weak area (rated 1 or 2)
    becomes a training need of the organisation, or keeps the open one an earlier check made of it."""
    problems: dict[str, str] = {}
    if taken_on is None:
        problems["taken_on"] = "Enter the date the health check was taken"
    elif taken_on > datetime.date.today():
        problems["taken_on"] = "The date the health check was taken cannot be in the future"
    checked = _checked_ratings(ratings, problems)
    if problems:
        raise ValidationError(problems)
    assert taken_on is not None  # noqa: S101 (checked above; for the type checker)
    with transaction.atomic():
        check = HealthCheck.objects.create(
            organisation=organisation, taken_on=taken_on, taken_by=taken_by, is_illustrative=is_illustrative
        )
        for topic, (score, note) in checked.items():
            HealthRating.objects.create(
                health_check=check,
                topic=topic,
                score=score,
                note=note,
                training_need=_training_need_for(check, topic, score, note),
            )
    return check


def _link_fields(
    *,
    area: Area,
    organisation_a: Organisation | None,
    organisation_b: Organisation | None,
    kind: str,
    strength: object,
    note: str,
    own_organisation_id: int | None,
    link: OrganisationLink | None = None,
) -> dict[str, object]:
    problems: dict[str, str] = {}
    if organisation_a is None:
        problems["organisation_a"] = "Choose the first organisation"
    elif organisation_a.area_id != area.pk:
        problems["organisation_a"] = f"Choose an organisation of {area.name}"
    if organisation_b is None:
        problems["organisation_b"] = "Choose the second organisation"
    elif organisation_b.area_id != area.pk:
        problems["organisation_b"] = f"Choose an organisation of {area.name}"
    elif organisation_a is not None and organisation_a.pk == organisation_b.pk:
        problems["organisation_b"] = (
            "Choose a different organisation: an organisation cannot be linked to itself"
        )
    if kind not in LinkKind.values:
        problems["kind"] = "Choose the kind of link"
    try:
        checked_strength = int(str(strength).strip())
    except ValueError:
        checked_strength = 0
    if not 1 <= checked_strength <= 3:
        problems["strength"] = "Choose the strength of the link, from 1 (occasional) to 3 (close)"
    note = " ".join((note or "").split())
    if len(note) > NOTE_MAX:
        problems["note"] = f"The note must be {NOTE_MAX} characters or fewer"
    if (
        own_organisation_id is not None
        and organisation_a is not None
        and organisation_b is not None
        and own_organisation_id not in (organisation_a.pk, organisation_b.pk)
    ):
        problems["organisation_a"] = "One of the two must be the organisation you speak for"
    if problems:
        raise ValidationError(problems)
    assert organisation_a is not None and organisation_b is not None  # noqa: S101 (checked above)
    first, second = sorted((organisation_a, organisation_b), key=lambda o: o.pk)
    same = OrganisationLink.objects.filter(organisation_a=first, organisation_b=second, kind=kind)
    if link is not None:
        same = same.exclude(pk=link.pk)
    if same.exists():
        raise ValidationError(
            {"kind": f"{first.name} and {second.name} already have a link of this kind; change that one"}
        )
    return {
        "organisation_a": first,
        "organisation_b": second,
        "kind": kind,
        "strength": checked_strength,
        "note": note,
    }


def link_record(
    *,
    area: Area,
    organisation_a: Organisation | None,
    organisation_b: Organisation | None,
    kind: str,
    strength: object,
    note: str = "",
    recorded_by=None,
    own_organisation_id: int | None = None,
    is_illustrative: bool = False,
) -> OrganisationLink:
    """Record that two organisations of the area work together. ``own_organisation_id``: the user may only
    record their own organisation's links (a VCS member, a centre manager)."""
    fields = _link_fields(
        area=area,
        organisation_a=organisation_a,
        organisation_b=organisation_b,
        kind=kind,
        strength=strength,
        note=note,
        own_organisation_id=own_organisation_id,
    )
    try:
        with transaction.atomic():
            return OrganisationLink.objects.create(
                area=area, recorded_by=recorded_by, is_illustrative=is_illustrative, **fields
            )
    except IntegrityError:  # recorded at the same moment in another request
        raise ValidationError(
            {"kind": "These two already have a link of this kind; change that one"}
        ) from None


def link_update(
    *,
    link: OrganisationLink,
    organisation_a: Organisation | None,
    organisation_b: Organisation | None,
    kind: str,
    strength: object,
    note: str = "",
    own_organisation_id: int | None = None,
) -> OrganisationLink:
    fields = _link_fields(
        area=link.area,
        organisation_a=organisation_a,
        organisation_b=organisation_b,
        kind=kind,
        strength=strength,
        note=note,
        own_organisation_id=own_organisation_id,
        link=link,
    )
    with transaction.atomic():
        for name, value in fields.items():
            setattr(link, name, value)
        link.save()
    return link


def link_remove(*, link: OrganisationLink) -> None:
    """Remove a link; its history keeps what it was and who removed it."""
    link.delete()
