from django.http import HttpRequest, HttpResponse
from django.urls import path

from coproduce.methods.backoffice import session_to_run


def tally(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_to_run(request, pk, "fake")
    return HttpResponse(f"Tally of {session.name}")


app_name = "fake_method"
urlpatterns = [path("methods/<int:pk>/fake/tally/", tally, name="tally")]
