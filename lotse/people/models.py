"""The shared identity core of a person: names, birth data, identifiers, nationalities, contact,
addresses and household relations.

Every office uses this one record (no office keeps its own copy of a person); each entry says
which office recorded it and from which source. Everything else about a person (benefits,
profile, plans, health, notes) belongs to the office that recorded it and lives in other apps.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lotse.core.models import TimeStampedModel


class Sex(models.TextChoices):
    FEMALE = "f", _("female")
    MALE = "m", _("male")
    DIVERSE = "d", _("diverse")
    UNKNOWN = "u", _("unknown")


class DatePrecision(models.TextChoices):
    DAY = "day", _("day known")
    MONTH = "month", _("month known")
    YEAR = "year", _("year known")
    UNKNOWN = "unknown", _("unknown")


class IdentityConfidence(models.TextChoices):
    DOCUMENTED = "documented", _("confirmed by an identity document")
    PARTLY = "partly", _("partly documented")
    STATED = "stated", _("oral statements only")


class Source(models.TextChoices):
    """Where a piece of identity data comes from."""

    BAMF = "bamf", _("BAMF / AZR")
    ABH = "abh", _("Ausländerbehörde")
    PASSPORT = "passport", _("passport or ID document")
    SELF = "self", _("self-declared")
    OFFICE = "office", _("recorded by an office")
    IMPORT = "import", _("imported")


class Person(TimeStampedModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    # Birth date as far as it is known: no invented day or month. A 1 January date that the
    # BAMF entered for an unknown day is kept as recorded and marked as a placeholder.
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField(_("month of birth"), null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(_("day of birth"), null=True, blank=True)
    birth_date_placeholder = models.BooleanField(
        _("1 January is a placeholder"),
        default=False,
        help_text=_("The day and month were not known; 01.01. was entered instead."),
    )
    birth_place = models.CharField(_("place of birth"), max_length=150, blank=True)
    birth_country = models.CharField(
        _("country of birth"), max_length=3, blank=True, help_text=_("ISO 3166-1 alpha-3")
    )
    identity_confidence = models.CharField(
        _("identity confidence"),
        max_length=12,
        choices=IdentityConfidence.choices,
        default=IdentityConfidence.STATED,
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        blank=True,
        help_text=_("ISO 639 code, e.g. ar, fa, ti"),
    )
    interpreter_needed = models.BooleanField(_("needs an interpreter"), default=False)
    # Came to Germany as a minor without a parent or guardian (unbegleiteter minderjähriger
    # Flüchtling): the Jugendamt takes them into care (§ 42a SGB VIII). A fact of the arrival,
    # kept after the 18th birthday; whether the person is still a minor follows from the birth date.
    arrived_unaccompanied = models.BooleanField(
        _("arrived as an unaccompanied minor"),
        default=False,
        help_text=_("Came to Germany under 18 without a parent or guardian."),
    )
    # Set when this record was merged into another; the record stays, nothing is lost.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
    )
    created_by_office = models.ForeignKey(
        "organisations.Office", on_delete=models.PROTECT, related_name="+", null=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        indexes = [models.Index(fields=["birth_year"], name="people_person_birth_year")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(birth_month__isnull=True)
                | models.Q(birth_month__gte=1, birth_month__lte=12),
                name="people_person_birth_month_range",
            ),
            models.CheckConstraint(
                condition=models.Q(birth_day__isnull=True)
                | models.Q(birth_day__gte=1, birth_day__lte=31, birth_month__isnull=False),
                name="people_person_birth_day_range",
            ),
            models.CheckConstraint(
                condition=models.Q(birth_month__isnull=True) | models.Q(birth_year__isnull=False),
                name="people_person_birth_month_needs_year",
            ),
        ]

    def __str__(self) -> str:
        name = self.primary_name
        return str(name) if name else str(self.pk)

    @property
    def primary_name(self) -> "PersonName | None":
        names = getattr(self, "_prefetched_objects_cache", {}).get("names")
        if names is not None:
            return next((n for n in names if n.is_primary), names[0] if names else None)
        return self.names.order_by("-is_primary", "pk").first()

    @property
    def birth_date_precision(self) -> DatePrecision:
        if self.birth_year is None:
            return DatePrecision.UNKNOWN
        if self.birth_date_placeholder or self.birth_month is None:
            return DatePrecision.YEAR
        if self.birth_day is None:
            return DatePrecision.MONTH
        return DatePrecision.DAY

    @property
    def birth_date_display(self) -> str:
        if self.birth_year is None:
            return "–"
        if self.birth_month is None:
            return f"{self.birth_year}"
        if self.birth_day is None:
            return f"{self.birth_month:02d}.{self.birth_year}"
        return f"{self.birth_day:02d}.{self.birth_month:02d}.{self.birth_year}"


class NameKind(models.TextChoices):
    OFFICIAL = "official", _("name as in documents")
    BIRTH = "birth", _("birth name")
    VARIANT = "variant", _("other spelling")
    ALIAS = "alias", _("alias")


class Script(models.TextChoices):
    LATIN = "Latn", _("Latin")
    ARABIC = "Arab", _("Arabic (incl. Persian, Dari, Kurdish Sorani)")
    ETHIOPIC = "Ethi", _("Ge'ez (Tigrinya, Amharic)")
    CYRILLIC = "Cyrl", _("Cyrillic")
    GEORGIAN = "Geor", _("Georgian")
    OTHER = "Zyyy", _("other")


class PersonName(TimeStampedModel):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="names")
    kind = models.CharField(_("kind"), max_length=10, choices=NameKind.choices)
    given_names = models.CharField(_("given names"), max_length=200, blank=True)
    family_name = models.CharField(_("family name"), max_length=200, blank=True)
    # The chain of father's and grandfather's names where the person uses one (e.g. Eritrea,
    # Afghanistan, Iraq) instead of, or besides, a family name.
    name_chain = models.CharField(_("father's / grandfather's names"), max_length=300, blank=True)
    script = models.CharField(
        _("script"), max_length=4, choices=Script.choices, default=Script.LATIN
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    is_primary = models.BooleanField(_("primary name"), default=False)
    recorded_by = models.ForeignKey(
        "organisations.Office",
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("name")
        verbose_name_plural = _("names")
        ordering = ["-is_primary", "pk"]

    def __str__(self) -> str:
        if self.family_name and self.given_names:
            return f"{self.family_name}, {self.given_names}"
        return self.family_name or self.given_names or self.name_chain

    @property
    def is_rtl(self) -> bool:
        return self.script == Script.ARABIC


class IdentifierType(models.TextChoices):
    AZR = "azr", _("AZR number")
    BAMF_FILE = "bamf", _("BAMF-Aktenzeichen")
    AKN = "akn", _("Ankunftsnachweis number")
    BA_CUSTOMER = "ba", _("BA customer number")
    JC_BG = "jc_bg", _("Jobcenter BG number")
    ABH_FILE = "abh", _("Ausländerbehörde file number")
    PASSPORT = "passport", _("passport")
    ID_CARD = "id_card", _("identity card")


# Identifiers that name exactly one person across all offices: the same value decides a match.
UNIQUE_IDENTIFIER_TYPES = frozenset(
    {IdentifierType.AZR, IdentifierType.BAMF_FILE, IdentifierType.AKN}
)


class PersonIdentifier(TimeStampedModel):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="identifiers")
    type = models.CharField(_("type"), max_length=10, choices=IdentifierType.choices)
    value = models.CharField(_("number"), max_length=60)
    # Upper case without spaces, slashes or dashes: what is compared and indexed.
    normalized = models.CharField(max_length=60, editable=False)
    issuer = models.CharField(_("issued by"), max_length=150, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        "organisations.Office",
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("identifier")
        verbose_name_plural = _("identifiers")
        indexes = [
            models.Index(fields=["type", "normalized"], name="people_identifier_lookup"),
            # the registry search looks a number up whatever its type
            models.Index(fields=["normalized"], name="people_identifier_normalized"),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.value}"


class PersonNationality(TimeStampedModel):
    STATELESS = "XXA"  # ICAO 9303 code for a stateless person
    UNKNOWN = "XXX"  # ICAO 9303 code for an unspecified nationality

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="nationalities")
    country = models.CharField(
        _("nationality"),
        max_length=3,
        help_text=_("ISO 3166-1 alpha-3, XXA stateless, XXX unknown"),
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    recorded_by = models.ForeignKey(
        "organisations.Office", on_delete=models.PROTECT, related_name="+", null=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nationality")
        verbose_name_plural = _("nationalities")
        constraints = [
            models.UniqueConstraint(fields=["person", "country"], name="people_nationality_once")
        ]

    def __str__(self) -> str:
        return self.country


class AccommodationKind(models.TextChoices):
    ERSTAUFNAHME = "erstaufnahme", _("Erstaufnahme / LEA")
    VORLAEUFIG = "vorlaeufig", _("vorläufige Unterbringung")
    ANSCHLUSS = "anschluss", _("Anschlussunterbringung")
    PRIVATE = "private", _("private flat")


class PersonAddress(TimeStampedModel):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="addresses")
    accommodation = models.CharField(
        _("accommodation"), max_length=14, choices=AccommodationKind.choices
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("place"), max_length=100, blank=True)
    gemeinde = models.ForeignKey(
        "organisations.Gemeinde", on_delete=models.PROTECT, null=True, blank=True
    )
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        "organisations.Office", on_delete=models.PROTECT, related_name="+", null=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="people_address_valid_range",
            )
        ]

    def __str__(self) -> str:
        return ", ".join(
            part for part in [self.street, f"{self.postcode} {self.city}".strip()] if part
        )


class RelationKind(models.TextChoices):
    SPOUSE = "spouse", _("spouse or partner")
    PARENT = "parent", _("parent of")
    CHILD = "child", _("child of")
    SIBLING = "sibling", _("sibling")
    OTHER = "other", _("other relative")


class PersonRelation(TimeStampedModel):
    """`person` is <kind> of `relative` (e.g. person is parent of relative)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="relations")
    relative = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="relations_to")
    kind = models.CharField(_("relation"), max_length=10, choices=RelationKind.choices)
    same_household = models.BooleanField(_("same household"), default=True)
    recorded_by = models.ForeignKey(
        "organisations.Office", on_delete=models.PROTECT, related_name="+", null=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(person=models.F("relative")), name="people_relation_not_self"
            ),
        ]


