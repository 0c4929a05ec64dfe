"""SQLite is set up for a small server: WAL, NORMAL sync, a busy timeout and immediate write transactions.

These open their own connections on a real file, built from the project's settings, so what is checked is
what the web server and the worker get, not the test runner's in-memory database.
"""

import copy
import threading
import time

import pytest
from django.conf import settings
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="SQLite settings only"
)


def _wrapper(path, alias):
    params = copy.deepcopy(settings.DATABASES["default"])
    params["NAME"] = str(path)
    params.setdefault("TIME_ZONE", None)
    params.setdefault("CONN_MAX_AGE", 0)
    params.setdefault("CONN_HEALTH_CHECKS", False)
    params.setdefault("AUTOCOMMIT", True)
    params.setdefault("ATOMIC_REQUESTS", False)
    wrapper = DatabaseWrapper(params, alias=alias)
    # The raw connection Django would open (its init commands and timeout), without the test runner's guard.
    connection = wrapper.get_new_connection(wrapper.get_connection_params())
    connection.isolation_level = None  # statements below manage their own transactions
    return connection


def test_every_connection_uses_wal_normal_sync_and_waits_for_a_busy_database(tmp_path):
    db = _wrapper(tmp_path / "s.sqlite3", "one")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL: safe with WAL, far fewer fsyncs
    db.close()
    assert settings.DATABASES["default"]["OPTIONS"]["timeout"] >= 15
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.slow
def test_a_second_writer_waits_for_the_first_instead_of_failing(tmp_path):
    path = tmp_path / "w.sqlite3"
    first, second = _wrapper(path, "first"), _wrapper(path, "second")
    first.execute("CREATE TABLE note (text TEXT)")
    holding = threading.Event()

    def hold_the_write_lock():
        first.execute("BEGIN IMMEDIATE")
        first.execute("INSERT INTO note VALUES ('first')")
        holding.set()
        time.sleep(6.0)  # longer than sqlite3's 5-second default: only a longer busy timeout waits it out
        first.execute("COMMIT")
        first.close()

    thread = threading.Thread(target=hold_the_write_lock)
    thread.start()
    assert holding.wait(5)
    started = time.monotonic()
    second.execute("INSERT INTO note VALUES ('second')")  # "database is locked" without a busy timeout
    waited = time.monotonic() - started
    assert [row[0] for row in second.execute("SELECT text FROM note ORDER BY rowid")] == ["first", "second"]
    second.close()
    thread.join()
    assert waited >= 5.5
