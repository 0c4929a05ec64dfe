"""A service's ORUK JSON as labelled lines a person reads, so a reviewer sees what is published next to
what is proposed, from the same JSON either way."""

from __future__ import annotations

from typing import Any

from coproduce.service_directory.models import DAYS, ServiceStatus, TaxonomyTerm


def _ages(data: dict[str, Any]) -> str:
    low, high = data.get("minimum_age"), data.get("maximum_age")
    if low is None and high is None:
        return "Any age"
    if high is None:
        return f"{low} and over"
    if low is None:
        return f"Up to {high}"
    return f"{low} to {high}"


def _schedule(s: dict[str, Any]) -> str:
    days = ", ".join(DAYS.get(d, d) for d in s.get("byday", "").split(",") if d) or "Days not given"
    if s.get("opens_at") and s.get("closes_at"):
        return f"{days}, {s['opens_at']} to {s['closes_at']}"
    return days


def _place(sal: dict[str, Any]) -> str:
    location = sal.get("location", {})
    address = (location.get("addresses") or [{}])[0]
    parts = [location.get("name"), address.get("address_1"), address.get("city"), address.get("postal_code")]
    return ", ".join(p for p in parts if p) or "Place not given"


def _cost(c: dict[str, Any]) -> str:
    if c.get("amount") is None:
        return c.get("amount_description") or c.get("option") or "Cost not given"
    amount = f"£{c['amount']:.2f}" if c["amount"] else "Free"
    return f"{amount} {c.get('option', '').lower()}".strip()


def summary_rows(data: dict[str, Any] | None) -> list[tuple[str, str]]:
    if not data:
        return []
    term_ids = [a.get("taxonomy_term_id") for a in data.get("attributes", [])]
    names = dict(TaxonomyTerm.objects.filter(pk__in=[t for t in term_ids if t]).values_list("pk", "name"))
    terms = sorted(names.get(_uuid(t), str(t)) for t in term_ids if t)
    costs = [_cost(c) for c in data.get("cost_options", [])]
    contacts = [", ".join(p for p in (c.get("name"), c.get("title")) if p) for c in data.get("contacts", [])]
    return [
        ("Name", data.get("name", "")),
        ("What it does", data.get("description", "") or "—"),
        ("Type of service", ", ".join(terms) or "—"),
        ("Running", dict(ServiceStatus.choices).get(data.get("status", ""), data.get("status", ""))),
        ("Ages", _ages(data)),
        ("Where", "; ".join(_place(s) for s in data.get("service_at_locations", [])) or "—"),
        ("When", "; ".join(_schedule(s) for s in data.get("schedules", [])) or "—"),
        ("Cost", "; ".join(costs) or "Free"),
        ("Contact", "; ".join(c for c in contacts if c) or "—"),
        ("Web page", data.get("url", "") or "—"),
        ("Email", data.get("email", "") or "—"),
    ]


def _uuid(value: str):
    import uuid

    try:
        return uuid.UUID(value)
    except ValueError:
        return value


def compared(published: dict[str, Any] | None, proposed: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    """(label, published, proposed, changed) for each line of the listing."""
    before = dict(summary_rows(published))
    return [
        (label, before.get(label, "—"), now, before.get(label) != now)
        for label, now in summary_rows(proposed)
    ]
