"""What the rules engine's reasons say to a caseworker and the person, in their language.

The engine (lotse/status/rules) cites a rule by its id and the facts it read, each a code with
values (lotse/status/rules/fact.py). Here every rule text, every fact and every note a reader
needs has its English source string, marked for translation so that makemessages finds it;
the German is in lotse/locale/de/LC_MESSAGES/django.po. A rule version names its text by the
`text` key of its TOML entry (default: the rule id), so that versions with other content have
their own sentence.

The TOML `note` and `source` keys are for developers (readings, open checks, the sources of the
domain brief) and never reach a page; `NOTES` holds what a reader must know instead.
"""

from collections.abc import Iterable
from contextvars import ContextVar
from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lotse.people.countries import COUNTRY_NAMES

# --- what each rule says, by text code --------------------------------------------------------

RULE_TEXTS = {
    "asylblg.entitled_asylum_request": _(
        "Entitled to AsylbLG benefits: the person has asked for asylum and has not yet filed "
        "the asylum application."
    ),
    "asylblg.entitled_gestattung": _(
        "Entitled to AsylbLG benefits: the asylum procedure is not yet final and the stay is "
        "permitted for its duration (Aufenthaltsgestattung)."
    ),
    "asylblg.entitled_follow_up": _(
        "Entitled to AsylbLG benefits: the person has filed a follow-up or second asylum "
        "application."
    ),
    "asylblg.entitled_duldung": _("Entitled to AsylbLG benefits: the person holds a Duldung."),
    "asylblg.entitled_ausreisepflichtig": _(
        "Entitled to AsylbLG benefits: the person is obliged to leave, the obligation is "
        "enforceable, and there is no Duldung."
    ),
    "asylblg.entitled_titles_2015": _(
        "Entitled to AsylbLG benefits with a residence permit under § 23 Abs. 1 (because of "
        "war), § 24, § 25 Abs. 4 S. 1 or § 25 Abs. 5 AufenthG (deportation suspended for less "
        "than %(suspension_months)s months)."
    ),
    "asylblg.entitled_titles": _(
        "Entitled to AsylbLG benefits with a residence permit under § 23 Abs. 1 (because of "
        "war), § 25 Abs. 4 S. 1 or § 25 Abs. 5 AufenthG (deportation suspended for less than "
        "%(suspension_months)s months). Since 1 June 2022 holders of a § 24 permit receive "
        "benefits under SGB II or SGB XII instead."
    ),
    "asylblg.reverse_switch_24": _(
        "Holders of a § 24 residence permit or Fiktionsbescheinigung first issued after "
        "31 March 2025 receive AsylbLG benefits instead of SGB II or SGB XII; running SGB II "
        "awards continue to the end of their period, at most %(award_runs_months)s months "
        "after the law takes effect."
    ),
    "asylblg.household_member": _(
        "Entitled to AsylbLG benefits as the spouse, partner or minor child of an entitled "
        "person, without an entitlement of their own."
    ),
    "asylblg.dublin_exclusion": _(
        "No regular AsylbLG benefits, only bridging benefits: the asylum application was "
        "rejected as inadmissible under the Dublin rules with a transfer order, and the "
        "departure is legally and actually possible."
    ),
    "asylblg.end_asylberechtigung": _(
        "AsylbLG benefits end with the month in which the BAMF recognises the person as "
        "entitled to asylum, or a court obliges it to, even if the decision is not yet final."
    ),
    "asylblg.end_condition_lapsed": _(
        "AsylbLG benefits end with the month in which their condition lapses, for example when "
        "the Aufenthaltsgestattung ends because the decision has become final, or when a "
        "residence permit is issued that the AsylbLG does not cover."
    ),
    "asylblg.end_law_change": _(
        "AsylbLG benefits end when a change in the law takes the person's residence permit out "
        "of the AsylbLG; the last month is the month before the law takes effect."
    ),
    "asylblg.end_departure": _("AsylbLG benefits end with the departure."),
    "asylblg.grundleistungen": _(
        "Grundleistungen: in the reception centre as benefits in kind; outside it as cash, in "
        "kind or (since May 2024) on the payment card (Bezahlkarte)."
    ),
    "asylblg.analog_waiting_period": _(
        "Analogleistungen (at the level of social assistance, SGB XII) after %(months)s months "
        "of stay without substantial interruption."
    ),
    "asylblg.analog_waiting_period_36": _(
        "Analogleistungen (at the level of social assistance, SGB XII) after %(months)s months "
        "of stay without substantial interruption."
    ),
    "asylblg.analog_transition": _(
        "Whoever had completed %(previous_months)s months of stay by 20 August 2019 keeps the "
        "Analogleistungen (transitional rule)."
    ),
    "asylblg.analog_abuse": _(
        "No Analogleistungen: it was found that the person influenced the length of their stay "
        "by an abuse of rights."
    ),
    "asylblg.analog_children": _(
        "Minor children living with their parents receive Analogleistungen only if at least "
        "one parent receives them."
    ),
    "asylblg.office_sozialamt": _(
        "Outside the reception centre the Kreis pays the AsylbLG benefits: its Sozialamt."
    ),
    "asylblg.office_reception_centre": _(
        "In the reception centre (LEA/EA) the Land provides the AsylbLG benefits, mostly in kind."
    ),
    "asylblg.youth_welfare": _(
        "An unaccompanied minor taken into care by the Jugendamt receives living costs through "
        "youth welfare, before any other benefits."
    ),
    "sgb2.entitlement": _(
        "Bürgergeld from the Jobcenter (SGB II): for a person able to work, aged %(min_age)s up "
        "to the statutory retirement age, in need, and not entitled to AsylbLG benefits."
    ),
    "sgb2.sozialgeld": _(
        "Sozialgeld (SGB II): members of a Bedarfsgemeinschaft who cannot work, such as "
        "children under 15 or partners unable to work, receive SGB II through the member who "
        "is able to work."
    ),
    "sgb12.entitlement": _(
        "Social assistance from the Sozialamt (SGB XII): for a person who cannot work or has "
        "reached the statutory retirement age, and who does not live in a Bedarfsgemeinschaft "
        "with someone receiving SGB II."
    ),
    "sgb2.regelaltersgrenze": _(
        "Bürgergeld (SGB II) ends at the statutory retirement age (Regelaltersgrenze): 65 for "
        "those born before 1947, rising by one month per year of birth to 66 (born 1958), "
        "then by two months per year to 67 (born 1964)."
    ),
    "sgb2.office_jobcenter": _(
        "Responsible is the Jobcenter of the Kreis where the person usually lives: a joint "
        "institution of the Agentur für Arbeit and the Kreis (gE), or the Kreis alone (zkT)."
    ),
    "sgb2.office_wohnsitzregelung": _(
        "A Wohnsitzregelung to a Kreis makes the Jobcenter of that Kreis responsible."
    ),
    "sgb12.office_sozialamt": _(
        "The Sozialamt of the Kreis where the person lives is responsible for SGB XII."
    ),
    "sgb2.ukraine_2022": _(
        "Holders of a § 24 permit (Ukraine) moved from the AsylbLG to SGB II on 1 June 2022; "
        "AsylbLG benefits could be paid on until the Jobcenter had approved, and were settled "
        "later."
    ),
    "sgb2.neue_grundsicherung": _(
        "Bürgergeld becomes the new Grundsicherungsgeld under the same SGB II, with stricter "
        "duties and cuts; the standard rates stay the same."
    ),
    "rechtskreiswechsel.application": _(
        "The application for Bürgergeld counts back to the first day of the month in which it "
        "is made; the whole Bedarfsgemeinschaft must apply at the Jobcenter."
    ),
    "perspective.none": _("Before 24 October 2015 the law knew no gute Bleibeperspektive."),
    "perspective.countries": _(
        "A gute Bleibeperspektive is assumed for asylum seekers from: %(countries)s."
    ),
    "perspective.countries_2022": _(
        "A gute Bleibeperspektive is assumed for asylum seekers from: %(countries)s."
    ),
    "document.ankunftsnachweis": _(
        "The Ankunftsnachweis replaced the BüMA; since then the stay counts as permitted from "
        "the day it is issued."
    ),
    "document.duldung_60a_ausbildung": _(
        "Ausbildungsduldung (“3+2”) under § 60a AufenthG; since 1 January 2020 in § 60c."
    ),
    "document.duldung_60b": _("Duldung for persons whose identity is not clarified."),
    "document.duldung_60c_60d": _(
        "Ausbildungsduldung (§ 60c AufenthG) and Beschäftigungsduldung (§ 60d AufenthG)."
    ),
    "document.title_104c": _("Chancen-Aufenthaltsrecht, for 18 months."),
    "document.wohnsitzregelung": _(
        "A Wohnsitzregelung obliges a recognised person to live in a given place (for "
        "%(years)s years unless dated otherwise); it decides which Jobcenter is responsible."
    ),
    "procedure.geas": _(
        "The EU asylum reform (GEAS) applies from mid-June 2026: border procedures, screening "
        "and Eurodac; the steps of the procedure change."
    ),
    "labour.titles_2015": _(
        "Residence permits under § 25 Abs. 1 and 2, §§ 25a, 25b AufenthG and the "
        "Niederlassungserlaubnis allow any work; other humanitarian permits need the "
        "permission of the Ausländerbehörde, without consent of the Bundesagentur für Arbeit."
    ),
    "labour.titles": _(
        "Every residence permit allows work unless a law forbids it; the card says "
        "“Erwerbstätigkeit gestattet”."
    ),
    "labour.protection_decision": _(
        "Asylberechtigung, refugee protection and subsidiary protection allow work from the "
        "BAMF decision, before the residence permit is issued."
    ),
    "labour.abschiebungsverbot_without_title": _(
        "Abschiebungsverbot final, residence permit under § 25 Abs. 3 AufenthG not yet "
        "recorded: work with the permission of the Ausländerbehörde, without consent of the "
        "Bundesagentur für Arbeit."
    ),
    "labour.gestattung_waiting": _(
        "Asylum seekers outside a reception centre may not work in the first %(months)s months "
        "of their stay; after that the Ausländerbehörde can permit a specific job, with the "
        "consent of the Bundesagentur für Arbeit."
    ),
    "labour.reception_centre_2014": _("No work while the person must live in a reception centre."),
    "labour.reception_centre_2019": _(
        "In a reception centre work must be permitted if the asylum procedure has not been "
        "decided finally %(months)s months after the application, with the consent of the "
        "Bundesagentur für Arbeit."
    ),
    "labour.reception_centre": _(
        "In a reception centre work must be permitted if the asylum procedure has not been "
        "decided finally %(months)s months after the application, with the consent of the "
        "Bundesagentur für Arbeit."
    ),
    "labour.no_consent_after_4_years": _(
        "After 4 years of uninterrupted permitted, tolerated or gestattet stay the work permit "
        "needs no consent of the Bundesagentur für Arbeit."
    ),
    "labour.vorrangpruefung_2014": _(
        "In the first %(months)s months of stay the consent of the Bundesagentur für Arbeit "
        "includes the priority check (Vorrangprüfung)."
    ),
    "labour.vorrangpruefung_2016": _(
        "The priority check is suspended for 3 years in most Agentur districts; the "
        "Bundesagentur für Arbeit checks the employment conditions."
    ),
    "labour.vorrangpruefung": _(
        "For its consent the Bundesagentur für Arbeit checks the employment conditions "
        "(standard or local wage); there is no priority check."
    ),
    "labour.safe_country_ban": _(
        "Work ban for nationals of a safe country of origin who applied for asylum after "
        "31 August 2015: during the procedure, and with a Duldung after the rejection."
    ),
    "labour.safe_countries": _("Safe countries of origin (besides the EU states): %(countries)s."),
    "labour.duldung_2014": _(
        "Tolerated persons: after %(months)s months of permitted, tolerated or gestattet stay "
        "the Ausländerbehörde may permit work, with the consent of the Bundesagentur für "
        "Arbeit."
    ),
    "labour.duldung": _(
        "Tolerated persons: after %(months)s months work is to be permitted as a rule, with "
        "the consent of the Bundesagentur für Arbeit, unless concrete steps to end the stay "
        "are imminent."
    ),
    "labour.duldung_identity_ban": _(
        "Work ban for a tolerated person who prevents their removal, for example by a false "
        "identity."
    ),
    "labour.duldung_60b_ban": _(
        "Work ban with a Duldung for persons whose identity is not clarified (§ 60b)."
    ),
    "labour.ausbildungsduldung": _(
        "Ausbildungsduldung: the Ausländerbehörde permits the specific vocational training; "
        "the training needs no consent of the Bundesagentur für Arbeit."
    ),
    "labour.beschaeftigungsduldung_2020": _(
        "Beschäftigungsduldung: requires %(prior_months)s months of prior employment of "
        "%(hours_per_week)s hours a week; the Ausländerbehörde permits the work."
    ),
    "labour.beschaeftigungsduldung": _(
        "Beschäftigungsduldung: requires %(prior_months)s months of prior employment of "
        "%(hours_per_week)s hours a week and entry before 1 January 2023; the Ausländerbehörde "
        "permits the work."
    ),
    "labour.ausreisepflichtig": _(
        "Obliged to leave without a Duldung: there is no document that could carry a work permit."
    ),
    "labour.no_status": _(
        "No residence status of the person's own is recorded, so nothing can be said about a "
        "work permit."
    ),
    "labour.departed": _("The person has left Germany."),
    "course.entitlement": _(
        "Entitled to the integration course: first issue of a humanitarian residence permit "
        "under § 25 Abs. 1 or 2, § 23 Abs. 2 or 4 or § 25b AufenthG; the entitlement expires "
        "%(expires_months)s months after the permit is issued."
    ),
    "course.obligation": _(
        "Obliged to attend: the Ausländerbehörde, or the Jobcenter for a person receiving "
        "SGB II, has obliged the person to attend the integration course."
    ),
    "course.school_age": _(
        "Not admitted: children and young people who go to school (school comes first)."
    ),
    "course.title_holders": _(
        "Can be admitted if places are free: holders of a residence permit without (or no "
        "longer with) an entitlement, such as § 24, § 25 Abs. 3 or § 25 Abs. 5 AufenthG, and "
        "recognised persons before their residence permit is issued."
    ),
    "course.gestattete_none": _("Asylum seekers are not admitted to the integration course."),
    "course.gestattete_perspective": _(
        "Asylum seekers with a gute Bleibeperspektive can be admitted."
    ),
    "course.gestattete_2019": _(
        "Asylum seekers can be admitted if they have a gute Bleibeperspektive, or if they "
        "entered before 1 August 2019, have had a permitted stay for %(months)s months and are "
        "close to the labour market."
    ),
    "course.gestattete": _("All asylum seekers can be admitted, whatever their country of origin."),
    "course.geduldete_none": _("Tolerated persons are not admitted."),
    "course.geduldete": _(
        "Tolerated persons can be admitted if the Duldung was granted for urgent personal "
        "reasons (§ 60a Abs. 2 S. 3 AufenthG), as the Ausbildungs- and Beschäftigungsduldung "
        "are; a Duldung because removal is impossible, or under § 60b, does not admit."
    ),
    "course.not_admissible": _(
        "Not admitted: obliged to leave without a Duldung, no status recorded, or left Germany."
    ),
    "course.admission_stop_2026": _(
        "In 2026 the BAMF admits no one under § 44 Abs. 4 AufenthG (asylum seekers, tolerated "
        "persons, Ukrainians, EU citizens) except self-payers; admissions already granted stay "
        "valid, and an obligation by the Ausländerbehörde or the Jobcenter still gives access."
    ),
    "course.ukraine_duty_2026": _(
        "Holders of a § 24 permit who move back to the AsylbLG are obliged to attend an "
        "integration course."
    ),
    "asylblg.analog_transition_2024": _(
        "Whoever had completed %(previous_months)s months of stay by %(reached_by)s and so "
        "received Analogleistungen on that day keeps them (transitional rule); the longer "
        "waiting period applies only to the others."
    ),
    "labour.safe_country_ban_2023": _(
        "Work ban for nationals of a safe country of origin who applied for asylum after "
        "31 August 2015 (nationals of Georgia and Moldova: after 30 August 2023): during the "
        "procedure, and with a Duldung after the rejection."
    ),
}

