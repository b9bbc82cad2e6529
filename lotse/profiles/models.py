"""The profile of a person, collected once and used by every office (category `profile`; health
restrictions in `health`, a special category), and the occupations it refers to (KldB 2010 and
ISCO-08 as reference data).

Every entry belongs to the office that recorded it (`recorded_by`), names the member of staff
(`recorded_by_user`) and where the fact comes from (`source`). A recorded fact is never
overwritten: a change is a new entry, and the old one is marked replaced (`replaced_by`,
`replaced_at`), so that pages show the current value and the earlier ones.

The entries share one table (`ProfileEntry`) with one table per kind beside it (multi-table
inheritance), so that a person's whole profile is read in one query, whatever it holds.
Language levels are `people.PersonLanguage` rows (one row = one assessment with its source).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lotse.access.policy import Category
from lotse.core.models import TimeStampedModel
from lotse.people.countries import COUNTRY_NAMES


class OccupationLevel(models.IntegerChoices):
    """The levels of the KldB 2010: the number of digits of the code."""

    BERUFSBEREICH = 1, _("occupational area (Berufsbereich)")
    HAUPTGRUPPE = 2, _("occupational main group (Berufshauptgruppe)")
    GRUPPE = 3, _("occupational group (Berufsgruppe)")
    UNTERGRUPPE = 4, _("occupational subgroup (Berufsuntergruppe)")
    GATTUNG = 5, _("occupational type (Berufsgattung)")


class SkillLevel(models.IntegerChoices):
    """The fifth digit of a KldB 2010 code: the Anforderungsniveau."""

    HELPER = 1, _("helper and semi-skilled tasks")
    SKILLED = 2, _("skilled tasks")
    COMPLEX = 3, _("complex specialist tasks")
    HIGHLY_COMPLEX = 4, _("highly complex tasks")


class IscoGroup(models.Model):
    """A group of the ISCO-08: major (1 digit), sub-major (2), minor (3) or unit group (4)."""

    code = models.CharField(_("ISCO-08 code"), max_length=4, unique=True)
    level = models.PositiveSmallIntegerField(pgettext_lazy("occupation hierarchy", "level"))
    title_en = models.CharField(_("title (English)"), max_length=300)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    class Meta:
        verbose_name = _("ISCO-08 group")
        verbose_name_plural = _("ISCO-08 groups")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title_en}"


class Occupation(models.Model):
    """A position of the KldB 2010 (überarbeitete Fassung 2020), any level of its hierarchy;
    occupations of a person are usually a Berufsgattung (5 digits). `isco_code`: the ISCO-08
    unit group the official mapping assigns (its main one where it names several)."""

    kldb_code = models.CharField(_("KldB 2010 code"), max_length=5, unique=True)
    level = models.PositiveSmallIntegerField(
        pgettext_lazy("occupation hierarchy", "level"), choices=OccupationLevel.choices
    )
    title_de = models.CharField(_("title (German)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    isco_code = models.CharField(_("ISCO-08 unit group"), max_length=4, blank=True)
    # Job titles (Berufsbenennungen) that belong here, searched with the title.
    search_terms = models.TextField(_("job titles"), blank=True)
    # Code, titles and job titles case-folded, for the search (set by the loader).
    search_key = models.TextField(_("search key"), blank=True, editable=False)

    class Meta:
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")
        ordering = ["kldb_code"]

    def __str__(self) -> str:
        return f"{self.title_de} ({self.kldb_code})"

    @property
    def skill_level(self) -> int | None:
        """The Anforderungsniveau (1–4) of a Berufsgattung, None above it."""
        return int(self.kldb_code[4]) if len(self.kldb_code) == 5 else None


# --- the profile --------------------------------------------------------------------------


class EntryKind(models.TextChoices):
    SCHOOLING = "schooling", _("schooling")
    TRAINING = "training", _("vocational training")
    WORK = "work", _("work experience")
    QUALIFICATION = "qualification", _("foreign qualification and recognition")
    DRIVING_LICENCE = "driving_licence", _("driving licence")
    MOBILITY = "mobility", _("mobility")
    CHILDCARE = "childcare", _("childcare")
    HEALTH = "health", _("health restriction")


# The kinds a person has at most one current entry of: a new one replaces the current one.
SINGLE_KINDS = frozenset(
    {EntryKind.SCHOOLING, EntryKind.DRIVING_LICENCE, EntryKind.MOBILITY, EntryKind.CHILDCARE}
)


def category_of(kind: str) -> Category:
    """The data category an entry of `kind` belongs to (the policy decides per category)."""
    return Category.HEALTH if kind == EntryKind.HEALTH else Category.PROFILE


class EntrySource(models.TextChoices):
    """Where a recorded fact comes from."""

    OWN_STATEMENT = "own_statement", _("the person's own statement")
    DOCUMENT = "document", _("document seen")
    CASEWORKER = "caseworker", _("caseworker's assessment")
    TEST = "test", _("test or exam")
    OTHER_OFFICE = "other_office", _("another office's record")


class ProfileEntry(TimeStampedModel):
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="profile_entries"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    source = models.CharField(_("source"), max_length=20, choices=EntrySource.choices)
    recorded_by = models.ForeignKey(
        "organisations.Office",
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by (member of staff)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
    )
    replaced_at = models.DateTimeField(_("replaced at"), null=True, blank=True)

    class Meta:
        verbose_name = _("profile entry")
        verbose_name_plural = _("profile entries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["person", "kind"], name="profile_entry_person_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def category(self) -> Category:
        return category_of(self.kind)

    @property
    def is_current(self) -> bool:
        return self.replaced_at is None

    @property
    def country_name(self) -> str:
        """The name of the entry's country (kinds with a country), "" without one."""
        code = getattr(self, "country", "")
        return str(COUNTRY_NAMES.get(code, code)) if code else ""


