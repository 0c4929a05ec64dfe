"""Fault script: the app under the faults a small server meets, on loopback only, bounded in time.

Three scenarios, each against a real web server (`manage.py runserver --noreload`) and the real task worker
(`manage.py worker`), with simulated participants who join an event by code and send comments through the
HTTP flow (CSRF token, session cookie), pressing "Try again" on a busy page or a server error:

(a) SQLite: the script holds a 10-second write lock (`BEGIN IMMEDIATE`) while an analysis runs and the
    participants post.
(b) SQLite: the worker is killed (SIGKILL) in the middle of an analysis and started again; the run must end
    "done" or "failed" with a reason, not stay "running".
(c) PostgreSQL: the database server is stopped and started while the participants post and the worker runs;
    the worker must still be alive afterwards and carry out a new task.

Its last line reads: faults: comments_sent=N stored=N runs_stuck=N worker_alive=0|1
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from benchdb import fresh_database

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "faults"
PY = sys.executable
PG_URL = "postgres://postgres@127.0.0.1:5432/coproduce_faults_bench"
TOKEN_MARK = 'name="csrfmiddlewaretoken" value="'  # noqa: S105 - a form field, not a password
TEXT_PREFIX = "Fault test"
# A person presses "Try again" this many times, a second and a half apart, before giving up.
MAX_TRIES = 12
RETRY_PAUSE = 1.5
FINISHED = {"done", "failed"}

ENV = {
    **{k: v for k, v in os.environ.items() if k not in {"COPRODUCE_TESTING", "DATABASE_URL"}},
    "PYTHONPATH": str(ROOT),
    "DJANGO_SETTINGS_MODULE": "coproduce.settings",
    "DEBUG": "1",
    "SECRET_KEY": "faults-bench-only",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "LOG_LEVEL": "ERROR",
    "THEMES_EMBEDDER": "tfidf",
    # The participants all come from 127.0.0.1: lift the per-address limits so only faults are measured.
    "PARTICIPANT_RATE": "100000/m",
    "PARTICIPANT_ADDRESS_RATE": "100000/m",
    "PARTICIPANT_EVENT_RATE": "100000/m",
    "JOIN_CODE_RATE": "100000/m",
    # Read by the stale-run sweep (a run whose worker stopped beating this long ago is failed), if present.
    "WORKER_STALE_AFTER": "10",
}

SEED = """
import json, random
from coproduce.engagement.models import Comment, Event, EventKind, EventStatus
from coproduce.programmes.models import Area, Programme
rng = random.Random(7)
programme = Programme.objects.create(name="Fault test")
area = Area.objects.create(programme=programme, name="Fault test area", slug="fault-test")
event = Event.objects.create(area=area, kind=EventKind.WORKSHOP, title="Fault test", date="2026-01-01",
                             status=EventStatus.OPEN)
topics = [["childcare", "places", "waiting", "nursery", "cost"], ["bus", "transport", "travel", "late", "route"],
          ["speech", "language", "therapy", "referral", "delay"], ["housing", "damp", "rent", "move", "repair"],
          ["parks", "play", "outdoor", "safe", "swings"], ["food", "bank", "vouchers", "meals", "holiday"],
          ["mental", "health", "anxiety", "support", "group"], ["jobs", "training", "skills", "work", "hours"]]
filler = "the we our need more better local families children centre time help really".split()
roles = ["la_professional", "cc_manager", "cc_staff", "vcs_provider", "parent_carer"]
Comment.objects.bulk_create(
    Comment(event=event, author_role=rng.choice(roles),
            text=" ".join(rng.choice(t) if rng.random() < 0.6 else rng.choice(filler)
                          for t in [rng.choice(topics)] for _ in range(rng.randint(8, 20))))
    for _ in range(%(comments)d))
