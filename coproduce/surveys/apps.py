"""Before-and-after surveys of how partners feel, and the impact by role measured from them."""

from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "coproduce.surveys"
    label = "surveys"
    verbose_name = "Surveys and impact"
