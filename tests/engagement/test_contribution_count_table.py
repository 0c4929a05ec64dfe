"""The vote budget's counts are kept where a vote costs least: an unlogged table on PostgreSQL."""

import pytest
from django.db import connection

from coproduce.engagement.models import ContributionCount
from coproduce.engagement.services import contribution_count

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="UNLOGGED is PostgreSQL's")
def test_the_rate_window_counts_are_an_unlogged_table_on_postgresql():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relpersistence FROM pg_class WHERE relname = %s", [ContributionCount._meta.db_table]
        )
        assert cursor.fetchone() == ("u",)


def test_a_window_counts_up_in_its_table():
    assert [contribution_count(key="vote:s", period=60, now=120.0) for _ in range(3)] == [1, 2, 3]
    assert ContributionCount.objects.get(key="vote:s").count == 3