# --- what a reader must know besides (by text code, or the code a rule cites with) -------------

NOTES = {
    "finality_pending": _(
        "AsylbLG benefits end with the month in which the decision becomes final: record the "
        "finality as soon as it is known."
    ),
    "reverse_switch_planned": _(
        "If the law takes effect as planned, this person moves to the AsylbLG."
    ),
    "asylblg.end_condition_lapsed": _(
        "Legal opinions differ here: some offices end the AsylbLG already in the month of the "
        "BAMF decision; for an Abschiebungsverbot some pay it on until the residence permit "
        "under § 25 Abs. 3 AufenthG is issued; if the person sues for a better protection "
        "status, the decision is not final. lotse follows the wording of the law: the "
        "benefits end with the month in which the decision becomes final."
    ),
    "asylblg.entitled_ausreisepflichtig": _(
        "The obligation to leave is taken as enforceable once the rejection is final."
    ),
    "asylblg.entitled_titles": _(
        "In the change of 2022 AsylbLG benefits could be paid on until the Jobcenter had "
        "approved; SGB II was then paid back to 1 June 2022 and settled."
    ),
    "asylblg.analog_waiting_period_36": _(
        "Whoever already received Analogleistungen on 26 February 2024 keeps them "
        "(§ 20 AsylbLG); the 36 months apply to the others."
    ),
    "asylblg.analog_children": _(
        "The parents' benefits decide, whatever the child's own length of stay."
    ),
    "sgb2.entitlement": _(
        "Need is assumed: the answer says which benefits apply if the person is in need. The "
        "ability to work is assumed unless recorded otherwise."
    ),
    "sgb2.neue_grundsicherung": _("Either way the person stays in SGB II."),
    "course.entitlement": _(
        "A Fiktionsbescheinigung is not the residence permit itself: its holder can be "
        "admitted but is not entitled."
    ),
    "course.gestattete_2019": _(
        "Close to the labour market means: registered as seeking work or training, employed, "
        "or in training."
    ),
    "course.school_age": _(
        "lotse takes 16 as the age from which a person no longer goes to school; the law names "
        "school attendance, not an age."
    ),
    "course.admission_stop_2026": _(
        "This is an administrative stop, not a change of the law: the answer stays “admissible”."
    ),
    "perspective.countries_2022": _(
        "This list has not been checked against newer announcements; since 31 December 2022 "
        "the integration course is open to all asylum seekers, so the label matters mainly for "
        "measures of the Federal Ministry of Labour (e.g. job-related language courses, "
        "§ 39a SGB III)."
    ),
    "labour.gestattung_waiting": _(
        "The stay is counted from the first request for asylum. Work that needs no consent "
        "(vocational training, some internships) needs only the permission of the "
        "Ausländerbehörde."
    ),
    "labour.abschiebungsverbot_without_title": _(
        "Once the residence permit is issued, check what the card says about work."
    ),
    "labour.vorrangpruefung_2016": _("The Agentur district decides."),
    "labour.beschaeftigungsduldung_2020": _(
        "Whether the permit needs the consent of the Bundesagentur für Arbeit is open; lotse "
        "answers “with consent”, as for other tolerated persons."
    ),
    "labour.beschaeftigungsduldung": _(
        "Whether the permit needs the consent of the Bundesagentur für Arbeit is open; lotse "
        "answers “with consent”, as for other tolerated persons."
    ),
    "asylblg.analog_transition": _(
        "lotse assumes that the person received benefits under the AsylbLG on that day and that "
        "the stay was not substantially interrupted."
    ),
    "asylblg.analog_transition_2024": _(
        "lotse assumes that the person received benefits under the AsylbLG on that day and that "
        "the stay was not substantially interrupted."
    ),
    "labour.reception_centre_rejected": _(
        "The application was rejected as manifestly unfounded or inadmissible: in the reception "
        "centre no work may be permitted, unless the administrative court orders that the "
        "appeal has suspensive effect."
    ),
}
PENDING_NOTE = _("Announced, not in force: this law does not change the answers yet.")
UNVERIFIED_NOTE = _(
    "This part of the answer rests on a rule for this period that could not be checked against "
    "the law or an official source: please check it before relying on it."
)

