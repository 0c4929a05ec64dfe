"""Our directory as Open Referral UK 3.0 JSON: the shapes of the compiled schemas' service, service_list,
service_at_location_list, taxonomy and taxonomy_term.

Optional values that are empty are left out rather than sent as null: the ORUK schemas type them as plain
strings or numbers, so a null would not validate.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from coproduce.service_directory.models import (
    Contact,
    CostOption,
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

# Attribute ids are derived from what they link, so a service's tags keep their ids between requests.
ATTRIBUTE_NAMESPACE = uuid.UUID("0b7d3c8e-5a4f-4d1b-8f0e-9c6b2a1d3e4f")


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None and value != ""}


def _number(value: Decimal | int | None) -> float | int | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _time(value) -> str | None:
    return value.strftime("%H:%M") if value else None


def organisation_json(organisation) -> dict[str, Any]:
    listing = getattr(organisation, "listing", None)
    description = listing.description if listing and listing.description else ""
    return _clean(
        {
            "id": str(listing.id) if listing else str(organisation_uuid(organisation)),
            "name": organisation.name,
            "email": listing.email if listing else None,
            "website": listing.website if listing else None,
        }
    ) | {"description": description or f"{organisation.name}, {organisation.get_kind_display()}."}


def organisation_uuid(organisation) -> uuid.UUID:
    """The ORUK id of an organisation: its listing's, or one derived from its key until it has a listing."""
    listing = getattr(organisation, "listing", None)
    return listing.id if listing else uuid.uuid5(ATTRIBUTE_NAMESPACE, f"organisation:{organisation.pk}")


def taxonomy_term_json(term: TaxonomyTerm) -> dict[str, Any]:
    return _clean(
        {
            "id": str(term.id),
            "name": term.name,
            "description": term.description,
            "parent_id": str(term.parent_id) if term.parent_id else None,
            "taxonomy": term.taxonomy.name,
            "taxonomy_id": str(term.taxonomy_id),
            "term_uri": term.term_uri,
            "term": term.code,
        }
    ) | {"description": term.description}


def taxonomy_json(taxonomy: Taxonomy, *, with_terms: bool = False) -> dict[str, Any]:
    data = _clean(
        {
            "id": str(taxonomy.id),
            "name": taxonomy.name,
            "uri": taxonomy.uri,
            "version": taxonomy.version,
        }
    ) | {"description": taxonomy.description}
    if with_terms:
        data["taxonomy_terms"] = [taxonomy_term_json(t) for t in taxonomy.terms.all()]
    return data


def attribute_json(service: Service, term: TaxonomyTerm) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid5(ATTRIBUTE_NAMESPACE, f"{service.id}:{term.id}")),
        "link_id": str(service.id),
        "taxonomy_term_id": str(term.id),
        "link_type": "service",
        "taxonomy_term": taxonomy_term_json(term),
    }


def location_json(location: Location, *, nested: bool) -> dict[str, Any]:
    data = _clean(
        {
            "id": str(location.id),
            "location_type": location.location_type,
            "name": location.name,
            "description": location.description,
            "latitude": _number(location.latitude),
            "longitude": _number(location.longitude),
        }
    )
    if nested:
        data["addresses"] = (
            [
                {
                    "id": str(location.address_id),
                    "location_id": str(location.id),
                    "address_1": location.address_1,
                    "city": location.city,
                    "state_province": location.state_province,
                    "postal_code": location.postal_code,
                    "country": location.country,
                    "address_type": location.location_type,
                }
            ]
            if location.has_address
            else []
        )
    return data


def schedule_json(schedule: Schedule) -> dict[str, Any]:
    return _clean(
        {
            "id": str(schedule.id),
            "service_id": str(schedule.service_id),
            "service_at_location_id": str(schedule.service_at_location_id)
            if schedule.service_at_location_id
            else None,
            "valid_from": schedule.valid_from.isoformat() if schedule.valid_from else None,
            "valid_to": schedule.valid_to.isoformat() if schedule.valid_to else None,
            "freq": schedule.freq,
            "interval": 1,
            "byday": ",".join(schedule.days),
            "opens_at": _time(schedule.opens_at),
            "closes_at": _time(schedule.closes_at),
            "description": schedule.description or schedule.describe(),
        }
    )


def cost_option_json(cost: CostOption) -> dict[str, Any]:
    return _clean(
        {
            "id": str(cost.id),
            "service_id": str(cost.service_id),
            "option": cost.option,
            "amount": _number(cost.amount),
            "amount_description": cost.amount_description,
        }
    )


def contact_json(contact: Contact) -> dict[str, Any]:
    return _clean(
        {
            "id": str(contact.id),
            "service_id": str(contact.service_id),
            "name": contact.name,
            "title": contact.title,
        }
    )


def service_summary_json(service: Service) -> dict[str, Any]:
    """The one-to-one fields of a service and its organisation: the shape of compiled/service_list.json."""
    return _clean(
        {
            "id": str(service.id),
            "organization_id": str(organisation_uuid(service.organisation)),
            "name": service.name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "last_modified": service.last_modified.isoformat() if service.last_modified else None,
        }
    ) | {"organization": organisation_json(service.organisation)}


def service_at_location_json(sal: ServiceAtLocation, *, nested: bool) -> dict[str, Any]:
    return {
        "id": str(sal.id),
        "service_id": str(sal.service_id),
        "location_id": str(sal.location_id),
        "location": location_json(sal.location, nested=nested),
    }


def service_json(service: Service) -> dict[str, Any]:
    """The fully nested service: the shape of compiled/service.json."""
    return service_summary_json(service) | {
        "schedules": [schedule_json(s) for s in service.schedules.all()],
        "service_areas": [],
        "service_at_locations": [
            service_at_location_json(sal, nested=True) for sal in service.service_at_locations.all()
        ],
        "languages": [],
        "funding": [],
        "cost_options": [cost_option_json(c) for c in service.cost_options.all()],
        "contacts": [contact_json(c) for c in service.contacts.all()],
        "attributes": [attribute_json(service, t) for t in service.taxonomy_terms.all()],
    }


def service_at_location_list_json(sal: ServiceAtLocation) -> dict[str, Any]:
    """A service at a location with one-to-one fields: the shape of compiled/service_at_location_list.json."""
    return service_at_location_json(sal, nested=False) | {"service": service_summary_json(sal.service)}
