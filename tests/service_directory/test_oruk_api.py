"""ORUK conformance against the running app: every response validates against the official schemas (as the
profile's openapi.json points to them), paging behaves, filters return exactly the services that meet them,
and unpublished services never appear."""

import datetime
import math
from decimal import Decimal

import pytest
from django.test import Client

from coproduce.service_directory import oruk_schema, taxonomy_seed
from coproduce.service_directory.models import Schedule, Service
from tests.factories import OrganisationFactory
from tests.once import built_once
from tests.service_directory.factories import listed, term

API = "/api/oruk"


def built():
    org = OrganisationFactory(kind="vcs", name="Bexley Toy Library")
    other = OrganisationFactory(kind="vcs", name="Crayford Dads", area=org.area)
    s = {
        "stay": listed(
            organisation=org,
            name="Stay and play",
            terms=["play-and-learning"],
            ages=(0, 5),
            days="MO,WE",
            hours=("09:30", "11:30"),
            amount=Decimal("1.50"),
        ),
        "baby": listed(
            organisation=org,
            name="Baby massage",
            terms=["play-and-learning", "parenting-support"],
            ages=(0, 1),
            days="TU",
            hours=("13:00", "14:00"),
        ),
        "dads": listed(
            organisation=other,
            name="Dads and toddlers",
            terms=["fathers"],
            ages=(1, 4),
            days="SA",
            hours=("10:00", "12:00"),
            postcode="DA1 4AL",
        ),
        "teens": listed(
            organisation=other,
            name="Young parents drop-in",
            terms=["young-parents"],
            ages=(16, 24),
            days="TH",
            hours=("17:00", "19:00"),
        ),
        "money": listed(
            organisation=other,
            name="Money advice",
            terms=["money-and-housing"],
            days="FR",
            hours=("09:00", "17:00"),
        ),
        "speech": listed(
            organisation=org,
            name="Chatterbox",
            terms=["speech-and-language"],
            ages=(2, 4),
            days="WE",
            hours=("14:00", "15:00"),
        ),
        "wellbeing": listed(
            organisation=org,
            name="Wellbeing walk",
            terms=["health-and-wellbeing"],
            ages=(0, 99),
            days="SU",
            hours=("10:00", "11:00"),
        ),
        "hidden": listed(
            organisation=org,
            name="Secret pilot",
            terms=["play-and-learning"],
            ages=(0, 5),
            days="MO",
            hours=("09:30", "11:30"),
            published=False,
        ),
    }
    # A second schedule: Saturday mornings too, so "one schedule must meet every time filter" is tested.
    Schedule.objects.create(
        service=s["stay"], byday="FR", opens_at=datetime.time(18), closes_at=datetime.time(19)
    )
    s["stay"].contacts.create(name="Jo Bloggs", title="Coordinator")
    return s


@pytest.fixture(scope="module")
def services(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, built)


@pytest.fixture
def api(db, services):
    client = Client()

    def get(path, expect=200, **params):
        response = client.get(API + path, params)
        assert response.status_code == expect, response.content
        assert response["Access-Control-Allow-Origin"] == "*"
        return response.json()

    return get


def valid(path: str, body) -> None:
    problems = oruk_schema.problems(oruk_schema.response_validator(path), body)
    assert problems == []


def names(page) -> set[str]:
    return {item["name"] for item in page["contents"]}


PUBLISHED = {
    "Stay and play",
    "Baby massage",
    "Dads and toddlers",
    "Young parents drop-in",
    "Money advice",
    "Chatterbox",
    "Wellbeing walk",
}


def test_the_root_says_version_profile_and_where_the_openapi_document_is(api):
    body = api("/")
    valid("/", body)
    assert body["version"] == "3.0"
    assert body["profile"].startswith("https://")
    assert body["openapi_url"].endswith("/api/oruk/openapi.json")
    assert api("/openapi.json")["info"]["title"] == "Open Referral UK Profile"


