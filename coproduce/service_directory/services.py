"""Writing the directory: proposing a listing, reviewing it, and applying ORUK service JSON to the rows.

A listing change is the whole service as ORUK JSON; approving it applies that JSON with the same code an
imported feed goes through (``service_apply``), so a service edited here and one imported from elsewhere
are checked by the same rules. Every write is in simple-history; approvals and send-backs say who and why.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coproduce.directory.models import Organisation
from coproduce.service_directory import oruk, oruk_schema
from coproduce.service_directory.models import (
    AGE_MAX,
    DAYS,
    ChangeStatus,
    Contact,
    CostOption,
    Location,
    OrganisationListing,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceChange,
    Taxonomy,
    TaxonomyTerm,
)

REASON_MAX = 2000
IMPORTED_TAXONOMY = "Imported terms"


def listing_for(organisation: Organisation) -> OrganisationListing:
    """The organisation's ORUK listing, made on first use with the id the API already gave it."""
    listing = OrganisationListing.objects.filter(organisation=organisation).first()
    if listing is None:
        listing = OrganisationListing.objects.create(
            id=oruk.organisation_uuid(organisation), organisation=organisation
        )
    return listing


# --- checking a service given as ORUK JSON --------------------------------------------------------------


def _time(value: Any) -> datetime.time | None:
    if value in (None, ""):
        return None
    return datetime.time.fromisoformat(str(value))


def _date(value: Any) -> datetime.date | None:
    if value in (None, ""):
        return None
    return datetime.date.fromisoformat(str(value))


def service_problems(data: Any, *, path: str = "$") -> list[str]:
    """Everything wrong with one service given as ORUK JSON, each with its JSON path: first the standard's
    schema (compiled/service.json), then the rules the schema cannot say (ages in order, a schedule that
    closes after it opens, day codes, known taxonomy terms)."""
    found = [
        problem.replace("$", path, 1)
        for problem in oruk_schema.problems(oruk_schema.compiled_validator("service"), data)
    ]
    if found or not isinstance(data, dict):
        return found
    low, high = data.get("minimum_age"), data.get("maximum_age")
    for name, value in (("minimum_age", low), ("maximum_age", high)):
        if value is not None and not (0 <= value <= AGE_MAX and float(value).is_integer()):
            found.append(f"{path}.{name}: must be a whole number of years from 0 to {AGE_MAX}, not {value}")
    if low is not None and high is not None and low > high:
        found.append(f"{path}.maximum_age: the maximum age ({high}) is below the minimum age ({low})")
    for i, schedule in enumerate(data.get("schedules", [])):
        where = f"{path}.schedules[{i}]"
        try:
            opens, closes = _time(schedule.get("opens_at")), _time(schedule.get("closes_at"))
        except ValueError:
            found.append(f"{where}: opens_at and closes_at must be times such as 09:30")
            continue
        if opens and closes and closes <= opens:
            found.append(
                f"{where}.closes_at: the schedule ends ({closes:%H:%M}) before it starts ({opens:%H:%M})"
            )
        try:
            start, end = _date(schedule.get("valid_from")), _date(schedule.get("valid_to"))
        except ValueError:
            found.append(f"{where}: valid_from and valid_to must be dates such as 2026-01-31")
        else:
            if start and end and end < start:
                found.append(f"{where}.valid_to: the schedule stops being valid before it starts")
        days = [d.strip().upper() for d in schedule.get("byday", "").split(",") if d.strip()]
        unknown = [d for d in days if d not in DAYS]
        if unknown:
            found.append(
                f"{where}.byday: {', '.join(unknown)} is not a day code (MO, TU, WE, TH, FR, SA, SU)"
            )
    for i, cost in enumerate(data.get("cost_options", [])):
        amount = cost.get("amount")
        if amount is not None and amount < 0:
            found.append(f"{path}.cost_options[{i}].amount: a cost cannot be below zero")
    term_ids = [a.get("taxonomy_term_id") for a in data.get("attributes", []) if a.get("taxonomy_term_id")]
    known = {str(pk) for pk in TaxonomyTerm.objects.filter(pk__in=term_ids).values_list("pk", flat=True)}
    for i, attribute in enumerate(data.get("attributes", [])):
        term_id = attribute.get("taxonomy_term_id")
        if term_id and term_id not in known and "taxonomy_term" not in attribute:
            found.append(f"{path}.attributes[{i}].taxonomy_term_id: no taxonomy term has the id {term_id}")
    return found


# --- applying ORUK JSON to the rows ---


