"""Organisations and the people who take part, each with a role."""

from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "coproduce.directory"
    label = "directory"
    verbose_name = "Directory"
