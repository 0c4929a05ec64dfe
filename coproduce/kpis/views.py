"""Back office: an area's KPIs, adding and editing them, typing and importing their values, publishing them;
and "my actions" for whoever speaks for an organisation. Reading follows VIEW_KPI, writing CHANGE_KPI."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coproduce.accounts.rules import CHANGE_KPI, VIEW_KPI, authorise
from coproduce.analysis.kpi_values import PERIOD_EXAMPLES
from coproduce.core.exports import csv_response
from coproduce.core.forms import add_service_errors
from coproduce.core.history import history_rows
from coproduce.core.navigation import area_crumbs
from coproduce.kpis import selectors, services
from coproduce.kpis.forms import KpiForm, KpiValueForm, PublishForm, ValuesImportForm
from coproduce.kpis.models import Kpi, KpiValue
from coproduce.programmes.models import Area


def _crumbs(area: Area, *more: tuple[str, str]) -> list[tuple[str, str]]:
    return area_crumbs(area, ("KPIs", reverse("kpis:list", args=[area.slug])), *more)


def _kpi(pk: int) -> Kpi:
    return get_object_or_404(selectors.KPIS, pk=pk)


@login_required
def kpi_list(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, VIEW_KPI, area)
    return render(
        request,
        "kpis/list.html",
        {
            "area": area,
            "summaries": selectors.kpi_summaries(area.kpis.order_by("pk")),
            "can_change": request.user.has_perm(CHANGE_KPI, area),
            "breadcrumbs": area_crumbs(area),
        },
    )


def _kpi_form(request: HttpRequest, area: Area, kpi: Kpi | None) -> HttpResponse:
    form = KpiForm(request.POST or None, instance=kpi, area=area)
    if request.method == "POST" and form.is_valid():
        fields, links = form.fields_and_links()
        try:
            if kpi is None:
                kpi = services.kpi_create(area=area, links=links, **fields)
                messages.success(request, f"KPI added: {kpi.name}. Now add its figures.")
            else:
                services.kpi_update(kpi=kpi, links=links, **fields)
                messages.success(request, "KPI saved.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(kpi.get_absolute_url())
    return render(
        request,
        "kpis/kpi_form.html",
        {
            "area": area,
            "form": form,
            "heading": "Add a KPI" if kpi is None else f"Change {kpi.name}",
            "cancel": kpi.get_absolute_url() if kpi else reverse("kpis:list", args=[area.slug]),
            "breadcrumbs": _crumbs(area),
        },
        status=400 if form.errors else 200,
    )


@login_required
def kpi_create(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, CHANGE_KPI, area)
    return _kpi_form(request, area, None)


@login_required
def kpi_edit(request: HttpRequest, pk: int) -> HttpResponse:
    kpi = _kpi(pk)
    authorise(request.user, CHANGE_KPI, kpi)
    return _kpi_form(request, kpi.area, kpi)


@login_required
def kpi_detail(request: HttpRequest, pk: int) -> HttpResponse:
    kpi = _kpi(pk)
    authorise(request.user, VIEW_KPI, kpi)
    return render(
        request,
        "kpis/detail.html",
        {
            "area": kpi.area,
            "kpi": kpi,
            "page": selectors.kpi_page(kpi, public=False),
            "can_change": request.user.has_perm(CHANGE_KPI, kpi),
            "history": history_rows(kpi.history.select_related("history_user")),
            "value_history": history_rows(
                KpiValue.history.filter(kpi_id=kpi.pk).select_related("history_user"),
                labels={"value": "Value", "explanation": "Explanation"},
            ),
            "breadcrumbs": _crumbs(kpi.area),
        },
    )


@login_required
def kpi_csv(request: HttpRequest, pk: int) -> HttpResponse:
    kpi = _kpi(pk)
    authorise(request.user, VIEW_KPI, kpi)
    return csv_response(f"kpi-{kpi.pk}", selectors.kpi_table(kpi))


@login_required
def value_add(request: HttpRequest, pk: int) -> HttpResponse:
    kpi = _kpi(pk)
    authorise(request.user, CHANGE_KPI, kpi)
    form = KpiValueForm(request.POST or None, kpi=kpi)
    if request.method == "POST" and form.is_valid():
        try:
            value = services.kpi_value_add(kpi=kpi, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Figure added for {value.period.label}: {value.shown}.")
            return redirect(kpi.get_absolute_url())
    return _value_page(request, kpi, form, f"Add a figure to {kpi.name}")


@login_required
def value_edit(request: HttpRequest, pk: int) -> HttpResponse:
    value = get_object_or_404(KpiValue.objects.select_related("kpi__area"), pk=pk)
    kpi = value.kpi
    authorise(request.user, CHANGE_KPI, kpi)
    initial = {
        "period": value.period.code,
        "value": f"{value.value.normalize():f}",
        "explanation": value.explanation,
    }
    form = KpiValueForm(request.POST or None, kpi=kpi, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.kpi_value_update(
                kpi_value=value,
                value=form.cleaned_data["value"],
                explanation=form.cleaned_data["explanation"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Figure for {value.period.label} saved.")
            return redirect(kpi.get_absolute_url())
    return _value_page(request, kpi, form, f"Change the figure for {value.period.label}", value=value)


@login_required
@require_POST
def value_delete(request: HttpRequest, pk: int) -> HttpResponse:
    value = get_object_or_404(KpiValue.objects.select_related("kpi__area"), pk=pk)
    kpi = value.kpi
    authorise(request.user, CHANGE_KPI, kpi)
    label = value.period.label
    services.kpi_value_delete(kpi_value=value)
    messages.success(request, f"Figure for {label} deleted. The KPI's history keeps what it was.")
    return redirect(kpi.get_absolute_url())


def _value_page(
    request: HttpRequest, kpi: Kpi, form: KpiValueForm, heading: str, *, value: KpiValue | None = None
) -> HttpResponse:
    return render(
        request,
        "kpis/kpi_form.html",
        {
            "area": kpi.area,
            "form": form,
            "heading": heading,
            "intro": f"Target: {kpi.target_shown} ({kpi.get_direction_display().lower()}).",
            "value": value,
            "cancel": kpi.get_absolute_url(),
            "breadcrumbs": _crumbs(kpi.area, (kpi.name, kpi.get_absolute_url())),
        },
        status=400 if form.errors else 200,
    )


@login_required
def values_import(request: HttpRequest, pk: int) -> HttpResponse:
    kpi = _kpi(pk)
    authorise(request.user, CHANGE_KPI, kpi)
    form = ValuesImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            imported = services.kpi_values_import(kpi=kpi, data=form.cleaned_data["file"].read())
        except services.ImportRefused as refused:
            problems = refused.problems
        else:
            messages.success(
                request, f"Imported: {imported.added} figure(s) added, {imported.changed} changed."
            )
            return redirect(kpi.get_absolute_url())
    return render(
        request,
        "kpis/import.html",
        {
            "area": kpi.area,
            "kpi": kpi,
            "form": form,
            "problems": problems,
            "example": f"period,value,explanation\n{PERIOD_EXAMPLES[kpi.frequency]},62,",
            "breadcrumbs": _crumbs(kpi.area, (kpi.name, kpi.get_absolute_url())),
        },
        status=400 if (form.errors or problems) else 200,
    )


@login_required
@require_POST
def kpi_publish(request: HttpRequest, pk: int) -> HttpResponse:
    kpi = _kpi(pk)
    authorise(request.user, CHANGE_KPI, kpi)
    form = PublishForm(request.POST)
    publish = form.is_valid() and form.cleaned_data["publish"]
    services.kpi_publish(kpi=kpi, publish=publish)
    messages.success(request, "Published on the public site." if publish else "Taken off the public site.")
    return redirect(kpi.get_absolute_url())


@login_required
def my_actions(request: HttpRequest) -> HttpResponse:
    """The actions owned by the organisations the user speaks for, in every area: overdue ones first."""
    return render(request, "kpis/my_actions.html", {"mine": selectors.my_actions(request.user)})
