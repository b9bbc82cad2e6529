"""Consent (Einwilligung, Schweigepflichtentbindung) of a person to the sharing of their data.

A consent is only valid when it is specific (brief 7.1; § 67b SGB X): it names the receiving
offices, the data categories, the purposes and an end date. Health data (a special category,
Art. 9 GDPR) need the explicit mark on top. A consent is never deleted or edited: a withdrawal is
recorded on it and takes effect at once, because the policy rule (rules.py) asks the database on
every decision.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.access.policy import Category
from lotse.audit.vocabulary import LegalBasis
from lotse.core.models import TimeStampedModel


class Purpose(models.TextChoices):
    """What the receiving office may use the data for. Structured, so that the policy can match
    the purpose of a read against the consent; free text only adds detail."""

    INTEGRATION_COUNSELLING = "integration_counselling", _("integration counselling")
    JOB_PLACEMENT = "job_placement", _("job placement and vocational training")
    BENEFIT_APPLICATION = "benefit_application", _("application for benefits")
    LANGUAGE_COURSE = "language_course", _("language course (integration or job-related)")
    RECOGNITION = "recognition", _("recognition of foreign qualifications")
    RESIDENCE = "residence", _("residence permit for training or employment")


class GivenHow(models.TextChoices):
    SIGNED_FORM = "signed_form", _("signed paper form")
    SIGNED_FORM_INTERPRETER = (
        "signed_form_interpreter",
        _("signed paper form, explained by an interpreter"),
    )
    WRITTEN = "written", _("in writing (letter or e-mail)")
    # § 67b Abs. 2 SGB X: writing or electronic form, unless special circumstances justify
    # another form; the service then asks for those circumstances.
    ORAL = "oral", _("orally in person (special circumstances)")
    ORAL_INTERPRETER = (
        "oral_interpreter",
        _("orally in person with an interpreter (special circumstances)"),
    )


ORAL_FORMS = frozenset({GivenHow.ORAL, GivenHow.ORAL_INTERPRETER})
INTERPRETER_FORMS = frozenset({GivenHow.SIGNED_FORM_INTERPRETER, GivenHow.ORAL_INTERPRETER})


class WithdrawnHow(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    WRITTEN = "written", _("in writing (letter or e-mail)")
    PHONE = "phone", _("by phone")
    REPRESENTATIVE = "representative", _("through a legal representative or guardian")


class ConsentQuerySet(models.QuerySet):
    def active(self, on: date | None = None) -> "ConsentQuerySet":
        """Not withdrawn and valid on `on` (today): what the policy may rely on."""
        on = on or timezone.localdate()
        return self.filter(withdrawn_at__isnull=True, given_on__lte=on, valid_until__gte=on)


class Consent(TimeStampedModel):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="consents")
    recipients = models.ManyToManyField(
        "organisations.Office", verbose_name=_("receiving offices"), related_name="consents"
    )
    # The offices released from confidentiality. Empty: every office holding the categories
    # about the person (the form then says so in words).
    disclosing_offices = models.ManyToManyField(
        "organisations.Office",
        verbose_name=_("disclosing offices"),
        related_name="consents_to_disclose",
        blank=True,
    )
    # Category and Purpose values; a list, as a consent names several (validated by the service).
    categories = models.JSONField(_("data categories"), default=list)
    explicit_special_categories = models.BooleanField(
        _("explicit consent for health data"),
        default=False,
        help_text=_(
            "Health data and disability are special categories (Art. 9 GDPR): the person must "
            "have agreed to them expressly."
        ),
    )
    purposes = models.JSONField(_("purposes"), default=list)
    purpose_details = models.TextField(_("purpose in the person's words"), blank=True)
    given_on = models.DateField(_("given on"))
    given_how = models.CharField(_("given how"), max_length=24, choices=GivenHow.choices)
    form_reason = models.CharField(
        _("special circumstances for an oral consent"), max_length=300, blank=True
    )
    interpreter_name = models.CharField(_("interpreter"), max_length=150, blank=True)
    interpreter_language = models.CharField(
        _("language of the interpretation"), max_length=8, blank=True
    )
    explained_language = models.CharField(
        _("explained in language"), max_length=8, help_text=_("ISO 639 code, e.g. de, ar, fa, ti")
    )
    valid_until = models.DateField(_("valid until"))
    recorded_by_office = models.ForeignKey(
        "organisations.Office",
        verbose_name=_("recorded by office"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawal recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    withdrawn_how = models.CharField(
        _("withdrawn how"), max_length=16, choices=WithdrawnHow.choices, blank=True
    )
    withdrawal_reason = models.TextField(_("reason for the withdrawal"), blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-pk"]
        indexes = [
            # asked on every decision about another office's data
            models.Index(fields=["person", "withdrawn_at", "valid_until"], name="consent_active"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("given_on")),
                name="consent_valid_after_given",
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_at__isnull=True) | ~models.Q(withdrawal_reason=""),
                name="consent_withdrawal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.given_on:%Y-%m-%d}"

    @property
    def basis(self) -> LegalBasis:
        """How the policy and the audit trail name this consent: as text "consent #1 of
        2026-11-03", as codes {"code": "consent", "consent": 1, "given_on": "2026-11-03"}."""
        return LegalBasis.consent(number=self.pk, given_on=self.given_on)

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def is_active(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return not self.is_withdrawn and self.given_on <= on <= self.valid_until

    def category_labels(self) -> list[str]:
        labels = dict(CATEGORY_CHOICES)
        return [str(labels.get(c, c)) for c in self.categories]

    def purpose_labels(self) -> list[str]:
        return [str(Purpose(p).label) if p in Purpose.values else p for p in self.purposes]


CATEGORY_CHOICES = [
    (Category.IDENTITY.value, _("identity and contact")),
    (Category.STATUS.value, _("residence status")),
    (Category.BENEFITS.value, _("benefits")),
    (Category.PROFILE.value, _("school, training, work experience, languages")),
    (Category.PLAN.value, _("integration plan and measures")),
    (Category.HEALTH.value, _("health and disability")),
    (Category.NOTES.value, _("case notes")),
]
