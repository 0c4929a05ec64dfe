"""The programme, its areas (local authorities) and their challenges."""

from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "coproduce.programmes"
    label = "programmes"
    verbose_name = "Programmes"
