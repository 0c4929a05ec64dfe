"""Request and response rules that hold for every page of the site."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.utils import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.template import loader
from django.utils.cache import add_never_cache_headers

NUL = "\x00"


def _strip(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace(NUL, "")
    if isinstance(value, list):
        return [_strip(item) for item in value]
    if isinstance(value, dict):
        return {_strip(key): _strip(item) for key, item in value.items()}
    return value


def _stripped(query: QueryDict) -> Any:  # an immutable QueryDict, as Django gives them
    if not any(NUL in key or any(NUL in v for v in values) for key, values in query.lists()):
        return query
    clean = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        clean.setlist(_strip(key), _strip(values))
    clean._mutable = False
    return clean


class NullCharacterMiddleware:
    """Strip NUL characters from query strings, forms and JSON bodies; a path with one is not found.

    PostgreSQL cannot store NUL in text and raises an error that would be a 500, and nobody means to type
    one, so the character is dropped before any view, form or API schema sees the request. Doing it here
    covers every text field at once, the API's as well as the pages'.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if NUL in request.path:
            raise Http404("No such page")
        request.GET = _stripped(request.GET)
        content_type = request.content_type or ""
        if request.method == "POST" and content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            request.POST = _stripped(request.POST)
        elif content_type == "application/json" and request.method in ("POST", "PUT", "PATCH"):
            body = request.body
            if b"\\u0000" in body or b"\x00" in body:
                try:
                    data = json.loads(body.replace(b"\x00", b""))
                except ValueError:
                    pass  # not JSON after all: the view says so
                else:
                    request._body = json.dumps(_strip(data)).encode()
        return self.get_response(request)


# The back office, the API and Django's admin show what only signed-in staff may see.
PRIVATE_PREFIXES = ("/manage/", "/api/", "/django-admin/")


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on back-office pages and the API.

    A shared computer's browser, or a proxy, must not keep a copy of a page about people's comments for
    the next person to find with the back button.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(PRIVATE_PREFIXES):
            add_never_cache_headers(response)
        return response


logger = logging.getLogger(__name__)

# A posted field whose name says it is a secret is never written back into a page.
SECRET_NAME_PARTS = ("password", "token", "secret")
# Longer than this, or with a space or a line break in it, a value is somebody's words: shown in a box.
SHORT_VALUE = 30
RETRY_AFTER_SECONDS = 5


def _is_busy(error: Exception) -> bool:
    """A database that is busy or out of reach, not a mistake in the code.

    PostgreSQL's OperationalError and InterfaceError are all of that kind (a lost connection, a lock or
    statement timeout, a deadlock, a serialisation failure). SQLite also raises OperationalError for "no
    such table" and bad SQL, which are programming errors and must stay a 500, so only its locked and busy
    errors count."""
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    if isinstance(error.__cause__, sqlite3.Error):
        message = str(error).lower()
        return "locked" in message or "busy" in message
    return True


def _is_secret(name: str) -> bool:
    lowered = name.lower()
    return any(part in lowered for part in SECRET_NAME_PARTS)


def _is_words(value: str) -> bool:
    return len(value) > SHORT_VALUE or any(character.isspace() for character in value)


class DatabaseBusyMiddleware:
    """When the database is busy while a form is being sent, give the person their words back.

    A long import or the task worker can hold SQLite's write lock for longer than the busy timeout, and a
    PostgreSQL connection can drop. The view's own transaction has rolled back by then (``atomic`` blocks
    roll back as the error leaves them; ATOMIC_REQUESTS is off), so nothing was saved. Instead of the 500
    page, which loses what was typed, the answer is a 503 page holding every posted field in a form that
    posts back to the same address: pressing "Try again" sends exactly what was typed. Passwords, tokens
    and files are never written into the page. Only POSTs, and only a busy database: anything else keeps
    the normal error path. The answer is a 5xx, so Django does not save the session either: it could
    name a row that was rolled back, and saving it would meet the busy database again.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.method != "POST" or not _is_busy(exception):
            return None
        logger.warning(
            "Database busy during POST %s, nothing saved, form given back: %s", request.path, exception
        )
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse(
                {"detail": "The database was busy, so nothing was saved. Send the request again."},
                status=503,
            )
        else:
            response = self._form_again(request)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response

    def _form_again(self, request: HttpRequest) -> HttpResponse:
        words: list[tuple[str, str]] = []
        hidden: list[tuple[str, str]] = []
        secrets_dropped = False
        for name, values in request.POST.lists():
            if name == "csrfmiddlewaretoken":
                continue  # the page makes a fresh one
            if _is_secret(name):
                secrets_dropped = True
                continue
            for value in values:
                (words if _is_words(value) else hidden).append((name, value))
        files = [upload.name for uploads in request.FILES.lists() for upload in uploads[1]]
        context = {
            "action": request.get_full_path(),
            "words": [
                {"name": name, "value": value, "label": name.replace("_", " ").capitalize()}
                for name, value in words
            ],
            "hidden": [{"name": name, "value": value} for name, value in hidden],
            "secrets_dropped": secrets_dropped,
            "files": files,
            "SITE_NAME": settings.SITE_NAME,
        }
        # With the request, for a fresh CSRF token; no context processor or the base template reads the
        # database, which may still be busy.
        return HttpResponse(loader.render_to_string("core/busy.html", context, request=request), status=503)
