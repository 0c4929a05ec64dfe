"""A workshop method that exists only in the tests: its package and one line in the registry are all a
method needs for its pages, panel, export and URLs to appear."""

from coproduce.methods.registry import MethodPlugin
from coproduce.methods.steps import Step

from . import hooks, public_urls, urls

STEPS = (Step("tally", "Tally", "How many of you are here?", False, "kj_note"),)

FAKE = MethodPlugin(
    key="fake",
    label="A fake method",
    steps=STEPS,
    hooks=hooks,
    own_capture=True,
    facilitator_urls=urls,
    public_urls=public_urls,
)
