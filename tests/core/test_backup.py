"""make backup / make restore: a round trip gives back every table's rows exactly, on SQLite and PostgreSQL."""

import hashlib

import pytest
from django.db import connection

from coproduce.core import backup
from coproduce.engagement.models import Comment
from coproduce.privacy.services import person_anonymise
from tests.factories import (
    ActionFactory,
    AttendanceFactory,
    CommentFactory,
    EventFactory,
    PersonFactory,
    QuestionFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def every_table() -> dict[str, tuple[int, str]]:
    """Each table's row count and a checksum of its rows, in an order that does not depend on storage."""
    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (names from introspection)
            rows = sorted(repr(row) for row in cursor.fetchall())
            tables[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return tables


def test_a_backup_restores_every_row_of_every_table(tmp_path):
    event = EventFactory()
    person = PersonFactory(area=event.area, name="Priya Shah")
    AttendanceFactory(event=event, person=person)
    for _ in range(3):
        CommentFactory(event=event, author=person, text="Saturdays, please – “quoted” ✓")
    QuestionFactory(survey=SurveyFactory(area=event.area))
    ActionFactory()
    before = every_table()
    assert before["engagement_comment"][0] == 3

    saved = backup.backup(directory=tmp_path)
    assert saved.exists() and saved.name.startswith("coproduce-")
    assert saved.suffix == (".sqlite3" if connection.vendor == "sqlite" else ".dump")

    # Damage after the backup: an erasure, a deletion and a new row.
    person_anonymise(person=person, mode="erase")
    Comment.objects.first().delete()
    CommentFactory(event=event)
    assert every_table() != before

    backup.restore(saved)
    assert every_table() == before


def test_restoring_a_file_that_is_not_there_says_so(tmp_path):
    with pytest.raises(backup.BackupError, match="No backup at"):
        backup.restore(tmp_path / "missing.sqlite3")
