"""Partners' proposals and the actions that follow from them."""

from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "coproduce.proposals"
    label = "proposals"
    verbose_name = "Proposals"
