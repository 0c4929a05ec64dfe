"""CPD in commissioning: training events' CPD records, people's and organisations' logs, training needs."""

from django.apps import AppConfig


class CpdConfig(AppConfig):
    name = "coproduce.cpd"
    label = "cpd"
    verbose_name = "CPD in commissioning"
