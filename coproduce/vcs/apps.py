"""Understanding the VCS: organisations' profiles, their health checks, and who works with whom."""

from django.apps import AppConfig


class VcsConfig(AppConfig):
    name = "coproduce.vcs"
    label = "vcs"
    verbose_name = "Understanding the VCS"
