from django_tasks import task


@task()
def probe() -> str:
    return "ran"
