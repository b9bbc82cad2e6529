"""The forms of appointments. They parse input only; what makes an appointment valid (the
day, the offices at the table, the interpreter free) is decided by the services, whose messages
the views put on the fields."""

from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.access.policy import scope_kreise, scope_offices
from lotse.appointments.models import (
    PLACE_LENGTH,
    REASON_LENGTH,
    TITLE_LENGTH,
    AppointmentKind,
    AppointmentMode,
    Interpreter,
)
from lotse.appointments.selectors import interpreter_pool
from lotse.appointments.services import AppointmentInput, InterpreterInput
from lotse.organisations.models import Kreis, Office, User
from lotse.people.countries import LANGUAGE_NAMES, LANGUAGES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _aware(day, at: time | None) -> datetime | None:
    if day is None or at is None:
        return None
    return timezone.make_aware(datetime.combine(day, at))


class InterpreterChoice(forms.ModelChoiceField):
    def __init__(self, *args, busy: dict[int, str], **kwargs) -> None:
        self.busy = busy
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Interpreter) -> str:
        languages = ", ".join(str(LANGUAGE_NAMES.get(code, code)) for code in obj.languages)
        label = f"{obj.name} ({languages})"
        if obj.pk in self.busy:
            label += " – " + self.busy[obj.pk]
        return label


class AppointmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of appointment"), choices=AppointmentKind.choices)
    title = forms.CharField(
        label=_("Title"),
        help_text=_("For an information event, its name."),
        max_length=TITLE_LENGTH,
        required=False,
    )
    day = forms.DateField(label=_("Day"), widget=DATE)
    start = forms.TimeField(label=_("From"), widget=TIME)
    end = forms.TimeField(label=_("Until"), widget=TIME)
    mode = forms.ChoiceField(
        label=_("How"),
        choices=AppointmentMode.choices,
        initial=AppointmentMode.IN_PERSON,
        widget=forms.RadioSelect,
    )
    place = forms.CharField(
        label=_("Place"),
        help_text=_("Building and room; needed for an appointment in person."),
        max_length=PLACE_LENGTH,
        required=False,
    )
    video_url = forms.CharField(
        label=_("Video link"),
        help_text=_("Needed for an appointment by video link; begins with https://."),
        max_length=500,
        required=False,
    )
    offices = forms.ModelMultipleChoiceField(
        label=_("Other offices at the table"),
        help_text=_("For a joint appointment: offices that have a case for the person."),
        queryset=Office.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    interpreter_language = forms.ChoiceField(
        label=_("Interpreter needed for"),
        choices=[("", _("no interpreter")), *LANGUAGES],
        required=False,
    )

    def __init__(self, *args, actor: User, busy: dict[int, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offices"].queryset = (  # type: ignore[attr-defined]
            scope_offices(actor).exclude(pk=actor.office_id or 0).order_by("name")
        )
        self.fields["interpreter"] = InterpreterChoice(
            label=_("Interpreter from the pool"),
            help_text=_(
                "Leave empty to book one later; an interpreter booked at that time "
                "cannot be chosen."
            ),
            queryset=interpreter_pool(actor=actor).filter(active=True).order_by("name"),
            required=False,
            empty_label=_("book later"),
            busy=busy,
        )

    def to_input(self) -> AppointmentInput:
        data = self.cleaned_data
        return AppointmentInput(
            kind=data["kind"],
            title=data.get("title", ""),
            starts_at=_aware(data.get("day"), data.get("start")),
            ends_at=_aware(data.get("day"), data.get("end")),
            mode=data["mode"],
            place=data.get("place", ""),
            video_url=data.get("video_url", "") if data["mode"] == AppointmentMode.VIDEO else "",
            offices=list(data.get("offices") or []),
            interpreter_language=data.get("interpreter_language", ""),
            interpreter=data.get("interpreter"),
        )


class AttendanceForm(forms.Form):
    attended = forms.ChoiceField(
        label=_("Did the person come?"),
        choices=[("yes", _("attended")), ("no", _("missed"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Remark"),
        max_length=REASON_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RescheduleForm(forms.Form):
    day = forms.DateField(label=_("New day"), widget=DATE)
    start = forms.TimeField(label=_("From"), widget=TIME)
    end = forms.TimeField(label=_("Until"), widget=TIME)
    reason = forms.CharField(label=_("Reason for the new time"), max_length=REASON_LENGTH)

    def times(self) -> tuple[datetime | None, datetime | None]:
        data = self.cleaned_data
        return _aware(data.get("day"), data.get("start")), _aware(data.get("day"), data.get("end"))


class InformationEventForm(AppointmentForm):
    """An information event for many persons: the appointment's fields and the persons."""

    def __init__(self, *args, persons, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = AppointmentKind.INFORMATION_EVENT
        del self.fields["offices"]
        del self.fields["interpreter"]
        self.fields["persons"] = forms.ModelMultipleChoiceField(
            label=_("Persons invited"),
            queryset=persons,
            widget=forms.CheckboxSelectMultiple,
        )


class BookInterpreterForm(forms.Form):
    """An interpreter of the pool for an appointment that needs one: the free ones only."""

    def __init__(self, *args, free: list[Interpreter], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["interpreter"] = InterpreterChoice(
            label=_("Free interpreters for this time"),
            queryset=Interpreter.objects.filter(pk__in=[i.pk for i in free]).order_by("name"),
            widget=forms.RadioSelect,
            busy={},
        )


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), max_length=REASON_LENGTH)


class InterpreterForm(forms.Form):
    kreis = forms.ModelChoiceField(label=_("Pool of the Kreis"), queryset=Kreis.objects.none())
    name = forms.CharField(label=_("Name"), max_length=200)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=LANGUAGES, widget=forms.CheckboxSelectMultiple
    )
    contact = forms.CharField(
        label=_("Contact"), help_text=_("Phone or e-mail."), max_length=200, required=False
    )

    def __init__(self, *args, actor: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kreis"].queryset = scope_kreise(actor).order_by("name")  # type: ignore[attr-defined]

    def to_input(self) -> InterpreterInput:
        data = self.cleaned_data
        return InterpreterInput(
            kreis=data["kreis"],
            name=data["name"],
            languages=list(data["languages"]),
            contact=data.get("contact", ""),
        )
