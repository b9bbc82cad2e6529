"""Queue the due reminders of appointments once (cron or a systemd timer, every 15 minutes)."""

from typing import Any

from django.core.management.base import BaseCommand

from lotse.comms.tasks import appointment_reminders_send


class Command(BaseCommand):
    help = "Queue the reminders of appointments that are due, once; outbox_send sends them."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = appointment_reminders_send.call()
        self.stdout.write(
            "reminders: {queued} queued, {no_consent} without consent, {refused} refused".format(
                **counts
            )
        )
