"""manage.py reset_match_decisions (--pair A B | --all) --by USERNAME --reason TEXT

Takes back "different persons" decisions of the review queue: the pairs are open for review
again. Each goes through `match_decision_reset` on behalf of --by (a user who may review
duplicates: the policy is asked and each reset is in the audit trail under that user).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from lotse.identity.selectors import rejected_pairs
from lotse.identity.services import match_decision_reset


class Command(BaseCommand):
    help = (
        "Take back 'different persons' decisions of the duplicate review: the pair of two "
        "person ids (--pair A B), or every such decision (--all). The pairs are in the review "
        "queue again. --by names the user the resets are audited under (they must be allowed "
        "to review duplicates), --reason says why."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--pair", nargs=2, metavar=("PERSON_A", "PERSON_B"))
        which.add_argument("--all", action="store_true")
        parser.add_argument("--by", required=True, help="username of the reviewer")
        parser.add_argument("--reason", required=True)

    def handle(self, *args, pair, all, by, reason, **options):  # noqa: A002 - the option's name
        actor = get_user_model().objects.filter(username=by, is_active=True).first()
        if actor is None:
            raise CommandError(f"No active user {by!r}")
        pairs = rejected_pairs()
        if pair:
            a, b = pair
            try:
                pairs = pairs.filter(
                    Q(person_a_id=a, person_b_id=b) | Q(person_a_id=b, person_b_id=a)
                )
                found = list(pairs)
            except ValidationError as exc:  # not a person id
                raise CommandError(f"{a} / {b}: {' '.join(exc.messages)}") from exc
            if not found:
                raise CommandError(f"No 'different persons' decision for {a} and {b}")
        count = 0
        for decided in pairs:
            try:
                match_decision_reset(actor=actor, pair=decided, reason=reason)
            except PermissionDenied as exc:
                raise CommandError(f"{by} may not review duplicates: {exc}") from exc
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
            count += 1
        self.stdout.write(f"{count} decision(s) taken back; the pairs are open for review again.")
