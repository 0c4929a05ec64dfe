"""Fixtures every test shares: no rate limits unless a test turns them on, an empty cache; browser tests
count as slow."""

import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.RATELIMIT_ENABLE = False


@pytest.fixture(autouse=True)
def _empty_cache():
    for alias in ("default", "local"):
        caches[alias].clear()
    yield
    for alias in ("default", "local"):
        caches[alias].clear()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)
