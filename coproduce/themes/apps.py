"""The analysis workspace: common emerging themes drawn from an area's comments, reviewed by people."""

from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "coproduce.themes"
    label = "themes"
    verbose_name = "Themes"

    def ready(self) -> None:
        from coproduce.engagement.signals import comment_moderated
        from coproduce.themes import tasks  # noqa: F401  (registers the analysis task with the services)

        comment_moderated.connect(_recount, dispatch_uid="themes-recount-sizes")


def _recount(sender, *, comment, **kwargs) -> None:
    from coproduce.themes.services import theme_sizes_recount

    theme_sizes_recount(comment_id=comment.pk)
