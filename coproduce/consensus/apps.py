"""Live statements at events, participants' votes on them, and where the roles agree."""

from django.apps import AppConfig


class ConsensusConfig(AppConfig):
    name = "coproduce.consensus"
    label = "consensus"
    verbose_name = "Consensus"
