"""The fake method's pages."""

from django.http import HttpRequest, HttpResponse

from coproduce.directory.models import Person
from coproduce.methods.models import MethodSession


def participant(request: HttpRequest, session: MethodSession, person: Person) -> HttpResponse:
    return HttpResponse(f"Fake page of {session.name} for a {person.get_role_display()}")


def panel_context(session: MethodSession) -> dict:
    return {"fake_tally": 42}


def export_table(session: MethodSession) -> tuple[list[str], list[list]]:
    return ["Tally"], [[42]]
