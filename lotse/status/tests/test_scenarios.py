"""The table of scenarios: status history and dates → expected answers.

Each row names what it checks; the expected dict holds only the answers the row is about.
"""

import pytest

from lotse.status.tests.helpers import AMAL, ev, member, run

APP = ev("2015-11-16", "asylum_application")
G = "asylblg_grundleistungen"
A = "asylblg_analogleistungen"


def decided(outcome, day="2016-04-14", **fields):
    return [ev("2015-10-12", "buema"), APP, ev(day, "decision", outcome=outcome, **fields)]


ROWS = [
    # --- the journeys of user-journeys.md ----------------------------------------------------
    (
        "amal pending, Tübingen",
        "2016-02-01",
        AMAL[:2],
        {},
        {
            "benefit_regime": G,
            "benefit_office": "sozialamt",
            "switch": None,
            "labour_market_access": "permit_with_ba_consent",
            "integration_course": "admissible",
            "gute_bleibeperspektive": True,
        },
    ),
    (
        "amal decision month, not final",
        "2016-04-30",
        AMAL[:3],
        {},
        {"benefit_regime": G, "switch": None, "labour_market_access": "free"},
    ),
    (
        "amal finality month",
        "2016-05-31",
        AMAL,
        {},
        {
            "benefit_regime": G,
            "benefit_office": "sozialamt",
            "switch": {"last_asylblg_month": "2016-05", "first_sgb2_month": "2016-06"},
        },
    ),
    (
        "amal first SGB II month, gE",
        "2016-06-01",
        AMAL,
        {},
        {
            "benefit_regime": "sgb2",
            "benefit_office": "jobcenter_ge",
            "switch": {"last_asylblg_month": "2016-05", "first_sgb2_month": "2016-06"},
        },
    ),
    (
        "amal in Ludwigsburg: zkT",
        "2016-06-01",
        AMAL,
        {"kreis": "08118"},
        {"benefit_regime": "sgb2", "benefit_office": "jobcenter_zkt"},
    ),
    (
        "amal with her AE: entitled to the course",
        "2016-07-01",
        [
            *AMAL,
            ev("2016-06-20", "residence_title", title="25_2_refugee", valid_until="2019-06-19"),
        ],
        {},
        {"integration_course": "entitled", "labour_market_access": "free"},
    ),
    (
        "afghan pending 14 months in 2016",
        "2017-01-10",
        [ev("2015-11-01", "buema"), ev("2015-11-10", "asylum_application")],
        {"nationality": "AFG", "entry_date": "2015-11-01", "birth_date": "1988-03-02"},
        {
            "benefit_regime": G,
            "labour_market_access": "permit_with_ba_consent",
            "integration_course": "not_admissible",
            "gute_bleibeperspektive": False,
        },
    ),
    (
        "afghan pending: 15 months → Analogleistungen",
        "2017-02-01",
        [ev("2015-11-01", "buema"), ev("2015-11-10", "asylum_application")],
        {"nationality": "AFG", "entry_date": "2015-11-01"},
        {"benefit_regime": A},
    ),
    (
        "afghan admissible from 2023",
        "2023-01-02",
        [ev("2021-11-01", "ankunftsnachweis"), ev("2021-11-10", "asylum_application")],
        {"nationality": "AFG", "entry_date": "2021-11-01"},
        {"integration_course": "admissible", "benefit_regime": G},
    ),
    (
        "nigerian woman with Duldung",
        "2018-03-01",
        [
            ev("2016-03-01", "ankunftsnachweis"),
            ev("2016-03-10", "asylum_application"),
            ev("2017-05-02", "decision", outcome="rejected_unfounded"),
            ev("2017-05-20", "finality"),
            ev("2017-06-01", "duldung", valid_until="2018-05-31"),
        ],
        {"nationality": "NGA", "entry_date": "2016-03-01", "birth_date": "1994-07-07"},
        {
            "benefit_regime": A,
            "benefit_office": "sozialamt",
            "labour_market_access": "permit_with_ba_consent",
            "integration_course": "not_admissible",
            "switch": None,
        },
    ),
    (
        "ukrainian family: AsylbLG in May 2022",
        "2022-05-20",
        [ev("2022-03-20", "fiktionsbescheinigung", for_title="24")],
        {"nationality": "UKR", "entry_date": "2022-03-15", "birth_date": "1985-02-02"},
        {"benefit_regime": G, "labour_market_access": "free", "integration_course": "admissible"},
    ),
    (
        "ukrainian family: SGB II since June 2022 (zkT Ortenau)",
        "2022-06-01",
        [
            ev("2022-03-20", "fiktionsbescheinigung", for_title="24"),
            ev("2022-05-25", "residence_title", title="24", valid_until="2024-03-04"),
        ],
        {"nationality": "UKR", "entry_date": "2022-03-15", "kreis": "08317"},
        {
            "benefit_regime": "sgb2",
            "benefit_office": "jobcenter_zkt",
            "switch": {"last_asylblg_month": "2022-05", "first_sgb2_month": "2022-06"},
        },
    ),
    (
        "ukrainian arriving after June 2022: SGB II, no switch",
        "2022-09-01",
        [ev("2022-08-01", "fiktionsbescheinigung", for_title="24")],
        {"nationality": "UKR", "entry_date": "2022-07-20"},
        {"benefit_regime": "sgb2", "switch": None},
    ),
    (
        "eritrean unaccompanied minor",
        "2016-03-01",
        [ev("2015-12-01", "buema"), ev("2016-01-20", "asylum_application")],
        {
            "nationality": "ERI",
            "birth_date": "2000-05-05",
            "entry_date": "2015-12-01",
            "in_youth_welfare": True,
        },
        {
            "benefit_regime": "none",
            "benefit_office": "jugendamt",
            "integration_course": "not_admissible",
            "gute_bleibeperspektive": True,
        },
    ),
    # --- every outcome ---------------------------------------------------------------------------
    (
        "asylberechtigung: decision month, even before finality",
        "2016-05-02",
        decided("asylberechtigung"),
        {},
        {
            "benefit_regime": "sgb2",
            "switch": {"last_asylblg_month": "2016-04", "first_sgb2_month": "2016-05"},
        },
    ),
    (
        "asylberechtigung: in the decision month AsylbLG still",
        "2016-04-30",
        decided("asylberechtigung"),
        {},
        {
            "benefit_regime": G,
            "switch": {"last_asylblg_month": "2016-04", "first_sgb2_month": "2016-05"},
        },
    ),
    (
        "asylberechtigung by a court on appeal",
        "2017-03-01",
        [
            *decided("rejected_unfounded"),
            ev("2016-04-20", "appeal"),
            ev("2017-02-10", "decision", outcome="asylberechtigung", by="court"),
        ],
        {},
        {
            "benefit_regime": "sgb2",
            "switch": {"last_asylblg_month": "2017-02", "first_sgb2_month": "2017-03"},
        },
    ),
    (
        "subsidiary protection, final",
        "2016-07-01",
        [*decided("subsidiaerer_schutz"), ev("2016-06-02", "finality")],
        {},
        {
            "benefit_regime": "sgb2",
            "labour_market_access": "free",
            "switch": {"last_asylblg_month": "2016-06", "first_sgb2_month": "2016-07"},
        },
    ),
    (
        "subsidiary protection, not final",
        "2016-07-01",
        decided("subsidiaerer_schutz"),
        {},
        {"benefit_regime": G, "switch": None},
    ),
    (
        "abschiebungsverbot, final, before the AE",
        "2016-07-01",
        [*decided("abschiebungsverbot"), ev("2016-05-10", "finality")],
        {},
        {
            "benefit_regime": "sgb2",
            "labour_market_access": "permit_without_ba_consent",
            "switch": {"last_asylblg_month": "2016-05", "first_sgb2_month": "2016-06"},
        },
    ),
    (
        "abschiebungsverbot with AE § 25 Abs. 3 after the FEG",
        "2020-03-01",
        [
            *decided("abschiebungsverbot"),
            ev("2016-05-10", "finality"),
            ev("2016-06-01", "residence_title", title="25_3", valid_until="2021-05-31"),
        ],
        {},
        {
            "benefit_regime": "sgb2",
            "labour_market_access": "free",
            "integration_course": "admissible",
        },
    ),
    (
        "abschiebungsverbot with AE § 25 Abs. 3 before the FEG",
        "2020-02-29",
        [
            *decided("abschiebungsverbot"),
            ev("2016-05-10", "finality"),
            ev("2016-06-01", "residence_title", title="25_3", valid_until="2021-05-31"),
        ],
        {},
        {"labour_market_access": "permit_without_ba_consent"},
    ),
    (
        "rejected unfounded, appeal pending",
        "2016-09-01",
        [*decided("rejected_unfounded"), ev("2016-04-25", "appeal")],
        {},
        {"benefit_regime": G, "labour_market_access": "permit_with_ba_consent", "switch": None},
    ),
    (
        "rejected manifestly unfounded, final, no Duldung",
        "2016-09-01",
        [*decided("rejected_manifestly_unfounded"), ev("2016-04-22", "finality")],
        {},
        {
            "benefit_regime": G,
            "labour_market_access": "none",
            "integration_course": "not_admissible",
        },
    ),
    (
        "inadmissible (Dublin) before the 2024 exclusion",
        "2018-01-05",
        [*decided("inadmissible", day="2017-10-01"), ev("2017-10-20", "finality")],
        {},
        {"benefit_regime": A, "labour_market_access": "none"},
    ),
    (
        "discontinued, final",
        "2016-09-01",
        [*decided("discontinued"), ev("2016-05-01", "finality")],
        {},
        {"benefit_regime": G, "labour_market_access": "none"},
    ),
    # --- rule change dates ----------------------------------------------------------------------
    (
        "Asylpaket I: no course for asylum seekers the day before",
        "2015-10-23",
        [ev("2015-08-01", "asylum_application")],
        {"entry_date": "2015-08-01"},
        {"integration_course": "not_admissible", "gute_bleibeperspektive": None},
    ),
    (
        "Asylpaket I: course for SYR from 2015-10-24",
        "2015-10-24",
        [ev("2015-08-01", "asylum_application")],
        {"entry_date": "2015-08-01"},
        {"integration_course": "admissible", "gute_bleibeperspektive": True},
    ),
    (
        "Asylpaket I: safe-country work ban (Albania, applied after 31 Aug 2015)",
        "2016-03-01",
        [ev("2015-09-10", "asylum_application")],
        {"nationality": "ALB", "entry_date": "2015-09-01"},
        {"labour_market_access": "none"},
    ),
    (
        "safe country, applied before 1 Sep 2015: no ban",
        "2016-03-01",
        [ev("2015-08-20", "asylum_application")],
        {"nationality": "ALB", "entry_date": "2015-08-15"},
        {"labour_market_access": "permit_with_ba_consent"},
    ),
    (
        "Somalia on the list from 2016-08-01",
        "2016-08-01",
        [ev("2016-03-01", "ankunftsnachweis")],
        {"nationality": "SOM", "entry_date": "2016-03-01"},
        {"gute_bleibeperspektive": True, "integration_course": "admissible"},
    ),
    (
        "Somalia not on the list on 2016-07-31",
        "2016-07-31",
        [ev("2016-03-01", "ankunftsnachweis")],
        {"nationality": "SOM", "entry_date": "2016-03-01"},
        {"gute_bleibeperspektive": False, "integration_course": "not_admissible"},
    ),
    (
        "Integrationsgesetz: Wohnsitzregelung to Ludwigsburg decides the Jobcenter",
        "2016-10-01",
        [*AMAL, ev("2016-08-10", "wohnsitzregelung", kreis="08118")],
        {},
        {"benefit_regime": "sgb2", "benefit_office": "jobcenter_zkt"},
    ),
    (
        "Wohnsitzregelung lifted: the Kreis of residence again",
        "2017-10-01",
        [
            *AMAL,
            ev("2016-08-10", "wohnsitzregelung", kreis="08118"),
            ev("2017-09-01", "wohnsitzregelung_lifted"),
        ],
        {},
        {"benefit_office": "jobcenter_ge"},
    ),
    (
        "Iraq off the list from 2019-08-01",
        "2019-08-01",
        [ev("2019-01-10", "ankunftsnachweis"), ev("2019-01-15", "asylum_application")],
        {"nationality": "IRQ", "entry_date": "2019-01-10", "labour_market_close": False},
        {"gute_bleibeperspektive": False, "integration_course": "not_admissible"},
    ),
    (
        "2019: early entry and close to the labour market",
        "2019-08-01",
        [ev("2019-01-10", "ankunftsnachweis"), ev("2019-01-15", "asylum_application")],
        {"nationality": "IRQ", "entry_date": "2019-01-10", "labour_market_close": True},
        {"integration_course": "admissible"},
    ),
    (
        "15 months on 2019-08-20: Analogleistungen",
        "2019-08-20",
        [ev("2018-05-20", "ankunftsnachweis")],
        {"entry_date": "2018-05-20"},
        {"benefit_regime": A},
    ),
    (
        "2019-08-21: 18 months, but § 15 keeps who had 15",
        "2019-08-21",
        [ev("2018-05-20", "ankunftsnachweis")],
        {"entry_date": "2018-05-20"},
        {"benefit_regime": A},
    ),
    (
        "2019-08-21: 15 months not yet reached → now 18 months",
        "2019-09-01",
        [ev("2018-06-01", "ankunftsnachweis")],
        {"entry_date": "2018-06-01"},
        {"benefit_regime": G},
    ),
    (
        "18 months: day before",
        "2020-01-31",
        [ev("2018-08-01", "ankunftsnachweis")],
        {"entry_date": "2018-08-01"},
        {"benefit_regime": G},
    ),
    (
        "18 months: the day they are complete",
        "2020-02-01",
        [ev("2018-08-01", "ankunftsnachweis")],
        {"entry_date": "2018-08-01"},
        {"benefit_regime": A},
    ),
    (
        "FEG 2020-03-01: § 24 title free",
        "2020-03-01",
        [ev("2019-05-01", "residence_title", title="24")],
        {"entry_date": "2019-04-01"},
        {"labour_market_access": "free"},
    ),
    (
        "2022-05-31: § 24 still AsylbLG",
        "2022-05-31",
        [ev("2022-03-20", "residence_title", title="24")],
        {"nationality": "UKR", "entry_date": "2022-03-15"},
        {"benefit_regime": G, "switch": None},
    ),
    (
        "Chancen-Aufenthaltsrecht § 104c: out of the AsylbLG",
        "2023-02-01",
        [
            ev("2016-03-01", "asylum_application"),
            ev("2017-01-10", "decision", outcome="rejected_unfounded"),
            ev("2017-02-01", "finality"),
            ev("2017-02-05", "duldung", valid_until="2023-01-31"),
            ev("2023-01-10", "residence_title", title="104c", valid_until="2024-07-09"),
        ],
        {"nationality": "NGA", "entry_date": "2016-02-20"},
        {
            "benefit_regime": "sgb2",
            "labour_market_access": "free",
            "switch": {"last_asylblg_month": "2023-01", "first_sgb2_month": "2023-02"},
        },
    ),
    (
        "2022-12-31: course for all asylum seekers",
        "2022-12-31",
        [ev("2022-06-01", "ankunftsnachweis")],
        {"nationality": "IRQ", "entry_date": "2022-06-01"},
        {"integration_course": "admissible"},
    ),
    (
        "2022-12-30: not yet",
        "2022-12-30",
        [ev("2022-06-01", "ankunftsnachweis")],
        {"nationality": "IRQ", "entry_date": "2022-06-01"},
        {"integration_course": "not_admissible"},
    ),
    (
        "2024-02-26: 18 months → Analogleistungen",
        "2024-02-26",
        [ev("2022-01-10", "ankunftsnachweis")],
        {"entry_date": "2022-01-10"},
        {"benefit_regime": A},
    ),
    (
        "2024-02-27: 36 months, but § 20 keeps who had 18 on 2024-02-26",
        "2024-02-27",
        [ev("2022-01-10", "ankunftsnachweis")],
        {"entry_date": "2022-01-10"},
        {"benefit_regime": A},
    ),
    (
        "2024-02-27: reception centre, 6 months after the application → permit",
        "2024-03-01",
        [ev("2023-08-20", "ankunftsnachweis"), ev("2023-08-25", "asylum_application")],
        {"entry_date": "2023-08-20", "in_reception_centre": True},
        {"labour_market_access": "permit_with_ba_consent", "benefit_office": "erstaufnahme"},
    ),
    (
        "2024-02-26: reception centre, 9 months not reached",
        "2024-02-26",
        [ev("2023-08-20", "ankunftsnachweis")],
        {"entry_date": "2023-08-20", "in_reception_centre": True},
        {"labour_market_access": "none"},
    ),
    (
        "2016: reception centre: no work at all",
        "2016-12-01",
        [ev("2016-03-01", "ankunftsnachweis")],
        {"entry_date": "2016-03-01", "in_reception_centre": True},
        {"labour_market_access": "none"},
    ),
    (
        "2026: course admission stop; answer stays admissible",
        "2026-03-01",
        [ev("2025-06-01", "ankunftsnachweis")],
        {"nationality": "TUR", "entry_date": "2025-06-01"},
        {"integration_course": "admissible"},
    ),
    (
        "2026-07-01: § 24 first issued after 31 Mar 2025 stays SGB II (law pending)",
        "2026-08-01",
        [ev("2025-05-01", "residence_title", title="24")],
        {"nationality": "UKR", "entry_date": "2025-04-20"},
        {"benefit_regime": "sgb2", "switch": None},
    ),
    # --- Duldung variants ------------------------------------------------------------------------
    (
        "Duldung, identity obstruction: ban",
        "2018-03-01",
        [
            ev("2016-03-01", "asylum_application"),
            ev("2017-01-10", "decision", outcome="rejected_unfounded"),
            ev("2017-02-01", "finality"),
            ev("2017-02-05", "duldung", identity_obstruction=True),
        ],
        {"nationality": "NGA", "entry_date": "2016-02-20"},
        {"labour_market_access": "none", "benefit_regime": A},
    ),
    (
        "Ausbildungsduldung § 60c: no BA consent; course admissible",
        "2021-03-01",
        [
            ev("2016-03-01", "asylum_application"),
            ev("2017-01-10", "decision", outcome="rejected_unfounded"),
            ev("2017-02-01", "finality"),
            ev("2020-09-01", "duldung", variant="60c"),
        ],
        {"nationality": "NGA", "entry_date": "2016-02-20"},
        {"labour_market_access": "permit_without_ba_consent", "integration_course": "admissible"},
    ),
    (
        "Duldung § 60b: ban",
        "2021-03-01",
        [
            ev("2016-03-01", "asylum_application"),
            ev("2017-01-10", "decision", outcome="rejected_unfounded"),
            ev("2017-02-01", "finality"),
            ev("2020-09-01", "duldung", variant="60b"),
        ],
        {"nationality": "NGA", "entry_date": "2016-02-20"},
        {"labour_market_access": "none", "integration_course": "not_admissible"},
    ),
    (
        "Duldung after 4 years: no BA consent",
        "2020-03-01",
        [
            ev("2016-03-01", "asylum_application"),
            ev("2017-01-10", "decision", outcome="rejected_unfounded"),
            ev("2017-02-01", "finality"),
            ev("2017-02-05", "duldung"),
        ],
        {"nationality": "NGA", "entry_date": "2016-02-20"},
        {"labour_market_access": "permit_without_ba_consent"},
    ),
    # --- titles -------------------------------------------------------------------------------
    (
        "§ 25 Abs. 5, suspension under 18 months: AsylbLG",
        "2018-01-01",
        [
            ev(
                "2017-06-01",
                "residence_title",
                title="25_5",
                deportation_suspended_since="2017-03-01",
            )
        ],
        {"entry_date": "2014-12-01"},
        {"benefit_regime": A},
    ),
    (
        "§ 25 Abs. 5, 18 months reached: SGB II from the next month",
        "2018-10-01",
        [
            ev(
                "2017-06-01",
                "residence_title",
                title="25_5",
                deportation_suspended_since="2017-03-01",
            )
        ],
        {"entry_date": "2014-12-01"},
        {
            "benefit_regime": "sgb2",
            "switch": {"last_asylblg_month": "2018-09", "first_sgb2_month": "2018-10"},
        },
    ),
    (
        "§ 23 Abs. 4 resettlement: SGB II and entitled to the course",
        "2017-01-01",
        [ev("2016-10-01", "residence_title", title="23_4")],
        {"entry_date": "2016-09-30"},
        {"benefit_regime": "sgb2", "integration_course": "entitled", "switch": None},
    ),
    (
        "Niederlassungserlaubnis",
        "2022-01-01",
        [*AMAL, ev("2021-06-01", "residence_title", title="niederlassungserlaubnis")],
        {},
        {
            "benefit_regime": "sgb2",
            "labour_market_access": "free",
            "integration_course": "admissible",
        },
    ),
    (
        "course entitlement expires a year after the AE",
        "2017-06-21",
        [*AMAL, ev("2016-06-20", "residence_title", title="25_2_refugee")],
        {},
        {"integration_course": "admissible"},
    ),
    (
        "obliged by the Jobcenter",
        "2017-06-21",
        [
            *AMAL,
            ev("2016-06-20", "residence_title", title="25_2_refugee"),
            ev("2016-07-01", "integration_course_obligation", by="jobcenter"),
        ],
        {},
        {"integration_course": "obliged"},
    ),
    (
        "departure ends everything",
        "2017-01-01",
        [ev("2015-10-12", "buema"), APP, ev("2016-10-01", "departure")],
        {},
        {
            "benefit_regime": "none",
            "benefit_office": None,
            "labour_market_access": "none",
            "switch": None,
        },
    ),
    (
        "past the Regelaltersgrenze: SGB XII",
        "2016-07-01",
        AMAL,
        {"birth_date": "1948-01-01"},
        {
            "benefit_regime": "sgb12",
            "benefit_office": "sozialamt",
            "switch": {"last_asylblg_month": "2016-05", "first_sgb12_month": "2016-06"},
        },
    ),
    (
        "unable to work, living alone: SGB XII",
        "2016-07-01",
        AMAL,
        {"able_to_work": False, "household": []},
        {"benefit_regime": "sgb12"},
    ),
    (
        "abuse finding: no Analogleistungen",
        "2017-06-01",
        [ev("2015-10-12", "buema"), APP, ev("2016-12-01", "abuse_finding")],
        {},
        {"benefit_regime": G},
    ),
    # --- edge days ----------------------------------------------------------------------------
    (
        "finality on the last day of a month",
        "2016-06-01",
        [*decided("fluechtlingsschutz"), ev("2016-05-31", "finality")],
        {},
        {
            "switch": {"last_asylblg_month": "2016-05", "first_sgb2_month": "2016-06"},
            "benefit_regime": "sgb2",
        },
    ),
    (
        "finality on the first of a month",
        "2016-06-30",
        [*decided("fluechtlingsschutz"), ev("2016-06-01", "finality")],
        {},
        {
            "switch": {"last_asylblg_month": "2016-06", "first_sgb2_month": "2016-07"},
            "benefit_regime": G,
        },
    ),
    (
        "asylberechtigung decided on the 1st",
        "2016-05-01",
        decided("asylberechtigung", day="2016-05-01"),
        {},
        {
            "switch": {"last_asylblg_month": "2016-05", "first_sgb2_month": "2016-06"},
            "benefit_regime": G,
        },
    ),
    (
        "asylberechtigung decided on the last day of the year",
        "2017-01-01",
        decided("asylberechtigung", day="2016-12-31"),
        {},
        {
            "switch": {"last_asylblg_month": "2016-12", "first_sgb2_month": "2017-01"},
            "benefit_regime": "sgb2",
        },
    ),
    (
        "work waiting period: the day before 3 months",
        "2016-02-04",
        [ev("2015-11-05", "asylum_application")],
        {"entry_date": "2015-11-05"},
        {"labour_market_access": "none"},
    ),
    (
        "work waiting period: the day 3 months are complete",
        "2016-02-05",
        [ev("2015-11-05", "asylum_application")],
        {"entry_date": "2015-11-05"},
        {"labour_market_access": "permit_with_ba_consent"},
    ),
]


