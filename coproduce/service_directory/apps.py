"""A directory of VCS services in Open Referral UK 3.0 terms, reviewed before publication, and its ORUK API."""

from django.apps import AppConfig


class ServiceDirectoryConfig(AppConfig):
    name = "coproduce.service_directory"
    label = "service_directory"
    verbose_name = "Service directory (Open Referral UK)"