class HouseholdRole(models.TextChoices):
    """A member's place in the Bedarfsgemeinschaft (§ 7 Abs. 3 SGB II): the applicant, the
    partner and the unmarried children under 25; `other` lives in the household without
    belonging to the benefit unit (the rules engine does not count them)."""

    APPLICANT = "applicant", _("applicant")
    PARTNER = "partner", _("spouse or partner")
    CHILD = "child", _("child (unmarried, under 25)")
    OTHER = "other", _("other member of the household")


class Household(TimeStampedModel):
    """A Bedarfsgemeinschaft: the persons who live and are provided for together. Its members
    come and go with dates (HouseholdMember); nothing is deleted, the history stays."""

    created_by_office = models.ForeignKey(
        "organisations.Office", on_delete=models.PROTECT, related_name="+", null=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Bedarfsgemeinschaft")
        verbose_name_plural = _("Bedarfsgemeinschaften")

    def __str__(self) -> str:
        return str(self.pk)


class HouseholdMember(TimeStampedModel):
    """A person's membership of a household from `valid_from` until `valid_to` (open while
    current). A person belongs to one household at a time (the constraint below)."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=HouseholdRole.choices)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until"), null=True, blank=True)
    end_reason = models.CharField(_("reason for leaving"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        "organisations.Office", on_delete=models.PROTECT, related_name="+", null=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member of the Bedarfsgemeinschaft")
        verbose_name_plural = _("members of the Bedarfsgemeinschaft")
        ordering = ["valid_from", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(valid_to__isnull=True),
                name="people_household_one_at_a_time",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="people_household_member_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class MatchKey(models.Model):
    """Blocking keys of a person for the duplicate check, kept in an index so that the check
    never scans the registry (written by the identity services whenever names or birth data
    change)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="match_keys")
    key = models.CharField(max_length=160)

    class Meta:
        indexes = [models.Index(fields=["key"], name="people_matchkey_key")]
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="people_matchkey_once")
        ]

    def __str__(self) -> str:
        return self.key


