"""The case-study report of an area and the programme roll-up, as HTML pages and tagged PDFs."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "coproduce.reports"
    label = "reports"
    verbose_name = "Reports"