# --- the answers, and the words for codes in facts ---------------------------------------------

ANSWER_LABELS = {
    "asylblg_grundleistungen": _("AsylbLG Grundleistungen (§ 3)"),
    "asylblg_analogleistungen": _("AsylbLG Analogleistungen (§ 2)"),
    "sgb2": _("SGB II (Bürgergeld)"),
    "sgb12": _("SGB XII (Sozialhilfe)"),
    "none": _("none"),
    "sozialamt": _("Sozialamt"),
    "erstaufnahme": _("the Land (Erstaufnahme)"),
    "jobcenter_ge": _("Jobcenter (gemeinsame Einrichtung)"),
    "jobcenter_zkt": _("Jobcenter (kommunaler Träger)"),
    "jugendamt": _("Jugendamt"),
    "permit_with_ba_consent": _("permit by the Ausländerbehörde, with BA consent"),
    "permit_without_ba_consent": _("permit by the Ausländerbehörde, without BA consent"),
    "free": _("free"),
    "entitled": _("entitled"),
    "obliged": _("obliged"),
    "admissible": _("admissible (within free places)"),
    "not_admissible": _("not admissible"),
    True: _("yes"),
    False: _("no"),
    None: "–",
}
RELATION_LABELS = {
    "spouse": _("the spouse"),
    "partner": _("the partner"),
    "parent": _("a parent"),
    "child": _("a child"),
}
JOBCENTER_FORMS = {
    "gE": _("a joint institution of the Agentur für Arbeit and the Kreis (gE)"),
    "zkT": _("run by the Kreis alone (zkT)"),
}
FRAMES = {
    "none": _("no residence status recorded"),
    "departed": _("left Germany"),
    "ausreisepflichtig": _("obliged to leave, no Duldung"),
}
FACT_TEXTS = {
    "no_status": _("no status event recorded"),
    "asylum_request": _("asked for asylum on %(day)s"),
    "first_24": _("§ 24 permit or Fiktionsbescheinigung first issued on %(day)s"),
    "first_24_after": _("first issued after 31 March 2025"),
    "parents": _("the parents receive: %(regimes)s"),
    "entry": _("entered Germany on %(day)s"),
    "months_complete": _("%(months)s months complete on %(day)s"),
    "waiting_not_complete": _("waiting period not yet complete"),
    "born": _("born on %(day)s"),
    "age_on": _("aged %(age)s on %(day)s"),
    "regelaltersgrenze": _("statutory retirement age reached on %(day)s"),
    "able_to_work": _("able to work (assumed unless recorded otherwise)"),
    "carer_in_sgb2": _("the spouse, partner or a parent receives Bürgergeld (SGB II)"),
    "no_carer_in_sgb2": _("no one in the household receives Bürgergeld (SGB II)"),
    "in_reception_centre": _("lives in a reception centre (Erstaufnahme)"),
    "in_youth_welfare": _("in the care of the Jugendamt"),
    "kreis": _("lives in %(kreis)s"),
    "jobcenter_form": _("the Jobcenter for %(kreis)s is %(form)s"),
    "household_member": _("%(relation)s receives %(regime)s"),
    "finality_not_recorded": _("the decision is not recorded as final, so no switch yet"),
    "lapse": _("entitlement ended on %(day)s"),
    "followed_by": _("then: %(regime)s"),
    "by_law": _("by a change in the law on that day"),
    "apply_in": _("apply in %(month)s"),
    "award_until": _("the Bürgergeld award runs at most until %(day)s"),
    "as_of": _("as of %(day)s"),
    "procedure_open": _("asylum procedure not yet final"),
    "stay_from": _("stay counted from %(day)s"),
    "full_months": _("%(months)s full months on %(day)s"),
    "waiting_months": _("waiting period: %(months)s months"),
    "waiting_ends": _("the waiting period ends on %(day)s; no work before then"),
    "waiting_ended": _("the waiting period ended on %(day)s"),
    "years_complete": _("%(years)s years complete on %(day)s"),
    "within_months": _("within the first %(months)s months of stay"),
    "after_months": _("after the first %(months)s months of stay"),
    "nationality": _("nationality: %(country)s"),
    "applied": _("applied for asylum on %(day)s"),
    "age": _("aged %(age)s"),
    "entitlement_expires": _("the entitlement expires on %(day)s"),
    "not_first_or_expired": _("not the first issue, or the entitlement has expired"),
    "good_perspective": _("country of origin with a gute Bleibeperspektive"),
    "no_good_perspective": _("country of origin without a gute Bleibeperspektive"),
    "early_entry": _(
        "entered before 1 August 2019, permitted stay for 3 months, close to the labour market"
    ),
    "country_list": _("countries on the list: %(countries)s"),
    "no_country_list": _("no list of countries"),
    "counted_from_application": _("counted from the asylum application on %(day)s"),
    "no_application": _("no asylum application filed yet: the waiting period has not begun"),
}
# --- school (VKL, VABO) and the ways out of the Duldung (§§ 60c, 60d AufenthG) -------------------