def test_every_list_and_item_response_validates_against_the_compiled_schemas(api, services):
    for path in ("/services", "/taxonomies", "/taxonomy_terms", "/service_at_locations"):
        page = api(path, per_page=100)
        valid(path, page)
        assert page["contents"], path
    stay = api(f"/services/{services['stay'].id}")
    valid("/services/{id}", stay)
    assert stay["attributes"][0]["taxonomy_term"]["name"] == "Play and learning"
    assert stay["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "DA6 7AT"
    assert {s["byday"] for s in stay["schedules"]} == {"MO,WE", "FR"}
    assert stay["cost_options"][0]["amount"] == 1.5
    assert stay["contacts"][0]["name"] == "Jo Bloggs"
    taxonomy = api(f"/taxonomies/{taxonomy_seed.taxonomy_id()}")
    valid("/taxonomies/{id}", taxonomy)
    assert len(taxonomy["taxonomy_terms"]) == len(taxonomy_seed.TERMS)
    valid("/taxonomy_terms/{id}", api(f"/taxonomy_terms/{taxonomy_seed.term_id('fathers')}"))
    sal = services["dads"].service_at_locations.get()
    body = api(f"/service_at_locations/{sal.id}")
    valid("/service_at_locations/{id}", body)
    assert body["id"] == str(services["dads"].id)


def test_the_validator_is_not_a_rubber_stamp(api):
    """The schemas do reject a wrong answer: a service without its required status, a bad enum."""
    page = api("/services")
    del page["contents"][0]["status"]
    assert any("status" in p for p in oruk_schema.problems(oruk_schema.response_validator("/services"), page))
    item = api("/taxonomies")["contents"][0] | {"id": "not-a-uuid"}
    assert oruk_schema.problems(oruk_schema.response_validator("/taxonomies/{id}"), item)


def test_paging_with_five_a_page(api):
    total = len(PUBLISHED)
    pages = math.ceil(total / 5)
    seen = []
    for number in range(1, pages + 1):
        page = api("/services", per_page=5, page=number)
        valid("/services", page)
        assert page["total_items"] == total and page["total_pages"] == pages
        assert page["page_number"] == number
        assert page["first_page"] is (number == 1)
        assert page["last_page"] is (number == pages)
        assert page["empty"] is False
        assert page["size"] == len(page["contents"])
        if number < pages:
            assert page["size"] == 5
        seen += [item["id"] for item in page["contents"]]
    assert len(seen) == len(set(seen)) == total
    beyond = api("/services", per_page=5, page=pages + 1)
    assert beyond["empty"] is True and beyond["size"] == 0 and beyond["contents"] == []
    assert beyond["first_page"] is False
    nothing = api("/services", per_page=5, search="no such words anywhere")
    assert nothing["empty"] is True and nothing["first_page"] is True and nothing["total_items"] == 0


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, PUBLISHED),
        (
            {"search": "DADS"},
            {"Dads and toddlers", "Young parents drop-in", "Money advice"},
        ),  # organisation name
        ({"search": "massage"}, {"Baby massage"}),
        (
            {"taxonomy_term_id": str(taxonomy_seed.term_id("play-and-learning"))},
            {"Stay and play", "Baby massage"},
        ),
        ({"taxonomy_id": str(taxonomy_seed.taxonomy_id())}, PUBLISHED),
        ({"minimum_age": "1"}, {"Dads and toddlers", "Young parents drop-in", "Chatterbox"}),
        ({"maximum_age": "4"}, {"Baby massage", "Dads and toddlers", "Chatterbox"}),
        ({"minimum_age": "1", "maximum_age": "4"}, {"Dads and toddlers", "Chatterbox"}),
        ({"day": "WE"}, {"Stay and play", "Chatterbox"}),
        ({"day": "wednesday"}, {"Stay and play", "Chatterbox"}),
        ({"day": "FR"}, {"Stay and play", "Money advice"}),
        ({"start_time": "13:00"}, {"Baby massage", "Young parents drop-in", "Chatterbox", "Stay and play"}),
        ({"end_time": "11:30"}, {"Stay and play", "Wellbeing walk"}),
        # Stay and play opens Monday and Wednesday at 09:30 and Friday at 18:00: one schedule must meet both.
        ({"day": "MO", "start_time": "12:00"}, set()),
        ({"day": "FR", "start_time": "12:00"}, {"Stay and play"}),
        ({"day": "SA", "start_time": "10:00", "end_time": "12:00"}, {"Dads and toddlers"}),
    ],
)
def test_filters_return_exactly_the_services_that_meet_them(api, services, params, expected):
    page = api("/services", per_page=100, **params)
    valid("/services", page)
    assert names(page) == expected
    # The same filters on service_at_locations give those services' locations.
    sal_page = api("/service_at_locations", per_page=100, **params)
    assert {item["service"]["name"] for item in sal_page["contents"]} == expected


