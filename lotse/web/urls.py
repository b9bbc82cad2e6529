from django.urls import path

from lotse.web import (
    appointment_views,
    case_views,
    conference_views,
    consent_views,
    course_views,
    document_views,
    duplicate_views,
    letter_views,
    match_views,
    office_correction_views,
    person_views,
    placement_views,
    plan_views,
    profile_views,
    status_views,
    subject_rights_views,
    vacancy_views,
    views,
    youth_views,
)

app_name = "web"

urlpatterns = [
    path("", views.start, name="start"),
    path("kreise/", views.kreis_index, name="kreis_list"),
    path("kreise/<str:code>/", views.kreis_detail, name="kreis_detail"),
    path("offices/", views.office_index, name="office_list"),
    path("offices/<slug:code>/", views.office_detail, name="office_detail"),
    path("account/", views.account, name="account"),
    path("persons/", person_views.person_index, name="person_list"),
    path("persons/new/", person_views.person_register_view, name="person_register"),
    path("persons/<uuid:person_id>/", person_views.person_detail, name="person_detail"),
    path(
        "persons/<uuid:person_id>/names/", person_views.person_name_add_view, name="person_name_add"
    ),
    path(
        "persons/<uuid:person_id>/break-glass/",
        person_views.person_break_glass,
        name="person_break_glass",
    ),
    path(
        "persons/<uuid:person_id>/household/add/",
        person_views.person_household_add,
        name="person_household_add",
    ),
    path(
        "persons/<uuid:person_id>/household/remove/",
        person_views.person_household_remove,
        name="person_household_remove",
    ),
    path(
        "persons/<uuid:person_id>/identifiers/",
        person_views.person_identifier_add_view,
        name="person_identifier_add",
    ),
    path(
        "persons/<uuid:person_id>/arrival/",
        person_views.person_arrival_view,
        name="person_arrival",
    ),
    path("cases/", case_views.case_list, name="case_list"),
    path("cases/reassign/", case_views.case_reassign, name="case_reassign"),
    path("cases/<int:case_id>/", case_views.case_detail, name="case_detail"),
    path("cases/<int:case_id>/follow-ups/", case_views.case_follow_up, name="case_follow_up"),
    path(
        "cases/<int:case_id>/follow-ups/<int:follow_up_id>/done/",
        case_views.case_follow_up_done,
        name="case_follow_up_done",
    ),
    path("cases/<int:case_id>/notes/", case_views.case_note, name="case_note"),
    path("cases/<int:case_id>/close/", case_views.case_close_view, name="case_close"),
    path("cases/<int:case_id>/referrals/new/", case_views.referral_new, name="referral_new"),
    path("referrals/", case_views.referral_index, name="referral_list"),
    path("referrals/<int:referral_id>/", case_views.referral_detail, name="referral_detail"),
    path(
        "persons/<uuid:person_id>/consents/new/",
        consent_views.consent_record_view,
        name="consent_record",
    ),
    path(
        "persons/<uuid:person_id>/consents/withdraw/",
        consent_views.consent_withdraw_view,
        name="consent_withdraw",
    ),
    path(
        "persons/<uuid:person_id>/consents/form.pdf",
        consent_views.consent_form_pdf_view,
        name="consent_form_pdf",
    ),
    path("persons/<uuid:person_id>/profile/", profile_views.profile_detail, name="profile_detail"),
    path(
        "persons/<uuid:person_id>/profile/pdf/", profile_views.profile_pdf_view, name="profile_pdf"
    ),
    path(
        "persons/<uuid:person_id>/profile/new/<str:kind>/",
        profile_views.profile_entry_new,
        name="profile_entry_new",
    ),
    path("occupations/", profile_views.occupation_list, name="occupation_list"),
    path("persons/<uuid:person_id>/documents/", document_views.document_list, name="document_list"),
    path(
        "persons/<uuid:person_id>/documents/new/",
        document_views.document_new,
        name="document_new",
    ),
    path(
        "persons/<uuid:person_id>/documents/<int:document_id>/",
        document_views.document_file,
        name="document_file",
    ),
    path(
        "persons/<uuid:person_id>/documents/<int:document_id>/withdraw/",
        document_views.document_withdraw_view,
        name="document_withdraw",
    ),
    path("persons/<uuid:person_id>/plan/", plan_views.plan_page, name="plan"),
    path("persons/<uuid:person_id>/plan/pdf/", plan_views.plan_pdf_view, name="plan_pdf"),
    path(
        "persons/<uuid:person_id>/plan/conferences/new/",
        conference_views.plan_conference_new,
        name="plan_conference_new",
    ),
    path(
        "persons/<uuid:person_id>/plan/goals/new/", plan_views.plan_goal_new, name="plan_goal_new"
    ),
    path(
        "persons/<uuid:person_id>/plan/goals/change/",
        plan_views.plan_goal_change,
        name="plan_goal_change",
    ),
    path(
        "persons/<uuid:person_id>/plan/steps/new/", plan_views.plan_step_new, name="plan_step_new"
    ),
    path(
        "persons/<uuid:person_id>/plan/steps/change/",
        plan_views.plan_step_change,
        name="plan_step_change",
    ),
    path(
        "persons/<uuid:person_id>/plan/steps/status/",
        plan_views.plan_step_status,
        name="plan_step_status",
    ),
    path("persons/<uuid:person_id>/status/", status_views.status_timeline, name="status_timeline"),
    path(
        "persons/<uuid:person_id>/status/new/",
        status_views.status_event_new,
        name="status_event_new",
    ),
    path(
        "persons/<uuid:person_id>/status/change/",
        status_views.status_event_change,
        name="status_event_change",
    ),
    path(
        "persons/<uuid:person_id>/status/switch/",
        status_views.status_switch,
        name="status_switch",
    ),
    path(
        "persons/<uuid:person_id>/subject-report/",
        subject_rights_views.subject_report_view,
        name="subject_report",
    ),
    path(
        "persons/<uuid:person_id>/corrections/new/",
        subject_rights_views.correction_record_view,
        name="correction_record",
    ),
    path(
        "persons/<uuid:person_id>/corrections/",
        subject_rights_views.correction_resolve_view,
        name="correction_resolve",
    ),
    path(
        "persons/<uuid:person_id>/corrections/ask/",
        office_correction_views.office_correction_ask,
        name="office_correction_ask",
    ),
    path(
        "persons/<uuid:person_id>/corrections/offices/",
        office_correction_views.office_correction,
        name="office_correction",
    ),
    path("corrections/", subject_rights_views.correction_list_view, name="correction_list"),
    path(
        "data-protection/subject-report/",
        subject_rights_views.dpo_subject_report_start,
        name="dpo_subject_report_start",
    ),
    path(
        "data-protection/subject-report/<uuid:person_id>/",
        subject_rights_views.dpo_subject_report_view,
        name="dpo_subject_report",
    ),
    path("duplicates/", duplicate_views.queue, name="duplicate_queue"),
    path("duplicates/runs/", duplicate_views.run_start, name="duplicate_run_start"),
    path(
        "duplicates/runs/<int:run_id>/",
        duplicate_views.run_progress,
        name="duplicate_run_progress",
    ),
    path("duplicates/<int:pair_id>/", duplicate_views.pair_detail, name="duplicate_pair"),
    path(
        "duplicates/<int:pair_id>/reset/",
        duplicate_views.decision_reset,
        name="duplicate_decision_reset",
    ),
    path(
        "duplicates/merges/<int:merge_id>/undo/",
        duplicate_views.merge_undo,
        name="duplicate_merge_undo",
    ),
    path("courses/", course_views.course_index, name="course_list"),
    path("courses/new/", course_views.course_new, name="course_new"),
    path("courses/waiting-times/", course_views.course_waiting_times, name="course_waiting_times"),
    path("courses/<int:course_id>/", course_views.course_detail, name="course_detail"),
    path("courses/<int:course_id>/change/", course_views.course_change_view, name="course_change"),
    path("courses/<int:course_id>/enrol/", course_views.course_enrol, name="course_enrol"),
    path(
        "courses/<int:course_id>/attendance/",
        course_views.course_attendance,
        name="course_attendance",
    ),
    path(
        "courses/enrolments/<int:enrolment_id>/",
        course_views.enrolment_detail,
        name="enrolment_detail",
    ),
    path(
        "courses/enrolments/<int:enrolment_id>/attendance/",
        course_views.enrolment_attendance,
        name="enrolment_attendance",
    ),
    path(
        "courses/enrolments/<int:enrolment_id>/exam/",
        course_views.enrolment_exam,
        name="enrolment_exam",
    ),
    path(
        "courses/enrolments/<int:enrolment_id>/withdraw/",
        course_views.enrolment_withdraw_view,
        name="enrolment_withdraw",
    ),
    path(
        "courses/enrolments/<int:enrolment_id>/take-seat/",
        course_views.enrolment_take_seat_view,
        name="enrolment_take_seat",
    ),
    path("persons/<uuid:person_id>/enrol/", course_views.person_enrol, name="person_enrol"),
    path("appointments/", appointment_views.appointment_calendar, name="appointment_calendar"),
    path(
        "appointments/office/",
        appointment_views.appointment_office_calendar,
        name="appointment_office_calendar",
    ),
    path(
        "appointments/<int:appointment_id>/",
        appointment_views.appointment_detail,
        name="appointment_detail",
    ),
    path(
        "appointments/<int:appointment_id>/attendance/",
        appointment_views.appointment_attendance,
        name="appointment_attendance",
    ),
    path(
        "appointments/<int:appointment_id>/cancel/",
        appointment_views.appointment_cancel_view,
        name="appointment_cancel",
    ),
    path(
        "appointments/<int:appointment_id>/interpreter/",
        appointment_views.appointment_interpreter_book,
        name="appointment_interpreter_book",
    ),
    path(
        "appointments/<int:appointment_id>/reschedule/",
        appointment_views.appointment_reschedule_view,
        name="appointment_reschedule",
    ),
    path(
        "appointments/information-event/",
        appointment_views.information_event_new,
        name="information_event_new",
    ),
    path(
        "appointments/<int:appointment_id>/ics",
        appointment_views.appointment_ics_view,
        name="appointment_ics",
    ),
    path(
        "persons/<uuid:person_id>/appointments/",
        appointment_views.person_appointment_list,
        name="person_appointments",
    ),
    path("interpreters/", appointment_views.interpreter_list, name="interpreter_list"),
    path("interpreters/new/", appointment_views.interpreter_new, name="interpreter_new"),
    path("vacancies/", vacancy_views.vacancy_index, name="vacancy_list"),
    path("youth/", youth_views.youth_index, name="youth_list"),
    path("vacancies/<int:vacancy_id>/", vacancy_views.vacancy_detail, name="vacancy_detail"),
    path(
        "vacancies/<int:vacancy_id>/change/",
        vacancy_views.vacancy_change_view,
        name="vacancy_change",
    ),
    path("vacancies/<int:vacancy_id>/status/", vacancy_views.vacancy_status, name="vacancy_status"),
    # suggested matches both ways, the decisions on them and their figures (lotse/jobs)
    path("persons/<uuid:person_id>/matches/", match_views.person_matches, name="person_matches"),
    path(
        "persons/<uuid:person_id>/matches/decide/",
        match_views.person_match_decide,
        name="person_match_decide",
    ),
    path(
        "vacancies/<int:vacancy_id>/candidates/",
        match_views.vacancy_candidates,
        name="vacancy_candidates",
    ),
    path("matches/figures/", match_views.match_figures_page, name="match_figures"),
    # placements into work or training and their follow-up (lotse/jobs)
    path("placements/", placement_views.placement_board_page, name="placement_board"),
    path(
        "persons/<uuid:person_id>/placements/",
        placement_views.person_placements,
        name="person_placements",
    ),
    path(
        "persons/<uuid:person_id>/placements/new/",
        placement_views.person_placement_create,
        name="person_placement_create",
    ),
    path(
        "persons/<uuid:person_id>/placements/move/",
        placement_views.person_placement_move,
        name="person_placement_move",
    ),
    path(
        "persons/<uuid:person_id>/placements/follow-up/",
        placement_views.person_placement_follow_up,
        name="person_placement_follow_up",
    ),
    path("employers/", vacancy_views.employer_index, name="employer_list"),
    path("employers/new/", vacancy_views.employer_new, name="employer_new"),
    path("employers/<int:employer_id>/", vacancy_views.employer_detail, name="employer_detail"),
    path(
        "employers/<int:employer_id>/change/",
        vacancy_views.employer_change_view,
        name="employer_change",
    ),
    path(
        "employers/<int:employer_id>/vacancies/new/",
        vacancy_views.vacancy_new,
        name="vacancy_new",
    ),
    path("persons/<uuid:person_id>/letters/", letter_views.person_letters, name="person_letters"),
    path(
        "persons/<uuid:person_id>/letters/<int:letter_id>/pdf",
        letter_views.person_letter_pdf,
        name="person_letter_pdf",
    ),
    path("persons/<uuid:person_id>/contact/", letter_views.person_contact, name="person_contact"),
    path(
        "persons/<uuid:person_id>/contact/<int:contact_id>/withdraw/",
        letter_views.person_contact_withdraw,
        name="person_contact_withdraw",
    ),
    path("outbox/", letter_views.outbox_list, name="outbox"),
    path("health/", views.health, name="health"),
]