RULE_TEXTS.update(
    {
        "school.general": _(
            "Schulpflicht at a general school for children and young people living in "
            "Baden-Württemberg, from %(min_age)s to under %(until_age)s years here; without "
            "German, pupils first learn in a preparatory class (Vorbereitungsklasse, VKL)."
        ),
        "school.below_school_age": _("Not yet of school age."),
        "school.general_beyond": _(
            "Beyond the age of the general school: Berufsschulpflicht applies, so a VABO class "
            "at a vocational school instead of a preparatory class."
        ),
        "school.berufsschulpflicht": _(
            "Berufsschulpflicht after the general school, until the end of the school year in "
            "which the young person turns %(until_age)s, for those without a training contract; "
            "without sufficient German it is fulfilled in a VABO class at a vocational school "
            "(from about %(min_age)s years)."
        ),
        "school.berufsschule_voluntary": _(
            "After the Berufsschulpflicht, the vocational school (and a VABO class) can be "
            "attended voluntarily until the end of the school year in which the person turns "
            "%(until_age)s, where places are free."
        ),
        "school.beyond_school_age": _(
            "Beyond the age of the vocational school: no VABO class; the integration course "
            "(youth course) or a vocational German course instead."
        ),
        "school.vabo_too_young": _(
            "Of the age of the general school: a preparatory class (VKL) at a general school, "
            "not a VABO class."
        ),
        "school.in_training": _(
            "In vocational training: the person attends the vocational school of the training, "
            "not a VABO class."
        ),
        "school.duty_after_arrival": _(
            "For persons with an Aufenthaltsgestattung or a Duldung, the Schulpflicht begins "
            "%(months)s months after the arrival from abroad; before that they can attend, but "
            "need not."
        ),
        "school.departed": _("The person has left Germany."),
        "duldung_paths.work_ban": _(
            "A work ban applies (removal blocked, identity not clarified under § 60b, or a safe "
            "country of origin after the rejection): neither an Ausbildungsduldung nor a "
            "Beschäftigungsduldung can be considered."
        ),
        "duldung_paths.holds_60c": _(
            "The Ausländerbehörde has issued an Ausbildungsduldung; it is recorded."
        ),
        "duldung_paths.holds_60d": _(
            "The Ausländerbehörde has issued a Beschäftigungsduldung; it is recorded."
        ),
        "duldung_paths.before_2016": _(
            "For this period lotse does not judge a Duldung for vocational training: please "
            "check by hand."
        ),
        "duldung_paths.ausbildung_2016": _(
            "Ausbildungsduldung (“3+2”): a Duldung for the whole of a qualified vocational "
            "training in a state-recognised occupation, unless concrete measures to end the "
            "stay are imminent."
        ),
        "duldung_paths.ausbildung": _(
            "Ausbildungsduldung: for a qualified vocational training in a state-recognised "
            "occupation of at least two years, or a training as a helper or assistant with a "
            "qualified training agreed to follow; a Duldung held for %(duldung_months)s months "
            "before, identity clarified, no work ban, no concrete measures to end the stay."
        ),
        "duldung_paths.beschaeftigung_2020": _(
            "Beschäftigungsduldung: entry by %(entered_by)s, a Duldung for %(duldung_months)s "
            "months, %(employment_months)s months of employment of at least %(hours_per_week)s "
            "hours a week, livelihood secured, oral German at level A2, identity clarified, no "
            "convictions."
        ),
        "duldung_paths.beschaeftigung": _(
            "Beschäftigungsduldung: entry by %(entered_by)s, a Duldung for %(duldung_months)s "
            "months, %(employment_months)s months of employment subject to social insurance of "
            "at least %(hours_per_week)s hours a week, livelihood secured, oral German at level "
            "A2, identity clarified, no convictions."
        ),
    }
)
NOTES.update(
    {
        "school.birth_uncertain": _(
            "The exact date of birth is not recorded, and on another day of that year the answer "
            "would be different: clarify the date of birth, or decide with the school."
        ),
        "school.general": _(
            "lotse takes the age as a stand-in for the nine school years of the general school; "
            "the school decides on the class."
        ),
        "duldung_paths.may_apply": _(
            "Can be considered – check the conditions: lotse does not know everything the "
            "Ausländerbehörde asks for, and only the Ausländerbehörde decides."
        ),
    }
)
FACT_TEXTS.update(
    {
        "in_training": _("in vocational training"),
        "duty_ends": _("the Berufsschulpflicht ends on %(day)s"),
        "voluntary_until": _("voluntary attendance possible until %(day)s"),
        "birth_year_only": _(
            "only the year of birth is recorded: on another day of that year the answer would "
            "be: %(answers)s"
        ),
        "birth_month_only": _(
            "only the month of birth is recorded: on another day of that month the answer "
            "would be: %(answers)s"
        ),
        "duty_begins": _("the Schulpflicht begins on %(day)s"),
        "duldung_since": _("Duldung since %(day)s (%(months)s full months)"),
        "no_training": _("no vocational training recorded"),
        "training_since": _("vocational training since %(day)s"),
        "duldung_months_short": _("%(months)s months of Duldung complete only on %(day)s"),
        "check_60c": _(
            "to check: a training contract in a state-recognised occupation, identity "
            "clarified, no concrete measures to end the stay"
        ),
        "entered_after": _("entered after %(day)s"),
        "no_employment": _("no employment recorded"),
        "employed_since": _("employed since %(day)s (%(months)s full months)"),
        "hours_unknown": _("hours a week not recorded (at least %(hours)s needed)"),
        "hours_short": _("%(hours)s hours a week, at least %(needed)s needed"),
        "employment_short": _("%(months)s months of employment complete only on %(day)s"),
        "check_60d": _(
            "to check: identity clarified, livelihood secured, oral German at level A2, no "
            "convictions"
        ),
    }
)
ANSWER_LABELS.update(
    {
        "no_duldung": _("does not arise (no Duldung)"),
        "no_access": _("no access: work ban"),
        "holds_60c": _("Ausbildungsduldung recorded"),
        "holds_60d": _("Beschäftigungsduldung recorded"),
        "may_60c": _("Ausbildungsduldung (§ 60c) can be considered – check the conditions"),
        "may_60d": _("Beschäftigungsduldung (§ 60d) can be considered – check the conditions"),
        "may_60c_60d": _(
            "Ausbildungsduldung (§ 60c) or Beschäftigungsduldung (§ 60d) can be considered – "
            "check the conditions"
        ),
        "none_yet": _("not yet: the conditions are not met in the record"),
        "not_answered": _("not judged for this period"),
    }
)


