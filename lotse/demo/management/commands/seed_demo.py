from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from lotse.demo.appointments import demo_appointments_seed
from lotse.demo.documents import demo_documents_seed
from lotse.demo.letters import demo_letters_seed
from lotse.demo.persons import demo_persons_seed
from lotse.demo.placements import demo_placements_seed
from lotse.demo.plans import demo_plans_seed
from lotse.demo.profiles import demo_profiles_seed
from lotse.demo.region import demo_region_seed
from lotse.demo.work import demo_work_seed


class Command(BaseCommand):
    help = "Create the demo region: staff (one login per role per office) and persons."

    def handle(self, *args, **options):
        try:
            logins = demo_region_seed()
            persons = demo_persons_seed()
            demo_profiles_seed()  # after the persons it describes
            demo_plans_seed()
            demo_work_seed()  # after the profiles and plans
            demo_placements_seed()  # after the plans and the work goals: a hire reaches a goal
            demo_appointments_seed()  # after the persons and their cases
            demo_letters_seed()  # after the appointments: the invitation to one
            demo_documents_seed()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Demo region ready: {len(logins)} logins, {persons} new persons.")