class MatchRecord(models.Model):
    """The person as the matching engine sees it (names, birth, nationality, address,
    identifiers), in one row: the duplicate check reads its candidates with one indexed query
    instead of five. A search index, kept beside MatchKey by the same service; a merged record
    has none."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, primary_key=True, related_name="match_record"
    )
    data = models.JSONField()

    def __str__(self) -> str:
        return str(self.person_id)


class CefrLevel(models.TextChoices):
    NONE = "none", _("no knowledge")
    PRE_A1 = "pre_a1", _("pre-A1")
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"
    NATIVE = "native", _("first language")


class LevelSource(models.TextChoices):
    SELF = "self", _("self-assessment")
    DTZ = "dtz", _("DTZ exam (integration course)")
    TELC = "telc", _("telc certificate")
    GOETHE = "goethe", _("Goethe certificate")
    ASSESSED = "assessed", _("assessed by an office")
    OTHER = "other", _("other certificate")


class PersonLanguage(TimeStampedModel):
    """A language with CEFR levels per skill. Profile data: it belongs to the office that
    recorded it (access-model.md), not to the shared identity core."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="languages")
    language = models.CharField(_("language"), max_length=8, help_text=_("ISO 639 code"))
    listening = models.CharField(
        _("listening"), max_length=6, choices=CefrLevel.choices, blank=True
    )
    reading = models.CharField(_("reading"), max_length=6, choices=CefrLevel.choices, blank=True)
    speaking = models.CharField(_("speaking"), max_length=6, choices=CefrLevel.choices, blank=True)
    writing = models.CharField(_("writing"), max_length=6, choices=CefrLevel.choices, blank=True)
    source = models.CharField(_("source of the levels"), max_length=10, choices=LevelSource.choices)
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        "organisations.Office",
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Who recorded the assessment, and whether a newer one of the same office replaced it
    # (lotse.profiles: the current level per skill is the newest assessment that rated it;
    # the earlier ones are the history). Nullable: rows recorded before have neither.
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
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["language"]

    def __str__(self) -> str:
        return self.language
