"""A force-field analysis, as the core sees it (see coproduce/methods/registry.py)."""

from coproduce.engagement.models import Method

from .. import steps
from ..registry import MethodPlugin
from . import hooks, urls

FORCE_FIELD = MethodPlugin(
    key=Method.FORCE_FIELD, steps=steps.FORCE_FIELD, hooks=hooks, facilitator_urls=urls
)
