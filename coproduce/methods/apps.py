"""Workshop methods run inside an event: six hats, ORID, KJ, Open Space, speed dating, boardstorm and
force-field analysis. Whatever participants contribute is kept as the event's comments."""

from django.apps import AppConfig


class MethodsConfig(AppConfig):
    name = "coproduce.methods"
    label = "methods"
    verbose_name = "Workshop methods"

    def ready(self) -> None:
        from coproduce.methods.kj import tasks  # noqa: F401  (registers the KJ suggestion task with its services)
