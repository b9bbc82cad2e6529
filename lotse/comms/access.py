"""Letters, contact channels and messages belong to the office that made them.

Each office is its own controller of what it writes to a person and of the consent to contact the
person that it collected: the three are seen by that office only, in the Kreise it serves.
"""

from django.utils.translation import gettext_noop

from lotse.access.policy import register_party_rule

for label, refusal in (
    ("comms.Letter", gettext_noop("This letter was written by another office.")),
    ("comms.ContactChannel", gettext_noop("This contact consent was given to another office.")),
    ("comms.OutboxMessage", gettext_noop("This message was sent by another office.")),
):
    register_party_rule(label, "office", name="comms.office_party", refusal=refusal)
