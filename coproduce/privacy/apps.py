from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "coproduce.privacy"
    verbose_name = "Personal data (UK GDPR)"
