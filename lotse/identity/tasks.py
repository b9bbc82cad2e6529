"""Background tasks of the identity app (run by `manage.py db_worker`)."""

from django.tasks import task

from lotse.identity.batch import duplicate_run_execute


@task()
def find_duplicates_task(run_id: int) -> int:
    return duplicate_run_execute(run_id=run_id).pairs_found
