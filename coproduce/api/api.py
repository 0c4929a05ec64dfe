"""The REST API (django-ninja). Endpoints live in coproduce/api/endpoints.py.

Authentication: ``Authorization: Bearer <token>`` (tokens are issued on the account's token page), or the
Django session for the browsable docs at /api/docs (session writes need the CSRF token). The OpenAPI
document is at /api/openapi.json.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from coproduce.api.auth import session_auth, token_auth
from coproduce.api.endpoints import router
from coproduce.commissioning.api import router as commissioning_router

api = NinjaAPI(
    title="coproduce API",
    version="1",
    description=(
        "Areas, events, comments, proposals and actions, and the themes, survey impact and votes read from"
        " them, with the same permissions as the pages."
    ),
    urls_namespace="api",
    auth=[token_auth, session_auth],
)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Permission denied"}, status=403)


# A service names the model's field; the request body names the id it was given as.
BODY_FIELDS = {"owner": "owner_id", "challenges": "challenge_ids", "evidence": "evidence_ids"}


@api.exception_handler(ValidationError)
def service_refused(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A rule a service enforces (an owner or challenge of another area…) is a 422, shaped like the
    request-validation 422s, so a client reads both the same way."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    detail = [
        {
            "type": "value_error",
            "loc": ["body", "payload", BODY_FIELDS.get(field, field)] if field != "__all__" else ["body"],
            "msg": message,
        }
        for field, messages in errors.items()
        for message in messages
    ]
    return api.create_response(request, {"detail": detail}, status=422)


api.add_router("", router)
api.add_router("", commissioning_router)  # coproduce/commissioning: processes and milestones
api.add_router("", "coproduce.appraisal.api.router")
api.add_router("", "coproduce.cpd.api.router")
api.add_router("", "coproduce.marketplace.api.router")
api.add_router("", "coproduce.vcs.api.router")
api.add_router("", "coproduce.kpis.api.router")
api.add_router("", "coproduce.qanda.api.router")
