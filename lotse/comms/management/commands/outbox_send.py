"""Send the outbox's due messages once (cron, or by hand in development)."""

from typing import Any

from django.core.management.base import BaseCommand

from lotse.comms.outbox import outbox_send_due


class Command(BaseCommand):
    help = "Send the messages of the outbox that are due, once."

    def handle(self, *args: Any, **options: Any) -> None:
        run = outbox_send_due()
        self.stdout.write(
            f"outbox: {run.sent} sent, {run.retried} to retry, {run.failed} failed, "
            f"{run.cancelled} cancelled"
        )
