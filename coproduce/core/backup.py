"""Back up and restore the database the site runs on, whichever it is.

SQLite is copied with its online backup API (sqlite3.Connection.backup), which reads a consistent
snapshot while the site and the worker keep writing, WAL journal included: copying the file itself could
catch it half written. PostgreSQL is dumped with ``pg_dump -Fc`` and put back with ``pg_restore --clean``
in one transaction, so a restore that fails leaves the database as it was.
"""

from __future__ import annotations

import datetime
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connections

SUFFIXES = {"sqlite": ".sqlite3", "postgresql": ".dump"}


class BackupError(Exception):
    """A backup or restore that cannot be done, said in words for the person running it."""


def default_directory() -> Path:
    return Path(settings.BASE_DIR) / "backups"


def backup(*, directory: Path | None = None, using: str = "default") -> Path:
    """Write a backup of the database to ``directory`` (backups/ by default) and return its path."""
    connection = connections[using]
    suffix = _suffix(connection.vendor)
    directory = Path(directory or default_directory())
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = directory / f"coproduce-{stamp}{suffix}"
    number = 1
    while path.exists():
        number += 1
        path = directory / f"coproduce-{stamp}-{number}{suffix}"
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={path}"], connection.settings_dict)
    return path


def restore(path: Path | str, *, using: str = "default") -> None:
    """Replace the database's contents with the backup at ``path``."""
    connection = connections[using]
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup at {path}.")
    suffix = _suffix(connection.vendor)
    if path.suffix != suffix:
        raise BackupError(
            f"{path.name} is not a {connection.vendor} backup (expected a {suffix} file): "
            "restore it into the kind of database it came from."
        )
    if connection.vendor == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError(f"{path.name} is damaged: SQLite's check of it failed.")
            connection.ensure_connection()
            source.backup(connection.connection)
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{path.name} could not be read as a SQLite database: {error}") from None
        finally:
            source.close()
    else:
        # pg_restore drops and recreates the tables: no connection of ours may hold them meanwhile.
        connection.close()
        _run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", str(path)],
            connection.settings_dict,
        )


def _suffix(vendor: str) -> str:
    if vendor not in SUFFIXES:
        raise BackupError(f"Backups of {vendor} databases are not supported: use SQLite or PostgreSQL.")
    return SUFFIXES[vendor]


def _run(command: list[str], db: dict) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed: install the PostgreSQL client tools.")
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    target = [f"--dbname={db['NAME']}"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            target.append(f"{option}={db[key]}")
    # The command is ours and its arguments are the settings' own, passed as a list: no shell.
    done = subprocess.run([*command, *target], env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")
