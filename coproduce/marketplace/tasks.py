"""Background work of the market place: a need's matches are worked out in the task worker, because the
embedder reads every description for meaning, which takes longer than a page should wait.

Tasks call services; services never import tasks. ``services.need_rank_start`` queues ``rank_need``
because this module registers it when it is imported, which ``MarketplaceConfig.ready`` makes sure of.
"""

from django_tasks import task

from coproduce.marketplace.models import Need
from coproduce.marketplace.services import need_rank_carry_out, rank_task_register


@task()
def rank_need(need_id: int) -> str:
    need = Need.objects.filter(pk=need_id).select_related("area", "service_type", "location").first()
    if need is None:
        return "gone"  # deleted meanwhile
    return need_rank_carry_out(need=need).ranking_status


rank_task_register(rank_need)
