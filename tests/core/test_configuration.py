"""Safe by default: what a server started from the environment does, and the headers every page sends.

Settings are read once, when Django starts, so each case of the environment is tried in a fresh Python.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from coproduce.accounts.models import AreaRole
from tests.factories import EventFactory, member

ROOT = Path(settings.BASE_DIR)
# The production environment documented in the README (Configuration), with a made-up key.
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k3Jx9-vQ2rT7wPzL5mN8bY4cH6dF1gS0aE_uI3oR7tW9yZ2xV5",
    "ALLOWED_HOSTS": "coproduce.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://coproduce.example.org",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "SECURE_PROXY_SSL_HEADER": "1",
}
# DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests' live server in the same test process.
CONFIG = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "COPRODUCE_TESTING",
    "DATABASE_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    *PRODUCTION,
}


def django_with(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """Start Django with exactly this configuration (and nothing set by the test run) and run args."""
    clean = {k: v for k, v in os.environ.items() if k not in CONFIG}
    clean.update(env, DJANGO_SETTINGS_MODULE="coproduce.settings", PYTHONPATH=str(ROOT))
    clean.setdefault("DATABASE_URL", "sqlite:///:memory:")
    command = args or ("-c", "from django.conf import settings; print(settings.DEBUG)")
    return subprocess.run(  # noqa: S603  (our own interpreter and fixed arguments)
        [sys.executable, *command], env=clean, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_debug_is_off_unless_it_is_set():
    assert django_with({"SECRET_KEY": PRODUCTION["SECRET_KEY"]}).stdout.strip() == "False"
    assert django_with({"DEBUG": "1"}).stdout.strip() == "True"


def test_a_server_with_debug_off_and_no_key_refuses_to_start():
    result = django_with({})
    assert result.returncode != 0 and "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_the_development_key_is_refused_off_this_machine_even_with_debug_on():
    result = django_with({"DEBUG": "1", "ALLOWED_HOSTS": "localhost,coproduce.example.org"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when ALLOWED_HOSTS names more than this machine" in result.stderr
    assert "coproduce.example.org" in result.stderr
    written_out = django_with({"DEBUG": "0", "SECRET_KEY": settings.DEVELOPMENT_SECRET_KEY})
    assert written_out.returncode != 0 and "SECRET_KEY must be set" in written_out.stderr


def test_the_test_settings_still_start_with_nothing_else_set():
    assert django_with({"COPRODUCE_TESTING": "1"}).returncode == 0


def test_https_settings_are_switched_on_by_the_environment():
    result = django_with(
        PRODUCTION,
        "-c",
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER)",
    )
    assert result.stdout.strip() == "True 31536000 ('HTTP_X_FORWARDED_PROTO', 'https')"


@pytest.mark.slow
def test_the_deployment_check_is_clean_with_the_documented_production_settings():
    result = django_with(PRODUCTION, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.django_db
def test_back_office_pages_and_the_api_are_never_stored_but_public_pages_may_be(client):
    event = EventFactory()
    client.force_login(member(event.area, AreaRole.FACILITATOR))
    for url in (reverse("engagement:event", args=[event.pk]), reverse("accounts:tokens"), "/api/areas"):
        assert "no-store" in client.get(url)["Cache-Control"], url
    assert "no-store" not in client.get(reverse("public:home")).get("Cache-Control", "")


@pytest.mark.django_db
def test_every_page_has_a_content_security_policy_and_inline_scripts_carry_its_nonce(client):
    event = EventFactory()
    client.force_login(member(event.area, AreaRole.FACILITATOR))
    policy = client.get(reverse("public:home"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert (
        "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )
    # A page with an inline script gets a nonce for it, new on every response.
    session = event.method_sessions.create(method="kj")
    response = client.get(reverse("kj:board", args=[session.pk]))
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'<script type="module" nonce="{nonce}">' in response.content.decode()


@pytest.mark.django_db
def test_a_missing_page_and_a_refusal_are_explained_in_plain_words(client):
    event = EventFactory()
    client.force_login(member(event.area, AreaRole.VIEWER))
    missing = client.get("/manage/no-such-page/")
    assert missing.status_code == 404
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in missing.content.decode()
    refused = client.get(reverse("engagement:capture", args=[event.pk]))
    assert refused.status_code == 403
    assert "You do not have permission to see this page" in refused.content.decode()


def test_a_server_error_is_a_page_that_says_sorry():
    from coproduce.core.views import server_error

    response = server_error(None)  # type: ignore[arg-type]
    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, there is a problem with the service" in page and settings.SITE_NAME in page
