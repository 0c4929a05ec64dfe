from django.db import migrations

from coproduce.service_directory import taxonomy_seed


def seed(apps, schema_editor):
    taxonomy_seed.seed(apps.get_model("service_directory", "Taxonomy"), apps.get_model("service_directory", "TaxonomyTerm"))


class Migration(migrations.Migration):
    dependencies = [("service_directory", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
