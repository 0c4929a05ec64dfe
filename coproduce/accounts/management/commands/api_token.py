"""``manage.py api_token USERNAME``: issue an API token for a user and print it (``make test-api`` uses it).

The token is made as the account's API tokens page makes one (``ApiToken.issue``); only its hash is kept,
so the raw token printed here is the only copy.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from coproduce.accounts.models import ApiToken


class Command(BaseCommand):
    help = "Issue an API token for a user and print it (to stdout, alone on its line)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="What the token is for.")
        parser.add_argument("--read-only", action="store_true", help="A token that can only read.")
        parser.add_argument("--days", type=int, default=None, help="Expire after this many days.")

    def handle(self, *args, username: str, name: str, read_only: bool, days: int | None, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user called {username!r}.")
        expires_at = timezone.now() + datetime.timedelta(days=days) if days is not None else None
        _, raw = ApiToken.issue(user=user, name=name, expires_at=expires_at, read_only=read_only)
        self.stdout.write(raw)
