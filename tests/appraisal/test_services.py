"""Building an appraisal, scoring it and agreeing it: what the services accept, and what they refuse without
saving anything."""

import pytest
from django.core.exceptions import ValidationError

from coproduce.accounts.models import AreaRole
from coproduce.appraisal import services
from coproduce.appraisal.models import (
    AppraisalStatus,
    CriterionKind,
    GreenBookChoice,
    OptionKind,
    Score,
    WeightProposal,
)
from coproduce.themes.models import RunStatus, Theme
from tests.factories import (
    AnalysisRunFactory,
    AreaFactory,
    UserFactory,
    appraisal_scores,
    appraisal_with_options,
)

pytestmark = pytest.mark.django_db


def test_an_appraisal_starts_with_the_preset_options_and_critical_success_factors():
    appraisal = services.appraisal_create(
        area=AreaFactory(),
        title="Delivery of children's centre services 2012-15",
        preset_options=services.PRESET_OPTIONS,
        preset_criteria=list(services.PRESET_CRITERIA),
    )
    assert [o.kind for o in appraisal.options.all()] == list(services.PRESET_OPTIONS)
    assert [c.title for c in appraisal.criteria.all()] == [
        "Strategic fit",
        "Value for money",
        "Supplier capacity and capability",
        "Affordability",
        "Achievability",
    ]
    assert appraisal.scale == [
        (0, "Does not meet"),
        (1, "Meets a little"),
        (2, "Partly meets"),
        (3, "Largely meets"),
        (4, "Fully meets"),
    ]
    assert appraisal.status == AppraisalStatus.DRAFT


def test_a_scale_whose_top_is_not_above_its_bottom_is_refused():
    with pytest.raises(ValidationError) as error:
        services.appraisal_create(area=AreaFactory(), title="X", scale_min=3, scale_max=3)
    assert "above its bottom" in str(error.value)


@pytest.mark.parametrize(
    ("choice", "reason", "field"),
    [("", "Too costly", "excluded_on"), ("funding", "  ", "exclusion_reason"), ("money", "x", "excluded_on")],
)
def test_an_exclusion_without_a_choice_or_a_reason_is_refused_and_the_option_stays(choice, reason, field):
    appraisal = appraisal_with_options(options=("In-house", "Do minimum"))
    option = appraisal.options.get(title="Do minimum")
    with pytest.raises(ValidationError) as error:
        services.option_exclude(option=option, choice=choice, reason=reason)
    assert field in error.value.message_dict
    option.refresh_from_db()
    assert option.is_shortlisted and option.exclusion_reason == ""


def test_an_exclusion_records_the_choice_and_reason_and_a_restore_keeps_them_in_the_history():
    appraisal = appraisal_with_options(options=("In-house", "Do minimum"))
    option = appraisal.options.get(title="Do minimum")
    services.option_exclude(
        option=option, choice=GreenBookChoice.SCOPE, reason="Does not meet the statutory duty"
    )
    option.refresh_from_db()
    assert (option.is_shortlisted, option.excluded_on) == (False, "scope")
    services.option_restore(option=option)
    reasons = [h.exclusion_reason for h in option.history.all()]
    assert "Does not meet the statutory duty" in reasons
    assert option.history.count() == 3


def test_a_criterion_cites_only_themes_of_its_own_area():
    appraisal = appraisal_with_options()
    other_run = AnalysisRunFactory(status=RunStatus.DONE)
    foreign = Theme.objects.create(run=other_run, number=1, label="Elsewhere", size=1)
    with pytest.raises(ValidationError):
        services.criterion_add(appraisal=appraisal, title="Local knowledge", themes=[foreign])
    assert not appraisal.criteria.filter(title="Local knowledge").exists()
    run = AnalysisRunFactory(area=appraisal.area, status=RunStatus.DONE)
    own = Theme.objects.create(run=run, number=1, label="Familiar faces", size=3)
    criterion = services.criterion_add(
        appraisal=appraisal, title="Local knowledge", kind=CriterionKind.OWN, themes=[own]
    )
    assert list(criterion.themes.all()) == [own]
    assert criterion.history.count() >= 1


def _all_cells(appraisal, value):
    return {(o.pk, c.pk): value for o in appraisal.options.all() for c in appraisal.criteria.all()}


def _weights(appraisal, *values):
    return dict(zip(appraisal.criteria.values_list("pk", flat=True), values, strict=True))


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        (("lots", "10"), "must be a number"),
        (("-5", "10"), "must be 0 or more"),
        (("0", "0"), "at least one criterion a weight above 0"),
        (("", "10"), "Enter a weight"),
        (("nan", "10"), "must be a number"),
    ],
)
def test_bad_weights_are_refused_with_a_clear_message_and_nothing_is_saved(weights, message):
    appraisal = appraisal_with_options()
    with pytest.raises(ValidationError) as error:
        services.ratings_record(
            appraisal=appraisal,
            rater=UserFactory(),
            role=AreaRole.VCS_MEMBER,
            scores=_all_cells(appraisal, 2),
            weights=_weights(appraisal, *weights),
        )
    assert message in " ".join(error.value.messages)
    assert not Score.objects.exists() and not WeightProposal.objects.exists()


