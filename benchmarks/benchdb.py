"""The benchmarks' own PostgreSQL database, dropped and created afresh by each run."""

from __future__ import annotations

import urllib.parse


def fresh_database(url: str) -> None:
    """Drop and create the bench database named in ``url`` (PostgreSQL only; its name must end in _bench)."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if not parts.scheme.startswith("postgres") or not name.endswith("_bench"):
        raise SystemExit("DATABASE_URL must name a PostgreSQL database ending in _bench; it is dropped first")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
