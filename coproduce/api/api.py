"""The REST API (django-ninja). Endpoints live in coproduce/api/endpoints.py.

Authentication: ``Authorization: Bearer <token>`` (tokens are issued on the account's token page), or the
Django session for the browsable docs at /api/docs (session writes need the CSRF token). The OpenAPI
document is at /api/openapi.json.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from coproduce.api.auth import session_auth, token_auth
from coproduce.api.endpoints import router

api = NinjaAPI(
    title="coproduce API",
    version="1",
    description="Areas, events, comments, proposals and actions, with the same permissions as the pages.",
    urls_namespace="api",
    auth=[token_auth, session_auth],
)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Permission denied"}, status=403)


api.add_router("", router)