class SchoolCertificate(models.TextChoices):
    NONE = "none", _("no school certificate")
    PRIMARY = "primary", _("primary school")
    LOWER_SECONDARY = "lower_secondary", _("lower secondary school (about 9 years)")
    MIDDLE_SECONDARY = "middle_secondary", _("secondary school (about 10 years)")
    UPPER_SECONDARY = "upper_secondary", _("upper secondary school, university entrance")
    UNIVERSITY = "university", _("university degree")
    OTHER = "other", _("other certificate")


class Literacy(models.TextChoices):
    YES = "yes", _("yes")
    PARTLY = "partly", _("partly")
    NO = "no", _("no")


class Schooling(ProfileEntry):
    years = models.PositiveSmallIntegerField(_("years of school"), null=True, blank=True)
    country = models.CharField(_("country"), max_length=3, blank=True)
    highest_certificate = models.CharField(
        _("highest certificate"), max_length=20, choices=SchoolCertificate.choices
    )
    latin_literacy = models.CharField(
        _("reads and writes the Latin alphabet"), max_length=8, choices=Literacy.choices
    )

    class Meta:
        verbose_name = _("schooling")
        verbose_name_plural = _("schooling")


class EmployerType(models.TextChoices):
    COMPANY = "company", _("private company")
    PUBLIC = "public", _("public service")
    FAMILY = "family", _("family business")
    SELF_EMPLOYED = "self_employed", _("self-employed")
    INFORMAL = "informal", _("informal work")
    OTHER = "other", _("other")


class Experience(ProfileEntry):
    """Vocational training (kind `training`) or work experience (kind `work`)."""

    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.CharField(_("in the person's words"), max_length=200, blank=True)
    years = models.DecimalField(_("years"), max_digits=4, decimal_places=1, null=True, blank=True)
    country = models.CharField(_("country"), max_length=3, blank=True)
    employer_type = models.CharField(
        _("employer"), max_length=20, choices=EmployerType.choices, blank=True
    )
    completed = models.BooleanField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("training or work experience")
        verbose_name_plural = _("training and work experience")


class RecognitionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    APPLIED = "applied", _("applied")
    PARTIAL = "partial", _("partial equivalence, adaptation measure needed")
    FULL = "full", _("full equivalence")
    REFUSED = "refused", _("refused")


class CompetentBody(models.TextChoices):
    IHK_FOSA = "ihk_fosa", _("IHK FOSA")
    HWK = "hwk", _("Handwerkskammer")
    REGIERUNGSPRAESIDIUM = "rp", _("Regierungspräsidium")
    ZAB = "zab", _("ZAB (Zentralstelle für ausländisches Bildungswesen)")
    OTHER = "other", _("other body")