print(json.dumps({"area": area.pk, "event": event.pk, "code": event.join_code}))
"""

QUEUE = """
from coproduce.programmes.models import Area
from coproduce.themes.services import run_start
print(run_start(area=Area.objects.get(pk=%(area)d), filters={}, n_themes=None).pk)
"""


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def manage(env: dict, *args: str, timeout: float = 180) -> str:
    done = subprocess.run(  # noqa: S603 - our own manage.py
        [PY, "manage.py", *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args[:1])} failed:\n{done.stderr[-3000:]}")
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Database:
    """The script's own look at the rows, outside Django: sqlite3 or psycopg."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.sqlite = url.startswith("sqlite:///")

    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        if self.sqlite:
            with sqlite3.connect(self.url.removeprefix("sqlite:///"), timeout=30) as connection:
                return connection.execute(sql.replace("%s", "?"), params).fetchall()
        import psycopg

        with psycopg.connect(self.url, connect_timeout=5) as connection:
            return connection.execute(sql, params).fetchall()

    def run_status(self, run: int) -> tuple[str, str]:
        status, error = self.rows("SELECT status, error FROM themes_analysisrun WHERE id = %s", (run,))[0]
        return status, error

    def stored(self, label: str) -> dict[str, int]:
        return dict(
            self.rows(
                "SELECT text, COUNT(*) FROM engagement_comment WHERE text LIKE %s GROUP BY text",
                (f"{TEXT_PREFIX} {label} %",),
            )
        )


class Browser:
    """One phone: a cookie jar, one request at a time, redirects not followed."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(form) if form else None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name] = rest.split(";", 1)[0]
            return response.status, text, response.getheader("Location", "")
        finally:
            connection.close()


def token(page: str) -> str | None:
    start = page.find(TOKEN_MARK)
    if start < 0:
        return None
    start += len(TOKEN_MARK)
    return page[start : page.index('"', start)]


@dataclass
class Tally:
    sent: set[str] = field(default_factory=set)  # every distinct comment a participant tried to send
    answered: set[str] = field(default_factory=set)  # the server said "sent" (302 back to the form)
    given_up: set[str] = field(default_factory=set)
    joined: int = 0
    # Participants post their first comment once this is set: (c) sets it as the database goes away, so
    # the first comments meet the outage whatever the timing of the joins.
    go: threading.Event = field(default_factory=threading.Event)
    retries: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def saw(self, what: str) -> None:
        with self.lock:
            self.statuses[what] = self.statuses.get(what, 0) + 1


def attempt(phone: Browser, method: str, path: str, form: dict | None, tally: Tally) -> tuple[int, str, str]:
    """One press of the button; a dropped connection or a refused one reads as status 0."""
    try:
        status, page, location = phone.request(method, path, form)
    except OSError as error:
        tally.saw(type(error).__name__)
        return 0, "", ""
    if status >= 500 or status == 429:
        tally.saw(str(status))
    return status, page, location


def join(phone: Browser, code: str, role: str, tally: Tally) -> str | None:
    """Join by code and choose a role; returns the comment form's CSRF token, or None after MAX_TRIES."""
    for _ in range(MAX_TRIES):
        status, page, _ = attempt(phone, "GET", f"/join/{code}/", None, tally)
        csrf = token(page) if status == 200 else None
        if csrf:
            status, page, location = attempt(
                phone, "POST", f"/join/{code}/", {"csrfmiddlewaretoken": csrf, "role": role}, tally
            )
            if status == 302:
                status, page, _ = attempt(phone, "GET", location, None, tally)
                csrf = token(page) if status == 200 else None
                if csrf:
                    return csrf
        with tally.lock:
            tally.retries += 1
        time.sleep(RETRY_PAUSE)
    return None


