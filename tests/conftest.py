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


@pytest.fixture(autouse=True)
def _directory_taxonomy(request):
    """The service directory's taxonomy of service types is seeded by a data migration; a transactional test
    (the browser journeys, the live server) empties every table when it ends, so put it back for each one."""
    marker = request.node.get_closest_marker("django_db")
    if (marker and marker.kwargs.get("transaction")) or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        from coproduce.service_directory import taxonomy_seed
        from coproduce.service_directory.models import Taxonomy, TaxonomyTerm

        taxonomy_seed.seed(Taxonomy, TaxonomyTerm)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)
