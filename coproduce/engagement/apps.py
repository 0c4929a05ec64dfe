"""Events, attendance and the comments people make there."""

from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "coproduce.engagement"
    label = "engagement"
    verbose_name = "Engagement"
