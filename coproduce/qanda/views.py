"""Back office: the moderation queue (approve, edit with the original kept and the asker told why, reject
with a reason) for those who shape proposals, and the official answers of commissioners and programme
leads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coproduce.accounts.rules import ANSWER_QUESTION, MODERATE_QUESTION, authorise
from coproduce.core.forms import add_service_errors
from coproduce.core.navigation import area_crumbs
from coproduce.programmes.models import Area
from coproduce.qanda import selectors, services
from coproduce.qanda.forms import AnswerForm, ApproveForm, EditForm, RejectForm
from coproduce.qanda.models import Question

QUESTIONS = Question.objects.select_related("area", "challenge", "theme", "moderated_by")


def _crumbs(area: Area, *more: tuple[str, str]) -> list[tuple[str, str]]:
    return area_crumbs(area, ("Questions", reverse("qanda:list", args=[area.slug])), *more)


def _question(request: HttpRequest, pk: int, perm: str) -> Question:
    question = get_object_or_404(QUESTIONS, pk=pk)
    authorise(request.user, perm, question.area)
    return question


@login_required
def question_list(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, MODERATE_QUESTION, area)
    return render(
        request,
        "qanda/list.html",
        {
            "area": area,
            "queue": selectors.moderation_queue(area),
            "lists": selectors.back_office_questions(area),
            "breadcrumbs": area_crumbs(area),
        },
    )


def _detail(request: HttpRequest, question: Question, status: int = 200, **forms) -> HttpResponse:
    can_answer = request.user.has_perm(ANSWER_QUESTION, question.area)
    answer = getattr(question, "answer", None)
    context = {
        "area": question.area,
        "question": question,
        "answer": answer,
        "can_answer": can_answer,
        "followers": question.followers.filter(confirmed_at__isnull=False).count(),
        "asker_gave_email": question.followers.filter(is_asker=True).exists(),
        "approve_form": forms.get("approve_form") or ApproveForm(question=question),
        "answer_form": forms.get("answer_form")
        or AnswerForm(initial={"text": answer.text if answer else ""}),
        "breadcrumbs": _crumbs(question.area, (f"Question {question.pk}", "")),
    }
    return render(request, "qanda/question.html", context, status=status)


@login_required
def question_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _question(request, pk, MODERATE_QUESTION))


@login_required
@require_POST
def question_approve(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk, MODERATE_QUESTION)
    form = ApproveForm(request.POST, question=question)
    if form.is_valid():
        try:
            services.question_approve(question=question, user=request.user, topic=form.topic_object())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The question is published.")
            return redirect(question.get_absolute_url())
    return _detail(request, question, status=400, approve_form=form)


def _form_page(request, question, form_class, template, save, done: str) -> HttpResponse:
    kwargs = {"question": question} if form_class is EditForm else {}
    form = form_class(request.POST if request.method == "POST" else None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(question.get_absolute_url())
    return render(
        request,
        template,
        {
            "area": question.area,
            "question": question,
            "form": form,
            "breadcrumbs": _crumbs(question.area, (f"Question {question.pk}", question.get_absolute_url())),
        },
        status=400 if form.errors else 200,
    )


@login_required
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk, MODERATE_QUESTION)
    return _form_page(
        request,
        question,
        EditForm,
        "qanda/edit.html",
        lambda form: services.question_edit(
            question=question,
            user=request.user,
            text=form.cleaned_data["text"],
            reason=form.cleaned_data["reason"],
            topic=form.topic_object(),
        ),
        "The question is published with your changes. The asker, if they gave an email, will be told why.",
    )


@login_required
def question_reject(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk, MODERATE_QUESTION)
    return _form_page(
        request,
        question,
        RejectForm,
        "qanda/reject.html",
        lambda form: services.question_reject(
            question=question, user=request.user, reason=form.cleaned_data["reason"]
        ),
        "The question is rejected. It will never be public.",
    )


@login_required
@require_POST
def question_answer(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk, ANSWER_QUESTION)
    form = AnswerForm(request.POST)
    if form.is_valid():
        first = not hasattr(question, "answer")
        try:
            services.answer_give(question=question, user=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                "The official answer is published. Its followers will be emailed."
                if first
                else "The answer is corrected. Nobody is emailed again.",
            )
            return redirect(question.get_absolute_url())
    return _detail(request, question, status=400, answer_form=form)