EVENT_TEXT = _("%(event)s on %(day)s")
EVENT_TEXT_DETAILS = _("%(event)s (%(details)s) on %(day)s")
VALID_UNTIL = _("valid until %(day)s")


_KREIS_NAMES: ContextVar[dict[str, str] | None] = ContextVar("kreis_names", default=None)

# --- saying it ----------------------------------------------------------------------------------


def day_text(value: str | date) -> str:
    """A day as the reader's locale writes it: 14.11.2026, 14 November 2026."""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return date_format(day, "SHORT_DATE_FORMAT")


def month_text(value: str | date) -> str:
    """A month (ISO "2026-11" or a date) as the locale writes it: November 2026."""
    day = date.fromisoformat(value + "-01") if isinstance(value, str) else value
    return date_format(day, "YEAR_MONTH_FORMAT")


def country_text(code: str) -> str:
    return str(COUNTRY_NAMES.get(code, code))


def countries_text(codes: Iterable[str]) -> str:
    return ", ".join(sorted(country_text(c) for c in codes))


def kreis_text(code: str | None) -> str:
    """The Kreis by name when the caller gave the names (`kreis_names`), else by its key."""
    if not code:
        return ""
    name = (_KREIS_NAMES.get() or {}).get(code)
    return name or gettext("Kreis %(code)s") % {"code": code}


