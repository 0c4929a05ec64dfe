"""The public site's questions and answers: anyone asks (no account, email optional), reads the official
answers as an FAQ by topic, searches them, follows a question by email and reads the Atom feed. Only
approved questions of published areas are shown (selectors.public_questions)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

from coproduce.core.forms import add_service_errors
from coproduce.programmes.models import Area
from coproduce.qanda import selectors, services
from coproduce.qanda.forms import AskForm, FollowForm
from coproduce.qanda.models import Follower

TOO_MANY = (
    "You have sent a lot from this connection. Wait an hour and send it again: your words are kept below."
)


def _limited(request: HttpRequest, group: str, rate: str) -> bool:
    return is_ratelimited(request, group=group, key="ip", rate=rate, method=ALL, increment=True)


def _area(slug: str) -> Area:
    return get_object_or_404(Area.objects.select_related("programme"), slug=slug, is_published=True)


def area_questions(request: HttpRequest, slug: str) -> HttpResponse:
    area = _area(slug)
    query = request.GET.get("q", "").strip()[: selectors.SEARCH_MAX_LENGTH]
    context = {"area": area, "query": query}
    if query:
        context["results"] = list(selectors.search(area, query)[:50])
    else:
        context["groups"] = selectors.faq(area)
        context["waiting"] = list(
            selectors.public_questions(area).filter(answer__isnull=True).order_by("-moderated_at", "-pk")
        )
    return render(request, "qanda/public_area.html", context)


def ask(request: HttpRequest, slug: str) -> HttpResponse:
    area = _area(slug)
    form = AskForm(request.POST if request.method == "POST" else None, area=area)
    status = 200
    if request.method == "POST":
        if _limited(request, "qanda-ask", settings.QUESTION_RATE):
            form.is_valid()
            form.add_error(None, TOO_MANY)
            status = 429
        elif form.is_robot:
            return redirect("qanda_public:asked", slug=area.slug)  # saved nowhere; the robot learns nothing
        elif form.is_valid():
            try:
                services.question_ask(
                    area=area,
                    text=form.cleaned_data["text"],
                    email=form.cleaned_data["email"],
                    topic=form.topic_object(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                request.session["qanda_asked_email"] = bool(form.cleaned_data["email"])
                return redirect("qanda_public:asked", slug=area.slug)
        if status == 200:
            status = 400
    return render(request, "qanda/public_ask.html", {"area": area, "form": form}, status=status)


def asked(request: HttpRequest, slug: str) -> HttpResponse:
    area = _area(slug)
    gave_email = request.session.pop("qanda_asked_email", None)
    return render(request, "qanda/public_asked.html", {"area": area, "gave_email": gave_email})


def question(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    area = _area(slug)
    question = get_object_or_404(selectors.public_questions(area), pk=pk)
    answer = getattr(question, "answer", None)
    form = FollowForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and answer is None:
        if _limited(request, "qanda-follow", settings.QUESTION_FOLLOW_RATE):
            form.is_valid()
            form.add_error(None, TOO_MANY)
            status = 429
        elif form.is_valid():
            try:
                services.follow_start(question=question, email=form.cleaned_data["email"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                # The same words whether the address was new or not: the page does not say who follows.
                messages.success(
                    request, "Check your email: open the link we sent you to confirm you want to follow it."
                )
                return redirect(question.get_public_url())
        if status == 200:
            status = 400
    elif request.method == "POST":
        return redirect(question.get_public_url())
    return render(
        request,
        "qanda/public_question.html",
        {"area": area, "question": question, "answer": answer, "form": form},
        status=status,
    )


def _follower_page(request: HttpRequest, token: str, template: str, act) -> HttpResponse:
    if _limited(request, "qanda-follow-link", settings.QUESTION_LINK_RATE):
        return render(request, "qanda/public_too_many.html", status=429)
    follower = get_object_or_404(Follower.objects.select_related("question__area"), token=token)
    question = follower.question
    if request.method == "POST":
        act(follower)
        return render(request, template, {"question": question, "follower": follower, "done": True})
    response = render(request, template, {"question": question, "follower": follower, "done": False})
    response["Referrer-Policy"] = "same-origin"  # the link is the key: never sent to other sites
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
def follow_confirm(request: HttpRequest, token: str) -> HttpResponse:
    # GET only shows a button: mail scanners open links, and must not confirm for the reader.
    return _follower_page(
        request, token, "qanda/public_follow_confirm.html", lambda f: services.follow_confirm(follower=f)
    )


@never_cache
def follow_stop(request: HttpRequest, token: str) -> HttpResponse:
    return _follower_page(
        request, token, "qanda/public_follow_stop.html", lambda f: services.follow_stop(follower=f)
    )