def participant(port: int, code: str, label: str, n: int, per: int, spread: float, tally: Tally) -> None:
    """A person joins, then sends `per` comments spread over `spread` seconds, trying again on errors."""
    phone = Browser(port)
    role = ["la_professional", "cc_manager", "vcs_provider", "parent_carer"][n % 4]
    texts = [
        f"{TEXT_PREFIX} {label} participant {n} comment {i}: the bus to the centre is late"
        for i in range(per)
    ]
    with tally.lock:
        tally.sent.update(texts)
    csrf = join(phone, code, role, tally)
    if csrf is None:
        with tally.lock:
            tally.given_up.update(texts)
        return
    with tally.lock:
        tally.joined += 1
    tally.go.wait(timeout=60)
    started = time.monotonic()
    for i, text in enumerate(texts):
        time.sleep(max(0.0, started + (i + n / 50) * spread / per - time.monotonic()))
        for _ in range(MAX_TRIES):
            status, page, location = attempt(
                phone, "POST", f"/join/{code}/comment/", {"csrfmiddlewaretoken": csrf, "text": text}, tally
            )
            if status == 302 and location.rstrip("/").endswith("/comment"):
                with tally.lock:
                    tally.answered.add(text)
                break
            if status == 302:  # the session was lost: join again, as the page asks
                csrf = join(phone, code, role, tally) or csrf
            elif token(page):
                csrf = token(page) or csrf
            with tally.lock:
                tally.retries += 1
            time.sleep(RETRY_PAUSE)
        else:
            with tally.lock:
                tally.given_up.add(text)


def crowd(port: int, code: str, label: str, args, spread: float, tally: Tally) -> list[threading.Thread]:
    threads = [
        threading.Thread(
            target=participant, args=(port, code, label, n, args.per, spread, tally), daemon=True
        )
        for n in range(args.participants)
    ]
    for thread in threads:
        thread.start()
    return threads


class Stack:
    """The web server and the worker on one database, with their output kept under build/faults/."""

    def __init__(self, name: str, url: str) -> None:
        self.name, self.url = name, url
        self.env = {**ENV, "DATABASE_URL": url}
        self.port = free_port()
        self.server: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None
        self.workers_started = 0

    def _spawn(self, what: str, args: list[str]) -> subprocess.Popen:
        out = open(WORK / f"{self.name}-{what}.log", "ab")  # noqa: SIM115 - closed with the process
        return subprocess.Popen(  # noqa: S603 - our own manage.py, on loopback
            [PY, "manage.py", *args], env=self.env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
        )

    def start_server(self) -> None:
        self.server = self._spawn("server", ["runserver", "--noreload", f"127.0.0.1:{self.port}"])
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            try:
                if Browser(self.port).request("GET", "/health/")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit(
            f"{self.name}: the web server did not start (see build/faults/{self.name}-server.log)"
        )

    def start_worker(self) -> None:
        # --no-reload: with DEBUG on the worker would otherwise run in a child process that a kill misses.
        self.workers_started += 1
        self.worker = self._spawn(
            "worker", ["worker", "--no-reload", "--no-startup-delay", "--interval", "0.5"]
        )

    def queue_run(self, area: int) -> int:
        return int(manage(self.env, "shell", "-c", QUEUE % {"area": area}))

    def stop(self) -> None:
        for process in (self.server, self.worker):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def prepare(url: str, comments: int) -> dict:
    env = {**ENV, "DATABASE_URL": url}
    manage(env, "migrate", "--no-input", "-v0", timeout=300)
    manage(env, "createcachetable", "-v0")
    return json.loads(manage(env, "shell", "-c", SEED % {"comments": comments}))


def wait_status(db: Database, run: int, wanted: set[str], seconds: float) -> tuple[str, str]:
    deadline = time.monotonic() + seconds
    while True:
        try:
            status, error = db.run_status(run)
        except Exception:  # noqa: BLE001 - the database may be down for a moment (scenario c)
            status, error = "unknown", ""
        if status in wanted or time.monotonic() > deadline:
            return status, error
        time.sleep(0.1)


def count(tally: Tally, stored: dict[str, int]) -> dict:
    mine = {text: n for text, n in stored.items() if text in tally.sent}
    return {
        "sent": len(tally.sent),
        "answered": len(tally.answered),
        "stored": len(mine),
        "duplicates": sum(n - 1 for n in mine.values()),
        "lost": len(tally.sent - set(mine)),
        "lost_after_ok": len(tally.answered - set(mine)),
        "given_up": len(tally.given_up),
        "retries": tally.retries,
        "errors": dict(sorted(tally.statuses.items())),
    }


