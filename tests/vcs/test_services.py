"""Writes for understanding the VCS: profiles, health checks (and the training needs they make), links; bad
input gets a message naming the field and changes nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from coproduce.cpd.models import NeedPriority, TrainingNeed
from coproduce.directory.models import OrganisationKind
from coproduce.vcs import selectors, services
from coproduce.vcs.models import HealthCheck, OrganisationLink, OrganisationProfile
from tests.factories import AreaFactory, OrganisationFactory
from tests.vcs.factories import CentreFactory, ratings, take

pytestmark = pytest.mark.django_db
D = datetime.date


def refusal(call, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value.message_dict


def test_a_profile_is_saved_in_the_lists_order_and_each_change_is_in_its_history():
    forum = OrganisationFactory(name="Heathway Community Forum")
    profile = services.profile_save(
        organisation=forum,
        needs="A room on Saturdays",
        delivery_models=["consortium", "grant"],
        contract_sizes=["under_10k"],
        consortium="member",
        staff="2",
        volunteers="14",
        dbs_checked_volunteers="9",
        premises="shared",
        income_band="small",
    )
    assert profile.delivery_models == ["grant", "consortium"]
    assert (profile.staff, profile.volunteers, profile.dbs_checked_volunteers) == (2, 14, 9)
    services.profile_save(organisation=forum, **_same(profile))  # the same answers: no new version
    assert profile.history.count() == 1
    services.profile_save(organisation=forum, **{**_same(profile), "volunteers": "16"})
    assert profile.history.count() == 2
    assert profile.history.first().volunteers == 16 and profile.history.last().volunteers == 14


def _same(profile: OrganisationProfile) -> dict:
    fields = ["needs", "values", "delivery_models", "contract_sizes", "consortium", "premises", "income_band"]
    counts = ["staff", "volunteers", "dbs_checked_volunteers"]
    return {name: getattr(profile, name) for name in fields + counts}


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({"volunteers": "4", "dbs_checked_volunteers": "6"}, "dbs_checked_volunteers", "cannot be more than"),
        ({"dbs_checked_volunteers": "3"}, "volunteers", "Enter the number of volunteers"),
        ({"staff": "-1"}, "staff", "cannot be negative"),
        ({"staff": "two"}, "staff", "as a whole number"),
        ({"volunteers": "1000001"}, "volunteers", "100,000 or fewer"),
        ({"delivery_models": ["grant", "bake_sale"]}, "delivery_models", "from the list"),
        ({"income_band": "huge"}, "income_band", "from the list"),
        ({"needs": "x" * 2001}, "needs", "2,000 characters or fewer"),
    ],
)
def test_a_profile_with_bad_answers_is_refused_naming_the_field_and_nothing_is_saved(answers, field, message):
    forum = OrganisationFactory()
    problems = refusal(services.profile_save, organisation=forum, **answers)
    assert message in problems[field][0]
    assert not OrganisationProfile.objects.exists()


def test_weak_areas_become_training_needs_and_an_open_one_is_kept_not_recorded_again():
    forum = OrganisationFactory()
    first = take(forum, D(2011, 10, 28), finance=1, digital=2)
    needs = {r.topic: r.training_need for r in first.ratings.all() if r.training_need}
    assert set(needs) == {"finance", "digital"}
    assert needs["finance"].priority == NeedPriority.HIGH and needs["digital"].priority == NeedPriority.MEDIUM
    assert needs["finance"].need.startswith("Finance and funding (health check 28 October 2011: 1: not in")
    assert needs["finance"].organisation == forum and needs["finance"].raised_on == D(2011, 10, 28)

    # Finance met by training in between; digital still open. Taken again: finance weak again is a new need,
    # digital weak again is the same open need, governance newly weak a new one.
    TrainingNeed.objects.filter(pk=needs["finance"].pk).update(met_on=D(2012, 2, 13))
    second = take(forum, D(2012, 6, 1), finance=2, digital=2, governance=2)
    again = {r.topic: r.training_need for r in second.ratings.all() if r.training_need}
    assert again["digital"] == needs["digital"]
    assert again["finance"] != needs["finance"]
    assert TrainingNeed.objects.filter(organisation=forum).count() == 4  # finance twice, digital, governance


def test_the_change_since_the_last_health_check_is_read_in_the_order_they_were_taken():
    forum = OrganisationFactory()
    later = take(forum, D(2012, 6, 1), 3, finance=3)
    earlier = take(forum, D(2011, 10, 28), 3, finance=1)  # typed in afterwards from the paper form
    change, previous = selectors.change_of(later)
    assert previous == earlier
    finance = next(a for a in change.areas if a.topic == "finance")
    assert (finance.previous, finance.current, finance.change) == (1, 3, 2)
    assert change.mean_change == pytest.approx(2 / 8)  # 8 areas, one up by 2
    assert selectors.change_of(earlier)[1] is None
    assert [row.check for row in selectors.check_history(forum)] == [later, earlier]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"finance": (None, "")}, "score_finance", "Rate finance and funding"),
        ({"finance": (5, "")}, "score_finance", "from 1 to 4"),
        ({"finance": ("x", "")}, "score_finance", "from 1 to 4"),
        ({"digital": (2, "n" * 301)}, "note_digital", "300 characters or fewer"),
    ],
)
def test_a_health_check_with_an_area_unrated_or_off_the_scale_is_refused_and_nothing_is_saved(
    changes, field, message
):
    forum = OrganisationFactory()
    problems = refusal(
        services.health_check_take,
        organisation=forum,
        taken_on=D(2012, 1, 5),
        ratings={**ratings(2), **changes},
    )
    assert message in problems[field][0]
    assert not HealthCheck.objects.exists() and not TrainingNeed.objects.exists()


def test_a_health_check_needs_a_date_that_is_not_in_the_future():
    forum = OrganisationFactory()
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    for day, message in ((None, "Enter the date"), (tomorrow, "cannot be in the future")):
        problems = refusal(services.health_check_take, organisation=forum, taken_on=day, ratings=ratings())
        assert message in problems["taken_on"][0]
    assert not HealthCheck.objects.exists()


@pytest.fixture
def pair():
    area = AreaFactory(name="London Borough of Bexley")
    return area, CentreFactory(area=area, name="Hollyfield"), OrganisationFactory(area=area, name="Forum")


def test_a_link_is_stored_lower_id_first_and_the_same_pair_and_kind_cannot_be_recorded_twice(pair):
    area, centre, forum = pair
    link = services.link_record(
        area=area, organisation_a=forum, organisation_b=centre, kind="referral", strength="2"
    )
    assert (link.organisation_a, link.organisation_b, link.strength) == (centre, forum, 2)
    problems = refusal(
        services.link_record,
        area=area,
        organisation_a=centre,
        organisation_b=forum,
        kind="referral",
        strength=1,
    )
    assert "already have a link of this kind" in problems["kind"][0]
    services.link_record(area=area, organisation_a=centre, organisation_b=forum, kind="informal", strength=1)
    assert OrganisationLink.objects.count() == 2


@pytest.mark.parametrize("strength", [0, 4, "", "strong", None])
def test_a_link_with_a_strength_out_of_range_is_refused(pair, strength):
    area, centre, forum = pair
    problems = refusal(
        services.link_record,
        area=area,
        organisation_a=centre,
        organisation_b=forum,
        kind="referral",
        strength=strength,
    )
    assert problems["strength"] == ["Choose the strength of the link, from 1 (occasional) to 3 (close)"]
    assert not OrganisationLink.objects.exists()


def test_an_organisation_cannot_be_linked_to_itself_nor_to_one_of_another_area(pair):
    area, centre, forum = pair
    problems = refusal(
        services.link_record,
        area=area,
        organisation_a=centre,
        organisation_b=centre,
        kind="referral",
        strength=2,
    )
    assert "cannot be linked to itself" in problems["organisation_b"][0]
    elsewhere = OrganisationFactory(name="Riverside Forum")
    problems = refusal(
        services.link_record,
        area=area,
        organisation_a=centre,
        organisation_b=elsewhere,
        kind="referral",
        strength=2,
    )
    assert problems["organisation_b"] == ["Choose an organisation of London Borough of Bexley"]
    problems = refusal(
        services.link_record,
        area=area,
        organisation_a=centre,
        organisation_b=forum,
        kind="friendship",
        strength=2,
    )
    assert problems["kind"] == ["Choose the kind of link"]
    assert not OrganisationLink.objects.exists()


def test_someone_who_speaks_for_one_organisation_records_only_its_links(pair):
    area, centre, forum = pair
    other = OrganisationFactory(area=area, kind=OrganisationKind.VCS)
    problems = refusal(
        services.link_record,
        area=area,
        organisation_a=centre,
        organisation_b=other,
        kind="referral",
        strength=2,
        own_organisation_id=forum.pk,
    )
    assert problems["organisation_a"] == ["One of the two must be the organisation you speak for"]
    services.link_record(
        area=area,
        organisation_a=other,
        organisation_b=forum,
        kind="referral",
        strength=2,
        own_organisation_id=forum.pk,
    )


def test_a_link_changed_and_removed_keeps_its_history(pair):
    area, centre, forum = pair
    link = services.link_record(
        area=area, organisation_a=centre, organisation_b=forum, kind="referral", strength=1
    )
    services.link_update(link=link, organisation_a=centre, organisation_b=forum, kind="referral", strength=3)
    services.link_remove(link=link)
    assert [h.history_type for h in OrganisationLink.history.order_by("history_id")] == ["+", "~", "-"]