def term_from_json(data: dict[str, Any]) -> TaxonomyTerm:
    """A taxonomy term a feed brings with it, added to its taxonomy (or to "Imported terms")."""
    taxonomy = None
    if data.get("taxonomy_id"):
        taxonomy = Taxonomy.objects.filter(pk=data["taxonomy_id"]).first()
        if taxonomy is None:
            taxonomy = Taxonomy.objects.create(
                id=data["taxonomy_id"],
                name=data.get("taxonomy") or f"Taxonomy {data['taxonomy_id']}",
                description=f"Brought in with an imported feed: {data.get('taxonomy') or 'no name given'}.",
            )
    if taxonomy is None:
        taxonomy, _ = Taxonomy.objects.get_or_create(
            name=IMPORTED_TAXONOMY, defaults={"description": "Terms brought in with imported feeds."}
        )
    term = TaxonomyTerm.objects.filter(taxonomy=taxonomy, name=data["name"]).first()
    if term is None:
        term = TaxonomyTerm.objects.create(
            id=data["id"],
            taxonomy=taxonomy,
            name=data["name"],
            description=data.get("description", ""),
            code=data.get("term", ""),
            term_uri=data.get("term_uri", ""),
        )
    return term


# --- -----------------------------------------------------------------------


def _term_for(attribute: dict[str, Any]) -> TaxonomyTerm | None:
    term_id = attribute.get("taxonomy_term_id") or attribute.get("taxonomy_term", {}).get("id")
    if not term_id:
        return None
    term = TaxonomyTerm.objects.filter(pk=term_id).first()
    if term is None and "taxonomy_term" in attribute:
        term = term_from_json(attribute["taxonomy_term"])
    return term


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def service_apply(*, organisation: Organisation, data: dict[str, Any], publish: bool) -> Service:
    """Make the rows say what ``data`` (a checked ORUK service) says: the service, its schedules, cost
    options, contacts, taxonomy terms, locations and service-at-locations. What ``data`` leaves out of
    those lists is removed. Locations are the organisation's; one with an id it already has is updated."""
    service_id = uuid.UUID(data["id"])
    service = Service.objects.filter(pk=service_id).first() or Service(
        id=service_id, organisation=organisation
    )
    if service.organisation_id != organisation.pk:
        raise ValidationError({"id": f"Service {service_id} belongs to another organisation."})
    values = {
        "name": data["name"],
        "description": data.get("description", ""),
        "url": data.get("url", ""),
        "email": data.get("email", ""),
        "status": data["status"],
        "minimum_age": int(data["minimum_age"]) if data.get("minimum_age") is not None else None,
        "maximum_age": int(data["maximum_age"]) if data.get("maximum_age") is not None else None,
    }
    if publish and not service.is_published:
        values |= {"is_published": True, "published_at": timezone.now()}
    # Saved only when something differs, so applying the same feed again adds no history.
    if service._state.adding or any(getattr(service, k) != v for k, v in values.items()):
        for name, value in values.items():
            setattr(service, name, value)
        service.save()
    service.taxonomy_terms.set([t for t in (_term_for(a) for a in data.get("attributes", [])) if t])

    kept_sals = []
    for item in data.get("service_at_locations", []):
        location = _location_apply(
            organisation, item["location"] if "location" in item else {"id": item["location_id"]}
        )
        sal_id = uuid.UUID(item["id"])
        sal = ServiceAtLocation.objects.filter(pk=sal_id, service=service).first()
        if sal is None:
            sal = ServiceAtLocation.objects.filter(service=service, location=location).first()
        if sal is None:
            sal = ServiceAtLocation.objects.create(id=sal_id, service=service, location=location)
        elif sal.location_id != location.pk:
            sal.location = location
            sal.save()
        kept_sals.append(sal.pk)
    for stale in service.service_at_locations.exclude(pk__in=kept_sals):
        stale.delete()

    _replace(
        service,
        Schedule,
        service.schedules,
        data.get("schedules", []),
        lambda s: {
            "service_at_location_id": uuid.UUID(s["service_at_location_id"])
            if s.get("service_at_location_id") in {str(pk) for pk in kept_sals}
            else None,
            "freq": s.get("freq", "WEEKLY"),
            "byday": ",".join(d.strip().upper() for d in s.get("byday", "").split(",") if d.strip()),
            "opens_at": _time(s.get("opens_at")),
            "closes_at": _time(s.get("closes_at")),
            "valid_from": _date(s.get("valid_from")),
            "valid_to": _date(s.get("valid_to")),
            "description": s.get("description", ""),
        },
    )
    _replace(
        service,
        CostOption,
        service.cost_options,
        data.get("cost_options", []),
        lambda c: {
            "option": c.get("option", ""),
            "amount": _decimal(c.get("amount")),
            "amount_description": c.get("amount_description", ""),
        },
    )
    _replace(
        service,
        Contact,
        service.contacts,
        data.get("contacts", []),
        lambda c: {"name": c.get("name", ""), "title": c.get("title", "")},
    )
    return service