def scenario_sqlite(args, results: dict) -> None:
    path = WORK / "faults.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    log(f"(a) SQLite {path.relative_to(ROOT)}: migrate and seed {args.comments} comments")
    seed = prepare(url, args.comments)
    db = Database(url)
    stack = Stack("sqlite", url)
    try:
        stack.start_server()
        stack.start_worker()
        run = stack.queue_run(seed["area"])
        status, _ = wait_status(db, run, {"running", *FINISHED}, 30)
        log(f"(a) analysis {run} is {status}; holding a 10 s write lock while participants post")
        tally = Tally()
        tally.go.set()
        threads = crowd(stack.port, seed["code"], "a", args, 12.0, tally)
        time.sleep(0.5)
        lock = sqlite3.connect(path, timeout=30, isolation_level=None)
        lock.execute("BEGIN IMMEDIATE")
        held = time.monotonic()
        time.sleep(10)
        lock.execute("COMMIT")
        lock.close()
        lock_seconds = time.monotonic() - held
        run_during_lock = db.run_status(run)[0]
        for thread in threads:
            thread.join(timeout=120)
        status, error = wait_status(db, run, FINISHED, 90)
        results["a"] = {
            **count(tally, db.stored("a")),
            "lock_seconds": round(lock_seconds, 1),
            "run_status_after_lock": run_during_lock,
            "run": status,
            "run_error": error,
            "worker_alive": stack.worker.poll() is None,
        }
        log(f"(a) {results['a']}")

        # (b) the worker killed in the middle of a run, then started again.
        run = stack.queue_run(seed["area"])
        status, _ = wait_status(db, run, {"running", *FINISHED}, 60)
        killed_while = status
        assert stack.worker is not None
        os.kill(stack.worker.pid, signal.SIGKILL)
        stack.worker.wait()
        log(f"(b) worker killed (SIGKILL) while analysis {run} was {killed_while}; starting it again")
        stack.start_worker()
        bound = float(ENV["WORKER_STALE_AFTER"]) * 3 + 30
        status, error = wait_status(db, run, FINISHED, bound)
        results["b"] = {
            "killed_while": killed_while,
            "run": status,
            "run_error": error,
            "waited_up_to_s": bound,
        }
        log(f"(b) {results['b']}")
    finally:
        stack.stop()


def pg(action: str) -> None:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(  # noqa: S603 - the local cluster only
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action],  # noqa: S607
        check=True,
        timeout=60,
    )