def test_the_filters_agree_with_the_data_computed_another_way(api, services):
    """Brute force over every published service, for each day: the API's answer is the Python answer."""
    published = [s for s in Service.objects.filter(is_published=True)]
    for code in ("MO", "TU", "WE", "TH", "FR", "SA", "SU"):
        expected = {s.name for s in published if any(code in sched.days for sched in s.schedules.all())}
        assert names(api("/services", per_page=100, day=code)) == expected


def test_postcode_filters_service_at_locations(api):
    assert {i["service"]["name"] for i in api("/service_at_locations", postcode="da14al")["contents"]} == {
        "Dads and toddlers"
    }
    assert len(api("/service_at_locations", postcode="DA6", per_page=100)["contents"]) == len(PUBLISHED) - 1


def test_unpublished_services_never_appear(api, services):
    hidden = services["hidden"]
    assert "Secret pilot" not in names(api("/services", per_page=100))
    assert "Secret pilot" not in names(api("/services", per_page=100, search="secret"))
    assert "Secret pilot" not in names(api("/services", per_page=100, day="MO"))
    api(f"/services/{hidden.id}", expect=404)
    api(f"/service_at_locations/{hidden.service_at_locations.get().id}", expect=404)
    listing = api("/service_at_locations", per_page=100)
    assert str(hidden.id) not in {i["service_id"] for i in listing["contents"]}
    tagged = api("/services", per_page=100, taxonomy_term_id=str(term("play-and-learning").id))
    assert str(hidden.id) not in {i["id"] for i in tagged["contents"]}


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"page": "two"}, "page"),
        ({"page": "0"}, "page"),
        ({"per_page": "1000"}, "per_page"),
        ({"minimum_age": "young"}, "minimum_age"),
        ({"maximum_age": "-1"}, "maximum_age"),
        ({"taxonomy_term_id": "123"}, "taxonomy_term_id"),
        ({"day": "Funday"}, "day"),
        ({"start_time": "25:00"}, "start_time"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(api, params, parameter):
    body = api("/services", expect=400, **params)
    assert body["parameter"] == parameter and parameter in body["detail"]


def test_unknown_ids_are_404_and_writes_are_refused(api, db):
    api("/services/not-a-uuid", expect=404)
    api(f"/taxonomy_terms/{taxonomy_seed.taxonomy_id()}", expect=404)
    response = Client().post(API + "/services", {})
    assert response.status_code == 405 and response["Access-Control-Allow-Origin"] == "*"


def test_the_api_is_rate_limited_per_address(api, settings):
    settings.RATELIMIT_ENABLE = True
    settings.ORUK_API_RATE = "3/m"
    client = Client()
    codes = [client.get(API + "/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_no_cors_header_on_our_own_api(db):
    assert "Access-Control-Allow-Origin" not in Client().get("/api/openapi.json")
