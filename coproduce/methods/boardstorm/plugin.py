"""A boardstorm, as the core sees it (see coproduce/methods/registry.py)."""

from coproduce.engagement.models import Method

from .. import steps
from ..registry import MethodPlugin
from . import hooks, urls

BOARDSTORM = MethodPlugin(
    key=Method.BOARDSTORM, steps=steps.BOARDSTORM, hooks=hooks, own_capture=True, facilitator_urls=urls
)