def pg_ready(seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"], timeout=10).returncode == 0:  # noqa: S607
            return True
        time.sleep(0.3)
    return False


def scenario_postgres(args, results: dict) -> None:
    log("(c) PostgreSQL coproduce_faults_bench: create, migrate and seed")
    fresh_database(PG_URL)
    seed = prepare(PG_URL, args.comments)
    db = Database(PG_URL)
    stack = Stack("postgres", PG_URL)
    try:
        stack.start_server()
        stack.start_worker()
        run = stack.queue_run(seed["area"])
        status, _ = wait_status(db, run, {"running", *FINISHED}, 30)
        tally = Tally()
        threads = crowd(stack.port, seed["code"], "c", args, 15.0, tally)
        deadline = time.monotonic() + 60
        while tally.joined + len(tally.given_up) // max(args.per, 1) < args.participants:
            if time.monotonic() > deadline:
                break
            time.sleep(0.1)
        down = 0.0
        if args.no_pg_stop:
            log(f"(c) analysis {run} is {status}; NOT stopping PostgreSQL (--no-pg-stop)")
        else:
            log(f"(c) analysis {run} is {status}; stopping PostgreSQL while participants post")
            stopped = time.monotonic()
            try:
                pg("stop")
                tally.go.set()
                time.sleep(args.pg_down)
            finally:
                pg("start")
                if not pg_ready(60):
                    log("(c) PostgreSQL did not answer pg_isready within 60 s")
                down = time.monotonic() - stopped
            log(f"(c) PostgreSQL back after {down:.1f} s")
        tally.go.set()
        for thread in threads:
            thread.join(timeout=120)
        status, error = wait_status(db, run, FINISHED, 60)
        alive_after_restart = stack.worker.poll() is None
        after = stack.queue_run(seed["area"])
        after_status, after_error = wait_status(db, after, FINISHED, 90)
        results["c"] = {
            **count(tally, db.stored("c")),
            "pg_down_seconds": round(down, 1),
            "run": status,
            "run_error": error,
            "worker_alive_after_restart": alive_after_restart,
            "task_after_restart": after_status,
            "task_after_restart_error": after_error,
            "worker_restarts": stack.workers_started - 1,
        }
        log(f"(c) {results['c']}")
    finally:
        stack.stop()


def findings(a: dict, b: dict, c: dict) -> list[str]:
    """Plain sentences read off the figures, so the page says what happened without hand edits."""
    out = []
    if a:
        seen = ", ".join(f"{n} × {what}" for what, n in a["errors"].items()) or "no error at all"
        out.append(
            f"- (a) Under the {a['lock_seconds']} s write lock the participants saw {seen}; "
            f"{a['stored']} of {a['sent']} comments stored, {a['duplicates']} stored twice. The analysis "
            f"was {a['run_status_after_lock']} when the lock was released and ended {a['run']}."
        )
    if b:
        if b["run"] in FINISHED:
            out.append(
                f"- (b) The run whose worker was killed ended {b['run']}: {b['run_error'] or 'no error'}."
            )
        else:
            out.append(
                f"- (b) The run whose worker was killed was still {b['run']} {b['waited_up_to_s']:.0f} s later, "
                "after the worker had been started again: nothing marked the run of a vanished worker as "
                "failed (no heartbeat or stale-run sweep answered)."
            )
    if c:
        seen = ", ".join(f"{n} × {what}" for what, n in c["errors"].items()) or "no error at all"
        out.append(
            f"- (c) While PostgreSQL was away the participants saw {seen} and pressed Try again "
            f"{c['retries']} times; {c['stored']} of {c['sent']} comments stored, {c['duplicates']} stored twice."
        )
        if c["run"] not in FINISHED:
            out.append(
                f"- (c) The analysis running when the database went away was still {c['run']} afterwards: "
                "its failure could not be written to the lost connection and the worker went on without it."
            )
        out.append(
            f"- (c) The worker process {'survived' if c['worker_alive_after_restart'] else 'did not survive'} "
            f"the restart and the analysis queued after it ended {c['task_after_restart']}."
        )
    return out


def write_report(args, results: dict, last: str, elapsed: float) -> None:
    a, b, c = results.get("a", {}), results.get("b", {}), results.get("c", {})

    def row(name: str, key: str) -> str:
        return f"| {name} | {a.get(key, '–')} | {c.get(key, '–')} |"

    lines = [
        "# Fault script",
        "",
        f"Generated by `make bench-faults` (`benchmarks/faults.py`) on "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, in {elapsed:.0f} s, on loopback only. "
        "Run it without reinstalling: `PYTHONPATH=$PWD .venv/bin/python benchmarks/faults.py`.",
        "",
        f"Each scenario runs `manage.py runserver --noreload` (DEBUG on) and `manage.py worker` on a fresh "
        f"database seeded with {args.comments} comments, and queues a theme analysis (`THEMES_EMBEDDER=tfidf`). "
        f"{args.participants} simulated participants each join the event by code (join page, role, CSRF "
        f'token, session cookie) and send {args.per} comments, pressing "Try again" on a 5xx, a 429 or a '
        f"dropped connection, up to {MAX_TRIES} times {RETRY_PAUSE} s apart.",
        "",
        "- (a) SQLite: while the analysis runs the script holds a write lock (`BEGIN IMMEDIATE`) for "
        f"{a.get('lock_seconds', '–')} s as the participants post.",
        "- (b) SQLite: the worker is killed with SIGKILL while an analysis is "
        f"{b.get('killed_while', '–')}, then started again; the script waits up to "
        f"{b.get('waited_up_to_s', '–')} s (with `WORKER_STALE_AFTER=10`) for the run to end.",
        "- (c) PostgreSQL (`coproduce_faults_bench`): the server is stopped with `pg_ctlcluster stop` and "
        f"started again ({c.get('pg_down_seconds', '–')} s without a database, until `pg_isready` answers) "
        "while the participants post; then a new analysis is queued to the same worker process.",
        "",
        "| participants' comments | (a) SQLite, write lock | (c) PostgreSQL restart |",
        "| --- | ---: | ---: |",
        row("sent (distinct)", "sent"),
        row('answered "sent" by the server', "answered"),
        row("stored (distinct)", "stored"),
        row("stored twice or more (extra rows)", "duplicates"),
        row("lost (never stored)", "lost"),
        row("lost although the server said sent", "lost_after_ok"),
        row("given up after the last try", "given_up"),
        row('presses of "Try again"', "retries"),
        row("errors seen (status: count)", "errors"),
        "",
        "| analysis runs | status at the end | error |",
        "| --- | --- | --- |",
        f"| (a) run during the write lock | {a.get('run', '–')} | {a.get('run_error', '') or '–'} |",
        f"| (b) run whose worker was killed | {b.get('run', '–')} | {b.get('run_error', '') or '–'} |",
        f"| (c) run during the PostgreSQL restart | {c.get('run', '–')} | {c.get('run_error', '') or '–'} |",
        f"| (c) run queued after the restart | {c.get('task_after_restart', '–')} | "
        f"{c.get('task_after_restart_error', '') or '–'} |",
        "",
        f"Worker process alive after the PostgreSQL restart: {c.get('worker_alive_after_restart', '–')}.",
        "",
        'A run is stuck when it is still "queued" or "running" at the end of its bounded wait.',
        "",
        "## What this run shows",
        "",
        *findings(a, b, c),
        "",
        "The server's and the worker's output is kept in `build/faults/*.log`. The last line of the run:",
        "",
        f"    {last}",
    ]
    out = ROOT / "docs" / "benchmarks-faults.md"
    out.write_text("\n".join(lines) + "\n")
    log(f"wrote {out.relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=12)
    parser.add_argument("--per", type=int, default=3, help="comments each participant sends")
    parser.add_argument("--comments", type=int, default=3000, help="comments seeded for the analysis")
    parser.add_argument("--pg-down", type=float, default=2.0, help="seconds PostgreSQL stays stopped")
    parser.add_argument("--no-pg-stop", action="store_true", help="run (c) without stopping PostgreSQL")
    parser.add_argument("--skip", default="", help="scenarios to skip: 'ab', 'c'")
    args = parser.parse_args(argv)
    # Stopping the shared PostgreSQL holds up everyone's tests: stop + wait + start stays under 10 s.
    args.pg_down = min(args.pg_down, 4.0)
    WORK.mkdir(parents=True, exist_ok=True)
    for old in WORK.glob("*.log"):
        old.unlink()
    started = time.monotonic()
    results: dict = {}
    if "a" not in args.skip:
        scenario_sqlite(args, results)
    if "c" not in args.skip:
        scenario_postgres(args, results)
    a, b, c = results.get("a", {}), results.get("b", {}), results.get("c", {})
    stuck = sum(
        1
        for status in (a.get("run"), b.get("run"), c.get("run"), c.get("task_after_restart"))
        if status is not None and status not in FINISHED
    )
    alive = int(bool(c.get("worker_alive_after_restart")) and c.get("task_after_restart") == "done")
    last = (
        f"faults: comments_sent={a.get('sent', 0) + c.get('sent', 0)} "
        f"stored={a.get('stored', 0) + c.get('stored', 0)} runs_stuck={stuck} worker_alive={alive}"
    )
    write_report(args, results, last, time.monotonic() - started)
    print(last)
    ok = stuck == 0 and alive == 1 and a.get("duplicates", 0) == c.get("duplicates", 0) == 0
    return 0 if ok and a.get("lost", 0) == c.get("lost", 0) == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
