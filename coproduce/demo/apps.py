"""The demo programme: the London Borough of Bexley case study and a second area."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "coproduce.demo"
    label = "demo"
    verbose_name = "Demo"
