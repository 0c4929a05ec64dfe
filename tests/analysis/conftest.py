"""One BLAS/OpenMP thread per test: on a small, busy machine k-means on tiny inputs is several times faster."""

import pytest
from threadpoolctl import threadpool_limits


@pytest.fixture(autouse=True)
def _one_thread():
    with threadpool_limits(limits=1):
        yield
