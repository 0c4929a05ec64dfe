"""The public survey: anyone with the link or code answers on a phone, with no account and no JavaScript.

A participant's two waves are paired by the person the browser joined the area as (an event's join flow),
else by a pairing code: made for them in the before wave, and asked for (filled in when the browser still
has it) in the after wave. What this browser sent is kept in the session, so answering again changes it.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from coproduce.directory.models import Person
from coproduce.public.participants import (
    NOT_SENT,
    Sent,
    area_participant,
    check_code_lookup,
    code_known,
    participant_send,
)
from coproduce.public.session import survey_key

from . import services
from .forms import SurveyAnswerForm
from .models import Response, ResponseSource, Survey, SurveyStatus, Wave
from .selectors import survey_code_expired


def _survey_for(request: HttpRequest, code: str) -> Survey:
    """The survey a code names, the lookup limited like every join code's; a closed survey's code stops
    answering with its event's. A draft survey is not there yet for participants."""
    check_code_lookup(request, code)
    survey = get_object_or_404(
        Survey.objects.select_related("area", "event").exclude(status=SurveyStatus.DRAFT),
        join_code=code.upper(),
    )
    if survey_code_expired(survey):
        raise Http404("That code is not recognised, or its event has closed")
    return survey


def _person(request: HttpRequest, survey: Survey, *, create: bool = False) -> Person | None:
    """The person this browser is in the survey's area; recorded (``create``) when it answers, if it
    joined an event of the area."""
    return area_participant(request, survey.area_id, create=create)


def _earlier(survey: Survey, wave: str, person: Person | None, state: dict) -> Response | None:
    """This participant's response to the wave, if they have already sent one."""
    responses = survey.responses.filter(wave=wave).prefetch_related("answers")
    if person is not None:
        return responses.filter(person=person).first()
    return responses.filter(pk=state.get(wave) or 0, person__isnull=True).first()


def _initial(person: Person | None, earlier: Response | None, code: str) -> dict:
    initial: dict = {"role": person.role if person else None, "pairing_code": code}
    if earlier is not None:
        initial["role"] = earlier.role
        initial["pairing_code"] = earlier.pairing_code or code
        for answer in earlier.answers.all():
            value = answer.scale if answer.scale is not None else answer.text
            initial[services.question_field(answer.question_id)] = value
    return initial


def _pairing_code(survey: Survey, wave: str, person: Person | None, state: dict, form) -> str:
    """The code these answers carry. Everyone answering the first wave gets one, known person or not:
    the second wave may be answered on a phone that no longer knows them, and it asks for the code."""
    if wave == Wave.BEFORE:
        return state.get("code") or services.new_pairing_code(survey)
    if person is None:
        return form.cleaned_data["pairing_code"]
    # Known: carry the code of their first answers, so both waves pair by it.
    first = survey.responses.filter(wave=Wave.BEFORE, person=person).exclude(pairing_code="").first()
    return state.get("code") or (first.pairing_code if first else "")


def answer(request: HttpRequest, code: str) -> HttpResponse:
    survey = _survey_for(request, code)
    wave = survey.open_wave
    if wave is None:
        return render(request, "surveys/public/not_taking_answers.html", {"survey": survey})
    person = _person(request, survey)
    state = dict(request.session.get(survey_key(survey.pk), {}))
    if person is not None and state.get("code"):
        # They answered first anonymously and have joined an event since: those answers are theirs (in
        # the first wave too, where answering again changes them rather than counting them twice).
        services.response_claim(survey=survey, pairing_code=state["code"], person=person)
    earlier = _earlier(survey, wave, person, state)
    form = SurveyAnswerForm(
        request.POST if request.method == "POST" else None,
        survey=survey,
        ask_code=wave == Wave.AFTER and person is None,
        initial=_initial(person, earlier, state.get("code", "")),
    )

    def send_answers(data: dict) -> HttpResponse:
        known, replacing = person, earlier
        if known is None:
            # Their first contribution, if they joined an event of the area: record them now.
            known = _person(request, survey, create=True)
            if known is not None:
                if wave == Wave.AFTER and state.get("code"):
                    services.response_claim(survey=survey, pairing_code=state["code"], person=known)
                replacing = _earlier(survey, wave, known, state)
        pairing_code = _pairing_code(survey, wave, known, state, form)
        recorded = services.response_record(
            survey,
            wave=wave,
            role=data["role"],
            answers=form.answers(),
            person=known,
            pairing_code=pairing_code,
            source=ResponseSource.ONLINE,
            replacing=replacing,
        )
        code_known(request, survey.join_code)
        state[wave] = recorded.response.pk
        if pairing_code:
            state["code"] = pairing_code
        request.session[survey_key(survey.pk)] = state
        messages.success(
            request,
            "Your answers have been updated: they replace the ones you sent before."
            if recorded.updated
            else "Thank you. Your answers have been sent.",
        )
        return redirect("surveys_public:thanks", code=survey.join_code)

    posted = NOT_SENT
    if request.method == "POST" and request.POST.get("wave", wave) != wave:
        # The facilitator moved the survey on while this participant was answering.
        form.is_valid()
        form.add_error(
            None,
            "The survey has moved on to its second round while you were answering. Your answers are "
            "still below: check them, then send them again.",
        )
        posted = Sent(status=409)
    else:
        # Limited per address as strictly as per participant, as answers always were.
        posted = participant_send(
            request,
            form,
            send_answers,
            group="survey",
            event=survey.event,
            address_rate=settings.PARTICIPANT_RATE,
        )
    return posted.response or render(
        request,
        "surveys/public/answer.html",
        {"survey": survey, "wave": wave, "form": form, "earlier": earlier, "person": person},
        status=posted.status,
    )


def thanks(request: HttpRequest, code: str) -> HttpResponse:
    survey = _survey_for(request, code)
    state = request.session.get(survey_key(survey.pk), {})
    wave = survey.open_wave
    response = survey.responses.filter(pk=state.get(wave) or 0).first() if wave else None
    paired = (
        response is not None
        and response.wave == Wave.AFTER
        and bool(response.pair_key)
        and survey.responses.filter(
            wave=Wave.BEFORE,
            **(
                {"person_id": response.person_id}
                if response.person_id
                else {"pairing_code": response.pairing_code}
            ),
        ).exists()
    )
    return render(
        request,
        "surveys/public/thanks.html",
        {"survey": survey, "wave": wave, "response": response, "paired": paired},
    )
