"""Courses and measures: the catalogue with its filters, a course with its seats, waiting list and
(for the enrolling office) its participants, enrolments with attendance and exams, and the
planners' waiting times (lotse/courses)."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lotse.access.decorators import requires
from lotse.access.policy import Action, authorize, decide
from lotse.audit.vocabulary import Purpose
from lotse.core.params import search_text
from lotse.courses.forms import (
    AttendanceForm,
    CourseChoiceForm,
    CourseForm,
    ExamForm,
    PersonChoiceForm,
    WeekAttendanceForm,
    WithdrawForm,
)
from lotse.courses.models import CourseType, Enrolment, EnrolmentState, Level
from lotse.courses.selectors import (
    BENCHMARKS,
    MIN_GROUP,
    CourseFilters,
    course_get,
    course_list,
    course_participants,
    course_places,
    course_types,
    enrolment_get,
    waiting_times,
)
from lotse.courses.services import (
    EnrolmentRefused,
    attendance_record,
    attendance_record_week,
    course_change,
    course_record,
    enrolment_create,
    enrolment_take_seat,
    enrolment_withdraw,
    exam_result_record,
)
from lotse.people.models import Person
from lotse.people.selectors import person_get, person_search, persons_listed
from lotse.web.form_errors import apply_errors
from lotse.web.listing import Sort, paginate

# --- the catalogue -------------------------------------------------------------------------------


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _filters(request) -> tuple[CourseFilters, dict]:
    params = request.GET
    places = course_places(actor=request.user)
    filters = CourseFilters(
        course_type=course_types().filter(code=params.get("type", "")).first(),
        level=Level.objects.filter(code=params.get("level", "")).first(),
        gemeinde=places.filter(pk=params.get("place", "")).first()
        if params.get("place", "").isdigit()
        else None,
        starts_from=_date(params.get("from", "")),
        starts_to=_date(params.get("to", "")),
        free_seats=params.get("free") == "1",
        childcare=params.get("childcare") == "1",
    )
    choices = {"types": course_types(), "levels": Level.objects.all(), "places": places}
    return filters, choices


def _sorts() -> dict[str, Sort]:
    return {
        "start": Sort(_("Start"), ("starts_on",)),
        "type": Sort(_("Kind of course"), ("course_type__rank",)),
        "place": Sort(_("Place"), ("gemeinde__name",)),
        "provider": Sort(_("Provider"), ("provider",)),
        "free": Sort(_("Free seats"), ("free",)),
    }


@require_safe
@requires(Action.VIEW_COURSES)
def course_index(request):
    filters, choices = _filters(request)
    listing = paginate(
        request,
        course_list(actor=request.user, filters=filters),
        sorts=_sorts(),
        default="start",
        label=_("Pages of the course catalogue"),
    )
    return render(
        request,
        "courses/course_list.html",
        {
            "listing": listing,
            "filters": filters,
            "params": request.GET,
            **choices,
            "may_record": bool(decide(request.user, Action.MANAGE_COURSES)),
            "may_see_waiting_times": bool(decide(request.user, Action.VIEW_AGGREGATES)),
        },
    )


@require_http_methods(["GET", "POST"])
@requires(Action.MANAGE_COURSES)
def course_new(request):
    form = CourseForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            course = course_record(actor=request.user, data=form.to_input())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The course was recorded."))
            return redirect("web:course_detail", course_id=course.pk)
    status = 422 if form.errors else 200
    return render(request, "courses/course_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@requires(Action.MANAGE_COURSES)
def course_change_view(request, course_id):
    course = course_get(actor=request.user, course_id=course_id)
    if request.method == "POST":
        form = CourseForm(request.POST, actor=request.user)
        if form.is_valid():
            try:
                course_change(actor=request.user, course=course, data=form.to_input())
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The course was changed."))
                return redirect("web:course_detail", course_id=course.pk)
    else:
        authorize(request.user, Action.MANAGE_COURSES, course, purpose=Purpose.COURSES)
        form = CourseForm(initial=CourseForm.initial_of(course), actor=request.user)
    status = 422 if form.errors else 200
    return render(
        request, "courses/course_form.html", {"form": form, "course": course}, status=status
    )


def _course_page(request, course, *, status: int = 200, week_form=None):
    participants = course_participants(actor=request.user, course=course)
    may_enrol = bool(decide(request.user, Action.EDIT_PERSON))
    if week_form is None and may_enrol and participants.enrolled:
        week_form = WeekAttendanceForm(
            enrolments=participants.enrolled, initial={"week": timezone.localdate()}
        )
    return render(
        request,
        "courses/course_detail.html",
        {
            "course": course,
            "participants": participants,
            "week_form": week_form,
            "may_change": bool(decide(request.user, Action.MANAGE_COURSES, course)),
            "may_enrol": may_enrol,
        },
        status=status,
    )


@require_safe
@requires(Action.VIEW_COURSES)
def course_detail(request, course_id):
    return _course_page(request, course_get(actor=request.user, course_id=course_id))


@require_POST
@requires(Action.EDIT_PERSON, person_data=True)
def course_attendance(request, course_id):
    """A week of attendance for the office's participants of the course, all at once."""
    course = course_get(actor=request.user, course_id=course_id)
    participants = course_participants(actor=request.user, course=course)
    form = WeekAttendanceForm(request.POST, enrolments=participants.enrolled)
    if form.is_valid():
        try:
            attendance_record_week(
                actor=request.user,
                course=course,
                week=form.cleaned_data["week"],
                units_planned=form.cleaned_data["units_planned"],
                attended=form.attended(),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The attendance of the week was recorded."))
            return redirect(reverse("web:course_detail", kwargs={"course_id": course.pk}))
    return _course_page(request, course, status=422, week_form=form)


# --- enrolling -----------------------------------------------------------------------------------
def _refusal_context(exc: ValidationError) -> dict:
    if isinstance(exc, EnrolmentRefused):
        return {"refusal": exc.check}
    return {}


@require_http_methods(["GET", "POST"])
@requires(Action.EDIT_PERSON)
def course_enrol(request, course_id):
    """Enrol one of the office's persons (found by name) in this course."""
    course = course_get(actor=request.user, course_id=course_id)
    query = search_text(request)
    found: list[Person] = []
    if query:
        found = persons_listed(
            actor=request.user, persons=person_search(actor=request.user, query=query)[:20]
        )
    form = PersonChoiceForm(request.POST or None)
    context: dict = {"course": course, "query": query, "found": found, "form": form}
    if request.method == "POST" and form.is_valid():
        person = Person.objects.filter(
            pk=form.cleaned_data["person"], merged_into__isnull=True
        ).first()
        if person is None or not decide(request.user, Action.EDIT_PERSON, person):
            form.add_error("person", _("Choose a person your office has a case with."))
        else:
            try:
                enrolment = enrolment_create(
                    actor=request.user,
                    person=person,
                    course=course,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
                context.update(_refusal_context(exc))
            else:
                return _enrolled(request, enrolment)
    status = 422 if form.errors else 200
    return render(request, "courses/enrol_person.html", context, status=status)


def _enrolled(request, enrolment: Enrolment):
    if enrolment.state == EnrolmentState.WAITING:
        messages.warning(request, _("The course is full: the person was put on the waiting list."))
    else:
        messages.success(request, _("The person was enrolled."))
    return redirect("web:enrolment_detail", enrolment_id=enrolment.pk)


@require_http_methods(["GET", "POST"])
@requires(Action.EDIT_PERSON, person_data=True)
def person_enrol(request, person_id):
    """Enrol the person in one of the coming courses of the office's Kreise."""
    person = person_get(
        actor=request.user, person_id=person_id, purpose=Purpose.ENROLMENT, edit=True
    )
    if request.method == "GET":
        person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.ENROLMENT)
    today = timezone.localdate()
    courses = course_list(actor=request.user, filters=CourseFilters(starts_from=today)).order_by(
        "starts_on", "pk"
    )  # the coming courses of the Kreise: a few dozen at a time
    form = CourseChoiceForm(request.POST or None, courses=courses)
    context: dict = {"person": person, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = enrolment_create(
                actor=request.user,
                person=person,
                course=form.cleaned_data["course"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
            context.update(_refusal_context(exc))
        else:
            return _enrolled(request, enrolment)
    status = 422 if form.errors else 200
    return render(request, "courses/enrol_course.html", context, status=status)


# --- one enrolment -------------------------------------------------------------------------------
def _enrolment_page(request, enrolment_id, *, status: int = 200, **forms):
    view = enrolment_get(actor=request.user, enrolment_id=enrolment_id)
    context = {
        "view": view,
        "enrolment": view.enrolment,
        "attendance_form": forms.get("attendance_form") or AttendanceForm(),
        "exam_form": forms.get("exam_form") or ExamForm(),
        "withdraw_form": forms.get("withdraw_form") or WithdrawForm(),
        "may_edit": view.own and bool(decide(request.user, Action.EDIT_PERSON)),
    }
    return render(request, "courses/enrolment_detail.html", context, status=status)


@require_safe
@requires(Action.VIEW_PERSON, person_data=True)
def enrolment_detail(request, enrolment_id):
    return _enrolment_page(request, enrolment_id)


def _own(request, enrolment_id) -> Enrolment:
    """The enrolment for a change: read as a page would (404 where not readable)."""
    return enrolment_get(actor=request.user, enrolment_id=enrolment_id).enrolment


def _back(enrolment: Enrolment):
    return redirect(reverse("web:enrolment_detail", kwargs={"enrolment_id": enrolment.pk}))


@require_POST
@requires(Action.EDIT_PERSON, person_data=True)
def enrolment_attendance(request, enrolment_id):
    enrolment = _own(request, enrolment_id)
    form = AttendanceForm(request.POST)
    if form.is_valid():
        try:
            attendance_record(actor=request.user, enrolment=enrolment, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The attendance was recorded."))
            return _back(enrolment)
    return _enrolment_page(request, enrolment.pk, status=422, attendance_form=form)


@require_POST
@requires(Action.EDIT_PERSON, person_data=True)
def enrolment_exam(request, enrolment_id):
    enrolment = _own(request, enrolment_id)
    form = ExamForm(request.POST)
    if form.is_valid():
        try:
            result = exam_result_record(
                actor=request.user, enrolment=enrolment, data=form.to_input()
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if result.language_entry_id:
                messages.success(
                    request,
                    _("The exam result was recorded; the German levels of the person now show it."),
                )
            else:
                messages.success(request, _("The exam result was recorded."))
            return _back(enrolment)
    return _enrolment_page(request, enrolment.pk, status=422, exam_form=form)


@require_POST
@requires(Action.EDIT_PERSON, person_data=True)
def enrolment_withdraw_view(request, enrolment_id):
    enrolment = _own(request, enrolment_id)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            new = enrolment_withdraw(
                actor=request.user, enrolment=enrolment, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The person no longer holds a place in this course."))
            return _back(new)
    return _enrolment_page(request, enrolment.pk, status=422, withdraw_form=form)


@require_POST
@requires(Action.EDIT_PERSON, person_data=True)
def enrolment_take_seat_view(request, enrolment_id):
    enrolment = _own(request, enrolment_id)
    try:
        new = enrolment_take_seat(actor=request.user, enrolment=enrolment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _back(enrolment)
    messages.success(request, _("The person took a free seat."))
    return _back(new)


# --- the planners' page --------------------------------------------------------------------------
@require_safe
@requires(Action.VIEW_AGGREGATES)
def course_waiting_times(request):
    return render(
        request,
        "courses/waiting_times.html",
        {
            "rows": waiting_times(actor=request.user),
            "benchmarks": BENCHMARKS,
            "min_group": MIN_GROUP,
            "course_types": CourseType.objects.filter(active=True).count(),
        },
    )
