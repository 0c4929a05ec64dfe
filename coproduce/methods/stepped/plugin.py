"""The stepped methods, six thinking hats and ORID, as the core sees them (see
coproduce/methods/registry.py): a question per stage, answered on the stepped participant page."""

from coproduce.engagement.models import Method

from .. import steps
from ..registry import MethodPlugin
from . import hooks

SIX_HATS = MethodPlugin(key=Method.SIX_HATS, steps=steps.SIX_HATS, hooks=hooks, package="stepped")
ORID = MethodPlugin(key=Method.ORID, steps=steps.ORID, hooks=hooks, package="stepped")
