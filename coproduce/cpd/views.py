"""Back office: CPD given for training events, people's and organisations' CPD logs, training needs and
certificates. Reading follows VIEW_CPD (centre managers and VCS members see their own organisation's
people only); giving and editing follow GIVE_CPD; needs follow RECORD_TRAINING_NEED."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from coproduce.accounts.rules import GIVE_CPD, RECORD_TRAINING_NEED, VIEW_CPD, authorise, cpd_sees_all
from coproduce.core.exports import csv_response
from coproduce.core.forms import add_service_errors
from coproduce.core.history import history_rows
from coproduce.core.navigation import area_crumbs, event_crumbs
from coproduce.cpd import certificate, selectors, services
from coproduce.cpd.forms import (
    CpdRecordCreateForm,
    CpdRecordForm,
    ReflectionForm,
    TrainingContentForm,
    TrainingNeedForm,
)
from coproduce.cpd.models import CpdRecord, TrainingContent, TrainingNeed
from coproduce.directory.models import Organisation, Person
from coproduce.engagement.models import Event, EventKind
from coproduce.engagement.selectors import people_at
from coproduce.programmes.models import Area

RECORDS = CpdRecord.objects.select_related("person__organisation", "person__area__programme", "event")


def _cpd_crumbs(area: Area, *more: tuple[str, str]) -> list[tuple[str, str]]:
    return area_crumbs(area, ("CPD", reverse("cpd:area", args=[area.slug])), *more)


@login_required
def area_cpd(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, VIEW_CPD, area)
    records = selectors.visible_records(request.user, area)
    organisations = selectors.visible_organisations(request.user, area)
    people: dict[int, list] = {}
    for record in records.order_by("person__name", "pk"):
        row = people.setdefault(record.person_id, [record.person, 0, 0])
        row[1] += record.hours
        row[2] += 1
    needs = selectors.visible_needs(request.user, area)
    return render(
        request,
        "cpd/area.html",
        {
            "area": area,
            "events": selectors.training_events(area),
            "people": list(people.values()),
            "organisations": organisations,
            "open_needs": needs.filter(met_on__isnull=True).count(),
            "met_needs": needs.filter(met_on__isnull=False).count(),
            "total": selectors.total_hours(records),
            "record_count": records.count(),
            "sees_all": cpd_sees_all(request.user, area),
            "can_give": request.user.has_perm(GIVE_CPD, area),
            "illustrative": records.filter(is_illustrative=True).exists(),
            "breadcrumbs": area_crumbs(area),
        },
    )


@login_required
def event_cpd(request: HttpRequest, pk: int) -> HttpResponse:
    """Say what CPD a training event gives and give it to everyone who attended (again, for newcomers)."""
    event = get_object_or_404(Event.objects.select_related("area"), pk=pk)
    authorise(request.user, GIVE_CPD, event)
    content = TrainingContent.objects.filter(event=event).first()
    initial = (
        {
            "hours": f"{content.hours.normalize():f}",
            "topic": content.topic,
            "learning_objectives": "\n".join(content.learning_objectives),
        }
        if content
        else {"topic": event.title}
    )
    form = TrainingContentForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.training_content_set(event=event, **form.cleaned_data)
            new = services.cpd_give_for_event(event=event)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if new:
                messages.success(
                    request,
                    f"CPD given: {len(new)} new record{'s' if len(new) != 1 else ''} for {event.title}.",
                )
            else:
                messages.success(request, "CPD saved. Everyone who attended already had a record.")
            return redirect("cpd:event", pk=event.pk)
    records = RECORDS.filter(event=event).order_by("person__name", "pk")
    attendees = people_at(event)
    named = (
        services.cpd_people(event).count()
        + event.register.filter(person__isnull=True).exclude(name="").count()
    )
    return render(
        request,
        "cpd/event.html",
        {
            "event": event,
            "area": event.area,
            "form": form,
            "content": content,
            "records": records,
            "attendees": attendees,
            "without_record": named - records.count(),
            "nameless": event.attendances.filter(person__name="").count(),
            "is_training": event.kind == EventKind.TRAINING,
            "breadcrumbs": event_crumbs(event),
        },
        status=400 if form.errors else 200,
    )


@login_required
def record_create(request: HttpRequest, slug: str) -> HttpResponse:
    """A record by hand, for training outside coproduce."""
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, GIVE_CPD, area)
    people = Person.objects.filter(area=area).exclude(name="").select_related("organisation").order_by("name")
    initial = {}
    if request.GET.get("person", "").isdigit():
        initial["person"] = request.GET["person"]
    form = CpdRecordCreateForm(
        request.POST if request.method == "POST" else None, initial=initial, people=people
    )
    if request.method == "POST" and form.is_valid():
        try:
            record = services.cpd_record_create(**form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"CPD record added for {record.person}.")
            return redirect(record)
    return render(
        request,
        "cpd/record_form.html",
        {
            "form": form,
            "area": area,
            "heading": "Add a CPD record",
            "intro": "For training outside coproduce: a course, a conference, an e-learning module.",
            "cancel": reverse("cpd:area", args=[area.slug]),
            "breadcrumbs": _cpd_crumbs(area),
        },
        status=400 if form.errors else 200,
    )


@login_required
def record_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(RECORDS, pk=pk)
    authorise(request.user, GIVE_CPD, record)
    initial = {
        "title": record.title,
        "provider": record.provider,
        "date": record.date,
        "hours": f"{record.hours.normalize():f}",
        "topic": record.topic,
        "learning_objectives": "\n".join(record.learning_objectives),
    }
    form = CpdRecordForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.cpd_record_update(record=record, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "CPD record updated.")
            return redirect(record)
    return render(
        request,
        "cpd/record_form.html",
        {
            "form": form,
            "area": record.area,
            "heading": f"Change {record.person}’s CPD record",
            "cancel": record.get_absolute_url(),
            "breadcrumbs": _cpd_crumbs(record.area, (str(record.person), _person_url(record.person))),
        },
        status=400 if form.errors else 200,
    )


def _person_url(person: Person) -> str:
    return reverse("cpd:person", args=[person.pk])


@login_required
def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(RECORDS, pk=pk)
    authorise(request.user, VIEW_CPD, record)
    return render(
        request,
        "cpd/record.html",
        {
            "record": record,
            "area": record.area,
            "can_edit": request.user.has_perm(GIVE_CPD, record),
            "history": history_rows(
                record.history.select_related("history_user"),
                labels={"reflection": "Reflection", "hours": "Hours", "topic": "Topic"},
            ),
            "breadcrumbs": _cpd_crumbs(record.area, (str(record.person), _person_url(record.person))),
        },
    )


@login_required
def reflection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The attendee's reflection, typed by them or by a facilitator on their behalf. Every version is kept."""
    record = get_object_or_404(RECORDS, pk=pk)
    authorise(request.user, GIVE_CPD, record)
    form = ReflectionForm(
        request.POST if request.method == "POST" else None, initial={"reflection": record.reflection}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.cpd_reflection_set(record=record, reflection=form.cleaned_data["reflection"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Reflection saved for {record.person}.")
            return redirect(record)
    return render(
        request,
        "cpd/reflection_form.html",
        {
            "form": form,
            "record": record,
            "area": record.area,
            "breadcrumbs": _cpd_crumbs(
                record.area,
                (str(record.person), _person_url(record.person)),
                (record.title, record.get_absolute_url()),
            ),
        },
        status=400 if form.errors else 200,
    )


@login_required
def record_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(RECORDS, pk=pk)
    authorise(request.user, VIEW_CPD, record)
    response = HttpResponse(certificate.certificate_pdf(record), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="cpd-certificate-{record.pk}.pdf"'
    return response


@login_required
def person_log(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("area", "organisation"), pk=pk)
    authorise(request.user, VIEW_CPD, person)
    return render(
        request,
        "cpd/person.html",
        {
            "log": selectors.person_log(person),
            "person": person,
            "area": person.area,
            "can_give": request.user.has_perm(GIVE_CPD, person),
            "breadcrumbs": _cpd_crumbs(person.area),
        },
    )


@login_required
def person_csv(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("area", "organisation"), pk=pk)
    authorise(request.user, VIEW_CPD, person)
    log = selectors.person_log(person)
    return csv_response(f"cpd-log-person-{person.pk}.csv", selectors.records_table(log.records, title="CPD"))


@login_required
def organisation_log(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("area"), pk=pk)
    authorise(request.user, VIEW_CPD, organisation)
    return render(
        request,
        "cpd/organisation.html",
        {
            "log": selectors.organisation_log(organisation),
            "organisation": organisation,
            "area": organisation.area,
            "can_record_needs": request.user.has_perm(RECORD_TRAINING_NEED, organisation),
            "breadcrumbs": _cpd_crumbs(organisation.area),
        },
    )


@login_required
def organisation_csv(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("area"), pk=pk)
    authorise(request.user, VIEW_CPD, organisation)
    log = selectors.organisation_log(organisation)
    return csv_response(
        f"cpd-log-organisation-{organisation.pk}.csv", selectors.records_table(log.records, title="CPD")
    )


def _need_page(
    request: HttpRequest, *, organisation: Organisation, training_need: TrainingNeed | None
) -> HttpResponse:
    initial: dict[str, object] = {"priority": "medium"}
    if training_need is not None:
        initial = {
            "need": training_need.need,
            "priority": training_need.priority,
            "raised_on": training_need.raised_on,
            "met_on": training_need.met_on,
            "met_by_event": training_need.met_by_event_id,
            "met_by_records": list(training_need.met_by_records.values_list("pk", flat=True)),
            "how_met": training_need.how_met,
        }
    form = TrainingNeedForm(
        request.POST if request.method == "POST" else None, initial=initial, organisation=organisation
    )
    back = reverse("cpd:organisation", args=[organisation.pk])
    if request.method == "POST" and form.is_valid():
        try:
            if training_need is None:
                services.training_need_create(organisation=organisation, **form.cleaned_data)
                messages.success(request, "Training need recorded.")
            else:
                services.training_need_update(training_need=training_need, **form.cleaned_data)
                messages.success(request, "Training need updated.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(back + "#needs")
    return render(
        request,
        "cpd/need_form.html",
        {
            "form": form,
            "organisation": organisation,
            "area": organisation.area,
            "training_need": training_need,
            "heading": "Record a training need" if training_need is None else "Change a training need",
            "cancel": back,
            "history": history_rows(training_need.history.select_related("history_user"))
            if training_need
            else [],
            "breadcrumbs": _cpd_crumbs(organisation.area, (organisation.name, back)),
        },
        status=400 if form.errors else 200,
    )


@login_required
def need_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("area"), pk=pk)
    authorise(request.user, RECORD_TRAINING_NEED, organisation)
    return _need_page(request, organisation=organisation, training_need=None)


@login_required
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    training_need = get_object_or_404(TrainingNeed.objects.select_related("organisation__area"), pk=pk)
    authorise(request.user, RECORD_TRAINING_NEED, training_need)
    return _need_page(request, organisation=training_need.organisation, training_need=training_need)
