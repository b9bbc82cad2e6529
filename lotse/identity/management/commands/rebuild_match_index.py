from django.core.management.base import BaseCommand

from lotse.people.models import Person
from lotse.people.services import refresh_match_index


class Command(BaseCommand):
    help = (
        "Rebuild the duplicate-check index (blocking keys and match records) of every person. "
        "Needed after a change of the matching engine's keys, and after restoring old data."
    )

    def handle(self, *args, **options):
        count = 0
        for person in Person.objects.order_by("pk").iterator(chunk_size=2000):
            refresh_match_index(person)
            count += 1
            if count % 10_000 == 0:
                self.stdout.write(f"{count} persons …")
        self.stdout.write(f"Rebuilt the index of {count} persons.")
