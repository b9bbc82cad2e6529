from django.core.management.base import BaseCommand

from lotse.cases.referrals import referral_reminders_create


class Command(BaseCommand):
    help = "Set a follow-up on the sending case for every overdue referral (run daily)."

    def handle(self, *args, **options):
        created = referral_reminders_create()
        self.stdout.write(f"{created} reminders set.")
