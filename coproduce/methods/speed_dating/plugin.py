"""Speed dating, as the core sees it (see coproduce/methods/registry.py)."""

from coproduce.engagement.models import Method

from .. import steps
from ..registry import MethodPlugin
from . import hooks, urls

SPEED_DATING = MethodPlugin(
    key=Method.SPEED_DATING, steps=steps.SPEED_DATING, hooks=hooks, facilitator_urls=urls
)