@pytest.mark.parametrize(
    ("as_of", "events", "options", "expected"),
    [pytest.param(*row[1:], id=row[0]) for row in ROWS],
)
def test_scenario(as_of, events, options, expected):
    answers = run(as_of, events, **options)
    assert {key: answers[key] for key in expected} == expected
    assert answers["reasons"], "every answer carries reasons"


HOUSEHOLD_ROWS = [
    (
        "child without own status: § 1 Abs. 1 Nr. 6 through the parent",
        "2016-03-01",
        [],
        {"birth_date": "2016-01-10", "entry_date": "2016-01-10"},
        [member("parent", AMAL[:2])],
        {"benefit_regime": G},
    ),
    (
        "minor: Analogleistungen follow the parents (§ 2 Abs. 3)",
        "2017-02-01",
        [ev("2016-06-01", "asylum_application")],
        {"birth_date": "2010-01-10", "entry_date": "2016-06-01"},
        [member("parent", AMAL[:2])],
        {"benefit_regime": A},
    ),
    (
        "minor: parents on Grundleistungen keep the child there",
        "2018-02-01",
        [ev("2015-10-12", "buema"), APP],
        {"birth_date": "2010-01-10"},
        [member("parent", [ev("2017-06-01", "ankunftsnachweis")], entry_date="2017-06-01")],
        {"benefit_regime": G},
    ),
    (
        "child under 15 with a parent in SGB II: Sozialgeld",
        "2016-07-01",
        AMAL,
        {"birth_date": "2010-01-10"},
        [member("parent", AMAL)],
        {
            "benefit_regime": "sgb2",
            "benefit_office": "jobcenter_ge",
            "integration_course": "not_admissible",
        },
    ),
    (
        "spouse unable to work in a Bedarfsgemeinschaft: Sozialgeld",
        "2016-07-01",
        AMAL,
        {"able_to_work": False},
        [member("spouse", AMAL)],
        {"benefit_regime": "sgb2"},
    ),
    (
        "child under 15, parent still AsylbLG: SGB XII",
        "2016-07-01",
        AMAL,
        {"birth_date": "2010-01-10"},
        [member("parent", AMAL[:2])],
        {"benefit_regime": "sgb12"},
    ),
]


