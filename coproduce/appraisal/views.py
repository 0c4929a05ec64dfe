"""Back office: build an options appraisal, score it as partners, read the results and agree the preferred
option, and the appraisal record as a page and a PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coproduce.accounts.rules import (
    CHANGE_APPRAISAL,
    SCORE_APPRAISAL,
    VIEW_APPRAISAL,
    authorise,
    role_in,
)
from coproduce.appraisal import selectors, services
from coproduce.appraisal.forms import (
    AgreeForm,
    AppraisalForm,
    CriterionForm,
    ExclusionForm,
    OptionForm,
    ScoreForm,
)
from coproduce.appraisal.models import Appraisal, AppraisalStatus, Criterion, Option
from coproduce.appraisal.pdf import appraisal_record_pdf as record_pdf
from coproduce.core.history import history_rows
from coproduce.core.navigation import area_crumbs
from coproduce.programmes.models import Area

APPRAISALS = Appraisal.objects.select_related("area", "preferred_option", "agreed_by")


def _crumbs(area: Area, *more: tuple[str, str]) -> list[tuple[str, str]]:
    return area_crumbs(area, ("Options appraisals", reverse("appraisal:list", args=[area.slug])), *more)


def _appraisal_crumbs(appraisal: Appraisal) -> list[tuple[str, str]]:
    return _crumbs(appraisal.area, (appraisal.title, appraisal.get_absolute_url()))


def _service_errors(form: Form, error: ValidationError) -> None:
    for field, problems in (
        error.message_dict.items() if hasattr(error, "error_dict") else [("__all__", error.messages)]
    ):
        for problem in problems:
            form.add_error(field if field in form.fields else None, problem)


def _form_page(
    request: HttpRequest,
    form: Form,
    appraisal: Appraisal | None,
    area: Area,
    heading: str,
    *,
    status: int = 200,
    intro: str = "",
) -> HttpResponse:
    crumbs = _appraisal_crumbs(appraisal) if appraisal else _crumbs(area)
    return render(
        request,
        "appraisal/form.html",
        {
            "form": form,
            "area": area,
            "appraisal": appraisal,
            "heading": heading,
            "intro": intro,
            "cancel": appraisal.get_absolute_url()
            if appraisal
            else reverse("appraisal:list", args=[area.slug]),
            "breadcrumbs": crumbs,
        },
        status=status,
    )


@login_required
def appraisal_list(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, VIEW_APPRAISAL, area)
    return render(
        request,
        "appraisal/list.html",
        {
            "area": area,
            "appraisals": area.appraisals.select_related("preferred_option"),
            "can_change": request.user.has_perm(CHANGE_APPRAISAL, area),
            "breadcrumbs": area_crumbs(area),
        },
    )


@login_required
def appraisal_create(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, CHANGE_APPRAISAL, area)
    form = AppraisalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            appraisal = services.appraisal_create(
                area=area,
                title=data["title"],
                purpose=data["purpose"],
                scale_min=data["scale_min"],
                scale_max=data["scale_max"],
                scale_descriptors=data["scale_descriptors"],
                preset_options=data["preset_options"],
                preset_criteria=data["preset_criteria"],
                created_by=request.user,
            )
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(
                request, "Appraisal started. Add your own options and criteria, then open scoring."
            )
            return redirect(appraisal)
    return _form_page(
        request, form, None, area, "Start an options appraisal", status=400 if form.errors else 200
    )


@login_required
def appraisal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    appraisal = get_object_or_404(APPRAISALS, pk=pk)
    authorise(request.user, VIEW_APPRAISAL, appraisal)
    can_change = request.user.has_perm(CHANGE_APPRAISAL, appraisal)
    return render(
        request,
        "appraisal/detail.html",
        {
            "appraisal": appraisal,
            "area": appraisal.area,
            "options": appraisal.options.all(),
            "criteria": selectors.criteria_with_evidence(appraisal),
            "can_change": can_change,
            "can_score": request.user.has_perm(SCORE_APPRAISAL, appraisal),
            "raters": selectors.rater_count(appraisal),
            "my_scores": appraisal.scores.filter(rater_id=request.user.pk).exists(),
            "history": history_rows(appraisal.history.select_related("history_user")),
            "breadcrumbs": _crumbs(appraisal.area),
        },
    )


@login_required
@require_POST
def appraisal_status(request: HttpRequest, pk: int) -> HttpResponse:
    appraisal = get_object_or_404(APPRAISALS, pk=pk)
    authorise(request.user, CHANGE_APPRAISAL, appraisal)
    try:
        services.appraisal_set_status(appraisal=appraisal, status=request.POST.get("status", ""))
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(request, f"The appraisal is now: {appraisal.get_status_display().lower()}.")
    return redirect(appraisal)


@login_required
def option_create(request: HttpRequest, pk: int) -> HttpResponse:
    appraisal = get_object_or_404(APPRAISALS, pk=pk)
    authorise(request.user, CHANGE_APPRAISAL, appraisal)
    form = OptionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.option_add(appraisal=appraisal, **form.cleaned_data)
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, "Option added to the long list.")
            return redirect(appraisal)
    return _form_page(
        request, form, appraisal, appraisal.area, "Add a delivery option", status=400 if form.errors else 200
    )


@login_required
def option_exclude(request: HttpRequest, pk: int) -> HttpResponse:
    option = get_object_or_404(Option.objects.select_related("appraisal__area"), pk=pk)
    authorise(request.user, CHANGE_APPRAISAL, option)
    appraisal = option.appraisal
    form = ExclusionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.option_exclude(
                option=option,
                choice=form.cleaned_data["excluded_on"],
                reason=form.cleaned_data["exclusion_reason"],
            )
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, f"“{option.title}” is excluded from the short list, with its reason.")
            return redirect(appraisal)
    return _form_page(
        request,
        form,
        appraisal,
        appraisal.area,
        f"Exclude “{option.title}” from the short list",
        status=400 if form.errors else 200,
        intro="An option leaves the long list only with a reason on the record, naming the choice of the "
        "options framework it fails on.",
    )


@login_required
@require_POST
def option_restore(request: HttpRequest, pk: int) -> HttpResponse:
    option = get_object_or_404(Option.objects.select_related("appraisal__area"), pk=pk)
    authorise(request.user, CHANGE_APPRAISAL, option)
    try:
        services.option_restore(option=option)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(request, f"“{option.title}” is back on the short list.")
    return redirect(option.appraisal)


@login_required
def criterion_create(request: HttpRequest, pk: int) -> HttpResponse:
    appraisal = get_object_or_404(APPRAISALS, pk=pk)
    authorise(request.user, CHANGE_APPRAISAL, appraisal)
    form = CriterionForm(
        request.POST if request.method == "POST" else None, themes=selectors.citable_themes(appraisal)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_add(appraisal=appraisal, **form.cleaned_data)
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, "Criterion added.")
            return redirect(appraisal)
    return _form_page(
        request, form, appraisal, appraisal.area, "Add a criterion", status=400 if form.errors else 200
    )


@login_required
def criterion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = get_object_or_404(Criterion.objects.select_related("appraisal__area"), pk=pk)
    authorise(request.user, CHANGE_APPRAISAL, criterion)
    appraisal = criterion.appraisal
    initial = {
        "title": criterion.title,
        "description": criterion.description,
        "themes": list(criterion.themes.all()),
    }
    form = CriterionForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        themes=selectors.citable_themes(appraisal, criterion=criterion),
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_update(criterion=criterion, **form.cleaned_data)
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, f"“{criterion.title}” updated, with the themes it cites.")
            return redirect(appraisal)
    return _form_page(
        request,
        form,
        appraisal,
        appraisal.area,
        f"Edit “{criterion.title}” and its evidence",
        status=400 if form.errors else 200,
    )


@login_required
def appraisal_score(request: HttpRequest, pk: int) -> HttpResponse:
    """One partner's form: every short-listed option on every criterion, and a weight for each criterion.
    Their earlier scores are filled in; sending again replaces them."""
    appraisal = get_object_or_404(APPRAISALS, pk=pk)
    authorise(request.user, SCORE_APPRAISAL, appraisal)
    options = list(appraisal.options.filter(is_shortlisted=True))
    criteria = list(appraisal.criteria.prefetch_related("themes"))
    initial = selectors.rater_initial(appraisal, request.user)
    form = ScoreForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        appraisal=appraisal,
        options=options,
        criteria=criteria,
    )
    status = 200
    if request.method == "POST":
        form.is_valid()
        try:
            services.ratings_record(
                appraisal=appraisal,
                rater=request.user,
                role=role_in(request.user, appraisal) or "superuser",
                scores=form.scores(),
                weights=form.weights(),
            )
        except ValidationError as error:
            form.add_service_errors(
                error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
            )
            status = 400
        else:
            messages.success(
                request, "Your scores and weights are saved. You can change them until scoring closes."
            )
            return redirect(appraisal)
    return render(
        request,
        "appraisal/score.html",
        {
            "appraisal": appraisal,
            "area": appraisal.area,
            "form": form,
            "already_scored": bool(initial),
            "breadcrumbs": _appraisal_crumbs(appraisal),
        },
        status=status,
    )


@login_required
def appraisal_results(request: HttpRequest, pk: int) -> HttpResponse:
    appraisal = get_object_or_404(APPRAISALS, pk=pk)
    authorise(request.user, VIEW_APPRAISAL, appraisal)
    return render(
        request,
        "appraisal/results.html",
        {
            "appraisal": appraisal,
            "area": appraisal.area,
            "results": selectors.appraisal_results(appraisal),
            "can_change": request.user.has_perm(CHANGE_APPRAISAL, appraisal),
            "breadcrumbs": _appraisal_crumbs(appraisal),
        },
    )


@login_required
def appraisal_agree(request: HttpRequest, pk: int) -> HttpResponse:
    appraisal = get_object_or_404(APPRAISALS, pk=pk)
    authorise(request.user, CHANGE_APPRAISAL, appraisal)
    initial = {
        "preferred_option": appraisal.preferred_option or selectors.top_option(appraisal),
        "recommendation": appraisal.recommendation,
        "agreed_with": appraisal.agreed_with,
    }
    form = AgreeForm(request.POST if request.method == "POST" else None, initial=initial, appraisal=appraisal)
    if request.method == "POST" and form.is_valid():
        try:
            services.appraisal_agree(appraisal=appraisal, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, "The preferred option is agreed and on the record.")
            return redirect("appraisal:record", pk=appraisal.pk)
    intro = (
        ""
        if appraisal.status in (AppraisalStatus.CLOSED, AppraisalStatus.AGREED)
        else ("Close scoring first: the preferred option is agreed on the final scores.")
    )
    return _form_page(
        request,
        form,
        appraisal,
        appraisal.area,
        "Agree the preferred option",
        status=400 if form.errors else 200,
        intro=intro,
    )


@login_required
def appraisal_record(request: HttpRequest, pk: int) -> HttpResponse:
    appraisal = get_object_or_404(APPRAISALS, pk=pk)
    authorise(request.user, VIEW_APPRAISAL, appraisal)
    return render(
        request,
        "appraisal/record.html",
        {
            "appraisal": appraisal,
            "area": appraisal.area,
            "record": selectors.appraisal_record(appraisal),
            "breadcrumbs": _appraisal_crumbs(appraisal),
            "can_change": request.user.has_perm(CHANGE_APPRAISAL, appraisal),
        },
    )


@login_required
def appraisal_record_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    appraisal = get_object_or_404(APPRAISALS, pk=pk)
    authorise(request.user, VIEW_APPRAISAL, appraisal)
    response = HttpResponse(record_pdf(appraisal), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="appraisal-{appraisal.pk}.pdf"'
    return response


@login_required
@require_POST
def appraisal_publish(request: HttpRequest, pk: int) -> HttpResponse:
    appraisal = get_object_or_404(APPRAISALS, pk=pk)
    authorise(request.user, CHANGE_APPRAISAL, appraisal)
    publish = request.POST.get("publish") == "1"
    try:
        services.appraisal_publish(appraisal=appraisal, publish=publish)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(
            request,
            "The record is on the public site." if publish else "The record is no longer on the public site.",
        )
    return redirect("appraisal:record", pk=appraisal.pk)


def public_record(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """An agreed appraisal's record on the public site, once published (its area published too)."""
    appraisal = get_object_or_404(
        APPRAISALS, pk=pk, area__slug=slug, area__is_published=True, is_published=True
    )
    return render(
        request,
        "appraisal/public_record.html",
        {"appraisal": appraisal, "area": appraisal.area, "record": selectors.appraisal_record(appraisal)},
    )
