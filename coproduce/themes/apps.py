"""The analysis workspace: common emerging themes drawn from an area's comments, reviewed by people."""

from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "coproduce.themes"
    label = "themes"
    verbose_name = "Themes"
