"""The KJ (affinity) method, as the core sees it (see coproduce/methods/registry.py)."""

from coproduce.engagement.models import Method

from .. import steps
from ..registry import MethodPlugin
from . import hooks, urls

KJ = MethodPlugin(key=Method.KJ, steps=steps.KJ, hooks=hooks, facilitator_urls=urls)
