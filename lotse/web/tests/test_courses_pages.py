"""The course pages: the catalogue with its filters, a course with its seats and waiting list,
enrolling from the course and from the person, attendance and exams, the planners' figures."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType
from lotse.audit.vocabulary import ListRead
from lotse.cases.services import case_open
from lotse.courses.models import Course, Enrolment, EnrolmentState
from lotse.courses.services import enrolment_create
from lotse.courses.tests.factories import CourseFactory, course_type, departed, place, refugee
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.organisations.tests.personas import LUDWIGSBURG
from lotse.people.models import PersonLanguage
from lotse.people.tests.factories import register
from lotse.web.tests.german_pages import check_german_page

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    body = response.content.decode()
    if status == 200:
        check_german_page(body, url)
    return body


def test_the_catalogue_filters_stay_in_the_url_with_count_and_sorting(caseworker, client_for):
    CourseFactory(provider="VHS Tübingen", childcare=True)
    CourseFactory(provider="Sprachwerk", course_type=course_type("perf"))
    CourseFactory(provider="Fernschule", gemeinde=place(LUDWIGSBURG, "Ludwigsburg"))
    client = client_for(caseworker)
    body = _page(client, "/courses/")
    assert "2 Kurse" in body
    assert "VHS Tübingen" in body
    assert "Sprachwerk" in body
    assert "Fernschule" not in body  # another Kreis
    body = _page(client, "/courses/?childcare=1&sort=-start")
    assert "1 Kurs" in body
    assert "Sprachwerk" not in body
    assert "childcare=1" in body  # the sort links keep the filter
    body = _page(client, "/courses/?type=perf")
    assert "Sprachwerk" in body
    assert "VHS Tübingen" not in body
    body = _page(client, "/courses/?from=2999-01-01")
    assert "Keine Kurse." in body


def test_free_seats_only(caseworker, client_for):
    full = CourseFactory(provider="Vollkurs", seats=1, course_type=course_type("perf"))
    enrolment_create(actor=caseworker, person=register(caseworker), course=full)
    CourseFactory(provider="Freikurs")
    body = _page(client_for(caseworker), "/courses/?free=1")
    assert "Freikurs" in body
    assert "Vollkurs" not in body


def test_record_a_course_and_the_errors_are_shown_with_the_input_kept(caseworker, client_for):
    client = client_for(caseworker)
    _page(client, "/courses/new/")
    data = {
        "course_type": course_type().pk,
        "provider": "VHS Rottenburg",
        "gemeinde": place().pk,
        "starts_on": (TODAY + timedelta(days=40)).isoformat(),
        "ends_on": (TODAY + timedelta(days=10)).isoformat(),
        "seats": "0",
    }
    response = client.post("/courses/new/", data)
    assert response.status_code == 422
    body = response.content.decode()
    assert "data-error-summary" in body
    assert "VHS Rottenburg" in body  # kept
    assert not Course.objects.exists()
    data |= {"seats": "12", "ends_on": (TODAY + timedelta(days=200)).isoformat()}
    response = client.post("/courses/new/", data)
    assert response.status_code == 302
    course = Course.objects.get()
    assert course.provider == "VHS Rottenburg"
    assert response["Location"] == f"/courses/{course.pk}/"


def test_a_full_course_shows_the_waiting_list_and_the_expected_wait(caseworker, client_for):
    course = CourseFactory(provider="VHS Tübingen", seats=1)
    CourseFactory(provider="VHS später", seats=4, starts_on=TODAY + timedelta(days=100))
    enrolment_create(
        actor=caseworker, person=refugee(caseworker, family_name="Sitz"), course=course
    )
    enrolment_create(
        actor=caseworker, person=refugee(caseworker, family_name="Warte"), course=course
    )
    body = _page(client_for(caseworker), f"/courses/{course.pk}/")
    assert "1 von 1 belegt, 0 frei" in body
    assert "Sitz" in body
    assert "Warte" in body
    assert "etwa 15 Wochen" in body
    reads = AuditEvent.objects.filter(event_type=EventType.PERSON_DATA_READ)
    assert reads.filter(action=ListRead.PARTICIPANTS).exists()
    assert reads.filter(action=ListRead.WAITING_LIST).exists()


def test_another_office_sees_the_seats_but_not_the_participants(caseworker, client_for):
    course = CourseFactory(provider="VHS Tübingen")
    enrolment_create(
        actor=caseworker, person=refugee(caseworker, family_name="Sitz"), course=course
    )
    jobcenter = UserFactory(office=reference_office("jc-tubingen-08416"))
    body = _page(client_for(jobcenter), f"/courses/{course.pk}/")
    assert "1 von 15 belegt" in body
    assert "Sitz" not in body
    assert "Andere Stellen haben ebenfalls Personen" in body


def test_planners_and_administrators_see_no_participants(
    caseworker, planner, administrator, client_for
):
    course = CourseFactory()
    enrolment_create(
        actor=caseworker, person=refugee(caseworker, family_name="Sitz"), course=course
    )
    for user in (planner, administrator):
        body = _page(client_for(user), f"/courses/{course.pk}/")
        assert "Sitz" not in body
        assert "Person einschreiben" not in body


def test_enrol_from_the_course_page_refused_with_the_reasons(caseworker, client_for):
    course = CourseFactory()
    person = departed(caseworker, family_name="Ausgereist")
    client = client_for(caseworker)
    body = _page(client, f"/courses/{course.pk}/enrol/?q=Ausgereist")
    assert "Ausgereist" in body
    response = client.post(f"/courses/{course.pk}/enrol/", {"person": str(person.pk)})
    assert response.status_code == 422
    body = response.content.decode()
    check_german_page(body, "refused enrolment")
    assert "Die Regeln erlauben diese Einschreibung nicht" in body
    assert "Warum" in body
    assert not Enrolment.objects.exists()
    assert AuditEvent.objects.filter(event_type=EventType.ENROLMENT_REFUSED).exists()


def test_enrol_from_the_person_page(caseworker, client_for):
    course = CourseFactory(provider="VHS Tübingen")
    person = refugee(caseworker)
    client = client_for(caseworker)
    body = _page(client, f"/persons/{person.pk}/")
    assert f"/persons/{person.pk}/enrol/" in body
    body = _page(client, f"/persons/{person.pk}/enrol/")
    assert "VHS Tübingen" in body
    response = client.post(f"/persons/{person.pk}/enrol/", {"course": course.pk})
    enrolment = Enrolment.objects.get()
    assert response["Location"] == f"/courses/enrolments/{enrolment.pk}/"
    body = _page(client, response["Location"])
    assert "Warum die Regeln die Person zugelassen haben" in body
    assert "Anspruch" in body
    body = _page(client, f"/persons/{person.pk}/")
    assert "VHS Tübingen" in body


def test_enrolling_someone_without_a_case_is_refused(caseworker, other_caseworker, client_for):
    course = CourseFactory()
    stranger = refugee(UserFactory(office=reference_office("jc-tubingen-08416")))
    response = client_for(caseworker).post(
        f"/courses/{course.pk}/enrol/", {"person": str(stranger.pk)}
    )
    assert response.status_code == 422
    assert "Stelle einen Fall hat" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_attendance_and_a_dtz_result_on_the_enrolment_page(caseworker, client_for):
    course = CourseFactory(starts_on=TODAY - timedelta(days=90), ends_on=TODAY + timedelta(days=30))
    person = refugee(caseworker, title_on=TODAY - timedelta(days=120))
    enrolment = enrolment_create(actor=caseworker, person=person, course=course)
    client = client_for(caseworker)
    url = f"/courses/enrolments/{enrolment.pk}/"
    response = client.post(
        url + "attendance/",
        {
            "week": (TODAY - timedelta(days=7)).isoformat(),
            "units_planned": "20",
            "units_attended": "25",
        },
    )
    assert response.status_code == 422
    assert "data-error-summary" in response.content.decode()
    response = client.post(
        url + "attendance/",
        {
            "week": (TODAY - timedelta(days=7)).isoformat(),
            "units_planned": "20",
            "units_attended": "18",
        },
    )
    assert response.status_code == 302
    body = _page(client, url)
    assert "18 von 20 Unterrichtseinheiten" in body
    response = client.post(
        url + "exam/", {"exam": "dtz", "taken_on": TODAY.isoformat(), "passed": "on", "level": "C1"}
    )
    assert response.status_code == 422
    assert "A2, B1" in response.content.decode()
    response = client.post(
        url + "exam/", {"exam": "dtz", "taken_on": TODAY.isoformat(), "passed": "on", "level": "B1"}
    )
    assert response.status_code == 302
    assert PersonLanguage.objects.get(person=person).speaking == "B1"


def test_another_office_does_not_see_the_enrolment_without_a_basis(caseworker, client_for):
    person = refugee(caseworker)
    enrolment = enrolment_create(actor=caseworker, person=person, course=CourseFactory())
    im = UserFactory(office=reference_office("im-tubingen-08416"))
    case_open(actor=im, person=person, reason="Beratung")
    _page(client_for(im), f"/courses/enrolments/{enrolment.pk}/", status=404)
    body = _page(client_for(im), f"/persons/{person.pk}/")
    assert "liegen vor, sind Ihrer Stelle aber nicht zugänglich" in body


def test_the_waiting_times_for_planners(caseworker, planner, client_for):
    course = CourseFactory(starts_on=TODAY + timedelta(days=30))
    for name in ("A", "B", "C"):
        enrolment_create(
            actor=caseworker,
            person=refugee(
                caseworker, family_name=f"Geheim{name}", title_on=TODAY - timedelta(days=60)
            ),
            course=course,
        )
    body = _page(client_for(planner), "/courses/waiting-times/")
    assert "Integrationskurs (allgemein)" in body
    assert "4,5 Monate" in body or "4.5" in body
    assert "40–47 Wochen" in body
    assert "GeheimA" not in body
    assert client_for(caseworker).get("/courses/waiting-times/").status_code == 403


def test_a_seat_freed_goes_to_the_waiting_person(caseworker, client_for):
    course = CourseFactory(seats=1)
    seated = enrolment_create(
        actor=caseworker, person=refugee(caseworker, family_name="A"), course=course
    )
    waiting = enrolment_create(
        actor=caseworker, person=refugee(caseworker, family_name="B"), course=course
    )
    client = client_for(caseworker)
    response = client.post(f"/courses/enrolments/{seated.pk}/withdraw/", {"reason": "Umzug"})
    assert response.status_code == 302
    response = client.post(f"/courses/enrolments/{waiting.pk}/take-seat/")
    assert response.status_code == 302
    assert Enrolment.objects.current().get(person=waiting.person).state == EnrolmentState.ENROLLED


def test_a_week_of_attendance_for_the_providers_list(caseworker, client_for):
    course = CourseFactory(starts_on=TODAY - timedelta(days=60), ends_on=TODAY + timedelta(days=60))
    first = enrolment_create(
        actor=caseworker, person=refugee(caseworker, family_name="Erste"), course=course
    )
    second = enrolment_create(
        actor=caseworker, person=refugee(caseworker, family_name="Zweite"), course=course
    )
    client = client_for(caseworker)
    url = f"/courses/{course.pk}/attendance/"
    week = (TODAY - timedelta(days=7)).isoformat()
    data = {"week": week, "units_planned": "20", f"attended_{first.pk}": "18"}
    response = client.post(url, {**data, f"attended_{second.pk}": "21"})
    assert response.status_code == 422
    body = response.content.decode()
    assert "data-error-summary" in body
    assert f'href="#id_attended_{second.pk}"' in body
    from lotse.courses.models import Attendance

    assert not Attendance.objects.exists()  # nothing stored half
    response = client.post(url, {**data, f"attended_{second.pk}": "20"})
    assert response.status_code == 302
    body = _page(client, f"/courses/{course.pk}/")
    assert "18 von 20 Unterrichtseinheiten" in body
    assert "20 von 20 Unterrichtseinheiten" in body
