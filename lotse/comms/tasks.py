"""Background tasks of the outbox (run by `manage.py db_worker`)."""

from django.tasks import task
from django.utils import timezone

from lotse.comms.outbox import next_due_at, outbox_send_due


@task()
def outbox_send() -> dict[str, int]:
    """Send the due messages; when retries wait, enqueue the next run for the first of them."""
    run = outbox_send_due()
    due = next_due_at()
    if due is not None and due > timezone.now():
        outbox_send.using(run_after=due).enqueue()
    return {"sent": run.sent, "retried": run.retried, "failed": run.failed}


@task()
def appointment_reminders_send() -> dict[str, int]:
    """Queue the reminders of appointments that are due (`outbox_send` then sends them)."""
    from lotse.comms.reminders import appointment_reminders_queue

    run = appointment_reminders_queue(now=timezone.now())
    return {"queued": run.queued, "no_consent": run.no_consent, "refused": run.refused}
