"""Data a whole test module only reads, built once per module instead of once per test.

The rows are written inside a transaction held open for the module and rolled back at its end; each
test still runs in its own savepoint (pytest-django's ``db``), so what a test writes is undone after it
and the next test sees the data as it was built. Use it only where tests do not need their own copy of
the objects in memory: the instances are shared.
"""

from collections.abc import Callable, Iterator
from typing import TypeVar

from django.db import transaction

T = TypeVar("T")


def built_once(django_db_blocker, build: Callable[[], T]) -> Iterator[T]:
    """Yield what ``build`` made, then roll it back: the body of a module-scoped fixture."""
    with django_db_blocker.unblock():
        module = transaction.atomic()
        module.__enter__()
        try:
            made = build()
        except BaseException:
            transaction.set_rollback(True)
            module.__exit__(None, None, None)
            raise
    try:
        yield made
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            module.__exit__(None, None, None)
