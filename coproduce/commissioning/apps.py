"""Commissioning: an area's commissioning timetable and its publication as Open Contracting data."""

from django.apps import AppConfig


class CommissioningConfig(AppConfig):
    name = "coproduce.commissioning"
    label = "commissioning"
    verbose_name = "Commissioning"
