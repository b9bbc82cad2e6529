"""The access model (docs/access-model.md), written down for the tests.

Written from the model, not computed from lotse.access.policy: test_policy.py and the access
matrix check the policy against this table. Actions by their value (Action.X.value), so the table
reads like the model and holds actions that a branch has not merged yet.
"""

# Actions by their value (lotse.access.policy.Action), so that this table reads like the model.
# The course catalogue holds no person data: every member of staff reads it (for their Kreise).
EVERY_STAFF_MEMBER = {"start.view", "directory.view", "courses.view"}
ROLE_ACTIONS: dict[str, set[str]] = {
    "caseworker": EVERY_STAFF_MEMBER
    | {
        "person.view",
        "person.edit",
        "person.break_glass",
        "registry.edit",
        "case.work",
        "referral.handle",
        "courses.manage",
        "vacancies.view",
        "interpreters.view",
    },
    "team_lead": EVERY_STAFF_MEMBER
    | {
        "office_staff.view",
        "aggregates.view",
        "person.view",
        "person.edit",
        "person.break_glass",
        "registry.edit",
        "case.work",
        "referral.handle",
        "cases.reassign",
        "duplicates.review",
        "courses.manage",
        "vacancies.view",
        "interpreters.view",
        "interpreters.manage",
    },
    "dpo": EVERY_STAFF_MEMBER | {"audit_trail.view"},
    "planner": EVERY_STAFF_MEMBER | {"aggregates.view"},
    # An administrator of an office: its staff and teams; roles that reach person data are
    # requested and approved by a second administrator (neither requester nor grantee).
    # Reference data of the Land is read-only for them.
    "administrator": EVERY_STAFF_MEMBER
    | {"office_staff.view", "users.manage", "role_grant.approve"},
    # A Land administrator (the Land's own office, serving no Kreis): requests changes of
    # reference data and approves those of another Land administrator.
    "land_admin": EVERY_STAFF_MEMBER
    | {
        "office_staff.view",
        "users.manage",
        "role_grant.approve",
        "reference_data.manage",
        "reference_change.approve",
    },
}
# The caseworker of the Jobcenter Ludwigsburg also records employers and vacancies (the Agentur's
# employer service and the Jobcenter do; the Sozialamt's staff read the vacancies only).
ROLE_ACTIONS["other_caseworker"] = ROLE_ACTIONS["caseworker"] | {
    "vacancies.manage",
    "placements.record",
    "youth.view",
}
# The caseworker of the Jugendamt Tübingen works on the cases of its Kreis like the Sozialamt's
# (no vacancies management: that is the employer service's) and is a partner of the
# Jugendberufsagentur (the list of the young people under 25).
ROLE_ACTIONS["jugendamt_caseworker"] = ROLE_ACTIONS["caseworker"] | {"youth.view"}
# Actions on an object of another Kreis are refused (the office scope). Staff are managed by
# their own office's administrators only (an object rule, stricter than the Kreis).
SCOPED_ACTIONS = {"office_staff.view", "person.view", "person.edit"}
SCOPED_ACTIONS |= {"cases.reassign", "case.work", "person.break_glass"}
# Courses belong to the Kreis of their Gemeinde: read and recorded within one's Kreise.
SCOPED_ACTIONS |= {"courses.view", "courses.manage"}
# Employers and vacancies belong to the Kreis of their Gemeinde too.
SCOPED_ACTIONS |= {"vacancies.view", "vacancies.manage"}
# Placements belong to the Kreis of their vacancy's Gemeinde.
SCOPED_ACTIONS |= {"placements.record"}
# The interpreters' pool belongs to its Kreis: read by caseworkers, kept by team leads.
SCOPED_ACTIONS |= {"interpreters.view", "interpreters.manage"}

