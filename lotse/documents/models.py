"""Documents of a person: certificates, decisions, identity papers, course certificates.

Every document belongs to the office that uploaded it (`recorded_by`) and carries the data
category that decides who may see it (lotse.access.policy.Category): the identity core is
shared with every office with an open case, the rest travels as the category's other data do
(by statute between the benefit bodies, with the person's consent, health never by statute).
The file lies on the `documents` storage (settings.STORAGES) under a name lotse chooses; the
original file name is kept as text and never used as a path. A document is never deleted
silently: a withdrawal is a new state with its reason, the row and the file stay until the
explicit deletion procedure (docs/documents.md)."""

import uuid

from django.core.files.storage import Storage, storages
from django.core.validators import MinLengthValidator
from django.db import models
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _

from lotse.access.policy import Category
from lotse.core.models import TimeStampedModel

TITLE_MAX = 200
REASON_MAX = 500


class DocumentKind(models.TextChoices):
    IDENTITY = "identity", _("identity document (passport, ID card)")
    RESIDENCE = "residence", _("residence document (Aufenthaltstitel, Duldung, Gestattung)")
    BAMF_DECISION = "bamf_decision", _("BAMF decision (Bescheid)")
    SCHOOL_CERTIFICATE = "school_certificate", _("school certificate")
    VOCATIONAL_CERTIFICATE = "vocational_certificate", _("vocational certificate")
    UNIVERSITY_DEGREE = "university_degree", _("university degree")
    RECOGNITION_NOTICE = "recognition_notice", _("recognition notice (Anerkennungsbescheid)")
    LANGUAGE_CERTIFICATE = "language_certificate", _("language certificate")
    COURSE_CERTIFICATE = "course_certificate", _("course certificate")
    EMPLOYMENT_CONTRACT = "employment_contract", _("employment contract")
    MEDICAL_CERTIFICATE = "medical_certificate", _("medical certificate")
    OTHER = "other", _("other document")


# The category a kind of document belongs to unless the uploader says otherwise.
DEFAULT_CATEGORY: dict[str, str] = {
    DocumentKind.IDENTITY: Category.IDENTITY,
    DocumentKind.RESIDENCE: Category.STATUS,
    DocumentKind.BAMF_DECISION: Category.STATUS,
    DocumentKind.SCHOOL_CERTIFICATE: Category.PROFILE,
    DocumentKind.VOCATIONAL_CERTIFICATE: Category.PROFILE,
    DocumentKind.UNIVERSITY_DEGREE: Category.PROFILE,
    DocumentKind.RECOGNITION_NOTICE: Category.PROFILE,
    DocumentKind.LANGUAGE_CERTIFICATE: Category.PROFILE,
    DocumentKind.COURSE_CERTIFICATE: Category.PROFILE,
    DocumentKind.EMPLOYMENT_CONTRACT: Category.BENEFITS,
    DocumentKind.MEDICAL_CERTIFICATE: Category.HEALTH,
    DocumentKind.OTHER: Category.NOTES,
}


class DocumentCategory(models.TextChoices):
    """The categories a document may be filed under (lotse.access.policy.Category)."""

    IDENTITY = Category.IDENTITY.value, _("identity")
    STATUS = Category.STATUS.value, _("residence and benefit status")
    BENEFITS = Category.BENEFITS.value, _("benefits")
    PROFILE = Category.PROFILE.value, _("profile (schooling, work, languages)")
    PLAN = Category.PLAN.value, _("integration plan")
    HEALTH = Category.HEALTH.value, _("health")
    NOTES = Category.NOTES.value, _("notes")


class DocumentState(models.TextChoices):
    CURRENT = "current", _("current")
    REPLACED = "replaced", _("replaced by a newer document")
    WITHDRAWN = "withdrawn", _("withdrawn")


class DocumentsStorage(LazyObject):
    """settings.STORAGES["documents"], looked up when first used (and again after
    `reset()`, e.g. when a test points it to a temporary folder)."""

    def _setup(self) -> None:
        self._wrapped = storages["documents"]

    def reset(self) -> None:
        self._wrapped = empty  # type: ignore[assignment]  # LazyObject's marker


documents_storage = DocumentsStorage()


def _documents_storage() -> Storage:
    return documents_storage  # type: ignore[return-value]  # a lazy Storage


def document_path(instance: "Document", filename: str) -> str:
    """A name lotse chooses (never the uploaded name): person/uuid.extension."""
    return f"{instance.person_id}/{instance.file_key}{filename[filename.rfind('.') :]}"


class Document(TimeStampedModel):
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    kind = models.CharField(_("kind of document"), max_length=40, choices=DocumentKind.choices)
    category = models.CharField(_("data category"), max_length=20, choices=DocumentCategory.choices)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=TITLE_MAX, blank=True)
    country = models.CharField(_("country"), max_length=3, blank=True)
    title = models.CharField(_("title or description"), max_length=TITLE_MAX, blank=True)
    file_key = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    file = models.FileField(
        _("file"), storage=_documents_storage, upload_to=document_path, max_length=200
    )
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, validators=[MinLengthValidator(64)])
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    # A photo's metadata (EXIF with the GPS position and the device, text chunks) was found and
    # removed before the file was stored (lotse/documents/images.py).
    metadata_removed = models.BooleanField(_("photo metadata removed"), default=False)
    recorded_by = models.ForeignKey(
        "organisations.Office",
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by_user = models.ForeignKey(
        "organisations.User",
        verbose_name=_("uploaded by (member of staff)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=DocumentState.choices, default=DocumentState.CURRENT
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        "organisations.User",
        verbose_name=_("withdrawn by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    withdrawal_reason = models.CharField(_("reason"), max_length=REASON_MAX, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        on_delete=models.PROTECT,
        related_name="replaces",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["person", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%d.%m.%Y})" if self.created_at else ""

    @property
    def download_name(self) -> str:
        """The name a download gets: kind, id and the extension of the detected type (never
        the uploaded name)."""
        extension = str(self.file.name or "").rsplit(".", 1)[-1]
        return f"{self.kind}-{self.pk}.{extension}"

    @property
    def is_current(self) -> bool:
        return self.state == DocumentState.CURRENT
