"""When the database is busy, nobody's words are lost: the form comes back holding them, to send again.

These hold a real write lock from a second connection (SQLite's file lock, or PostgreSQL table locks) with a
short wait, while a participant sends a comment through the real join and comment pages, or someone signs in.
"""

import logging
import sqlite3
from contextlib import contextmanager
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from coproduce.core.middleware import DatabaseBusyMiddleware
from coproduce.directory.models import Person
from coproduce.engagement.models import Comment
from tests.factories import EventFactory, UserFactory

SQLITE = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def write_lock(tmp_path):
    """Another process in the middle of a long write (an import, the task worker), on the real database.

    On SQLite the test database is copied to a file that the site's connection then uses, waiting 0.2 s
    when busy; a second connection holds the file's write lock. On PostgreSQL a second connection holds
    an EXCLUSIVE lock (reads go on, writes wait) on the named tables, and the site waits 0.2 s for it."""
    if SQLITE:
        path = tmp_path / "busy.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
        in_memory = connection.connection
        saved_name, saved_options = connection.settings_dict["NAME"], connection.settings_dict["OPTIONS"]
        # Closing the in-memory connection would destroy the test database: set it aside instead.
        connection.connection = None
        connection.settings_dict["NAME"] = str(path)
        connection.settings_dict["OPTIONS"] = {**saved_options, "timeout": 0.2}
        connection.ensure_connection()

        @contextmanager
        def hold(*tables):
            other = sqlite3.connect(path, isolation_level=None)
            other.execute("BEGIN IMMEDIATE")
            try:
                yield
            finally:
                other.execute("ROLLBACK")
                other.close()

        yield hold
        connection.connection.close()
        connection.connection = in_memory
        connection.settings_dict["NAME"], connection.settings_dict["OPTIONS"] = saved_name, saved_options
    else:
        import psycopg

        params = connection.get_connection_params()
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '200ms'")

        @contextmanager
        def hold(*tables):
            other = psycopg.connect(**params)
            other.execute(f"LOCK TABLE {', '.join(tables)} IN EXCLUSIVE MODE")
            try:
                yield
            finally:
                other.rollback()
                other.close()

        yield hold
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")


class Forms(HTMLParser):
    """The page's forms as a browser would send them: action, method and (name, value) pairs."""

    def __init__(self, html):
        super().__init__()
        self.forms, self._textarea = [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action"), "method": attrs.get("method"), "fields": []})
        elif tag == "input" and self.forms and attrs.get("name"):
            self.forms[-1]["fields"].append((attrs["name"], attrs.get("value", "")))
        elif tag == "textarea" and self.forms:
            self._textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            name, value = self._textarea
            # A browser drops one line break straight after <textarea>, as HTML says.
            self.forms[-1]["fields"].append((name, value[1:] if value.startswith("\n") else value))
            self._textarea = None


def post_data(fields):
    data = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return data


def join(client, event):
    response = client.post(reverse("public:join"), {"code": event.join_code})
    response = client.post(response.url, {"role": "parent_carer"})
    assert response.status_code == 302
    return response.url.split("?")[0]


def test_a_comment_sent_while_the_database_is_locked_comes_back_to_send_again(client, write_lock, caplog):
    event = EventFactory()
    comment_url = join(client, event)
    text = "The children's centre on Park Road needs\nlonger opening hours for working parents."

    with (
        write_lock("engagement_comment"),
        caplog.at_level(logging.WARNING, logger="coproduce.core.middleware"),
    ):
        response = client.post(comment_url, {"text": text})

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "The database was busy, so nothing was saved" in body
    assert any("Database busy" in record.message for record in caplog.records)
    assert Comment.objects.count() == 0
    assert Person.objects.count() == 0  # joining records nobody until they contribute; nothing was saved
    # Nor does the session remember a person whose row was rolled back (SQLite can reuse its id):
    # a 5xx answer's session is not saved.
    assert not [
        key
        for key, _ in client.session.items()
        if key.startswith(("coproduce:person", "coproduce:attending"))
    ]
    [form] = [f for f in Forms(body).forms if f["method"] == "post"]
    assert form["action"] == comment_url
    assert ("text", text) in form["fields"]
    assert any(name == "csrfmiddlewaretoken" and value for name, value in form["fields"])

    # The lock has gone: pressing Try again sends what the form holds, and it is stored once.
    again = client.post(form["action"], post_data(form["fields"]))

    assert again.status_code == 302
    assert list(Comment.objects.values_list("text", flat=True)) == [text]


def test_every_posted_field_is_kept_but_never_a_password(client, write_lock):
    user = UserFactory(username="sam")
    client.cookies.clear()

    with write_lock("django_session", "auth_user"):
        response = client.post(
            reverse("accounts:login"),
            {"username": user.username, "password": "pass-word-123", "next": "/manage/"},
        )

    assert response.status_code == 503
    body = response.content.decode()
    assert "pass-word-123" not in body
    assert "your password was not kept" in body
    [form] = [f for f in Forms(body).forms if f["method"] == "post"]
    assert ("username", "sam") in form["fields"]
    assert ("next", "/manage/") in form["fields"]
    assert not any("password" in name for name, _ in form["fields"])


def real_error(sql, *, lock=None):
    try:
        with connection.cursor() as cursor:
            if lock is None:
                cursor.execute(sql)
            else:
                with lock:
                    cursor.execute(sql)
    except DatabaseError as error:
        return error
    raise AssertionError(f"{sql} did not fail")


def test_only_a_busy_database_while_a_form_is_sent_gives_the_form_back(write_lock):
    """A page being read has no words to give back, and SQLite's OperationalError for a missing table is a
    programming error: both keep the normal 500 path."""
    busy = DatabaseBusyMiddleware(lambda request: HttpResponse())
    locked = real_error(
        "INSERT INTO django_session VALUES ('k', 'd', '2030-01-01')", lock=write_lock("django_session")
    )
    missing_table = real_error("SELECT * FROM no_such_table")

    assert busy.process_exception(RequestFactory().post("/", {"a": "b"}), locked).status_code == 503
    assert busy.process_exception(RequestFactory().get("/"), locked) is None
    assert busy.process_exception(RequestFactory().post("/", {"a": "b"}), missing_table) is None
