"""Options appraisal of delivery models, the Green Book way: long list, short list, preferred option."""

from django.apps import AppConfig


class AppraisalConfig(AppConfig):
    name = "coproduce.appraisal"
    label = "appraisal"
    verbose_name = "Options appraisal"
