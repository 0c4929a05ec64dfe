"""Background work of the KJ method: the engine's group suggestions run in the task worker.

Tasks call services; services never import tasks. ``suggest.suggestion_start`` queues ``suggest_groups``
because this module registers it when it is imported, which ``MethodsConfig.ready`` makes sure of.
"""

from django_tasks import task

from coproduce.core.heartbeat import beating
from coproduce.methods.kj.suggest import suggestion_carry_out, suggestion_task_register
from coproduce.methods.models import KJSuggestion, KJSuggestionStatus


@task()
def suggest_groups(suggestion_id: int) -> str:
    suggestion = KJSuggestion.objects.select_related("session", "created_by").get(pk=suggestion_id)
    if suggestion.status != KJSuggestionStatus.QUEUED:
        return suggestion.status  # already taken by another worker
    # The engine reports progress only between its steps: a thread beats too, so it is not thought stopped.
    with beating(KJSuggestion, suggestion.pk):
        return suggestion_carry_out(suggestion=suggestion).status


suggestion_task_register(suggest_groups)
