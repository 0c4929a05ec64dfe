"""How many failed sign-ins an account and an address may have, for the back office and Django's admin.

Two limits, both on failures only: per account (the username typed, whoever types it, from wherever),
which stops guessing one password even from many addresses; and per address, looser, which stops one
address guessing at many accounts. A successful sign-in counts for nothing, and an attempt refused by a
limit counts for nothing either, so someone hammering one account from an office's shared address uses up
that account's allowance and leaves the office's colleagues able to sign in.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest
from django_ratelimit.core import get_usage

ADDRESS_GROUP = "sign-in"
ACCOUNT_GROUP = "sign-in-account"
TOO_MANY_FROM_ADDRESS = "Too many attempts to sign in from this connection. Wait a minute, then try again."
TOO_MANY_FOR_ACCOUNT = "Too many attempts to sign in to this account. Wait a minute, then try again."


def _account_key(username: str):
    return lambda group, request: username.strip().lower()


def _limits(username: str) -> list[tuple[str, Any, str, str]]:
    limits = [(ADDRESS_GROUP, "ip", settings.LOGIN_RATE, TOO_MANY_FROM_ADDRESS)]
    if username.strip():
        limits.insert(
            0, (ACCOUNT_GROUP, _account_key(username), settings.LOGIN_USERNAME_RATE, TOO_MANY_FOR_ACCOUNT)
        )
    return limits


def sign_in_refusal(request: HttpRequest, username: str) -> str | None:
    """Why this attempt is refused before its password is tried, or None."""
    for group, key, rate, message in _limits(username):
        usage = get_usage(request, group=group, key=key, rate=rate, increment=False)
        if usage is not None and usage["count"] >= usage["limit"]:
            return message
    return None


def sign_in_failed(request: HttpRequest, username: str) -> None:
    for group, key, rate, _ in _limits(username):
        get_usage(request, group=group, key=key, rate=rate, increment=True)


class LimitedSignInMixin:
    """For an AuthenticationForm: refuse over the limits, and count each failure against them."""

    request: HttpRequest | None
    data: Any
    rate_limited = False

    def clean(self) -> dict[str, Any]:
        username = str(self.data.get("username", ""))
        if self.request is not None:
            refusal = sign_in_refusal(self.request, username)
            if refusal:
                self.rate_limited = True
                raise forms.ValidationError(refusal, code="rate_limited")
        try:
            return super().clean()  # type: ignore[misc]
        except forms.ValidationError:
            if self.request is not None:
                sign_in_failed(self.request, username)
            raise


class AdminSignInForm(LimitedSignInMixin, AdminAuthenticationForm):
    pass


class LimitedAuthenticationForm(LimitedSignInMixin, AuthenticationForm):
    pass