def kreis_names() -> dict[str, str]:
    """{Kreisschlüssel: "Landkreis Tübingen"} from the reference data."""
    from lotse.organisations.models import Kreis

    return {k.code: f"{k.get_kind_display()} {k.name}" for k in Kreis.objects.all()}


def say_all(reasons: list[dict], names: dict[str, str] | None = None) -> list[dict]:
    """Reasons said in the active language, the Kreise by name."""
    token = _KREIS_NAMES.set(kreis_names() if names is None else names)
    try:
        return [say(reason) for reason in reasons]
    finally:
        _KREIS_NAMES.reset(token)


def regime_text(regime: str) -> str:
    return str(ANSWER_LABELS.get(regime, regime))


def _rule_params(text_code: str, params: dict) -> dict:
    values = {}
    for key, value in params.items():
        if key == "countries":
            values[key] = countries_text(value) if value else "–"
        elif isinstance(value, (date, str)) and key.endswith(("_after", "_by", "_before")):
            values[key] = day_text(value)
        else:
            values[key] = value
    return values


def rule_text(text_code: str, params: dict) -> str:
    template = RULE_TEXTS.get(text_code)
    if template is None:
        return ""
    text = str(template)
    try:
        return text % _rule_params(text_code, params) if "%(" in text else text
    except KeyError:
        return ""


