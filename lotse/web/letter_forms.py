"""The forms of letters and contact consent. They only parse input; the services decide what is
valid and their messages go on the fields."""

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.comms.models import RECIPIENT_LENGTH, Channel, LetterCode, LetterLanguage
from lotse.consent.models import GivenHow

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class LetterForm(forms.Form):
    appointment = forms.ChoiceField(
        label=_("Appointment"),
        required=False,
        help_text=_(
            "Fills in date, time, place and interpreting from the appointment; "
            "what you type below takes precedence."
        ),
    )
    template_code = forms.ChoiceField(label=_("Letter"), choices=LetterCode.choices)
    language = forms.ChoiceField(
        label=_("Language beside the German text"),
        choices=LetterLanguage.choices,
        help_text=_("Preselected from the person's record. The German text is the binding one."),
    )
    date = forms.DateField(label=_("Date of the appointment"), required=False, widget=DATE)
    time = forms.TimeField(label=_("Time"), required=False, widget=TIME)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    interpreter = forms.CharField(
        label=_("Interpreting"),
        max_length=100,
        required=False,
        help_text=_("For example: Arabic – we book an interpreter; or: not needed."),
    )
    send = forms.ChoiceField(
        label=_("How the letter is sent"),
        choices=[("", _("printed and sent by post")), *Channel.choices],
        required=False,
        help_text=_("E-mail and text message only if the person consented to that channel."),
    )
    allow_stale = forms.BooleanField(
        label=_("Use an out-of-date translation all the same"),
        required=False,
        help_text=_(
            "Only when the translation is out of date (veraltet): it may differ from the German "
            "text. Without this the letter is printed in German only."
        ),
    )

    def __init__(self, *args, appointments: Sequence[tuple[int, str]] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["appointment"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", _("none – I fill in the values myself")),
            *[(str(pk), label) for pk, label in appointments],
        ]


class ContactForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    address = forms.CharField(
        label=_("E-mail address or mobile number"), max_length=RECIPIENT_LENGTH, required=False
    )
    consented_on = forms.DateField(label=_("Consented on"), required=False, widget=DATE)
    how = forms.ChoiceField(label=_("How the person consented"), choices=GivenHow.choices)
