"""The REST API over areas, events, comments, proposals and actions."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "coproduce.api"
    label = "api"
    verbose_name = "API"
