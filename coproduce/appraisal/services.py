"""Writes for options appraisals: the long list and its exclusions, the criteria and the themes they cite,
partners' scores and weights, the status, and the agreed preferred option.

Every write is audited by django-simple-history. What must hold whoever writes (a page, the API, the demo)
is checked here: a breach is a ``ValidationError`` keyed by the field, and nothing is saved.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coproduce.appraisal.models import (
    DEFAULT_SCALE,
    Appraisal,
    AppraisalStatus,
    Criterion,
    CriterionKind,
    GreenBookChoice,
    Option,
    OptionKind,
    Score,
    WeightProposal,
)
from coproduce.programmes.models import Area

if TYPE_CHECKING:
    from coproduce.themes.models import Theme

# The Green Book's critical success factors, offered when an appraisal is started.
PRESET_CRITERIA: dict[str, str] = {
    CriterionKind.STRATEGIC_FIT: "How well the option meets the agreed aims and fits the area's other plans.",
    CriterionKind.VALUE_FOR_MONEY: "The balance of what families gain against what the option costs.",
    CriterionKind.SUPPLIER_CAPACITY: "Whether providers exist who could deliver it, and deliver it well.",
    CriterionKind.AFFORDABILITY: "Whether it can be paid for within the budget, savings included.",
    CriterionKind.ACHIEVABILITY: "Whether it can be put in place in time, with the skills available.",
}
# The delivery models a long list usually starts from.
PRESET_OPTIONS: tuple[str, ...] = (
    OptionKind.IN_HOUSE,
    OptionKind.OUTSOURCED,
    OptionKind.VCS_RUN,
    OptionKind.MIXED_ECONOMY,
    OptionKind.LEAD_PROVIDER,
    OptionKind.DO_MINIMUM,
)
MAX_WEIGHT = 1_000_000.0


def _scale_check(scale_min: int, scale_max: int, descriptors: Mapping[int, str]) -> dict[str, str]:
    if scale_min >= scale_max:
        raise ValidationError({"scale_max": "The top of the scale must be above its bottom"})
    if scale_max - scale_min > 10:
        raise ValidationError({"scale_max": "Use a scale of at most 11 points"})
    outside = [point for point in descriptors if not scale_min <= int(point) <= scale_max]
    if outside:
        raise ValidationError({"scale_descriptors": f"No point {outside[0]} on this scale"})
    return {str(int(point)): text.strip() for point, text in descriptors.items() if text and text.strip()}


def appraisal_create(
    *,
    area: Area,
    title: str,
    purpose: str = "",
    scale_min: int = 0,
    scale_max: int = 4,
    scale_descriptors: Mapping[int, str] | None = None,
    preset_options: Iterable[str] = (),
    preset_criteria: Iterable[str] = (),
    is_illustrative: bool = False,
    created_by=None,
) -> Appraisal:
    """A draft appraisal, with the preset options and critical success factors asked for."""
    if not title.strip():
        raise ValidationError({"title": "Enter a title for the appraisal"})
    if scale_descriptors is None:
        scale_descriptors = DEFAULT_SCALE if (scale_min, scale_max) == (0, 4) else {}
    descriptors = _scale_check(scale_min, scale_max, scale_descriptors)
    preset_options, preset_criteria = list(preset_options), list(preset_criteria)
    unknown = [k for k in preset_options if k not in PRESET_OPTIONS]
    if unknown:
        raise ValidationError({"preset_options": f"No preset option “{unknown[0]}”"})
    unknown = [k for k in preset_criteria if k not in PRESET_CRITERIA]
    if unknown:
        raise ValidationError({"preset_criteria": f"No preset criterion “{unknown[0]}”"})
    with transaction.atomic():
        appraisal = Appraisal.objects.create(
            area=area,
            title=title.strip(),
            purpose=purpose,
            scale_min=scale_min,
            scale_max=scale_max,
            scale_descriptors=descriptors,
            is_illustrative=is_illustrative,
            created_by=created_by,
        )
        for kind in preset_options:
            option_add(appraisal=appraisal, kind=kind, title=OptionKind(kind).label)
        for kind in preset_criteria:
            criterion_add(
                appraisal=appraisal,
                kind=kind,
                title=CriterionKind(kind).label,
                description=PRESET_CRITERIA[kind],
            )
    return appraisal


def _check_open(appraisal: Appraisal) -> None:
    if appraisal.is_settled:
        raise ValidationError(
            {"__all__": "Scoring has closed: the long list and the criteria can no longer change."}
        )


def option_add(
    *, appraisal: Appraisal, title: str, kind: str = OptionKind.OWN, description: str = ""
) -> Option:
    _check_open(appraisal)
    if kind not in OptionKind.values:
        raise ValidationError({"kind": f"No kind of option “{kind}”"})
    if not title.strip():
        raise ValidationError({"title": "Enter the option's name"})
    if appraisal.options.filter(title__iexact=title.strip()).exists():
        raise ValidationError({"title": f"The long list already has “{title.strip()}”"})
    return Option.objects.create(appraisal=appraisal, kind=kind, title=title.strip(), description=description)


def option_exclude(*, option: Option, choice: str, reason: str) -> Option:
    """Take the option off the short list, saying which choice of the options framework ruled it out and
    why. Both are required: an option is never dropped without a reason on the record."""
    _check_open(option.appraisal)
    errors = {}
    if choice not in GreenBookChoice.values:
        errors["excluded_on"] = (
            "Choose the choice that rules the option out: scope, solution, delivery, implementation or funding"
        )
    if not (reason or "").strip():
        errors["exclusion_reason"] = "Say why the option is excluded"
    if errors:
        raise ValidationError(errors)
    if option.appraisal.preferred_option_id == option.pk:
        raise ValidationError({"__all__": "The preferred option cannot be excluded"})
    option.is_shortlisted = False
    option.excluded_on = choice
    option.exclusion_reason = reason.strip()
    option.save(update_fields=["is_shortlisted", "excluded_on", "exclusion_reason"])
    return option


def option_restore(*, option: Option) -> Option:
    """Back on the short list; the history keeps the exclusion and its reason."""
    _check_open(option.appraisal)
    option.is_shortlisted = True
    option.excluded_on = ""
    option.exclusion_reason = ""
    option.save(update_fields=["is_shortlisted", "excluded_on", "exclusion_reason"])
    return option


def _check_themes(appraisal: Appraisal, themes: list[Theme]) -> None:
    foreign = [t.pk for t in themes if t.run.area_id != appraisal.area_id]
    if foreign:
        raise ValidationError({"themes": f"No theme in this area with id {', '.join(map(str, foreign))}"})


def criterion_add(
    *,
    appraisal: Appraisal,
    title: str,
    kind: str = CriterionKind.OWN,
    description: str = "",
    themes: Iterable[Theme] = (),
) -> Criterion:
    _check_open(appraisal)
    themes = list(themes)
    if kind not in CriterionKind.values:
        raise ValidationError({"kind": f"No kind of criterion “{kind}”"})
    if not title.strip():
        raise ValidationError({"title": "Enter the criterion's name"})
    if appraisal.criteria.filter(title__iexact=title.strip()).exists():
        raise ValidationError({"title": f"The appraisal already has the criterion “{title.strip()}”"})
    _check_themes(appraisal, themes)
    with transaction.atomic():
        criterion = Criterion.objects.create(
            appraisal=appraisal, kind=kind, title=title.strip(), description=description
        )
        for theme in themes:
            criterion.themes.add(theme)
    return criterion


def criterion_update(
    *, criterion: Criterion, title: str, description: str, themes: Iterable[Theme]
) -> Criterion:
    """New wording and the themes it cites (they replace those cited before; each change is in the
    history)."""
    themes = list(themes)
    if not title.strip():
        raise ValidationError({"title": "Enter the criterion's name"})
    clash = criterion.appraisal.criteria.filter(title__iexact=title.strip()).exclude(pk=criterion.pk)
    if clash.exists():
        raise ValidationError({"title": f"The appraisal already has the criterion “{title.strip()}”"})
    _check_themes(criterion.appraisal, themes)
    with transaction.atomic():
        if (criterion.title, criterion.description) != (title.strip(), description):
            criterion.title, criterion.description = title.strip(), description
            criterion.save(update_fields=["title", "description"])
        wanted = {t.pk for t in themes}
        for theme in criterion.themes.exclude(pk__in=wanted):
            criterion.themes.remove(theme)
        current = set(criterion.themes.values_list("pk", flat=True))
        for theme in themes:
            if theme.pk not in current:
                criterion.themes.add(theme)
    return criterion


def criterion_cite_theme(*, criterion: Criterion, theme: Theme) -> None:
    _check_themes(criterion.appraisal, [theme])
    criterion.themes.add(theme)


STATUS_ORDER = [AppraisalStatus.DRAFT, AppraisalStatus.SCORING, AppraisalStatus.CLOSED]


def appraisal_set_status(*, appraisal: Appraisal, status: str) -> Appraisal:
    """Open scoring, close it, or reopen it (draft, scoring and closed, either way); agreeing is
    ``appraisal_agree``."""
    if status not in STATUS_ORDER:
        raise ValidationError({"status": "Choose draft, open for scoring or closed"})
    if appraisal.status == AppraisalStatus.AGREED:
        raise ValidationError({"status": "The preferred option is agreed: the appraisal is on the record"})
    if status == AppraisalStatus.SCORING:
        if appraisal.options.filter(is_shortlisted=True).count() < 2:
            raise ValidationError({"status": "Keep at least two options on the short list to score them"})
        if not appraisal.criteria.exists():
            raise ValidationError({"status": "Add at least one criterion to score the options on"})
    if appraisal.status != status:
        appraisal.status = status
        appraisal.save(update_fields=["status"])
    return appraisal


def _weight_value(raw: object) -> float | None:
    if isinstance(raw, bool):
        return None
    try:
        value = float(str(raw).strip().replace(",", ""))  # type: ignore[arg-type]
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def ratings_record(
    *,
    appraisal: Appraisal,
    rater,
    role: str,
    scores: Mapping[tuple[int, int], object],
    weights: Mapping[int, object],
) -> tuple[list[Score], list[WeightProposal]]:
    """A partner's scores (``(option id, criterion id) -> point``) and proposed weights
    (``criterion id -> weight``). Every short-listed option on every criterion, and every criterion's
    weight, must be given; a score off the scale, a weight that is not a number or is negative, or
    weights that are all zero are refused, naming the cell, and nothing is saved. Scoring again replaces
    the partner's own earlier scores; the history keeps them."""
    if not appraisal.is_open_for_scoring:
        raise ValidationError({"__all__": "This appraisal is not open for scoring."})
    options = {o.pk: o for o in appraisal.options.filter(is_shortlisted=True)}
    criteria = {c.pk: c for c in appraisal.criteria.all()}
    errors: dict[str, list[str]] = {}
    values: dict[tuple[int, int], int] = {}
    for key in scores:
        if key[0] not in options or key[1] not in criteria:
            errors.setdefault("scores", []).append(
                f"No short-listed option {key[0]} or criterion {key[1]} in this appraisal"
            )
    for option_id, option in options.items():
        for criterion_id, criterion in criteria.items():
            raw = scores.get((option_id, criterion_id))
            field = f"score_{option_id}_{criterion_id}"
            where = f"“{option.title}” on “{criterion.title}”"
            if raw is None or raw == "":
                errors[field] = [f"Score {where}"]
                continue
            try:
                point = int(str(raw))
            except ValueError:
                point = None
            if point is None or not appraisal.scale_min <= point <= appraisal.scale_max:
                errors[field] = [
                    f"Score {where} from {appraisal.scale_min} to {appraisal.scale_max}, not {raw}"
                ]
                continue
            values[(option_id, criterion_id)] = point
    weight_values: dict[int, float] = {}
    for criterion_key in weights:
        if criterion_key not in criteria:
            errors.setdefault("weights", []).append(f"No criterion {criterion_key} in this appraisal")
    for criterion_id, criterion in criteria.items():
        field = f"weight_{criterion_id}"
        raw = weights.get(criterion_id)
        if raw is None or str(raw).strip() == "":
            errors[field] = [f"Enter a weight for “{criterion.title}”"]
            continue
        weight = _weight_value(raw)
        if weight is None:
            errors[field] = [f"The weight for “{criterion.title}” must be a number, like 20 or 2.5"]
        elif weight < 0:
            errors[field] = [f"The weight for “{criterion.title}” must be 0 or more"]
        elif weight > MAX_WEIGHT:
            errors[field] = [f"The weight for “{criterion.title}” must be {MAX_WEIGHT:,.0f} or less"]
        else:
            weight_values[criterion_id] = weight
    if not errors and criteria and not any(weight_values.values()):
        errors["weights"] = ["Give at least one criterion a weight above 0"]
    if errors:
        raise ValidationError(errors)
    saved_scores, saved_weights = [], []
    with transaction.atomic():
        for (option_id, criterion_id), point in values.items():
            score = Score.objects.filter(rater=rater, option_id=option_id, criterion_id=criterion_id).first()
            if score is None:
                score = Score.objects.create(
                    appraisal=appraisal,
                    rater=rater,
                    rater_role=role,
                    option_id=option_id,
                    criterion_id=criterion_id,
                    value=point,
                )
            elif (score.value, score.rater_role) != (point, role):
                score.value, score.rater_role = point, role
                score.save(update_fields=["value", "rater_role", "scored_at"])
            saved_scores.append(score)
        for criterion_id, weight in weight_values.items():
            proposal = WeightProposal.objects.filter(rater=rater, criterion_id=criterion_id).first()
            if proposal is None:
                proposal = WeightProposal.objects.create(
                    appraisal=appraisal,
                    rater=rater,
                    rater_role=role,
                    criterion_id=criterion_id,
                    weight=weight,
                )
            elif (proposal.weight, proposal.rater_role) != (weight, role):
                proposal.weight, proposal.rater_role = weight, role
                proposal.save(update_fields=["weight", "rater_role", "proposed_at"])
            saved_weights.append(proposal)
    return saved_scores, saved_weights


