"""Forms for registering persons and adding to their identity record."""

import re
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.people.countries import COUNTRIES, LANGUAGES
from lotse.people.models import (
    AccommodationKind,
    HouseholdRole,
    IdentifierType,
    NameKind,
    Script,
    Sex,
    Source,
)
from lotse.people.services import (
    AddressInput,
    IdentifierInput,
    NameInput,
    PersonInput,
)

_BIRTH = [
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})\.(\d{4})$"), ("m", "y")),
    (re.compile(r"^(\d{4})-(\d{2})$"), ("y", "m")),
    (re.compile(r"^(\d{4})$"), ("y",)),
]


def parse_partial_date(value: str) -> tuple[int | None, int | None, int | None]:
    """'03.05.1990', '05.1990', '1990' (or ISO forms) → (year, month, day); '' → unknown."""
    value = value.strip()
    if not value:
        return None, None, None
    for pattern, parts in _BIRTH:
        match = pattern.match(value)
        if match:
            found = dict(zip(parts, (int(g) for g in match.groups()), strict=True))
            year, month, day = found.get("y"), found.get("m"), found.get("d")
            if month is not None and not 1 <= month <= 12:
                raise forms.ValidationError(
                    _("There is no month %(month)s: months go from 1 to 12.") % {"month": month}
                )
            if day is not None:
                try:
                    date(year, month, day)
                except ValueError:
                    raise forms.ValidationError(_("This date does not exist.")) from None
            return year, month, day
    raise forms.ValidationError(
        _("Enter the date of birth as DD.MM.YYYY, MM.YYYY or YYYY (or leave it empty if unknown).")
    )


_BLANK = [("", "–")]


