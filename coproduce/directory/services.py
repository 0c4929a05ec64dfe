"""Writes for the organisations taking part in an area: adding one, correcting its name or kind."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from coproduce.directory.models import Organisation, OrganisationKind
from coproduce.programmes.models import Area

NAME_MAX_LENGTH = Organisation._meta.get_field("name").max_length or 200


def _name_checked(*, area: Area, name: str, kind: str, organisation: Organisation | None = None) -> str:
    name = " ".join(name.split())
    problems = {}
    if not name:
        problems["name"] = "Enter the organisation's name"
    elif len(name) > NAME_MAX_LENGTH:
        problems["name"] = f"The name must be {NAME_MAX_LENGTH} characters or fewer"
    else:
        same = area.organisations.filter(name__iexact=name)
        if organisation is not None:
            same = same.exclude(pk=organisation.pk)
        existing = same.first()  # names differing only in case may both be stored already
        if existing is not None:
            problems["name"] = f"{area.name} already has an organisation called {existing.name}"
    if kind not in OrganisationKind.values:
        problems["kind"] = "Select the kind of organisation"
    if problems:
        raise ValidationError(problems)
    return name


def organisation_create(*, area: Area, name: str, kind: str) -> Organisation:
    """An organisation of the area: one that can own actions, and that members and attendees belong to."""
    with transaction.atomic():
        name = _name_checked(area=area, name=name, kind=kind)
        return Organisation.objects.create(area=area, name=name, kind=kind)


def organisation_update(*, organisation: Organisation, name: str, kind: str) -> Organisation:
    with transaction.atomic():
        organisation.name = _name_checked(
            area=organisation.area, name=name, kind=kind, organisation=organisation
        )
        organisation.kind = kind
        organisation.save(update_fields=["name", "kind"])
    return organisation