# The personas who reach the admin (/admin/) at all.
ADMIN_PERSONAS = {"administrator", "land_admin"}
# What a POST to the admin's change views does (the access matrix posts each as each persona):
# "requested" — a pending request, nothing changes until a second administrator approves it;
# "refused" — nothing changes and nothing is requested. Every other persona: all "refused".
#   own_user:   roles with person data for oneself
#   user:       roles with person data for a member of staff of the Sozialamt Tübingen
#   other_user: the same for a member of staff of the Jobcenter Ludwigsburg
#   office:     the Sozialamt Tübingen's name
#   jurisdiction: the Sozialamt Tübingen serving the Landkreis Ludwigsburg too
ADMIN_POSTS: dict[str, dict[str, str]] = {
    "administrator": {
        "own_user": "requested",
        "user": "requested",
        "other_user": "refused",
        "office": "refused",
        "jurisdiction": "refused",
    },
    "land_admin": {
        "own_user": "requested",
        "user": "refused",
        "other_user": "refused",
        "office": "requested",
        "jurisdiction": "requested",
    },
}

# --- writes ------------------------------------------------------------------------------------
# Every state-changing URL of ours ("<METHOD> <URL name>": the pages' POSTs, the API's POST, PUT,
# PATCH and DELETE) with the action that governs it and a sample body that would make a real
# change. The access matrix (lotse/web/tests/test_access_matrix.py, test_write) sends each body
# for every sample object and persona: a refused persona changes nothing, an allowed one is
# answered with a success or a validation error, never "forbidden". A new state-changing URL
# without an entry here fails test_every_write_has_a_body_and_an_action.
#
# Values in braces are filled in by the matrix for the sample object of the case (a whole-string
# placeholder keeps its type, e.g. the case's version as a number): {today}, {in_two_weeks},
# {in_a_year}, {staff} (pk of a member of staff of the sample office), {staff_username}, {case},
# {case_version}, {follow_up}, {office_code}, {referral_to} / {referral_to_code} (an office of
# the sample's Kreis; {new_referral_to}: one with no request pending), {person} (the sample
# person), {twin} (another person of the sample office), {consent}; made in the
# test's own savepoint for the write that needs it: {status_entry} (a status event the sample
# office recorded), {switch} (a Rechtskreiswechsel from the sample office to another),
# {correction} (an open correction request at the sample office).
# "query" is added to the URL (pages whose form is chosen by a query parameter).
# "body_object": a URL without an object whose body names one of the persona's own samples (the
# kind of it): for a persona of another office of the same Kreis (the Jugendamt, which holds no
# sample) the object rule refuses it, answered like an id that names no one (404).
WRITES: dict[str, dict] = {
    # person registry and the person record
    "POST web:person_register": {
        "action": "registry.edit",
        "body": {
            "family_name": "Neuname",
            "given_names": "Nura",
            "sex": "f",
            "birth_date": "1991-04-02",
            "member-TOTAL_FORMS": "0",
            "member-INITIAL_FORMS": "0",
            "decision": "new",
        },
    },
    # Emergency access is for a person of another office of one's own Kreis: the object rule is
    # the Kreis only, and a person of another Kreis is answered like an id that names no one.
    "POST web:person_break_glass": {
        "action": "registry.edit",
        "object_rule": "kreis",
        "body": {"reason": "Vorsprache ohne Termin, Akte dringend benötigt"},
    },
    "POST web:person_name_add": {
        "action": "person.edit",
        "body": {
            "family_name": "Neuschreibung",
            "given_names": "Amal",
            "kind": "variant",
            "script": "Latn",
            "source": "self",
        },
    },
    "POST web:person_arrival": {
        "action": "person.edit",
        "body": {"arrived_unaccompanied": "on", "reason": "Inobhutnahme durch das Jugendamt"},
    },
    "POST web:person_identifier_add": {
        "action": "person.edit",
        "body": {"type": "azr", "value": "123456789012", "issuer": "BAMF"},
    },
    "POST web:person_household_add": {
        "action": "person.edit",
        "body": {"member": "{twin}", "role": "partner"},
    },
    "POST web:person_household_remove": {
        "action": "person.edit",
        "body": {"member": "1", "valid_to": "{today}", "reason": "Auszug"},
    },
    # consent
    "POST web:consent_record": {
        "action": "person.edit",
        "body": {
            "recipients": ["{referral_to}"],
            "categories": ["identity"],
            "purposes": ["integration_counselling"],
            "given_on": "{today}",
            "given_how": "written",
            "explained_language": "de",
            "valid_until": "{in_a_year}",
        },
    },
    "POST web:consent_withdraw": {
        "action": "person.edit",
        "body": {"consent": "{consent}", "how": "in_person", "reason": "im Gespräch widerrufen"},
    },
    # the profile (lotse/profiles)
    "POST web:profile_entry_new": {
        "action": "person.edit",
        "body": {
            "years": "9",
            "highest_certificate": "lower_secondary",
            "latin_literacy": "yes",
            "source": "own_statement",
        },
    },
    # documents of the person (lotse/documents): the file is added by the test (FILES)
    "POST web:document_new": {
        "action": "person.edit",
        "body": {"kind": "identity"},
        "files": {"file": "pdf"},
    },
    "POST web:document_withdraw": {
        "action": "person.edit",
        "body": {"reason": "für die falsche Person hochgeladen"},
    },
    "POST api:document_create": {
        "action": "person.edit",
        "body": {"kind": "identity"},
        "files": {"file": "pdf"},
    },
    # the integration plan (goal and step: the sample office's own, made per test)
    "POST web:plan_goal_new": {
        "action": "person.edit",
        "body": {
            "text": "Deutsch B1",
            "area": "language",
            "owner": "{referral_to}",
            "target_date": "{in_a_year}",
        },
    },
    "POST web:plan_goal_change": {
        "action": "person.edit",
        "query": "?goal={plan_goal}",
        "body": {
            "text": "Deutsch B2",
            "area": "language",
            "owner": "{referral_to}",
            "status": "in_progress",
        },
    },
    "POST web:plan_step_new": {
        "action": "person.edit",
        "body": {
            "goal": "{plan_goal}",
            "text": "Kursträger anrufen",
            "due_on": "{in_two_weeks}",
            "responsible": "{referral_to}",
        },
    },
    "POST web:plan_step_change": {
        "action": "person.edit",
        "query": "?step={plan_step}",
        "body": {
            "text": "Kursträger anrufen",
            "due_on": "{in_two_weeks}",
            "responsible": "{referral_to}",
        },
    },
    "POST web:plan_step_status": {
        "action": "person.edit",
        "body": {"step": "{plan_step}", "status": "done"},
    },
    # residence status
    "POST web:status_event_new": {
        "action": "person.edit",
        "query": "?kind=entry",
        "body": {"date": "2024-05-01", "source": "self", "note": ""},
    },
    "POST web:status_event_change": {
        "action": "person.edit",
        "query": "?entry={status_entry}&do=retract",
        "body": {"reason": "falsch erfasst"},
    },
    "POST web:status_switch": {
        "action": "person.view",
        "body": {"switch": "{switch}", "purpose": "Übergabe", "respond_by": "{in_two_weeks}"},
    },
    # rights of the data subject
    "POST web:subject_report": {
        "action": "person.view",
        "body": {"request_reference": "Antrag vom Montag", "language": "en"},
    },
    "POST web:dpo_subject_report": {
        "action": "audit_trail.view",
        "body": {"request_reference": "Antrag vom Montag", "language": "en"},
    },
    "POST web:correction_record": {
        "action": "person.edit",
        "body": {
            "data_item": "name",
            "current_value": "Geheimname",
            "requested_value": "Geheimnahme",
            "evidence": "Pass",
            "received_on": "{today}",
        },
    },
    "POST web:correction_resolve": {
        "action": "person.edit",
        "body": {"request": "{correction}", "status": "done", "change_made": "berichtigt"},
    },
    # corrections one office asks of another (the sample office's own entries: refused as
    # such, a validation answer; the request to answer is the sample office's open one)
    "POST web:office_correction_ask": {
        "action": "person.view",
        "body": {
            "field": "name",
            "what_is_wrong": "Die Schreibweise weicht vom Pass ab",
            "correct_value": "Amal",
        },
    },
    "POST web:office_correction": {
        "action": "person.view",
        "body": {"request": "{correction}", "do": "refuse", "rejection_reason": "stimmt so"},
    },
    # cases
    "POST web:case_detail": {
        "action": "case.work",
        "body": {"version": "{case_version}", "summary": "Neue Zusammenfassung", "responsible": ""},
    },
    "POST web:case_follow_up": {
        "action": "case.work",
        "body": {"due_on": "{in_two_weeks}", "title": "Nachfragen"},
    },
    "POST web:case_follow_up_done": {"action": "case.work", "body": {}},
    "POST web:case_note": {
        "action": "case.work",
        "body": {"text": "Termin wahrgenommen", "visibility": "office"},
    },
    "POST web:case_close": {"action": "case.work", "body": {"reason": "Umzug"}},
    "POST web:case_reassign": {
        "action": "cases.reassign",
        "body": {"cases": ["{case}"], "responsible": "{staff}"},
    },
    "POST web:referral_new": {
        "action": "case.work",
        "body": {
            "to_office": "{new_referral_to}",
            "kind": "service",
            "purpose": "Beratung",
            "respond_by": "{in_two_weeks}",
        },
    },
    "POST web:referral_detail": {
        "action": "referral.handle",
        "body": {"step": "accept", "text": "übernommen"},
    },
    # possible duplicates
    "POST web:duplicate_run_start": {"action": "duplicates.review", "body": {}},
    "POST web:duplicate_pair": {
        "action": "duplicates.review",
        "body": {"decision": "different", "kind": "other_birth_place", "note": "Aleppo / Homs"},
    },
    "POST web:duplicate_decision_reset": {
        "action": "duplicates.review",
        "body": {"reason": "irrtümlich als verschieden entschieden"},
    },
    "POST web:duplicate_merge_undo": {
        "action": "duplicates.review",
        "body": {"reason": "zu Unrecht zusammengeführt"},
    },
    # courses and enrolments ({course}: the course of the sample's Kreis; enrolments: the sample
    # person's seat in it, recorded by the sample office)
    "POST web:course_new": {
        "action": "courses.manage",
        "body": {
            "course_type": "{course_type}",
            "provider": "Neue Sprachschule",
            "gemeinde": "{gemeinde}",
            "starts_on": "{in_a_month}",
            "ends_on": "{in_half_a_year}",
            "seats": "10",
        },
    },
    "POST web:course_change": {
        "action": "courses.manage",
        "body": {
            "course_type": "{course_type}",
            "provider": "Umbenannte Sprachschule",
            "gemeinde": "{gemeinde}",
            "starts_on": "{in_a_month}",
            "ends_on": "{in_half_a_year}",
            "seats": "14",
        },
    },
    "POST web:course_enrol": {"action": "person.edit", "body": {"person": "{twin}"}},
    "POST web:person_enrol": {"action": "person.edit", "body": {"course": "{course}"}},
    "POST web:course_attendance": {
        "action": "person.edit",
        "body": {"week": "{today}", "units_planned": "20"},
    },
    "POST web:enrolment_attendance": {
        "action": "person.edit",
        "body": {"week": "{today}", "units_planned": "20", "units_attended": "18"},
    },
    "POST web:enrolment_exam": {
        "action": "person.edit",
        "body": {"exam": "dtz", "taken_on": "{today}", "passed": "on", "level": "B1"},
    },
    "POST web:enrolment_withdraw": {"action": "person.edit", "body": {"reason": "Umzug"}},
    "POST web:enrolment_take_seat": {"action": "person.edit", "body": {}},
    # employers and vacancies ({employer}: the sample Kreis's employer; {work_place}: its
    # Gemeinde; vacancies: the sample employer's open one)
    "POST web:employer_new": {
        "action": "vacancies.manage",
        "body": {"name": "Neuer Betrieb", "gemeinde": "{work_place}", "sector": "crafts"},
    },
    "POST web:employer_change": {
        "action": "vacancies.manage",
        "body": {
            "name": "Umbenannter Betrieb",
            "gemeinde": "{work_place}",
            "sector": "industry",
            "offers": ["mentor"],
        },
    },
    "POST web:vacancy_new": {
        "action": "vacancies.manage",
        "body": {
            "kind": "job",
            "title": "Elektroniker/in",
            "occupation": "26212",
            "gemeinde": "{work_place}",
            "hours_per_week": "39",
        },
    },
    "POST web:vacancy_change": {
        "action": "vacancies.manage",
        "body": {
            "kind": "apprenticeship",
            "title": "Ausbildung Elektroniker/in",
            "occupation": "26212",
            "gemeinde": "{work_place}",
            "hours_per_week": "39",
        },
    },
    "POST web:vacancy_status": {"action": "vacancies.manage", "body": {"status": "filled"}},
    "POST api:employer_create": {
        "action": "vacancies.manage",
        "body": {"name": "Neuer Betrieb", "place": "{work_place}", "sector": "crafts"},
    },
    "PATCH api:employer_update": {"action": "vacancies.manage", "body": {"name": "Umbenannt"}},
    "POST api:vacancy_create": {
        "action": "vacancies.manage",
        "body": {
            "employer": "{employer}",
            "title": "Elektroniker/in",
            "occupation": "26212",
            "place": "{work_place}",
            "hours_per_week": 39,
        },
    },
    "PATCH api:vacancy_update": {"action": "vacancies.manage", "body": {"hours_per_week": 30}},
    "POST api:vacancy_status_set": {"action": "vacancies.manage", "body": {"status": "filled"}},
    # decisions on suggested matches ({vacancy}: the sample Kreis's open vacancy)
    "POST web:person_match_decide": {
        "action": "person.edit",
        "body": {"vacancy": "{vacancy}", "decision": "set_aside", "reason": "distance"},
    },
    "POST api:match_decision_create": {
        "action": "person.edit",
        "body": {"vacancy": "{vacancy}", "decision": "set_aside", "reason": "distance"},
    },
    # placements into work or training ({placement}: the sample person hired into the sample
    # vacancy; {placement_follow_up}: its follow-up due)
    "POST web:person_placement_create": {
        "action": "placements.record",
        "body": {"vacancy": "{vacancy}", "note": "direkt"},
    },
    "POST web:person_placement_move": {
        "action": "placements.record",
        "body": {
            "placement": "{placement}",
            "stage": "ended",
            "on": "{today}",
            "reason": "person_resigned",
        },
    },
    "POST web:person_placement_follow_up": {
        "action": "placements.record",
        "body": {
            "placement": "{placement}",
            "follow_up": "{placement_follow_up}",
            "done_on": "{today}",
            "outcome": "going_well",
        },
    },
    "POST api:person_placement_create": {
        "action": "placements.record",
        "body": {"vacancy": "{vacancy}"},
    },
    "POST api:placement_step_create": {
        "action": "placements.record",
        "body": {"stage": "ended", "on": "{today}", "reason": "person_resigned"},
    },
    "POST api:placement_follow_up": {
        "action": "placements.record",
        "body": {"done_on": "{today}", "outcome": "going_well"},
    },
    # the API
    "POST api:enrolment_new": {
        "action": "person.edit",
        "body_object": "person",
        "body": {"person": "{twin}", "course": "{course}"},
    },
    "POST api:enrolment_attendance_record": {
        "action": "person.edit",
        "body": {"week": "{today}", "units_planned": 20, "units_attended": 18},
    },
    "POST api:enrolment_exam_record": {
        "action": "person.edit",
        "body": {"exam": "dtz", "taken_on": "{today}", "level": "B1"},
    },
    "PATCH api:case_change": {
        "action": "case.work",
        "body": {"version": "{case_version}", "summary": "Neue Zusammenfassung"},
    },
    "POST api:case_note": {
        "action": "case.work",
        "body": {"text": "Termin wahrgenommen", "visibility": "office"},
    },
    "POST api:case_follow_up": {
        "action": "case.work",
        "body": {"due_on": "{in_two_weeks}", "title": "Nachfragen"},
    },
    "POST api:referral_create": {
        "action": "referral.handle",
        "body_object": "case",
        "body": {
            "case": "{case}",
            "to_office": "{referral_to_code}",
            "kind": "service",
            "purpose": "Beratung",
            "respond_by": "{in_two_weeks}",
        },
    },
    "POST api:referral_step": {"action": "referral.handle", "body": {"text": "übernommen"}},
    "POST api:consent_create": {
        "action": "person.edit",
        "body": {
            "recipients": ["{referral_to_code}"],
            "categories": ["identity"],
            "purposes": ["integration_counselling"],
            "given_on": "{today}",
            "given_how": "written",
            "explained_language": "de",
            "valid_until": "{in_a_year}",
        },
    },
    "POST api:consent_withdrawal": {
        "action": "person.edit",
        "body": {"how": "in_person", "reason": "im Gespräch widerrufen"},
    },
    "POST api:profile_entry_create": {
        "action": "person.edit",
        "body": {
            "kind": "mobility",
            "source": "own_statement",
            "values": {"max_distance_km": 20, "means": ["public"]},
        },
    },
    "POST api:profile_language_create": {
        "action": "person.edit",
        "body": {"language": "de", "listening": "A2", "source": "self"},
    },
    "POST api:plan_goal_create": {
        "action": "person.edit",
        "body": {"text": "Deutsch B1", "area": "language", "owner": "{referral_to_code}"},
    },
    "POST api:plan_step_create": {
        "action": "person.edit",
        "body": {
            "goal": "{plan_goal}",
            "text": "Kursträger anrufen",
            "due_on": "{in_two_weeks}",
            "responsible": "{referral_to_code}",
        },
    },
    "PATCH api:plan_step_status": {"action": "person.edit", "body": {"status": "done"}},
    # appointments ({appointment}: the sample office's, begun two hours ago); a day two weeks
    # ahead may be a Sunday or a holiday, then the write is refused as invalid
    "POST web:person_appointments": {
        "action": "person.edit",
        "body": {
            "kind": "counselling",
            "day": "{in_two_weeks}",
            "start": "10:00",
            "end": "11:00",
            "mode": "in_person",
            "place": "Raum 1",
        },
    },
    "POST web:appointment_attendance": {"action": "person.edit", "body": {"attended": "no"}},
    "POST api:appointment_attendance": {"action": "person.edit", "body": {"attended": False}},
    "POST api:person_appointment_create": {
        "action": "person.edit",
        "body": {"kind": "counselling", "place": "Raum 1"},
    },
    "POST web:appointment_cancel": {"action": "person.edit", "body": {"reason": "erkrankt"}},
    "POST web:appointment_interpreter_book": {"action": "person.edit", "body": {"interpreter": 1}},
    "POST web:appointment_reschedule": {
        "action": "person.edit",
        "body": {"day": "{in_two_weeks}", "start": "10:00", "end": "11:00", "reason": "Wunsch"},
    },
    "POST web:information_event_new": {
        "action": "registry.edit",
        "body": {
            "persons": "{person}",
            "kind": "information_event",
            "title": "Infoveranstaltung Ausbildung",
            "day": "{in_two_weeks}",
            "start": "10:00",
            "end": "12:00",
            "mode": "in_person",
            "place": "Landratsamt, Saal 1",
        },
    },
    "PUT api:appointment_interpreter_put": {"action": "person.edit", "body": {"interpreter": 1}},
    "POST api:information_event_create": {
        "action": "registry.edit",
        "body": {
            "persons": ["{person}"],
            "title": "Infoveranstaltung Ausbildung",
            "starts_at": "{in_two_weeks}T10:00:00+01:00",
            "ends_at": "{in_two_weeks}T12:00:00+01:00",
            "place": "Landratsamt, Saal 1",
        },
    },
    "POST web:interpreter_new": {
        "action": "interpreters.manage",
        "body": {"name": "Nour Khalil", "languages": "ar"},
    },
    # case conferences on the plan (an office of the sample's Kreis at the table)
    # letters and consent to be contacted (lotse/comms)
    "POST web:person_letters": {
        "action": "person.edit",
        "body": {
            "template_code": "reminder",
            "language": "de",
            "date": "{in_two_weeks}",
            "time": "09:30",
            "place": "Zimmer 3",
        },
    },
    "POST web:person_contact": {
        "action": "person.edit",
        "body": {
            "channel": "sms",
            "address": "0151 2345678",
            "consented_on": "{today}",
            "how": "signed_form",
        },
    },
    "POST web:person_contact_withdraw": {"action": "person.edit", "body": {}},
    "POST api:letter_new": {
        "action": "person.edit",
        "body": {"template": "reminder", "date": "{in_two_weeks}", "time": "09:30"},
    },
    "POST web:plan_conference_new": {
        "action": "person.edit",
        "body": {"held_on": "{today}", "offices": "{referral_to}", "agreed": "VABO ab September"},
    },
    "POST api:conference_create": {
        "action": "person.edit",
        "body": {
            "held_on": "{today}",
            "offices": ["{referral_to_code}"],
            "agreed": "VABO ab September",
        },
    },
    "PUT api:household_replace": {
        "action": "person.edit",
        "body": {
            "members": [
                {"person": "{person}", "role": "applicant"},
                {"person": "{twin}", "role": "partner"},
            ],
            "reason": "Heirat",
        },
    },
}
