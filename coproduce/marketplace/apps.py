"""The market place: children's centres' needs matched to the VCS's services, and market place events."""

from django.apps import AppConfig


class MarketplaceConfig(AppConfig):
    name = "coproduce.marketplace"
    label = "marketplace"
    verbose_name = "Market place"

    def ready(self) -> None:
        from coproduce.marketplace import tasks  # noqa: F401  (registers the ranking task with services)