def _replace(service: Service, model, related, items: list[dict[str, Any]], values) -> None:
    kept = []
    for item in items:
        pk = uuid.UUID(item["id"])
        row = model.objects.filter(pk=pk).first()
        if row is not None and row.service_id != service.pk:
            raise ValidationError({"id": f"{model.__name__} {pk} belongs to another service."})
        row = row or model(id=pk, service=service)
        changed = False
        for name, value in values(item).items():
            if getattr(row, name) != value:
                setattr(row, name, value)
                changed = True
        if changed or row._state.adding:
            row.save()
        kept.append(pk)
    for stale in related.exclude(pk__in=kept):
        stale.delete()


def _location_apply(organisation: Organisation, data: dict[str, Any]) -> Location:
    location_id = uuid.UUID(data["id"])
    location = Location.objects.filter(pk=location_id).first()
    if location is not None and location.organisation_id != organisation.pk:
        raise ValidationError({"id": f"Location {location_id} belongs to another organisation."})
    if location is not None and set(data) <= {"id"}:
        return location
    location = location or Location(id=location_id, organisation=organisation)
    address = (data.get("addresses") or [{}])[0]
    values = {
        "location_type": data.get("location_type", "physical"),
        "name": data.get("name", ""),
        "description": data.get("description", ""),
        "latitude": _decimal(data.get("latitude")),
        "longitude": _decimal(data.get("longitude")),
        "address_1": address.get("address_1", ""),
        "city": address.get("city", ""),
        "state_province": address.get("state_province", ""),
        "postal_code": address.get("postal_code", ""),
        "country": (address.get("country") or "GB")[:2],
    }
    if address.get("id"):
        values["address_id"] = uuid.UUID(address["id"])
    changed = location._state.adding
    for name, value in values.items():
        if getattr(location, name) != value:
            setattr(location, name, value)
            changed = True
    if changed:
        location.save()
    return location


# --- the review workflow ----------------------------------------------------------------------------------


def _check(data: dict[str, Any]) -> None:
    problems = service_problems(data)
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def service_propose(*, organisation: Organisation, data: dict[str, Any], by) -> ServiceChange:
    """Propose a listing (new or changed) for review. A new service is saved unpublished; a published one
    stays as it is, visible, until the change is approved. A second proposal replaces a pending one."""
    _check(data)
    service = Service.objects.filter(pk=data["id"]).first()
    if service is None:
        listing_for(organisation)
        service = Service.objects.create(
            id=uuid.UUID(data["id"]), organisation=organisation, name=data["name"]
        )
    elif service.organisation_id != organisation.pk:
        raise ValidationError("This service belongs to another organisation.")
    change = service.changes.filter(status=ChangeStatus.PENDING).select_for_update().first()
    if change is None:
        return ServiceChange.objects.create(service=service, proposed=data, submitted_by=by)
    change.proposed = data
    change.submitted_by = by
    change.submitted_at = timezone.now()
    change.save()
    return change


@transaction.atomic
def service_change_approve(*, change: ServiceChange, by) -> Service:
    change = ServiceChange.objects.select_for_update().get(pk=change.pk)
    if change.status != ChangeStatus.PENDING:
        raise ValidationError(f"This change is already {change.get_status_display().lower()}.")
    _check(change.proposed)  # the taxonomy may have changed since it was proposed
    service = service_apply(organisation=change.service.organisation, data=change.proposed, publish=True)
    change.status = ChangeStatus.APPROVED
    change.reviewed_by = by
    change.reviewed_at = timezone.now()
    change.save()
    return service


@transaction.atomic
def service_change_send_back(*, change: ServiceChange, by, reason: str) -> ServiceChange:
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": "Say why the change is sent back, so the organisation can put it right"}
        )
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": f"The reason must be {REASON_MAX} characters or fewer"})
    change = ServiceChange.objects.select_for_update().get(pk=change.pk)
    if change.status != ChangeStatus.PENDING:
        raise ValidationError(f"This change is already {change.get_status_display().lower()}.")
    change.status = ChangeStatus.SENT_BACK
    change.reason = reason
    change.reviewed_by = by
    change.reviewed_at = timezone.now()
    change.save()
    return change
