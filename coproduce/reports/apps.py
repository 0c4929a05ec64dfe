"""The case-study report of an area and the programme roll-up, as HTML pages and tagged PDFs."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "coproduce.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        from coproduce.engagement.signals import comment_moderated

        comment_moderated.connect(_withdraw_quoting, dispatch_uid="reports-withdraw-quoting")


def _withdraw_quoting(sender, *, comment, previous_text: str, **kwargs) -> None:
    from coproduce.reports.services import publication_withdraw_quoting

    publication_withdraw_quoting(comment=comment, previous_text=previous_text)
