"""Questions and answers: the public's questions about an area's commissioning, moderated, answered
officially, grouped by topic as an FAQ, searchable, followed by email and published as an Atom feed."""

from django.apps import AppConfig


class QandaConfig(AppConfig):
    name = "coproduce.qanda"
    label = "qanda"
    verbose_name = "Questions and answers"

    def ready(self) -> None:
        from coproduce.qanda import tasks  # noqa: F401  (registers the tasks with the backend)
