"""The demo's commissioning timetable as OCDS 1.1.5: valid against the vendored official schema, every
codelist value in the local codelists, a compiled record that agrees with the latest release, and the same
bytes on every export."""

import copy
import filecmp
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from coproduce.commissioning.models import CommissioningProcess, MilestoneKind
from coproduce.commissioning.ocds import releases as ocds
from coproduce.commissioning.ocds.validate import (
    SCHEMA_DIR,
    codelist,
    codelist_errors,
    open_codelist_values,
    release_errors,
    release_package_errors,
)
from coproduce.demo.commissioning import TITLE
from coproduce.demo.loader import load_demo
from coproduce.programmes.models import Area
from tests.once import built_once

SHARED = Path(__file__).resolve().parents[3] / "shared" / "standards" / "ocds-1.1.5"
SHARED = SHARED if SHARED.exists() else Path("/work/shared/standards/ocds-1.1.5")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, lambda: load_demo())


@pytest.fixture
def bexley(db, demo):
    return Area.objects.get(slug="bexley")


def published(area):
    return list(area.commissioning_processes.filter(is_published=True).order_by("pk"))


@pytest.mark.skipif(not SHARED.exists(), reason="no shared copy of the OCDS 1.1.5 standard on this machine")
def test_the_vendored_schema_and_codelists_are_byte_identical_to_the_official_files():
    ours = sorted(p.relative_to(SCHEMA_DIR) for p in SCHEMA_DIR.rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(SHARED) for p in SHARED.rglob("*") if p.is_file())
    assert ours == theirs
    assert "LICENSE" in {p.name for p in ours}
    for relative in ours:
        assert filecmp.cmp(SCHEMA_DIR / relative, SHARED / relative, shallow=False), relative


def test_the_demo_release_package_validates_with_no_errors(bexley):
    package = ocds.release_package(bexley, published(bexley))
    assert [r["tag"] for r in package["releases"]] == [["planning"], ["tender"], ["award"], ["contract"]]
    assert release_package_errors(package) == []


def test_every_codelist_value_of_the_demo_is_in_the_local_codelists(bexley):
    package = ocds.release_package(bexley, published(bexley))
    open_values = [v for release in package["releases"] for v in open_codelist_values(release)]
    # The open codelists are exercised: the milestones' types and the parties' roles at least.
    assert {name for _, _, name in open_values} >= {"milestoneType.csv", "partyRole.csv"}
    for _, value, name in open_values:
        assert value in codelist(name)
    assert [e for release in package["releases"] for e in codelist_errors(release)] == []


def test_the_co_production_consultation_is_a_planning_milestone_of_type_engagement(bexley):
    process = bexley.commissioning_processes.get(title=TITLE)
    first = process.milestones.order_by("due_date").first()
    assert first.kind == MilestoneKind.CONSULTATION
    planning = ocds.process_releases(process)[0]
    milestone = planning["planning"]["milestones"][0]
    assert milestone["id"] == f"milestone-{first.pk}"
    assert milestone["type"] == "engagement"
    assert milestone["dueDate"] == "2012-02-13T00:00:00Z"


def test_the_ocid_carries_the_configured_prefix_and_the_area(bexley, settings):
    process = bexley.commissioning_processes.get(title=TITLE)
    assert ocds.process_ocid(process) == f"ocds-XXXXXX-bexley-{process.pk}"
    settings.OCDS_OCID_PREFIX = "ocds-a1b2c3"
    assert ocds.process_releases(process)[0]["ocid"] == f"ocds-a1b2c3-bexley-{process.pk}"


def test_the_compiled_record_agrees_with_the_latest_release(bexley):
    record = ocds.record_package(bexley, published(bexley))["records"][0]
    latest = max(record["releases"], key=lambda r: r["date"])
    compiled = record["compiledRelease"]
    assert compiled["tag"] == ["compiled"]
    assert compiled["tender"]["status"] == latest["tender"]["status"] == "complete"
    assert compiled["awards"][0]["status"] == "active"
    assert compiled["contracts"][0]["id"] == latest["contracts"][0]["id"]
    assert release_errors(compiled) == []
    assert codelist_errors(compiled) == []