@pytest.mark.parametrize(
    ("as_of", "events", "person", "household", "expected"),
    [pytest.param(*row[1:], id=row[0]) for row in HOUSEHOLD_ROWS],
)
def test_household(as_of, events, person, household, expected):
    answers = run(as_of, events, household=household, **person)
    assert {key: answers[key] for key in expected} == expected


# --- a missing fact leaves open only the answers that need it (issue: benefits 2019–2020) -----

ASYLUM_SEEKER_2019 = [ev("2019-01-10", "ankunftsnachweis"), ev("2019-01-15", "asylum_application")]


@pytest.mark.parametrize(
    ("as_of", "regime"),
    [("2019-09-01", G), ("2020-03-01", G), ("2020-08-01", A)],
)
def test_benefits_of_an_asylum_seeker_2019_2020_without_labour_market_closeness(as_of, regime):
    """Asked only about the benefits: the integration course needs closeness to the labour
    market, which is not given; the benefit answers are given with their reasons."""
    answers = run(as_of, ASYLUM_SEEKER_2019, nationality="IRQ", entry_date="2019-01-10")
    assert answers["benefit_regime"] == regime
    assert answers["benefit_office"] == "sozialamt"
    assert answers["switch"] is None
    assert answers["labour_market_access"] == "permit_with_ba_consent"
    assert [r for r in answers["reasons"] if r["question"] == "benefit_regime"]
    assert answers["integration_course"] is None
    assert list(answers["open"]) == ["integration_course"]
    assert answers["open"]["integration_course"]["missing"] == ["person.labour_market_close"]
    assert not [r for r in answers["reasons"] if r["question"] == "integration_course"]
