from django_tasks import task


@task()
def probe() -> str:
    return "ran"


@task()
def record(path: str, number: int) -> int:
    # Appends are atomic for short lines, so two workers' records never interleave.
    with open(path, "a") as f:
        f.write(f"{number}\n")
    return number
