"""Shared pieces: the page layout, form rendering, charts and the health check."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "coproduce.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from coproduce.core import lookups

        lookups.register()
