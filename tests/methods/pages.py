"""Addresses the method tests open."""

from django.urls import reverse


def take_part_url(session) -> str:
    """The phone page where a participant takes part in ``session``."""
    return reverse("methods_public:take_part", args=[session.event.join_code, session.pk])