class Qualification(ProfileEntry):
    """A foreign qualification and the procedure of its recognition (Anerkennung, BQFG)."""

    title = models.CharField(_("qualification as named in the certificate"), max_length=200)
    country = models.CharField(_("country"), max_length=3, blank=True)
    reference_occupation = models.ForeignKey(
        Occupation,
        verbose_name=_("German reference occupation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recognition_status = models.CharField(
        _("recognition"), max_length=20, choices=RecognitionStatus.choices
    )
    competent_body = models.CharField(
        _("competent body"), max_length=20, choices=CompetentBody.choices, blank=True
    )
    adaptation_measure = models.CharField(_("adaptation measure"), max_length=200, blank=True)
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    class Meta:
        verbose_name = _("foreign qualification")
        verbose_name_plural = _("foreign qualifications")


class LicenceClass(models.TextChoices):
    AM = "AM", "AM"
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    A = "A", "A"
    B = "B", "B"
    BE = "BE", "BE"
    C1 = "C1", "C1"
    C1E = "C1E", "C1E"
    C = "C", "C"
    CE = "CE", "CE"
    D1 = "D1", "D1"
    D1E = "D1E", "D1E"
    D = "D", "D"
    DE = "DE", "DE"
    L = "L", "L"
    T = "T", "T"


class DrivingLicence(ProfileEntry):
    # LicenceClass values; empty: no driving licence.
    classes = models.JSONField(_("classes"), default=list, blank=True)
    country = models.CharField(_("issued in"), max_length=3, blank=True)

    class Meta:
        verbose_name = _("driving licence")
        verbose_name_plural = _("driving licences")


class Transport(models.TextChoices):
    PUBLIC = "public", _("public transport")
    CAR = "car", _("car")
    BICYCLE = "bicycle", _("bicycle")
    MOTORCYCLE = "motorcycle", _("motorcycle or moped")
    ON_FOOT = "on_foot", _("on foot")


class Mobility(ProfileEntry):
    max_distance_km = models.PositiveSmallIntegerField(_("how far (km)"), null=True, blank=True)
    means = models.JSONField(_("by what"), default=list, blank=True)  # Transport values

    @property
    def means_labels(self) -> list[str]:
        return [str(Transport(v).label) for v in self.means if v in Transport.values]

    class Meta:
        verbose_name = _("mobility")
        verbose_name_plural = _("mobility")


class ChildcareNeed(models.TextChoices):
    NONE = "none", _("no childcare needed")
    ARRANGED = "arranged", _("childcare arranged")
    NEEDED = "needed", _("childcare needed")


class Childcare(ProfileEntry):
    need = models.CharField(_("childcare"), max_length=10, choices=ChildcareNeed.choices)
    details = models.CharField(_("details"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("childcare")
        verbose_name_plural = _("childcare")


class WorkCapacity(models.TextChoices):
    NOT_LIMITED = "not_limited", _("no limit on work")
    LIMITED = "limited", _("work limited")
    NOT_NOW = "not_now", _("unable to work for now")


class HealthRestriction(ProfileEntry):
    """A health restriction (special category, Art. 9 GDPR: Category.HEALTH)."""

    description = models.CharField(_("restriction"), max_length=300)
    work_capacity = models.CharField(
        _("effect on work"), max_length=12, choices=WorkCapacity.choices
    )

    class Meta:
        verbose_name = _("health restriction")
        verbose_name_plural = _("health restrictions")


# The table of each kind (the child of ProfileEntry that holds its fields).
KIND_MODELS: dict[str, type[ProfileEntry]] = {
    EntryKind.SCHOOLING: Schooling,
    EntryKind.TRAINING: Experience,
    EntryKind.WORK: Experience,
    EntryKind.QUALIFICATION: Qualification,
    EntryKind.DRIVING_LICENCE: DrivingLicence,
    EntryKind.MOBILITY: Mobility,
    EntryKind.CHILDCARE: Childcare,
    EntryKind.HEALTH: HealthRestriction,
}
# The reverse one-to-one accessor of each child table (for select_related and reading).
CHILD_ACCESSORS = (
    "schooling",
    "experience",
    "qualification",
    "drivinglicence",
    "mobility",
    "childcare",
    "healthrestriction",
)


def concrete(entry: ProfileEntry) -> ProfileEntry:
    """The entry as its kind's model (read from the joined child table)."""
    name = KIND_MODELS[entry.kind]._meta.model_name
    child = getattr(entry, name, None) if name else None
    return child if child is not None else entry