def test_while_a_tender_is_open_the_compiled_record_says_active(bexley):
    from coproduce.commissioning.models import MilestoneStatus

    process = bexley.commissioning_processes.get(title=TITLE)
    process.milestones.filter(kind=MilestoneKind.TENDER).update(status=MilestoneStatus.IN_PROGRESS)
    process.milestones.filter(kind__in=[MilestoneKind.AWARD, MilestoneKind.CONTRACT_START]).update(
        status=MilestoneStatus.PLANNED
    )
    releases = ocds.process_releases(process)
    assert [r["tag"] for r in releases] == [["planning"], ["tender"]]
    assert ocds.compiled_release(releases)["tender"]["status"] == "active"


def test_exporting_twice_without_changes_gives_identical_bytes(bexley, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    call_command("export_ocds", "bexley", str(first), stderr=StringIO())
    call_command("export_ocds", "bexley", str(second), stderr=StringIO())
    assert first.read_bytes() == second.read_bytes()
    assert json.loads(first.read_bytes())["releases"]
    records = tmp_path / "records.json"
    call_command("export_ocds", "bexley", str(records), "--records", stderr=StringIO())
    again = tmp_path / "records-again.json"
    call_command("export_ocds", "bexley", str(again), "--records", stderr=StringIO())
    assert records.read_bytes() == again.read_bytes()


def test_a_change_gives_new_bytes_and_a_new_release_id(bexley):
    process = bexley.commissioning_processes.get(title=TITLE)
    before = ocds.process_releases(process)
    process.milestones.filter(kind=MilestoneKind.SPECIFICATION).update(title="Specification, second draft")
    after = ocds.process_releases(process)
    assert before[0]["id"] != after[0]["id"]  # the planning release holds the specification
    assert before[1]["id"] == after[1]["id"]  # the tender release does not


def test_the_public_urls_serve_the_same_bytes_as_the_export(bexley, client, tmp_path):
    out = tmp_path / "a.json"
    call_command("export_ocds", "bexley", str(out), stderr=StringIO())
    response = client.get("/areas/bexley/ocds/release-package.json")
    assert response.status_code == 200
    assert response.content == out.read_bytes()
    records = client.get("/areas/bexley/ocds/record-package.json")
    assert records.status_code == 200 and json.loads(records.content)["records"]


def test_unpublished_processes_are_not_on_the_public_site(bexley, client):
    CommissioningProcess.objects.filter(area=bexley).update(is_published=False)
    assert client.get("/areas/bexley/ocds/release-package.json").status_code == 404
    with pytest.raises(CommandError, match="no published commissioning process"):
        call_command("export_ocds", "bexley", "-", stdout=StringIO())


def test_export_refuses_an_unknown_area(db):
    with pytest.raises(CommandError, match="No area with the slug 'nowhere'"):
        call_command("export_ocds", "nowhere", "-", stdout=StringIO())


def test_the_validator_finds_schema_and_codelist_errors(bexley):
    """The checks above could fail: a broken release is caught by each of them."""
    package = ocds.release_package(bexley, published(bexley))
    broken = copy.deepcopy(package)
    broken["releases"][1]["tender"]["status"] = "underway"  # a closed codelist: the schema's enum
    del broken["releases"][0]["ocid"]
    errors = release_package_errors(broken)
    assert any("underway" in e for e in errors) and any("'ocid' is a required property" in e for e in errors)
    misdated = copy.deepcopy(package)
    misdated["releases"][0]["date"] = "13 February 2012"
    misdated["uri"] = "not a uri"
    assert release_package_errors(misdated) == [
        "releases/0/date: '13 February 2012' is not a 'date-time'",
        "uri: 'not a uri' is not a 'uri'",
    ]
    odd = copy.deepcopy(package["releases"][0])
    odd["planning"]["milestones"][0]["type"] = "workshop"  # an open codelist: only the CSV says no
    assert release_errors(odd) == []
    assert codelist_errors(odd) == [
        "planning/milestones/0/type: 'workshop' is not in milestoneType.csv (open codelist)"
    ]
