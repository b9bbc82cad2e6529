"""A person's letters and consent to be contacted, and the office's outbox (lotse/comms)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.comms.appointment_letters import (
    appointment_label,
    letter_appointments,
    letter_context,
    record_language,
)
from lotse.comms.models import LetterCode, LetterLanguage, MessageStatus
from lotse.comms.selectors import (
    PURPOSE,
    contact_channel_get,
    contact_channels_of,
    letter_get,
    letters_of,
    outbox,
    outbox_listed,
)
from lotse.comms.services import contact_channel_record, contact_channel_withdraw, letter_create
from lotse.comms.templates import translation_states
from lotse.people.selectors import person_get
from lotse.web.form_errors import apply_errors
from lotse.web.letter_forms import ContactForm, LetterForm
from lotse.web.listing import Sort, paginate


@require_http_methods(["GET", "POST"])
@requires(Action.EDIT_PERSON, person_data=True)
def person_letters(request, person_id):
    """The letters the office wrote to the person, and the form for a new one."""
    posting = request.method == "POST"
    person = person_get(actor=request.user, person_id=person_id, purpose=PURPOSE, edit=posting)
    upcoming = letter_appointments(actor=request.user, person=person)
    chosen = request.GET.get("appointment", "")
    form = LetterForm(
        request.POST or None,
        appointments=[(a.pk, appointment_label(a)) for a in upcoming],
        initial={
            "language": record_language(person),
            "appointment": chosen if chosen in {str(a.pk) for a in upcoming} else "",
            "template_code": LetterCode.INVITATION,
        },
    )
    if posting and form.is_valid():
        appointment = next(
            (a for a in upcoming if str(a.pk) == form.cleaned_data["appointment"]), None
        )
        try:
            result = letter_create(
                actor=request.user,
                person=person,
                template_code=form.cleaned_data["template_code"],
                language=form.cleaned_data["language"],
                allow_stale=form.cleaned_data["allow_stale"],
                channel=form.cleaned_data["send"],
                context=letter_context(
                    person=person, typed=form.cleaned_data, appointment=appointment
                ),
            )
        except ValidationError as exc:
            apply_errors(form, exc)  # missing values ("context") go to the top of the form
        else:
            if result.german_only_reason:
                messages.warning(
                    request,
                    _("The letter is in German only. %(reason)s")
                    % {"reason": result.german_only_reason},
                )
            elif result.letter.sent_via == "outbox":
                messages.success(
                    request, _("The letter was created, kept with the case and put in the outbox.")
                )
            else:
                messages.success(request, _("The letter was created and kept with the case."))
            url = reverse("web:person_letters", kwargs={"person_id": person.pk})
            return redirect(f"{url}#letter-{result.letter.pk}")
    letters = letters_of(actor=request.user, person=person)
    status = 422 if posting and form.errors else 200
    language = record_language(person)
    context = {
        "person": person,
        "form": form,
        "letters": letters,
        "count": letters.count(),
        "record_language": LetterLanguage(language).label,
        # Which letters would be German only in the person's language, and why.
        "german_only": [(label, reason) for label, reason in translation_states(language) if reason]
        if language != LetterLanguage.GERMAN
        else [],
    }
    return render(request, "comms/person_letters.html", context, status=status)


@require_safe
@requires(Action.VIEW_PERSON, person_data=True)
def person_letter_pdf(request, person_id, letter_id):
    person = person_get(actor=request.user, person_id=person_id, purpose=PURPOSE)
    letter = letter_get(actor=request.user, person=person, letter_id=letter_id)
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    disposition = "attachment" if request.GET.get("download") else "inline"
    response["Content-Disposition"] = (
        f'{disposition}; filename="brief-{letter.template_code}-{letter.pk}.pdf"'
    )
    return response


def _contact_page(request, person, form, status=200):
    channels = contact_channels_of(actor=request.user, person=person)
    return render(
        request,
        "comms/person_contact.html",
        {"person": person, "form": form, "channels": channels},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@requires(Action.EDIT_PERSON, person_data=True)
def person_contact(request, person_id):
    """The person's consent to be contacted by e-mail or text message, per channel."""
    posting = request.method == "POST"
    person = person_get(actor=request.user, person_id=person_id, purpose=PURPOSE, edit=posting)
    form = ContactForm(request.POST or None, initial={"consented_on": timezone.localdate()})
    if posting and form.is_valid():
        try:
            contact_channel_record(
                actor=request.user,
                person=person,
                channel=form.cleaned_data["channel"],
                address=form.cleaned_data["address"],
                consented_on=form.cleaned_data["consented_on"],
                how=form.cleaned_data["how"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The consent to be contacted was recorded."))
            return redirect("web:person_contact", person_id=person.pk)
    return _contact_page(request, person, form, status=422 if posting and form.errors else 200)


@require_POST
@requires(Action.EDIT_PERSON, person_data=True)
def person_contact_withdraw(request, person_id, contact_id):
    person = person_get(actor=request.user, person_id=person_id, purpose=PURPOSE, edit=True)
    contact = contact_channel_get(actor=request.user, person=person, contact_id=contact_id)
    try:
        contact_channel_withdraw(actor=request.user, contact=contact)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The consent was withdrawn: nothing more is sent on this channel.")
        )
    return redirect("web:person_contact", person_id=person.pk)


def _outbox_sorts() -> dict[str, Sort]:
    return {
        "created": Sort(_("Queued"), ("created_at",)),
        "status": Sort(_("Status"), ("status",)),
        "next": Sort(_("Next attempt"), ("next_attempt_at",)),
    }


@require_safe
@requires(Action.VIEW_PERSON, person_data=True)
def outbox_list(request):
    """The office's outbox: every message with its status, filtered by status in the URL."""
    status = request.GET.get("status", "")
    if status not in MessageStatus.values:
        status = ""
    listing = paginate(
        request,
        outbox(actor=request.user, status=status).prefetch_related("person__names"),
        sorts=_outbox_sorts(),
        default="-created",
        label=_("Pages of the outbox"),
    )
    rows = outbox_listed(actor=request.user, messages=list(listing.rows))
    return render(
        request,
        "comms/outbox.html",
        {
            "listing": listing,
            "rows": rows,
            "status": status,
            "statuses": MessageStatus.choices,
        },
    )
