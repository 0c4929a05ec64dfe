"""Back office: the organisations taking part in an area (the owners of actions, the VCS members' employers)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from coproduce.accounts.rules import MANAGE_ORGANISATION, VIEW_AREA, authorise
from coproduce.core.forms import add_service_errors
from coproduce.core.navigation import area_crumbs
from coproduce.directory import services
from coproduce.directory.forms import OrganisationForm
from coproduce.directory.models import Organisation
from coproduce.programmes.models import Area


def _list_url(area: Area) -> str:
    return reverse("directory:organisation_list", args=[area.slug])


@login_required
def organisation_list(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, VIEW_AREA, area)
    organisations = area.organisations.annotate(
        actions_owned=Count("actions", distinct=True), people_count=Count("people", distinct=True)
    )
    return render(
        request,
        "directory/organisation_list.html",
        {
            "area": area,
            "organisations": organisations,
            "can_change": request.user.has_perm(MANAGE_ORGANISATION, area),
            "breadcrumbs": area_crumbs(area),
        },
    )


def _form_page(request, *, area: Area, organisation: Organisation | None) -> HttpResponse:
    initial = {"name": organisation.name, "kind": organisation.kind} if organisation else None
    form = OrganisationForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if organisation is None:
                saved = services.organisation_create(area=area, **form.cleaned_data)
                messages.success(request, f"Organisation added: {saved.name}.")
            else:
                saved = services.organisation_update(organisation=organisation, **form.cleaned_data)
                messages.success(request, f"Organisation updated: {saved.name}.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(_back_to(request, area))
    return render(
        request,
        "directory/organisation_form.html",
        {
            "form": form,
            "area": area,
            "heading": "Add an organisation" if organisation is None else f"Change {organisation.name}",
            "cancel": _list_url(area),
            "breadcrumbs": [*area_crumbs(area), ("Organisations", _list_url(area))],
        },
        status=400 if form.errors else 200,
    )


def _back_to(request: HttpRequest, area: Area) -> str:
    """Where the form came from (the action form sends people here and back), if it is this site; else the list."""
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return _list_url(area)


@login_required
def organisation_create(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, MANAGE_ORGANISATION, area)
    return _form_page(request, area=area, organisation=None)


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("area"), pk=pk)
    authorise(request.user, MANAGE_ORGANISATION, organisation)
    return _form_page(request, area=organisation.area, organisation=organisation)
