"""How the API knows who is calling: a bearer token, or the Django session (for the browsable docs).

A token may have an expiry, after which it is refused (401), and may be read-only, when any method that
could change something is refused (403), whatever the user's roles allow.

Token requests set ``request.user`` to the token's user, so that django-simple-history (which reads
``HistoricalRecords.context.request.user``, set by HistoryRequestMiddleware to this same request object)
records who made each change, exactly as it does for the pages.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from coproduce.accounts.models import ApiToken, hash_token

# Methods a read-only token may use: the ones that change nothing.
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# last_used_at is written at most this often per token, so busy clients do not write on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <raw token>``. Only the hash is stored, so the token is looked up by hash."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        token = token.strip()
        if not token:
            return None
        api_token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(token)).first()
        if api_token is None or not api_token.user.is_active:
            return None
        now = timezone.now()
        if api_token.has_expired(now):
            expired = timezone.localtime(api_token.expires_at).strftime("%-d %B %Y %H:%M")
            raise HttpError(
                401, f"This token expired on {expired}. Create a new one on your API tokens page."
            )
        if api_token.read_only and request.method not in READ_METHODS:
            raise HttpError(
                403,
                "This token is read-only: it can read but not change anything. "
                "Use a token without “Read only” to make changes.",
            )
        if api_token.last_used_at is None or now - api_token.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
            api_token.last_used_at = now
        user = api_token.user
        # The history middleware holds this request; it reads request.user when a write saves a history row.
        request.user = user
        request.api_token = api_token  # type: ignore[attr-defined]
        return user


class SessionCsrfAuth(SessionAuth):
    """The signed-in Django user, with Django's CSRF check on writes.

    Unlike ninja's ``django_auth`` it only checks CSRF once there is a signed-in user, so an anonymous
    write gets a 401 rather than a CSRF 403; and it steps aside when an Authorization header is sent, so
    a bad token is a 401 even from a browser that also has a session.
    """

    def __call__(self, request: HttpRequest) -> Any:
        if request.headers.get("Authorization"):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, "CSRF check failed. Send the X-CSRFToken header with session requests.")
        return user


token_auth = TokenAuth()
session_auth = SessionCsrfAuth()
