"""Request and response rules that hold for every page of the site."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
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
