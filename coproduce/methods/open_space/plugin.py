"""Open Space, as the core sees it (see coproduce/methods/registry.py)."""

from coproduce.engagement.models import Method

from .. import steps
from ..registry import MethodPlugin
from . import hooks, urls

OPEN_SPACE = MethodPlugin(
    key=Method.OPEN_SPACE, steps=steps.OPEN_SPACE, hooks=hooks, own_capture=True, facilitator_urls=urls
)
