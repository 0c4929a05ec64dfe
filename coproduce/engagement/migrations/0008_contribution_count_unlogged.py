"""On PostgreSQL the rate-window counts live in an UNLOGGED table: each vote bumps a count, and writing that
bump to the write-ahead log (and waiting for it to reach the disk) doubled a vote's flushes for figures
that matter for a minute. After a crash PostgreSQL empties an unlogged table, which only restarts the
windows. Other databases keep an ordinary table."""

from django.db import migrations


def unlogged(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = schema_editor.quote_name(apps.get_model("engagement", "ContributionCount")._meta.db_table)
        schema_editor.execute(f"ALTER TABLE {table} SET UNLOGGED")


def logged(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = schema_editor.quote_name(apps.get_model("engagement", "ContributionCount")._meta.db_table)
        schema_editor.execute(f"ALTER TABLE {table} SET LOGGED")


class Migration(migrations.Migration):
    dependencies = [("engagement", "0007_heartbeat")]

    operations = [migrations.RunPython(unlogged, logged, elidable=False)]