class PersonRegistrationForm(forms.Form):
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    name_chain = forms.CharField(
        label=_("Father's and grandfather's names"),
        max_length=300,
        required=False,
        help_text=_(
            "Where the person uses a chain of names instead of, or besides, a family name."
        ),
    )
    name_source = forms.ChoiceField(
        label=_("Source of the name"), choices=Source.choices, initial=Source.SELF
    )
    original_family_name = forms.CharField(
        label=_("Family name in original script"), max_length=200, required=False
    )
    original_given_names = forms.CharField(
        label=_("Given names in original script"), max_length=200, required=False
    )
    original_script = forms.ChoiceField(
        label=_("Original script"),
        choices=_BLANK + [c for c in Script.choices if c[0] != "Latn"],
        required=False,
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    birth_date = forms.CharField(
        label=_("Date of birth"),
        required=False,
        max_length=10,
        help_text=_("DD.MM.YYYY, MM.YYYY or YYYY; leave empty if unknown."),
    )
    birth_date_placeholder = forms.BooleanField(
        label=_("01.01. is a placeholder (day and month unknown)"), required=False
    )
    birth_place = forms.CharField(label=_("Place of birth"), max_length=150, required=False)
    birth_country = forms.ChoiceField(
        label=_("Country of birth"), choices=_BLANK + COUNTRIES, required=False
    )
    nationality = forms.ChoiceField(
        label=_("Nationality"), choices=_BLANK + COUNTRIES, required=False
    )
    identifier_type = forms.ChoiceField(
        label=_("Kind of identifier"), choices=_BLANK + IdentifierType.choices, required=False
    )
    identifier_value = forms.CharField(label=_("Number"), max_length=60, required=False)
    accommodation = forms.ChoiceField(
        label=_("Accommodation"), choices=_BLANK + AccommodationKind.choices, required=False
    )
    street = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    city = forms.CharField(label=_("Place"), max_length=100, required=False)
    address_since = forms.DateField(
        label=_("Living there since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=_BLANK + LANGUAGES, required=False
    )
    interpreter_needed = forms.BooleanField(label=_("Needs an interpreter"), required=False)
    arrived_unaccompanied = forms.BooleanField(
        label=_("Arrived as an unaccompanied minor"),
        help_text=_("Came to Germany under 18 without a parent or guardian."),
        required=False,
    )

    def clean_birth_date(self):
        return parse_partial_date(self.cleaned_data["birth_date"])

    def clean(self):
        data = super().clean()
        if not any(data.get(f, "").strip() for f in ("family_name", "given_names", "name_chain")):
            self.add_error("family_name", _("Enter at least one name in Latin script."))
        if bool(data.get("identifier_type")) != bool(data.get("identifier_value", "").strip()):
            self.add_error(
                "identifier_value", _("Give both the kind of identifier and its number.")
            )
        if data.get("accommodation") and not data.get("address_since"):
            self.add_error("address_since", _("Say since when the person lives there."))
        original = (
            data.get("original_family_name", "").strip()
            or data.get("original_given_names", "").strip()
        )
        if original and not data.get("original_script"):
            self.add_error("original_script", _("Choose the script of the original name."))
        return data

    def to_input(self) -> PersonInput:
        data = self.cleaned_data
        year, month, day = data["birth_date"]
        names = [
            NameInput(
                given_names=data["given_names"],
                family_name=data["family_name"],
                name_chain=data["name_chain"],
                kind=NameKind.OFFICIAL,
                script=Script.LATIN,
                source=data["name_source"],
            )
        ]
        if data.get("original_family_name") or data.get("original_given_names"):
            names.append(
                NameInput(
                    given_names=data["original_given_names"],
                    family_name=data["original_family_name"],
                    kind=NameKind.OFFICIAL,
                    script=data["original_script"],
                    source=data["name_source"],
                )
            )
        identifiers = []
        if data.get("identifier_type"):
            identifiers.append(
                IdentifierInput(type=data["identifier_type"], value=data["identifier_value"])
            )
        address = None
        if data.get("accommodation"):
            address = AddressInput(
                accommodation=data["accommodation"],
                valid_from=data["address_since"] or timezone.localdate(),
                street=data["street"],
                postcode=data["postcode"],
                city=data["city"],
            )
        return PersonInput(
            names=names,
            sex=data["sex"],
            birth_year=year,
            birth_month=month,
            birth_day=day,
            birth_date_placeholder=data["birth_date_placeholder"],
            birth_place=data["birth_place"],
            birth_country=data["birth_country"],
            nationalities=[data["nationality"]] if data.get("nationality") else [],
            identifiers=identifiers,
            phone=data["phone"],
            preferred_language=data["preferred_language"],
            interpreter_needed=data["interpreter_needed"],
            address=address,
            arrived_unaccompanied=data["arrived_unaccompanied"],
        )


class NameVariantForm(forms.Form):
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=NameKind.choices, initial=NameKind.VARIANT)
    script = forms.ChoiceField(label=_("Script"), choices=Script.choices, initial=Script.LATIN)
    source = forms.ChoiceField(label=_("Source"), choices=Source.choices)

    def to_input(self) -> NameInput:
        return NameInput(**self.cleaned_data)


class IdentifierForm(forms.Form):
    type = forms.ChoiceField(label=_("Kind of identifier"), choices=IdentifierType.choices)
    value = forms.CharField(label=_("Number"), max_length=60)
    issuer = forms.CharField(label=_("Issued by"), max_length=150, required=False)

    def to_input(self) -> IdentifierInput:
        return IdentifierInput(**self.cleaned_data)


class ArrivalForm(forms.Form):
    """Whether the person came as an unaccompanied minor, recorded after the registration (e.g.
    by the Jugendamt), with the reason; the earlier value stays in the person's history."""

    arrived_unaccompanied = forms.BooleanField(
        label=_("Arrived as an unaccompanied minor"),
        help_text=_("Came to Germany under 18 without a parent or guardian."),
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("E.g. the Inobhutnahme by the Jugendamt, or a correction."),
        required=False,
    )


FAMILY_ROLES = [
    (HouseholdRole.PARTNER, _("Spouse or partner")),
    (HouseholdRole.CHILD, _("Child")),
    (HouseholdRole.OTHER, _("Other member of the household")),
]
MAX_FAMILY_MEMBERS = 12


class FamilyMemberForm(forms.Form):
    """A family member registered along with the person: the few data of their own; the
    address is the person's (entered once). An untouched row is left out."""

    role = forms.ChoiceField(
        label=_("Relation to the person"), choices=FAMILY_ROLES, initial=HouseholdRole.CHILD
    )
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    birth_date = forms.CharField(
        label=_("Date of birth"),
        required=False,
        max_length=10,
        help_text=_("DD.MM.YYYY, MM.YYYY or YYYY; leave empty if unknown."),
    )
    nationality = forms.ChoiceField(
        label=_("Nationality"), choices=_BLANK + COUNTRIES, required=False
    )
    # "new" or "link:<id>" once the duplicate check proposed records for this member.
    decision = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_birth_date(self):
        return parse_partial_date(self.cleaned_data["birth_date"])

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(
            [
                data.get("family_name", "").strip(),
                data.get("given_names", "").strip(),
                data.get("birth_date", (None,))[0] is not None,
                data.get("nationality"),
            ]
        )

    def clean(self):
        data = super().clean()
        if "birth_date" in data and not self.is_blank():
            if not (data.get("family_name", "").strip() or data.get("given_names", "").strip()):
                self.add_error("family_name", _("Enter at least one name in Latin script."))
        return data

    def to_input(self, *, address: AddressInput | None) -> PersonInput:
        data = self.cleaned_data
        year, month, day = data["birth_date"]
        return PersonInput(
            names=[
                NameInput(
                    given_names=data["given_names"],
                    family_name=data["family_name"],
                    kind=NameKind.OFFICIAL,
                    script=Script.LATIN,
                    source=Source.SELF,
                )
            ],
            sex=data["sex"],
            birth_year=year,
            birth_month=month,
            birth_day=day,
            nationalities=[data["nationality"]] if data.get("nationality") else [],
            address=address,
        )


FamilyMemberFormSet = forms.formset_factory(
    FamilyMemberForm, extra=0, max_num=MAX_FAMILY_MEMBERS, validate_max=True, absolute_max=50
)


class HouseholdAddForm(forms.Form):
    member = forms.UUIDField(widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("Role"), choices=FAMILY_ROLES, initial=HouseholdRole.CHILD)


class HouseholdRemoveForm(forms.Form):
    valid_to = forms.DateField(
        label=_("No longer a member since"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(label=_("Reason"), max_length=200)
