"""Importing an ORUK JSON feed and the HSDS CSV data package: all or nothing, each problem with its row
and column or JSON path; a feed exported by our own API imports back as the same services."""

import csv
import io
import json
import uuid
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from coproduce.service_directory import imports, oruk_schema, taxonomy_seed
from coproduce.service_directory.models import Location, Schedule, Service, TaxonomyTerm
from tests.factories import AreaFactory, OrganisationFactory, member
from tests.service_directory.factories import listed

pytestmark = pytest.mark.django_db

ORG_ID = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"
LOCATION_ID = "3a0b5f1e-2f6c-4c0e-9a52-1c5d2b7f8e90"
TERM_ID = str(taxonomy_seed.term_id("fathers"))


def feed_service(**changes):
    service = {
        "id": SERVICE_ID,
        "organization_id": ORG_ID,
        "name": "Dads' breakfast club",
        "description": "Breakfast and play for dads and their children.",
        "status": "active",
        "minimum_age": 0,
        "maximum_age": 5,
        "organization": {"id": ORG_ID, "name": "Erith Dads", "description": "A dads' group in Erith."},
        "schedules": [
            {
                "id": str(uuid.uuid4()),
                "freq": "WEEKLY",
                "byday": "SA",
                "opens_at": "09:00",
                "closes_at": "10:30",
            }
        ],
        "service_at_locations": [
            {
                "id": str(uuid.uuid4()),
                "location": {
                    "id": LOCATION_ID,
                    "location_type": "physical",
                    "name": "Erith Library",
                    "addresses": [
                        {
                            "id": str(uuid.uuid4()),
                            "address_1": "Walnut Tree Road",
                            "city": "Erith",
                            "state_province": "Greater London",
                            "postal_code": "DA8 1RS",
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
        "cost_options": [{"id": str(uuid.uuid4()), "option": "Per family", "amount": 0}],
        "attributes": [{"id": str(uuid.uuid4()), "link_id": SERVICE_ID, "taxonomy_term_id": TERM_ID}],
    }
    return service | changes


@pytest.fixture
def area():
    area = AreaFactory(slug="bexley")
    OrganisationFactory(area=area, kind="vcs", name="Bexley Toy Library")
    return area


def run(area, document, name="feed.json", publish=True):
    content = document if isinstance(document, bytes) else json.dumps(document).encode()
    return imports.import_upload(
        area=area,
        default_organisation=area.organisations.get(name="Bexley Toy Library"),
        name=name,
        content=content,
        publish=publish,
    )


def test_a_services_page_imports_with_its_organisation_locations_and_times(area):
    feed = {"total_items": 1, "contents": [feed_service()]}
    result = run(area, feed)
    assert result.problems == [] and result.services == 1
    assert result.organisations_created == ["Erith Dads"]
    service = Service.objects.get(pk=SERVICE_ID)
    assert service.is_published and service.organisation.name == "Erith Dads"
    assert service.organisation.listing.id == uuid.UUID(ORG_ID)
    assert service.offer().postcodes == ("DA8 1RS",)
    assert [t.day for t in service.offer().times] == ["SA"]
    assert service.offer().taxonomy_term_names == ("Dads and male carers",)
    # Importing the same feed again changes nothing: same ids, no duplicates, no new history.
    history = Service.history.count() + Schedule.history.count() + Location.history.count()
    assert run(area, feed).problems == []
    assert Service.objects.count() == 1 and Schedule.objects.count() == 1
    assert Service.history.count() + Schedule.history.count() + Location.history.count() == history


def test_a_bad_feed_is_refused_whole_with_json_paths(area):
    good = feed_service()
    bad = feed_service(id=str(uuid.uuid4()), minimum_age=11, maximum_age=5)
    bad["schedules"][0] |= {"opens_at": "14:00", "closes_at": "13:00"}
    worse = {k: v for k, v in feed_service(id=str(uuid.uuid4())).items() if k != "status"}
    result = run(area, {"contents": [good, bad, worse]})
    assert result.services == 0
    assert "$.contents[1].maximum_age: the maximum age (5) is below the minimum age (11)" in result.problems
    assert (
        "$.contents[1].schedules[0].closes_at: the schedule ends (13:00) before it starts (14:00)"
        in result.problems
    )
    assert any(
        p.startswith("$.contents[2]") and "'status' is a required property" in p for p in result.problems
    )
    assert Service.objects.count() == 0 and area.organisations.count() == 1


def test_unknown_terms_come_with_the_feed(area):
    term = {"id": str(uuid.uuid4()), "name": "Forest school", "description": "Outdoor play."}
    service = feed_service(
        attributes=[{"id": str(uuid.uuid4()), "taxonomy_term_id": term["id"], "taxonomy_term": term}]
    )
    assert run(area, service).problems == []
    assert TaxonomyTerm.objects.get(pk=term["id"]).taxonomy.name == "Imported terms"


def test_our_own_api_output_imports_back_the_same(area):
    organisation = area.organisations.get(name="Bexley Toy Library")
    original = listed(
        organisation=organisation,
        name="Stay and play",
        terms=["play-and-learning"],
        ages=(0, 5),
        days="MO,WE",
        hours=("09:30", "11:30"),
    )
    body = Client().get(f"/api/oruk/services/{original.pk}").json()
    Service.objects.all().delete()
    assert run(area, body).problems == []
    again = Client().get(f"/api/oruk/services/{original.pk}").json()
    assert {k: v for k, v in again.items() if k != "last_modified"} == {
        k: v for k, v in body.items() if k != "last_modified"
    }


def columns(path: str) -> list[str]:
    """Every column of the table, in order, as the standard's datapackage.json gives them."""
    descriptor = json.loads((oruk_schema.standard_dir() / "datapackage.json").read_text())
    resource = next((r for r in descriptor["resources"] if r["path"] == path), None)
    return [f["name"] for f in resource["schema"]["fields"]] if resource else []


def package(tables: dict[str, list[dict]]) -> bytes:
    """A zipped HSDS CSV data package with every column of each table (the standard requires them)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, rows in tables.items():
            text = io.StringIO()
            writer = csv.DictWriter(text, fieldnames=columns(name) or list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
            archive.writestr(name, text.getvalue())
    return buffer.getvalue()


def tables(**service_changes):
    return {
        "organizations.csv": [{"id": ORG_ID, "name": "Erith Dads", "description": "A dads' group."}],
        "services.csv": [
            {
                "id": SERVICE_ID,
                "organization_id": ORG_ID,
                "name": "Dads' breakfast club",
                "status": "active",
                "minimum_age": "0",
                "maximum_age": "5",
            }
            | service_changes
        ],
        "locations.csv": [{"id": LOCATION_ID, "location_type": "physical", "name": "Erith Library"}],
        "address.csv": [
            {
                "id": str(uuid.uuid4()),
                "location_id": LOCATION_ID,
                "address_1": "Walnut Tree Road",
                "city": "Erith",
                "state_province": "Greater London",
                "postal_code": "DA8 1RS",
                "country": "GB",
                "address_type": "physical",
            }
        ],
        "service_at_location.csv": [
            {"id": str(uuid.uuid4()), "service_id": SERVICE_ID, "location_id": LOCATION_ID}
        ],
        "schedule.csv": [
            {
                "id": str(uuid.uuid4()),
                "service_id": SERVICE_ID,
                "freq": "WEEKLY",
                "byday": "SA",
                "opens_at": "09:00:00",
                "closes_at": "10:30:00",
            }
        ],
        "attribute.csv": [
            {
                "id": str(uuid.uuid4()),
                "link_id": SERVICE_ID,
                "taxonomy_term_id": TERM_ID,
                "link_type": "service",
            }
        ],
        "taxonomy_terms.csv": [
            {"id": TERM_ID, "name": "Dads and male carers", "description": "Groups for fathers."}
        ],
    }


def test_the_hsds_csv_package_is_validated_by_frictionless_and_imported(area):
    result = run(area, package(tables()), name="hsds.zip")
    assert result.problems == [] and result.services == 1
    service = Service.objects.get(pk=SERVICE_ID)
    assert service.offer().postcodes == ("DA8 1RS",) and service.offer().taxonomy_term_names == (
        "Dads and male carers",
    )
    assert service.schedules.get().opens_at.isoformat() == "09:00:00"


def test_a_bad_csv_package_names_row_and_column_and_changes_nothing(area):
    bad = tables(minimum_age="young")
    bad["schedule.csv"][0] |= {"opens_at": "14:00:00", "closes_at": "13:00:00"}
    result = run(area, package(bad), name="hsds.zip")
    assert result.services == 0
    assert any(p.startswith("services.csv row 2, column minimum_age") for p in result.problems), (
        result.problems
    )
    assert Service.objects.count() == 0
    upside_down = tables(minimum_age="11", maximum_age="5")
    upside_down["schedule.csv"][0] |= {"opens_at": "14:00:00", "closes_at": "13:00:00"}
    result = run(area, package(upside_down), name="hsds.zip")
    assert (
        "services.csv row 2, column maximum_age: the maximum age (5) is below the minimum age (11)"
        in result.problems
    )
    assert (
        "schedule.csv row 2, column closes_at: the schedule ends (13:00:00) before it starts (14:00:00)"
        in result.problems
    )
    assert Service.objects.count() == 0


def test_a_file_that_is_neither_is_refused(area):
    assert run(area, b"not json").problems[0].startswith("feed.json: not JSON")
    assert (
        "no organizations.csv"
        in run(area, package({"services.csv": [{"id": SERVICE_ID}]}), name="x.zip").problems[0]
    )


def test_the_upload_form_lists_the_problems_and_changes_nothing(area):
    client = Client()
    client.force_login(member(area, AreaRole.FACILITATOR))
    organisation = area.organisations.get(name="Bexley Toy Library")
    url = reverse("service_directory:import", args=[area.slug])
    bad = io.BytesIO(json.dumps([feed_service(minimum_age=11, maximum_age=5)]).encode())
    bad.name = "feed.json"
    response = client.post(url, {"organisation": organisation.pk, "feed": bad})
    page = response.content.decode()
    assert response.status_code == 200 and "Nothing was changed" in page
    assert "$[0].maximum_age: the maximum age (5) is below the minimum age (11)" in page
    assert Service.objects.count() == 0
    good = io.BytesIO(json.dumps([feed_service()]).encode())
    good.name = "feed.json"
    response = client.post(url, {"organisation": organisation.pk, "feed": good, "publish": "on"})
    assert response.status_code == 302 and Service.objects.get().is_published


def test_the_management_command(area, tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps([feed_service()]))
    out = io.StringIO()
    call_command("import_oruk", "bexley", str(path), organisation="Bexley Toy Library", stdout=out)
    assert "Imported 1 services" in out.getvalue()
    assert not Service.objects.get().is_published
    path.write_text(json.dumps([feed_service(maximum_age=200)]))
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command(
            "import_oruk", "bexley", str(path), organisation="Bexley Toy Library", stderr=io.StringIO()
        )
