"""The public site: only what is published."""

from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "coproduce.public"
    label = "public"
    verbose_name = "Public site"
