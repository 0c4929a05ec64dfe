"""The attendee's own page for their reflection, reached by the secret link a facilitator gives them: no
account needed, as participants join events without one. The link is the key, so it is never listed."""

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
from coproduce.cpd import services
from coproduce.cpd.forms import ReflectionForm
from coproduce.cpd.models import CpdRecord


@never_cache
def reflection(request: HttpRequest, code: str) -> HttpResponse:
    # Every lookup counts against the address, found or not, so the secret links cannot be guessed quickly.
    if is_ratelimited(
        request,
        group="cpd-reflection-link",
        key="ip",
        rate=settings.REFLECTION_LINK_RATE,
        method=ALL,
        increment=True,
    ):
        return render(request, "cpd/too_many_tries.html", status=429)
    record = get_object_or_404(
        CpdRecord.objects.select_related("person__organisation", "person__area"), reflection_code=code
    )
    form = ReflectionForm(
        request.POST if request.method == "POST" else None, initial={"reflection": record.reflection}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.cpd_reflection_set(record=record, reflection=form.cleaned_data["reflection"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, "Your reflection is saved. You can come back to this page to change it."
            )
            return redirect(record.get_reflection_url())
    response = render(
        request,
        "cpd/public_reflection.html",
        {"record": record, "form": form},
        status=400 if form.errors else 200,
    )
    response["Referrer-Policy"] = "same-origin"  # the link is the key: never sent to other sites
    response["X-Robots-Tag"] = "noindex"
    return response
