"""Consents on the person page: record, withdraw, print the form (lotse/consent)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.audit.vocabulary import Purpose
from lotse.consent.documents import consent_form_pdf
from lotse.consent.form_texts import document_languages
from lotse.consent.forms import ConsentForm, WithdrawForm
from lotse.consent.selectors import consent_get
from lotse.consent.services import consent_record, consent_withdraw
from lotse.people.selectors import person_get
from lotse.web.form_errors import apply_errors
from lotse.web.person_views import person_page


def _to_consents(person) -> str:
    return reverse("web:person_detail", kwargs={"person_id": person.pk}) + "#consents"


@require_http_methods(["GET", "POST"])
@requires(Action.EDIT_PERSON, person_data=True)
def consent_record_view(request, person_id):
    editing = request.method == "POST"
    # Asked as an edit either way (a refusal is logged as one); showing the form reads the
    # person's name, which is logged as a read.
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.CONSENT, edit=True)
    if not editing:
        person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.CONSENT)
    form = ConsentForm(request.POST or None, actor=request.user, person=person)
    if editing and form.is_valid():
        try:
            consent = consent_record(actor=request.user, person=person, data=form.to_input())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Consent no. %(number)s was recorded.") % {"number": consent.pk}
            )
            return redirect(_to_consents(person))
    status = 422 if editing and form.errors else 200
    return render(request, "consent/record.html", {"person": person, "form": form}, status=status)


@require_POST
@requires(Action.EDIT_PERSON, person_data=True)
def consent_withdraw_view(request, person_id):
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.CONSENT, edit=True)
    consent_id = request.POST.get("consent", "")
    form = WithdrawForm(request.POST, auto_id=f"id_withdraw_{consent_id}_%s")
    if not form.is_valid():
        if "consent" in form.errors:  # no consent named: nothing to come back to
            messages.error(
                request, _("The withdrawal was not recorded: say how and why it was withdrawn.")
            )
            return redirect(_to_consents(person))
        return _refused_withdrawal(request, person, form)
    consent = consent_get(
        actor=request.user, person=person, consent_id=form.cleaned_data["consent"]
    )
    try:
        consent_withdraw(
            actor=request.user,
            consent=consent,
            reason=form.cleaned_data["reason"],
            how=form.cleaned_data["how"],
        )
    except ValidationError as exc:  # the consent's state, not the entry: nothing to correct
        messages.error(request, " ".join(exc.messages))
        return redirect(_to_consents(person))
    messages.success(
        request,
        _("Consent no. %(number)s was withdrawn; it no longer opens any data.")
        % {"number": consent.pk},
    )
    return redirect(_to_consents(person))


def _refused_withdrawal(request, person, form):
    """The person page again, the withdrawal as typed with its errors (422)."""
    return person_page(
        request, person, status=422, withdrawing=(form.cleaned_data["consent"], form)
    )


@require_safe
@requires(Action.VIEW_PERSON, person_data=True)
def consent_form_pdf_view(request, person_id):
    """The consent form as PDF: blank, or filled in from ?consent=<id>; ?lang= overrides the
    person's preferred language."""
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.CONSENT_FORM)
    consent = None
    if request.GET.get("consent"):
        consent = consent_get(actor=request.user, person=person, consent_id=request.GET["consent"])
    language = request.GET.get("lang", "")[:8]
    pdf = consent_form_pdf(actor=request.user, person=person, consent=consent, language=language)
    codes = "-".join(document_languages(language or person.preferred_language).codes)
    # No name in the file name: downloads folders and mail attachments outlive the case.
    filename = f"einwilligung-{consent.pk if consent else 'blanko'}-{codes}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
