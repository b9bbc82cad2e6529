"""Load the shipped letter texts (lotse/comms/data/letters.toml) into the letter templates."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lotse.comms.templates import letter_templates_load


class Command(BaseCommand):
    help = "Load the shipped letter texts; --update overwrites texts that differ from them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--update",
            action="store_true",
            help="overwrite templates whose text differs from the shipped one (history kept)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = letter_templates_load(update=options["update"])
        self.stdout.write(
            "letter templates: {created} created, {updated} updated, {unchanged} unchanged".format(
                **counts
            )
        )
