"""Live statements at events, participants' votes on them, and where the roles agree."""

from django.apps import AppConfig


class ConsensusConfig(AppConfig):
    name = "coproduce.consensus"
    label = "consensus"
    verbose_name = "Consensus"

    def ready(self) -> None:
        from coproduce.engagement.signals import comment_moderated

        comment_moderated.connect(_withdraw_quoting, dispatch_uid="consensus-withdraw-quoting")


def _withdraw_quoting(sender, *, comment, previous_text: str, **kwargs) -> None:
    from coproduce.consensus.services import statements_withdraw_quoting

    statements_withdraw_quoting(comment=comment, previous_text=previous_text)
