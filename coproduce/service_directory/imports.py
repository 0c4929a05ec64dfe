"""Seeding a directory from an existing Open Referral feed: ORUK JSON (a saved /services page or pages, a
list of services, or one service) or the HSDS 3 CSV data package (a .zip of the CSV files).

All or nothing: every service is checked first, the CSV files by frictionless against the standard's own
datapackage.json and the JSON against compiled/service.json, then by the rules the schemas cannot say; each
problem names its row and column (the row as a spreadsheet numbers it, the header being row 1) or its JSON
path. Only a file with no problems is applied, in one transaction.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import tempfile
import uuid
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from coproduce.directory.models import Organisation, OrganisationKind
from coproduce.programmes.models import Area
from coproduce.service_directory import oruk_schema
from coproduce.service_directory.models import OrganisationListing, Service
from coproduce.service_directory.services import service_apply, service_problems

MAX_BYTES = 20_000_000


@dataclass
class ImportResult:
    problems: list[str] = field(default_factory=list)
    services: int = 0
    organisations_created: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if not self.organisations_created:
            return "No organisations were added."
        return f"Organisations added: {', '.join(self.organisations_created)}."


@dataclass
class Entry:
    """One service to apply, the organisation it names (if any), and where it was in the file."""

    where: str
    service: dict[str, Any]
    organisation: dict[str, Any] | None


# --- JSON ---------------------------------------------------------------------------------------------


def entries_from_json(document: Any) -> tuple[list[Entry], list[str]]:
    """The services of an ORUK JSON document, each with its JSON path."""
    found: list[tuple[str, Any]] = []
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        found = [(f"$.contents[{i}]", s) for i, s in enumerate(document["contents"])]
    elif isinstance(document, dict):
        found = [("$", document)]
    elif isinstance(document, list):
        for i, item in enumerate(document):
            if isinstance(item, dict) and isinstance(item.get("contents"), list):
                found += [(f"$[{i}].contents[{j}]", s) for j, s in enumerate(item["contents"])]
            else:
                found.append((f"$[{i}]", item))
    else:
        return [], ["$: expected an ORUK service, a list of services or a /services page"]
    entries = []
    for where, item in found:
        # The organisation stays in the service, so compiled/service.json checks it too.
        organisation = item.get("organization") if isinstance(item, dict) else None
        entries.append(Entry(where, item, organisation if isinstance(organisation, dict) else None))
    return entries, []


# --- the HSDS CSV data package --------------------------------------------------------------------------


def _standard_package() -> dict[str, Any]:
    return json.loads((oruk_schema.standard_dir() / "datapackage.json").read_text())


def _unzip(content: bytes, into: Path) -> list[str]:
    """Extract the CSV files (flat, by base name) and return their names; nothing outside ``into``."""
    names = []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        total = 0
        for info in archive.infolist():
            name = Path(info.filename).name
            if info.is_dir() or not name.endswith(".csv"):
                continue
            total += info.file_size
            if total > MAX_BYTES * 5:
                raise ValidationError("The package unpacks to more than 100 MB.")
            (into / name).write_bytes(archive.read(info))
            names.append(name)
    return names


def validate_package(folder: Path, present: set[str]) -> list[str]:
    """frictionless's report on the CSV files present, against the standard's datapackage.json."""
    from frictionless import Package

    descriptor = _standard_package()
    resources = [r for r in descriptor["resources"] if r["path"] in present]
    kept = {r["name"] for r in resources}
    for resource in resources:
        schema = resource["schema"]
        schema["foreignKeys"] = [
            fk for fk in schema.get("foreignKeys", []) if fk["reference"]["resource"] in kept
        ]
    package = Package({"name": descriptor["name"], "resources": resources}, basepath=str(folder))
    report = package.validate()
    problems = []
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            column = getattr(error, "field_name", None)
            place = task.name and f"{Path(task.place).name}" or "package"
            if row:
                place += f" row {row}"
            if column:
                place += f", column {column}"
            problems.append(f"{place}: {error.message}")
    return problems


def _read(folder: Path, name: str) -> list[dict[str, str]]:
    path = folder / name
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def _number(value: str) -> float | int | None:
    if value in ("", None):
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if v not in ("", None)}


def entries_from_package(folder: Path) -> tuple[list[Entry], list[str]]:
    """Build ORUK service JSON from the package's tables, checking the rules the table schema cannot say."""
    problems: list[str] = []
    organisations = {r["id"]: r for r in _read(folder, "organizations.csv")}
    terms = {r["id"]: r for r in _read(folder, "taxonomy_terms.csv")}
    taxonomies = {r["id"]: r for r in _read(folder, "taxonomies.csv")}
    locations = {r["id"]: r for r in _read(folder, "locations.csv")}
    addresses = defaultdict(list)
    for row in _read(folder, "address.csv"):
        addresses[row.get("location_id", "")].append(row)
    by_service: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    sal_service = {}
    for row in _read(folder, "service_at_location.csv"):
        by_service[row["service_id"]]["sal"].append(row)
        sal_service[row["id"]] = row["service_id"]
    for number, row in enumerate(_read(folder, "schedule.csv"), start=2):
        opens, closes = row.get("opens_at", ""), row.get("closes_at", "")
        if opens and closes and closes <= opens:
            problems.append(
                f"schedule.csv row {number}, column closes_at: the schedule ends ({closes}) before it starts ({opens})"
            )
        service_id = row.get("service_id") or sal_service.get(row.get("service_at_location_id", ""), "")
        by_service[service_id]["schedules"].append(row)
    for row in _read(folder, "cost_options.csv"):
        by_service[row["service_id"]]["costs"].append(row)
    for row in _read(folder, "contacts.csv"):
        by_service[row.get("service_id", "")]["contacts"].append(row)
    for row in _read(folder, "attribute.csv"):
        by_service[row["link_id"]]["attributes"].append(row)

    entries = []
    for number, row in enumerate(_read(folder, "services.csv"), start=2):
        low, high = _number(row.get("minimum_age", "")), _number(row.get("maximum_age", ""))
        if low is not None and high is not None and low > high:
            problems.append(
                f"services.csv row {number}, column maximum_age: the maximum age ({high}) is below the minimum age ({low})"
            )
        related = by_service[row["id"]]
        service = _clean(
            {
                k: row.get(k, "")
                for k in ("id", "organization_id", "name", "description", "url", "email", "status")
            }
        ) | _clean({"minimum_age": low, "maximum_age": high})
        service["attributes"] = []
        for attribute in related["attributes"]:
            term = terms.get(attribute["taxonomy_term_id"])
            item = _clean(dict(attribute))
            if term:
                term_json = _clean(dict(term))
                taxonomy = taxonomies.get(term.get("taxonomy_id", ""))
                if taxonomy and "taxonomy" not in term_json:
                    term_json["taxonomy"] = taxonomy["name"]
                term_json.setdefault("description", term.get("description", ""))
                item["taxonomy_term"] = term_json
            service["attributes"].append(item)
        service["service_at_locations"] = []
        for sal in related["sal"]:
            location_row = locations.get(
                sal["location_id"], {"id": sal["location_id"], "location_type": "physical"}
            )
            location = _clean(dict(location_row))
            for key in ("latitude", "longitude"):
                if key in location:
                    location[key] = _number(location[key])
            location["addresses"] = [
                _clean(dict(a)) | {"state_province": a.get("state_province", "")}
                for a in addresses.get(sal["location_id"], [])
            ]
            service["service_at_locations"].append(_clean(dict(sal)) | {"location": location})
        service["schedules"] = []
        for schedule in related["schedules"]:
            item = _clean(dict(schedule))
            if "interval" in item:
                item["interval"] = _number(item["interval"])
            for key in ("opens_at", "closes_at"):
                if key in item:
                    item[key] = item[key][:5]
            service["schedules"].append(item)
        service["cost_options"] = [
            _clean(dict(c)) | _clean({"amount": _number(c.get("amount", ""))}) for c in related["costs"]
        ]
        service["contacts"] = [_clean(dict(c)) for c in related["contacts"]]
        organisation = organisations.get(row.get("organization_id", ""))
        entries.append(
            Entry(f"services.csv row {number}", service, _clean(dict(organisation)) if organisation else None)
        )
    return entries, problems


