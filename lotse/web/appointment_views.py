"""Appointments: my calendar and my office's calendar (a week, filters in the URL), a
person's appointments with the form to make one, an appointment with its attendance, its
iCalendar file, and the interpreters' pools (lotse/appointments)."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lotse.access.decorators import requires
from lotse.access.policy import Action, decide, scope_offices
from lotse.appointments.ics import appointment_ics
from lotse.appointments.models import AppointmentMode, AppointmentStatus
from lotse.appointments.selectors import (
    appointment_get,
    interpreter_availability,
    interpreter_pool,
    interpreters_taken,
    my_calendar,
    office_calendar,
    person_appointments,
    week_start,
)
from lotse.appointments.services import (
    appointment_cancel,
    appointment_record_attendance,
    appointment_reschedule,
    appointment_schedule,
    appointments_bulk_create,
    interpreter_book,
    interpreter_record,
)
from lotse.audit.vocabulary import Purpose
from lotse.people.countries import LANGUAGE_NAMES
from lotse.people.models import Person
from lotse.people.selectors import person_get, person_search
from lotse.web.appointment_forms import (
    AppointmentForm,
    AttendanceForm,
    BookInterpreterForm,
    CancelForm,
    InformationEventForm,
    InterpreterForm,
    RescheduleForm,
)
from lotse.web.form_errors import apply_errors


def _week_param(request) -> date:
    try:
        return week_start(date.fromisoformat(request.GET.get("week", "")))
    except ValueError:
        return week_start(timezone.localdate())


def _mode_param(request) -> str:
    mode = request.GET.get("mode", "")
    return mode if mode in AppointmentMode.values else ""


def _calendar_context(request, week, **extra) -> dict:
    return {
        "week": week,
        "modes": AppointmentMode.choices,
        "mode": _mode_param(request),
        **extra,
    }


@require_safe
@requires(Action.WORK_ON_CASE)
def appointment_calendar(request):
    """My week: the appointments I organise."""
    offices = scope_offices(request.user).order_by("name")
    office_param = request.GET.get("office", "")
    office = offices.filter(pk=office_param).first() if office_param.isdigit() else None
    week = my_calendar(
        actor=request.user, start=_week_param(request), mode=_mode_param(request), office=office
    )
    context = _calendar_context(request, week, offices=offices, office=office, mine=True)
    return render(request, "appointments/calendar.html", context)


@require_safe
@requires(Action.WORK_ON_CASE)
def appointment_office_calendar(request):
    """The week of my office: every appointment it organises or takes part in."""
    week = office_calendar(
        actor=request.user, start=_week_param(request), mode=_mode_param(request)
    )
    return render(
        request, "appointments/calendar.html", _calendar_context(request, week, mine=False)
    )


def _taken_labels(request) -> dict[int, str]:
    taken = interpreters_taken(actor=request.user, since=timezone.now())
    labels = {}
    for pk, times in taken.items():
        spans = ", ".join(
            f"{date_format(timezone.localtime(s), 'SHORT_DATE_FORMAT')} "
            f"{timezone.localtime(s):%H:%M}–{timezone.localtime(e):%H:%M}"
            for s, e in times
        )
        labels[pk] = _("taken: %(times)s") % {"times": spans}
    return labels


@require_http_methods(["GET", "POST"])
@requires(Action.EDIT_PERSON, person_data=True)
def person_appointment_list(request, person_id):
    """The person's appointments at my office's table, and the form to make one."""
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.CASE_WORK)
    posted = request.method == "POST"
    initial = {
        "interpreter_language": person.preferred_language if person.interpreter_needed else ""
    }
    form = AppointmentForm(
        request.POST or None, actor=request.user, busy=_taken_labels(request), initial=initial
    )
    if posted and form.is_valid():
        try:
            appointment = appointment_schedule(
                actor=request.user, person=person, data=form.to_input()
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The appointment was made."))
            return redirect("web:appointment_detail", appointment_id=appointment.pk)
    rows = person_appointments(actor=request.user, person=person)
    status = 422 if posted and form.errors else 200
    context = {"person": person, "form": form, "appointments": rows, "now": timezone.now()}
    return render(request, "appointments/person_appointments.html", context, status=status)


def _detail_context(request, appointment, **forms) -> dict:
    booking = next(iter(appointment.current_bookings), None)
    may_change = (
        bool(decide(request.user, Action.EDIT_PERSON, appointment))
        and appointment.status == AppointmentStatus.PLANNED
    )
    book_form, taken = None, []
    if may_change and booking is not None and booking.interpreter_id is None:
        pool = interpreter_availability(
            actor=request.user,
            language=booking.language,
            starts_at=appointment.starts_at,
            ends_at=appointment.ends_at,
        )
        book_form = forms.get("book") or BookInterpreterForm(
            free=[a.interpreter for a in pool if a.free]
        )
        taken = [a.interpreter for a in pool if not a.free]
    return {
        "book_form": book_form,
        "taken": taken,
        "appointment": appointment,
        "booking": booking,
        "language": LANGUAGE_NAMES.get(booking.language, "") if booking else "",
        "offices": [row.office for row in appointment.other_offices.all()],
        "may_change": may_change,
        "has_begun": appointment.starts_at <= timezone.now(),
        "attendance_form": forms.get("attendance") or AttendanceForm(),
        "cancel_form": forms.get("cancel") or CancelForm(),
        "reschedule_form": forms.get("reschedule") or RescheduleForm(),
    }


@require_safe
@requires(Action.VIEW_PERSON, person_data=True)
def appointment_detail(request, appointment_id):
    appointment = appointment_get(actor=request.user, appointment_id=appointment_id)
    return render(request, "appointments/detail.html", _detail_context(request, appointment))


def _act_on_detail(
    request,
    appointment,
    form,
    *,
    form_name: str,
    act: Callable[[dict], Any],
    done: str,
) -> HttpResponse:
    """The detail page's forms, posted: `act(cleaned_data)` calls the service and returns the
    appointment to show next (a rescheduled one is new). On success the message `done` and a
    redirect; on a refusal or an invalid input the detail page again with the form's errors and
    the input kept (422)."""
    refused = ""
    if form.is_valid():
        try:
            shown = act(form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied as exc:
            refused = str(exc)
        else:
            messages.success(request, done)
            return redirect("web:appointment_detail", appointment_id=shown.pk)
    context = _detail_context(request, appointment, **{form_name: form})
    # A refusal stands at the top: the form it came from may not be shown to this office.
    context["refused"] = refused
    if context[f"{form_name}_form"] is None:
        context[f"{form_name}_form"] = form
    return render(request, "appointments/detail.html", context, status=422)


@require_POST
@requires(Action.EDIT_PERSON, person_data=True)
def appointment_attendance(request, appointment_id):
    appointment = appointment_get(actor=request.user, appointment_id=appointment_id)
    return _act_on_detail(
        request,
        appointment,
        AttendanceForm(request.POST),
        form_name="attendance",
        act=lambda data: appointment_record_attendance(
            actor=request.user,
            appointment=appointment,
            attended=data["attended"] == "yes",
            reason=data["reason"],
        ),
        done=_("The attendance was recorded."),
    )


@require_POST
@requires(Action.EDIT_PERSON, person_data=True)
def appointment_cancel_view(request, appointment_id):
    appointment = appointment_get(actor=request.user, appointment_id=appointment_id)
    return _act_on_detail(
        request,
        appointment,
        CancelForm(request.POST),
        form_name="cancel",
        act=lambda data: appointment_cancel(
            actor=request.user, appointment=appointment, reason=data["reason"]
        ),
        done=_("The appointment was cancelled."),
    )


@require_POST
@requires(Action.EDIT_PERSON, person_data=True)
def appointment_interpreter_book(request, appointment_id):
    """Book a free interpreter of the pool for an appointment that needs one."""
    appointment = appointment_get(actor=request.user, appointment_id=appointment_id)
    booking = next(iter(appointment.current_bookings), None)
    free = []
    if booking is not None:
        free = [
            a.interpreter
            for a in interpreter_availability(
                actor=request.user,
                language=booking.language,
                starts_at=appointment.starts_at,
                ends_at=appointment.ends_at,
            )
            if a.free
        ]

    def book(data: dict) -> Any:
        interpreter_book(
            actor=request.user, appointment=appointment, interpreter=data["interpreter"]
        )
        return appointment

    return _act_on_detail(
        request,
        appointment,
        BookInterpreterForm(request.POST, free=free),
        form_name="book",
        act=book,
        done=_("The interpreter was booked."),
    )


@require_POST
@requires(Action.EDIT_PERSON, person_data=True)
def appointment_reschedule_view(request, appointment_id):
    """A new time: a new appointment that replaces this one (kept, cancelled with the reason)."""
    appointment = appointment_get(actor=request.user, appointment_id=appointment_id)
    form = RescheduleForm(request.POST)

    def move(data: dict) -> Any:
        starts_at, ends_at = form.times()
        return appointment_reschedule(
            actor=request.user,
            appointment=appointment,
            starts_at=starts_at,  # type: ignore[arg-type]  # the form's fields are required
            ends_at=ends_at,  # type: ignore[arg-type]
            reason=data["reason"],
        )

    return _act_on_detail(
        request,
        appointment,
        form,
        form_name="reschedule",
        act=move,
        done=_("The appointment was moved to the new time."),
    )


SEARCH_MAX = 100
PERSONS_SHOWN = 100  # the persons to choose from; the page says when the search found more


@require_http_methods(["GET", "POST"])
@requires(Action.EDIT_PERSON_REGISTRY)
def information_event_new(request):
    """An information event for many persons of my office at once: all are stored or none."""
    query = request.GET.get("q", "").strip()
    if len(query) > SEARCH_MAX:
        messages.error(
            request,
            _("The search is too long (at most %(max)s characters, now %(length)s).")
            % {"max": SEARCH_MAX, "length": len(query)},
        )
        query = ""
    found = person_search(actor=request.user, query=query).order_by("name", "pk")
    persons = found[:PERSONS_SHOWN]
    queryset = Person.objects.filter(pk__in=[p.pk for p in persons])
    posted = request.method == "POST"
    form = InformationEventForm(
        request.POST or None,
        actor=request.user,
        busy={},
        persons=queryset,
        initial={"kind": "information_event"},
    )
    if posted and form.is_valid():
        try:
            rows = appointments_bulk_create(
                actor=request.user,
                persons=list(form.cleaned_data["persons"]),
                data=form.to_input(),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("The information event was entered for %(count)s persons.")
                % {"count": len(rows)},
            )
            return redirect(
                f"{reverse('web:appointment_calendar')}?week={rows[0].starts_at.date()}"
            )
    status = 422 if posted and form.errors else 200
    context = {
        "form": form,
        "query": query,
        "found": found.count(),
        "shown": PERSONS_SHOWN,
    }
    return render(request, "appointments/information_event.html", context, status=status)


@require_safe
@requires(Action.VIEW_PERSON, person_data=True)
def appointment_ics_view(request, appointment_id):
    appointment = appointment_get(actor=request.user, appointment_id=appointment_id)
    url = request.build_absolute_uri(
        reverse("web:appointment_detail", kwargs={"appointment_id": appointment.pk})
    )
    body = appointment_ics(appointment, url=url, host=request.get_host(), now=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="termin-{appointment.pk}.ics"'
    return response


def _pool_context(request, form) -> dict:
    pool = interpreter_pool(actor=request.user).order_by("kreis__name", "name")
    taken = _taken_labels(request)
    rows = [
        {
            "interpreter": i,
            "languages": ", ".join(str(LANGUAGE_NAMES.get(c, c)) for c in i.languages),
            "taken": taken.get(i.pk, ""),
        }
        for i in pool
    ]
    return {
        "rows": rows,
        "form": form,
        "may_manage": bool(decide(request.user, Action.MANAGE_INTERPRETERS)),
    }


@require_safe
@requires(Action.VIEW_INTERPRETERS)
def interpreter_list(request):
    """The interpreters' pools of my Kreise, with the times each is taken."""
    form = InterpreterForm(actor=request.user)
    return render(request, "appointments/interpreters.html", _pool_context(request, form))


@require_POST
@requires(Action.MANAGE_INTERPRETERS)
def interpreter_new(request):
    form = InterpreterForm(request.POST, actor=request.user)
    if form.is_valid():
        try:
            interpreter_record(actor=request.user, data=form.to_input())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The interpreter was added to the pool."))
            return redirect("web:interpreter_list")
    context = _pool_context(request, form)
    return render(request, "appointments/interpreters.html", context, status=422)
