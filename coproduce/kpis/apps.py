"""Key performance indicators made transparent, "you said, we did", and action owners' daily digests."""

from django.apps import AppConfig


class KpisConfig(AppConfig):
    name = "coproduce.kpis"
    label = "kpis"
    verbose_name = "KPIs and you said, we did"

    def ready(self) -> None:
        from coproduce.kpis import tasks  # noqa: F401  (registers the digest task with the worker)