@pytest.mark.parametrize("value", [5, -1, "three"])
def test_a_score_off_the_scale_is_refused_naming_the_cell_and_nothing_is_saved(value):
    appraisal = appraisal_with_options()
    scores = _all_cells(appraisal, 2)
    option, criterion = appraisal.options.first(), appraisal.criteria.last()
    scores[(option.pk, criterion.pk)] = value
    with pytest.raises(ValidationError) as error:
        services.ratings_record(
            appraisal=appraisal,
            rater=UserFactory(),
            role=AreaRole.COMMISSIONER,
            scores=scores,
            weights=_weights(appraisal, 1, 1),
        )
    problems = error.value.message_dict[f"score_{option.pk}_{criterion.pk}"]
    assert problems == [f"Score “In-house” on “Affordability” from 0 to 4, not {value}"]
    assert not Score.objects.exists()


def test_a_missing_score_is_refused():
    appraisal = appraisal_with_options()
    scores = _all_cells(appraisal, 2)
    scores.popitem()
    with pytest.raises(ValidationError):
        services.ratings_record(
            appraisal=appraisal,
            rater=UserFactory(),
            role="commissioner",
            scores=scores,
            weights=_weights(appraisal, 1, 1),
        )
    assert not Score.objects.exists()


def test_scoring_again_replaces_the_partners_own_scores_and_keeps_the_earlier_ones_in_the_history():
    appraisal = appraisal_with_options()
    rater, other = UserFactory(), UserFactory()
    appraisal_scores(appraisal, other, "vcs_member", {"In-house": [1, 1], "Mixed economy": [4, 4]}, [1, 1])
    appraisal_scores(
        appraisal, rater, "commissioner", {"In-house": [3, 2], "Mixed economy": [1, 0]}, [60, 40]
    )
    appraisal_scores(
        appraisal, rater, "commissioner", {"In-house": [4, 2], "Mixed economy": [1, 0]}, [50, 50]
    )
    mine = Score.objects.filter(rater=rater)
    assert mine.count() == 4
    changed = mine.get(option__title="In-house", criterion__title="Strategic fit")
    assert changed.value == 4
    assert [h.value for h in changed.history.order_by("history_date")] == [3, 4]
    assert sorted(WeightProposal.objects.filter(rater=rater).values_list("weight", flat=True)) == [50, 50]
    assert Score.objects.filter(rater=other).count() == 4


def test_scoring_is_refused_unless_the_appraisal_is_open_for_scoring():
    appraisal = appraisal_with_options(status=AppraisalStatus.DRAFT)
    with pytest.raises(ValidationError) as error:
        services.ratings_record(
            appraisal=appraisal,
            rater=UserFactory(),
            role="commissioner",
            scores=_all_cells(appraisal, 2),
            weights=_weights(appraisal, 1, 1),
        )
    assert "not open for scoring" in str(error.value)


def test_opening_scoring_needs_two_short_listed_options():
    appraisal = appraisal_with_options(options=("In-house",), status=AppraisalStatus.DRAFT)
    with pytest.raises(ValidationError):
        services.appraisal_set_status(appraisal=appraisal, status=AppraisalStatus.SCORING)
    services.option_add(appraisal=appraisal, title="VCS-run", kind=OptionKind.VCS_RUN)
    services.appraisal_set_status(appraisal=appraisal, status=AppraisalStatus.SCORING)
    assert appraisal.status == AppraisalStatus.SCORING


def test_agreeing_records_the_preferred_option_who_and_when_once_scoring_is_closed():
    appraisal = appraisal_with_options()
    option = appraisal.options.get(title="Mixed economy")
    user = UserFactory()
    with pytest.raises(ValidationError):
        services.appraisal_agree(appraisal=appraisal, preferred_option=option, recommendation="Go", user=user)
    services.appraisal_set_status(appraisal=appraisal, status=AppraisalStatus.CLOSED)
    with pytest.raises(ValidationError):
        services.appraisal_agree(appraisal=appraisal, preferred_option=option, recommendation=" ", user=user)
    services.appraisal_agree(
        appraisal=appraisal, preferred_option=option, recommendation="A mixed economy.", user=user
    )
    appraisal.refresh_from_db()
    assert (appraisal.status, appraisal.preferred_option, appraisal.agreed_by) == ("agreed", option, user)
    assert appraisal.agreed_at is not None
    with pytest.raises(ValidationError):  # the long list is settled
        services.option_add(appraisal=appraisal, title="Something new")


def test_a_theme_from_an_analysis_since_rerun_is_marked_as_earlier_evidence():
    from coproduce.appraisal.selectors import criteria_with_evidence

    appraisal = appraisal_with_options()
    old = AnalysisRunFactory(area=appraisal.area, status=RunStatus.DONE)
    theme = Theme.objects.create(run=old, number=1, label="Familiar faces", size=1)
    services.criterion_cite_theme(criterion=appraisal.criteria.first(), theme=theme)
    assert criteria_with_evidence(appraisal)[0].themes[0].is_current
    AnalysisRunFactory(area=appraisal.area, status=RunStatus.DONE)
    assert not criteria_with_evidence(appraisal)[0].themes[0].is_current