def note_text(text_code: str, note_code: str, status: str, verified: bool = True) -> str:
    notes = [NOTES.get(note_code), NOTES.get(text_code)]
    if not verified:
        notes.insert(0, UNVERIFIED_NOTE)
    if status == "pending":
        notes.insert(0, PENDING_NOTE)
    return " ".join(str(n) for n in notes if n)


def event_text(data: dict) -> str:
    from lotse.status.events import (
        APPLICATION_KINDS,
        DECIDED_BY,
        FIELD_LABELS,
        OBLIGED_BY,
        OUTCOME_LABELS,
        TITLE_LABELS,
        VARIANT_LABELS,
        EventKind,
    )

    tables = {
        "outcome": OUTCOME_LABELS,
        "title": TITLE_LABELS,
        "for_title": TITLE_LABELS,
        "variant": VARIANT_LABELS,
        "kind": APPLICATION_KINDS,
        "by": {**DECIDED_BY, **OBLIGED_BY},
    }
    details = []
    for name, value in (data.get("fields") or {}).items():
        if name in tables:
            details.append(str(tables[name].get(value, value)))
        elif name == "kreis":
            details.append(kreis_text(value))
        elif name == "valid_until":
            details.append(str(VALID_UNTIL) % {"day": day_text(value)})
        elif isinstance(value, bool):
            label = FIELD_LABELS.get(name, name)
            details.append(f"{label}: {ANSWER_LABELS[value]}")
        elif name.endswith("_since"):
            details.append(f"{FIELD_LABELS.get(name, name)} {day_text(value)}")
        else:
            details.append(f"{FIELD_LABELS.get(name, name)}: {value}")
    kind = data.get("type", "")
    label = EventKind(kind).label if kind in EventKind.values else kind
    values = {"event": label, "day": day_text(data["day"]), "details": "; ".join(details)}
    template = EVENT_TEXT_DETAILS if details else EVENT_TEXT
    return str(template) % values


def _same(value: Any) -> Any:
    return value


VALUE_TEXTS = {
    "day": day_text,
    "month": month_text,
    "country": country_text,
    "countries": countries_text,
    "kreis": kreis_text,
    "form": lambda value: str(JOBCENTER_FORMS.get(value, value)),
    "regime": regime_text,
    "regimes": lambda value: ", ".join(regime_text(r) for r in value),
    "relation": lambda value: str(RELATION_LABELS.get(value, value)),
    "answers": lambda value: ", ".join(regime_text(a) for a in value),
}


