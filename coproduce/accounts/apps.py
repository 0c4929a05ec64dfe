"""Sign-in, per-area roles, API tokens and the permission rules."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "coproduce.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from django.contrib import admin

        from coproduce.accounts.signin import AdminSignInForm

        # Django's admin would otherwise take unlimited guesses at a superuser's password.
        admin.site.login_form = AdminSignInForm