def appraisal_agree(
    *, appraisal: Appraisal, preferred_option: Option, recommendation: str, agreed_with: str = "", user=None
) -> Appraisal:
    """The preferred option and the recommendation, on the record with who agreed it and when."""
    errors = {}
    if preferred_option.appraisal_id != appraisal.pk or not preferred_option.is_shortlisted:
        errors["preferred_option"] = "Choose an option on this appraisal's short list"
    if not recommendation.strip():
        errors["recommendation"] = "Write the recommendation"
    if errors:
        raise ValidationError(errors)
    if appraisal.status not in (AppraisalStatus.CLOSED, AppraisalStatus.AGREED):
        raise ValidationError({"__all__": "Close scoring before agreeing the preferred option"})
    appraisal.preferred_option = preferred_option
    appraisal.recommendation = recommendation.strip()
    appraisal.agreed_with = agreed_with.strip()
    appraisal.agreed_by = user
    appraisal.agreed_at = timezone.now()
    appraisal.status = AppraisalStatus.AGREED
    appraisal.save()
    return appraisal


def appraisal_publish(*, appraisal: Appraisal, publish: bool) -> Appraisal:
    """Show the agreed record on the public site, or take it off. Only an agreed appraisal has a record
    worth publishing; taking one off is always allowed."""
    if publish and appraisal.status != AppraisalStatus.AGREED:
        raise ValidationError({"__all__": "Agree the preferred option before publishing the record"})
    appraisal.is_published = publish
    appraisal.save(update_fields=["is_published"])
    return appraisal