def fact_text(data: dict) -> str:
    """One fact (as stored: {"code": …, values…}) in the reader's language."""
    code = data.get("code", "")
    if code == "event":
        return event_text(data)
    if code == "within_months" and not data.get("within"):
        code = "after_months"
    if code == "country_list" and not data.get("countries"):
        code = "no_country_list"
    if code == "frame":
        return str(FRAMES.get(data.get("frame"), data.get("frame")))  # type: ignore[arg-type]
    template = FACT_TEXTS.get(code)
    if template is None:
        return ""
    values = {k: VALUE_TEXTS.get(k, _same)(v) for k, v in data.items()}
    text = str(template)
    return text % values if "%(" in text else text


def say(reason: dict) -> dict:
    """A reason as the engine stores it ({"rule", "text", "params", "data", "note_code",
    "status", …}) with its summary, facts and note in the active language."""
    if "params" not in reason:
        reason = {**reason, **_stored_rule(reason)}
    text_code = reason.get("text") or reason.get("rule", "")
    facts = [fact_text(item) for item in reason.get("data", [])]
    verified = _verified(reason)
    status = reason.get("status", "")
    return {
        **reason,
        "summary": rule_text(text_code, reason.get("params", {})),
        "facts": [f for f in facts if f],
        "note": note_text(text_code, reason.get("note_code", ""), status, verified),
        "verified": verified,
    }


def _verified(reason: dict) -> bool:
    """Whether the cited rule version was checked against a source, by the version of the rule
    files the reason names (so a stored reason says what is known now); else as stored."""
    from lotse.status.rules import default_rules

    stored = reason.get("verified")
    fallback = stored if isinstance(stored, bool) else True
    try:
        versions = default_rules().versions(reason.get("rule", ""))
    except ValueError:
        return fallback
    for rule in versions:
        if rule.version == reason.get("version") and rule.status == reason.get("status"):
            return rule.verified
    return fallback


def _stored_rule(reason: dict) -> dict:
    """For a reason stored before reasons carried their text code: the rule's text and values
    from the rule files (its facts were English developer notes and are left out)."""
    from lotse.status.rules import default_rules
    from lotse.status.rules.fact import plain

    try:
        versions = default_rules().versions(reason.get("rule", ""))
    except ValueError:
        return {"params": {}}
    rule = next((r for r in versions if r.version == reason.get("version")), versions[-1])
    return {"text": rule.text, "params": plain(rule.params), "data": [], "note_code": ""}


def switch_text(answer: dict | None) -> str:
    """The Rechtskreiswechsel answer as a sentence: the last month of the old benefits and the
    first of the new."""
    if not answer:
        return str(_("none due"))
    if "last_asylblg_month" in answer and "first_sgb2_month" in answer:
        template = _(
            "AsylbLG benefits up to and including %(last)s; from %(first)s Bürgergeld from the "
            "Jobcenter (SGB II)"
        )
        first = answer["first_sgb2_month"]
        last = answer["last_asylblg_month"]
    elif "last_asylblg_month" in answer and "first_sgb12_month" in answer:
        template = _(
            "AsylbLG benefits up to and including %(last)s; from %(first)s social assistance "
            "from the Sozialamt (SGB XII)"
        )
        first = answer["first_sgb12_month"]
        last = answer["last_asylblg_month"]
    else:
        template = _(
            "Bürgergeld (SGB II) up to and including %(last)s; from %(first)s AsylbLG benefits "
            "from the Sozialamt"
        )
        first = answer["first_asylblg_month"]
        last = answer["last_sgb2_month"]
    return str(template) % {"last": month_text(last), "first": month_text(first)}


# --- the facts an open answer is missing ----------------------------------------------------------

MISSING_FACT_TEXTS = {
    "person.labour_market_close": _("closeness to the labour market"),
    "decision.transfer_possible": _("whether the Dublin transfer is legally and actually possible"),
    "residence_title.because_of_war": _(
        "whether the residence permit was granted because of war in the home country"
    ),
    "residence_title.deportation_suspended_since": _("since when deportation has been suspended"),
    "household": _("the household the person lives in"),
    "jobcenter_forms": _("the Jobcenter responsible for %(kreis)s"),
}
MEMBER_MISSING = _("%(fact)s (of a member of the household)")
CANNOT_JUDGE = _("Cannot judge without: %(facts)s")


def missing_text(name: str) -> str:
    """A fact an open answer is missing (as the engine names it, e.g.
    "person.labour_market_close", "household[0].household", "jobcenter_forms.08416") in the
    reader's language."""
    head, _dot, rest = name.partition(".")
    if head.startswith("household[") and rest:
        return str(MEMBER_MISSING) % {"fact": missing_text(rest)}
    if head == "jobcenter_forms" and rest:
        return str(MISSING_FACT_TEXTS["jobcenter_forms"]) % {"kreis": kreis_text(rest)}
    return str(MISSING_FACT_TEXTS.get(name, name))


def cannot_judge_text(names: list[str]) -> str:
    """'Cannot judge without: …' for an open answer, the missing facts in words."""
    return str(CANNOT_JUDGE) % {"facts": "; ".join(missing_text(n) for n in names)}
