"""Back office: build a survey, open and close its waves, type in paper forms, read the impact by role."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coproduce.accounts.rules import MANAGE_SURVEY, VIEW_AREA, authorise
from coproduce.core.exports import FORMATS, csv_response, xlsx_response
from coproduce.core.forms import add_service_errors
from coproduce.core.navigation import area_crumbs
from coproduce.programmes.models import Area

from . import services
from .forms import PaperResponseForm, QuestionForm, SurveyForm
from .models import Question, Response, ResponseSource, Survey, SurveyStatus, Wave
from .selectors import survey_impact
from .tables import response_counts, response_tables, text_answers

# What the survey page's status button says, for each step a survey may take.
STATUS_ACTIONS: dict[tuple[str, str], str] = {
    (SurveyStatus.DRAFT, SurveyStatus.BEFORE): "Open the before wave",
    (SurveyStatus.BEFORE, SurveyStatus.AFTER): "Close the before wave and open the after wave",
    (SurveyStatus.AFTER, SurveyStatus.CLOSED): "Close the survey",
    (SurveyStatus.CLOSED, SurveyStatus.AFTER): "Reopen the after wave",
}


def _survey(pk: int) -> Survey:
    return get_object_or_404(Survey.objects.select_related("area", "event"), pk=pk)


def _crumbs(area: Area, *more: tuple[str, str]) -> list[tuple[str, str]]:
    return area_crumbs(area, ("Surveys", reverse("surveys:list", args=[area.slug])), *more)


def _survey_crumbs(survey: Survey) -> list[tuple[str, str]]:
    return _crumbs(survey.area, (survey.title, survey.get_absolute_url()))


def _answer_url(request: HttpRequest, survey: Survey) -> str:
    return request.build_absolute_uri(reverse("surveys_public:answer", args=[survey.join_code]))


@login_required
def survey_list(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, VIEW_AREA, area)
    surveys = area.surveys.select_related("event").annotate(
        before=Count("responses", filter=Q(responses__wave=Wave.BEFORE)),
        after=Count("responses", filter=Q(responses__wave=Wave.AFTER)),
    )
    return render(
        request,
        "surveys/survey_list.html",
        {
            "area": area,
            "surveys": surveys,
            "can_manage": request.user.has_perm(MANAGE_SURVEY, area),
            "breadcrumbs": area_crumbs(area),
        },
    )


@login_required
def survey_create(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, MANAGE_SURVEY, area)
    form = SurveyForm(request.POST if request.method == "POST" else None, area=area)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(
                area=area,
                title=form.cleaned_data["title"],
                introduction=form.cleaned_data["introduction"],
                event=form.cleaned_data["event"],
                created_by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Survey created. Add its questions, then open the before wave.")
            return redirect(survey)
    return render(
        request,
        "surveys/form.html",
        {"form": form, "area": area, "heading": "Create a survey", "breadcrumbs": _crumbs(area)},
        status=400 if form.errors else 200,
    )


@login_required
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(pk)
    authorise(request.user, MANAGE_SURVEY, survey)
    form = SurveyForm(request.POST if request.method == "POST" else None, instance=survey, area=survey.area)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Survey updated.")
        return redirect(survey)
    return render(
        request,
        "surveys/form.html",
        {
            "form": form,
            "area": survey.area,
            "heading": "Edit the survey",
            "cancel": survey.get_absolute_url(),
            "breadcrumbs": _survey_crumbs(survey),
        },
        status=400 if form.errors else 200,
    )


@login_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(pk)
    authorise(request.user, VIEW_AREA, survey)
    steps = [
        (status, STATUS_ACTIONS[(survey.status, status)]) for status in services.STATUS_STEPS[survey.status]
    ]
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "survey": survey,
            "area": survey.area,
            "questions": survey.questions.annotate(answer_count=Count("answers")),
            "counts": response_counts(survey),
            "answer_url": _answer_url(request, survey),
            "join_url": request.build_absolute_uri(reverse("public:join")),
            "steps": steps,
            "can_manage": request.user.has_perm(MANAGE_SURVEY, survey),
            "breadcrumbs": _crumbs(survey.area),
        },
    )


@login_required
@require_POST
def survey_status(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(pk)
    authorise(request.user, MANAGE_SURVEY, survey)
    try:
        services.survey_status_change(survey=survey, status=request.POST.get("status", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(survey)
    if survey.status == SurveyStatus.BEFORE:
        messages.success(
            request,
            f"The before wave is open. Participants answer at {_answer_url(request, survey)} "
            f"or enter the code {survey.join_code} at /join/.",
        )
    elif survey.status == SurveyStatus.AFTER:
        messages.success(
            request,
            "The after wave is open, at the same address and code. Participants give the pairing code "
            "from their first answers, so the two can be compared.",
        )
    else:
        messages.success(request, "The survey is closed. It takes no more answers online.")
    return redirect(survey)


@login_required
def question_create(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(pk)
    authorise(request.user, MANAGE_SURVEY, survey)
    return _question_form(request, survey, None)


@login_required
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(Question.objects.select_related("survey__area"), pk=pk)
    authorise(request.user, MANAGE_SURVEY, question)
    return _question_form(request, question.survey, question)


def _question_form(request: HttpRequest, survey: Survey, question: Question | None) -> HttpResponse:
    form = QuestionForm(request.POST if request.method == "POST" else None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_save(
                survey=survey,
                question=question,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                topic=form.cleaned_data["topic"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Question added." if question is None else "Question updated.")
            return redirect(survey)
    return render(
        request,
        "surveys/form.html",
        {
            "form": form,
            "area": survey.area,
            "caption": survey.title,
            "heading": "Add a question" if question is None else f"Edit question {question.number}",
            "cancel": survey.get_absolute_url(),
            "answered": question is not None and question.answers.exists(),
            "breadcrumbs": _survey_crumbs(survey),
        },
        status=400 if form.errors else 200,
    )


@login_required
def question_delete(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(Question.objects.select_related("survey__area"), pk=pk)
    authorise(request.user, MANAGE_SURVEY, question)
    survey = question.survey
    answers = question.answers.count()
    if request.method == "POST":
        try:
            services.question_delete(question=question)
        except services.QuestionAnswered:
            messages.error(request, _answered_message(question))
        else:
            messages.success(request, f"Question {question.number} deleted.")
        return redirect(survey)
    return render(
        request,
        "surveys/confirm_delete.html",
        {
            "area": survey.area,
            "survey": survey,
            "heading": f"Delete question {question.number}?",
            "thing": f"“{question.text}”",
            "refusal": _answered_message(question) if answers else "",
            "cancel": survey.get_absolute_url(),
            "breadcrumbs": _survey_crumbs(survey),
        },
    )


def _answered_message(question: Question) -> str:
    return (
        f"Question {question.number} cannot be deleted: people have answered it, and deleting it would "
        "lose their answers. Change its wording instead, or delete those responses first."
    )


@login_required
def paper(request: HttpRequest, pk: int) -> HttpResponse:
    """Type in one paper form: all of it is saved, or none of it, with what was typed kept on the page."""
    survey = _survey(pk)
    authorise(request.user, MANAGE_SURVEY, survey)
    wave = request.GET.get("wave") or survey.open_wave or Wave.BEFORE
    form = PaperResponseForm(
        request.POST if request.method == "POST" else None, survey=survey, initial={"wave": wave}
    )
    if request.method == "POST" and form.is_valid():
        try:
            recorded = services.response_record(
                survey,
                wave=form.cleaned_data["wave"],
                role=form.cleaned_data["role"],
                answers=form.answers(),
                person=form.cleaned_data["person"],
                pairing_code=form.cleaned_data["pairing_code"],
                source=ResponseSource.PAPER,
                entered_by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            response = recorded.response
            messages.success(
                request,
                f"Paper form saved: {response.get_wave_display().lower()}, "
                f"{response.get_role_display()}. Type in the next one below.",
            )
            if (
                response.wave == Wave.AFTER
                and response.pairing_code
                and not survey.responses.filter(wave=Wave.BEFORE, pairing_code=response.pairing_code).exists()
            ):
                messages.warning(
                    request,
                    f"No before form has the code {response.pairing_code} yet. The two will be paired once "
                    "it is typed in.",
                )
            return redirect(f"{reverse('surveys:paper', args=[survey.pk])}?wave={response.wave}")
    return render(
        request,
        "surveys/paper.html",
        {
            "form": form,
            "survey": survey,
            "area": survey.area,
            "counts": response_counts(survey),
            "breadcrumbs": _survey_crumbs(survey),
        },
        status=400 if form.errors else 200,
    )


@login_required
def response_list(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(pk)
    authorise(request.user, VIEW_AREA, survey)
    responses = survey.responses.select_related("entered_by").prefetch_related("answers__question")
    return render(
        request,
        "surveys/response_list.html",
        {
            "survey": survey,
            "area": survey.area,
            "responses": responses.order_by("wave", "created_at", "pk"),
            "can_manage": request.user.has_perm(MANAGE_SURVEY, survey),
            "breadcrumbs": _survey_crumbs(survey),
        },
    )


@login_required
def response_delete(request: HttpRequest, pk: int) -> HttpResponse:
    response = get_object_or_404(Response.objects.select_related("survey__area"), pk=pk)
    authorise(request.user, MANAGE_SURVEY, response)
    survey = response.survey
    if request.method == "POST":
        services.response_delete(response=response)
        messages.success(request, f"Response {pk} deleted, with its answers.")
        return redirect("surveys:responses", pk=survey.pk)
    return render(
        request,
        "surveys/confirm_delete.html",
        {
            "area": survey.area,
            "survey": survey,
            "heading": f"Delete response {pk}?",
            "thing": f"The {response.get_wave_display().lower()} response of a "
            f"{response.get_role_display().lower()} ({response.get_source_display().lower()}), "
            "with all its answers",
            "refusal": "",
            "cancel": reverse("surveys:responses", args=[survey.pk]),
            "breadcrumbs": _survey_crumbs(survey),
        },
    )


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(pk)
    authorise(request.user, VIEW_AREA, survey)
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "area": survey.area,
            "impact": survey_impact(survey),
            "texts": text_answers(survey),
            "breadcrumbs": _survey_crumbs(survey),
        },
    )


@login_required
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The raw responses as CSV, or XLSX with the questions on a second sheet."""
    survey = _survey(pk)
    authorise(request.user, VIEW_AREA, survey)
    if fmt not in FORMATS:
        raise Http404("No such format")
    tables = response_tables(survey)
    name = f"survey-{survey.area.slug}-{survey.pk}"
    return csv_response(f"{name}.csv", tables[0]) if fmt == "csv" else xlsx_response(f"{name}.xlsx", tables)