# --- the whole import -------------------------------------------------------------------------------------


def _organisation_for(
    area: Area, data: dict[str, Any] | None, default: Organisation, created: list[str]
) -> Organisation:
    if not data or not data.get("name"):
        return default
    listing_id = _uuid_or_none(str(data.get("id", "")))
    listing = (
        OrganisationListing.objects.filter(pk=listing_id).select_related("organisation").first()
        if listing_id
        else None
    )
    if listing is not None:
        if listing.organisation.area_id != area.pk:
            raise ValidationError(f"Organisation {data['id']} is listed in another area.")
        return listing.organisation
    organisation = Organisation.objects.filter(area=area, name__iexact=data["name"]).first()
    if organisation is None:
        organisation = Organisation.objects.create(
            area=area, name=data["name"][:200], kind=OrganisationKind.VCS
        )
        created.append(organisation.name)
    if not OrganisationListing.objects.filter(organisation=organisation).exists():
        OrganisationListing.objects.create(
            id=data["id"],
            organisation=organisation,
            description=data.get("description", ""),
            email=data.get("email", ""),
            website=data.get("website", ""),
        )
    return organisation


def import_entries(
    *,
    area: Area,
    default_organisation: Organisation,
    entries: list[Entry],
    problems: list[str],
    publish: bool,
) -> ImportResult:
    result = ImportResult(problems=list(problems))
    seen: dict[str, str] = {}
    for entry in entries:
        result.problems += service_problems(entry.service, path=entry.where)
        service_id = entry.service.get("id") if isinstance(entry.service, dict) else None
        if isinstance(service_id, str):
            if service_id in seen:
                result.problems.append(f"{entry.where}.id: the same service id as {seen[service_id]}")
            seen[service_id] = entry.where
            pk = _uuid_or_none(service_id)
            existing = Service.objects.filter(pk=pk).select_related("organisation").first() if pk else None
            if existing is not None and existing.organisation.area_id != area.pk:
                result.problems.append(f"{entry.where}.id: service {service_id} belongs to another area")
    if not entries and not result.problems:
        result.problems.append("The file holds no services.")
    if result.problems:
        return result
    try:
        with transaction.atomic():
            for entry in entries:
                organisation = _organisation_for(
                    area, entry.organisation, default_organisation, result.organisations_created
                )
                service_apply(organisation=organisation, data=copy.deepcopy(entry.service), publish=publish)
                result.services += 1
    except ValidationError as error:
        result.problems = [f"{entry.where}: {m}" for m in error.messages]
        result.services = 0
        result.organisations_created = []
    return result


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def import_upload(
    *, area: Area, default_organisation: Organisation, name: str, content: bytes, publish: bool
) -> ImportResult:
    """Import a JSON feed or a zipped CSV data package, all or nothing."""
    if name.lower().endswith(".zip") or content[:2] == b"PK":
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            try:
                present = set(_unzip(content, folder))
            except (zipfile.BadZipFile, ValidationError) as error:
                return ImportResult(problems=[f"{name}: not a readable .zip of CSV files ({error})"])
            missing = {"organizations.csv", "services.csv"} - present
            if missing:
                return ImportResult(problems=[f"{name}: the package has no {', '.join(sorted(missing))}"])
            problems = validate_package(folder, present)
            if problems:
                return ImportResult(problems=problems)  # rows that do not fit their schema cannot be built
            entries, problems = entries_from_package(folder)
            return import_entries(
                area=area,
                default_organisation=default_organisation,
                entries=entries,
                problems=problems,
                publish=publish,
            )
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        return ImportResult(problems=[f"{name}: not JSON ({error})"])
    entries, problems = entries_from_json(document)
    return import_entries(
        area=area,
        default_organisation=default_organisation,
        entries=entries,
        problems=problems,
        publish=publish,
    )
