"""The kinds of status events lotse stores, as the rules engine knows them (docs/rules.md), with
their labels and the paragraph each choice stands for.

The engine's own tables (`lotse.status.rules.scenario`) say which fields a kind has; this module
adds what a page needs: translated labels and the order in which a caseworker meets them. `entry`
(the day of entry into Germany) is lotse's own kind: the engine takes it as the person's
`entry_date` (the start of the § 2 AsylbLG waiting period), not as an event.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.status.rules.scenario import DULDUNG_VARIANTS, EVENT_FIELDS, OUTCOMES, TITLES


class EventKind(models.TextChoices):
    ENTRY = "entry", _("Entry into Germany")
    BUEMA = "buema", _("BüMA (registration as asylum seeker, until 2016)")
    ANKUNFTSNACHWEIS = "ankunftsnachweis", _("Ankunftsnachweis (§ 63a AsylG)")
    ASYLUM_APPLICATION = "asylum_application", _("Asylum application at the BAMF")
    HEARING = "hearing", _("Hearing (Anhörung)")
    DECISION = "decision", _("Decision on the asylum application")
    APPEAL = "appeal", _("Appeal (Klage)")
    FINALITY = "finality", _("Decision final (unanfechtbar)")
    AUFENTHALTSGESTATTUNG = "aufenthaltsgestattung", _("Aufenthaltsgestattung (§ 55 AsylG)")
    DULDUNG = "duldung", _("Duldung")
    RESIDENCE_TITLE = "residence_title", _("Residence title")
    FIKTIONSBESCHEINIGUNG = "fiktionsbescheinigung", _("Fiktionsbescheinigung (§ 81 AufenthG)")
    WOHNSITZREGELUNG = "wohnsitzregelung", _("Wohnsitzregelung (§ 12a AufenthG)")
    WOHNSITZREGELUNG_LIFTED = "wohnsitzregelung_lifted", _("Wohnsitzregelung lifted")
    EMPLOYMENT_START = "employment_start", _("Employment or training begins")
    EMPLOYMENT_END = "employment_end", _("Employment or training ends")
    INTEGRATION_COURSE_OBLIGATION = (
        "integration_course_obligation",
        _("Obligation to attend the integration course (§ 44a AufenthG)"),
    )
    ABUSE_FINDING = "abuse_finding", _("Finding of abuse (§ 2 Abs. 1 AsylbLG)")
    DEPARTURE = "departure", _("Departure from Germany")


# Every engine type has a kind here, and nothing else (checked by a test).
ENGINE_KINDS = tuple(k for k in EventKind.values if k != EventKind.ENTRY)
assert set(ENGINE_KINDS) == set(EVENT_FIELDS), "EventKind and the engine's event types differ"


class Source(models.TextChoices):
    BAMF_DECISION = "bamf_bescheid", _("BAMF-Bescheid")
    DOCUMENT = "document", _("document seen (card, certificate)")
    ABH_FILE = "abh_file", _("Ausländerbehörde file")
    AZR = "azr", _("AZR / MARiS")
    COURT = "court", _("court judgment")
    SELF = "self", _("stated by the person")
    OFFICE = "office", _("communication from another office")


DEFAULT_SOURCE = {
    EventKind.DECISION: Source.BAMF_DECISION,
    EventKind.FINALITY: Source.BAMF_DECISION,
    EventKind.HEARING: Source.AZR,
    EventKind.ASYLUM_APPLICATION: Source.AZR,
    EventKind.ENTRY: Source.SELF,
}

OUTCOME_LABELS = {
    "asylberechtigung": _("Asylberechtigung – Art. 16a GG"),
    "fluechtlingsschutz": _("Flüchtlingsschutz – § 3 AsylG"),
    "subsidiaerer_schutz": _("subsidiärer Schutz – § 4 AsylG"),
    "abschiebungsverbot": _("Abschiebungsverbot – § 60 Abs. 5/7 AufenthG"),
    "rejected_unfounded": _("rejected as unfounded"),
    "rejected_manifestly_unfounded": _("rejected as manifestly unfounded – § 30 AsylG"),
    "inadmissible": _("rejected as inadmissible – § 29 AsylG (e.g. Dublin)"),
    "discontinued": _("procedure discontinued – §§ 32, 33 AsylG"),
}
assert set(OUTCOME_LABELS) == set(OUTCOMES)

# Titles and Duldung variants: the paragraph, and in brackets what it is for.
TITLE_LABELS = {
    "25_1": _("AE § 25 Abs. 1 AufenthG (entitled to asylum)"),
    "25_2_refugee": _("AE § 25 Abs. 2 S. 1 Alt. 1 AufenthG (refugees)"),
    "25_2_subsidiary": _("AE § 25 Abs. 2 S. 1 Alt. 2 AufenthG (subsidiary protection)"),
    "25_3": _("AE § 25 Abs. 3 AufenthG (Abschiebungsverbot)"),
    "25_4": _("AE § 25 Abs. 4 S. 1 AufenthG (temporary stay)"),
    "25_5": _("AE § 25 Abs. 5 AufenthG (departure impossible)"),
    "23_1": _("AE § 23 Abs. 1 AufenthG (admission by the Land)"),
    "23_2": _("AE § 23 Abs. 2 AufenthG (federal admission)"),
    "23_4": _("AE § 23 Abs. 4 AufenthG (resettlement)"),
    "24": _("AE § 24 AufenthG (temporary protection)"),
    "25a": _("AE § 25a AufenthG (well-integrated young people)"),
    "25b": _("AE § 25b AufenthG (sustainable integration)"),
    "104c": _("AE § 104c AufenthG (Chancen-Aufenthaltsrecht)"),
    "niederlassungserlaubnis": _("Niederlassungserlaubnis (§§ 9, 26 Abs. 3 AufenthG)"),
}
VARIANT_LABELS = {
    "60a": _("Duldung § 60a Abs. 2 S. 1 AufenthG (removal impossible)"),
    "60a_2_3": _("Duldung § 60a Abs. 2 S. 3 AufenthG (urgent personal or humanitarian reasons)"),
    "60a_ausbildung": _("Ausbildungsduldung § 60a Abs. 2 S. 4 AufenthG (2016–2019)"),
    "60b": _("Duldung § 60b AufenthG (identity not clarified)"),
    "60c": _("Ausbildungsduldung § 60c AufenthG"),
    "60d": _("Beschäftigungsduldung § 60d AufenthG"),
}
assert set(TITLE_LABELS) == set(TITLES)
assert set(VARIANT_LABELS) == set(DULDUNG_VARIANTS)

FIELD_LABELS = {
    "outcome": _("outcome"),
    "by": _("decided by"),
    "dublin": _("Dublin case"),
    "transfer_possible": _("transfer to the Dublin state possible"),
    "suspensive": _("suspensive effect"),
    "valid_until": _("valid until"),
    "variant": _("kind of Duldung"),
    "identity_obstruction": _("identity obstruction (§ 60a Abs. 6 S. 1 Nr. 2)"),
    "title": _("title"),
    "first_issue": _("first issue"),
    "because_of_war": _("because of war in the home country"),
    "deportation_suspended_since": _("deportation suspended since"),
    "for_title": _("for the title"),
    "kreis": _("Kreis"),
    "hours_per_week": _("hours per week"),
    "vocational_training": _("vocational training"),
    "kind": _("kind of application"),
}

APPLICATION_KINDS = {
    "first": _("first application"),
    "follow_up": _("follow-up application (Folgeantrag)"),
    "second": _("second application (Zweitantrag)"),
}
DECIDED_BY = {"bamf": _("BAMF"), "court": _("court (after an appeal)")}
OBLIGED_BY = {"abh": _("Ausländerbehörde"), "jobcenter": _("Jobcenter")}
