"""Sign-in, per-area roles, API tokens and the permission rules."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "coproduce.accounts"
    label = "accounts"
    verbose_name = "Accounts"
