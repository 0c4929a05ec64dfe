"""Personal data: the public privacy notice, and for those who run an area's events, subject access and
erasure of one person."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify

from coproduce.accounts.rules import MANAGE_PERSONAL_DATA, authorise
from coproduce.core.navigation import area_crumbs
from coproduce.directory.models import Person
from coproduce.programmes.models import Area

from . import selectors, services
from .forms import ErasureForm
from .models import PrivacyMode


def notice(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "privacy/notice.html",
        {
            "retention_days": settings.PARTICIPANT_RETENTION_DAYS,
            "small_group": settings.SMALL_GROUP_MIN,
            "contact": settings.PRIVACY_CONTACT,
        },
    )


@login_required
def people(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, MANAGE_PERSONAL_DATA, area)
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "privacy/people.html",
        {
            "area": area,
            "query": query,
            "people": selectors.people_of(area, query)[:200],
            "actions": area.privacy_actions.all()[:50],
            "breadcrumbs": area_crumbs(area),
        },
    )


def _person(request: HttpRequest, pk: int) -> Person:
    person = get_object_or_404(Person.objects.select_related("area", "organisation"), pk=pk)
    authorise(request.user, MANAGE_PERSONAL_DATA, person)
    return person


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    return render(request, "privacy/person.html", _context(person, ErasureForm()))


def _context(person: Person, form: ErasureForm) -> dict:
    return {
        "person": person,
        "area": person.area,
        "held": selectors.subject_access(person),
        "form": form,
        "breadcrumbs": area_crumbs(person.area),
    }


@login_required
def person_export(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    held = selectors.subject_access(person).as_json()
    response = HttpResponse(
        json.dumps(held, indent=2, ensure_ascii=False, default=str), content_type="application/json"
    )
    name = slugify(person.name) or f"person-{person.pk}"
    response["Content-Disposition"] = f'attachment; filename="subject-access-{name}.json"'
    return response


@login_required
def person_erase(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    if request.method != "POST":
        return redirect("privacy:person", pk=person.pk)
    form = ErasureForm(request.POST)
    if not form.is_valid():
        return render(request, "privacy/person.html", _context(person, form), status=400)
    mode = form.cleaned_data["mode"]
    services.person_anonymise(person=person, mode=mode, performed_by=request.user)
    messages.success(
        request,
        "The person has been anonymised: their words stay, without a name."
        if mode == PrivacyMode.ANONYMISE
        else "The person has been erased: their name and their words are gone; the counts stay.",
    )
    return redirect("privacy:person", pk=person.pk)
