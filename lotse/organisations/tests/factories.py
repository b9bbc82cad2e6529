"""factory_boy factories for regions, offices, teams and staff.

The 44 Kreise and their offices are loaded by migration into every test database: use
`reference_office("sozialamt-tubingen-08416")` for them, and these factories for anything else.
Users are created through `lotse.access.services.user_create`, like every real account, so their
roles and audit events are right.
"""

from datetime import date
from typing import TYPE_CHECKING, Any

import factory
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from factory.django import DjangoModelFactory

from lotse.access.services import user_create
from lotse.organisations.models import (
    Gemeinde,
    Jurisdiction,
    Kreis,
    KreisKind,
    Office,
    OfficeKind,
    Role,
    Team,
    User,
)

TEST_PASSWORD = "Kompass-Nadel-2026!"
# base32, 32 characters: the test personas' TOTP secret (see totp_code in conftest.py)
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def reference_office(code: str) -> Office:
    return Office.objects.select_related("kreis").get(code=code)


def reference_kreis(code: str) -> Kreis:
    return Kreis.objects.get(code=code)


class KreisFactory(DjangoModelFactory):
    """A made-up Kreis (codes 99xxx, outside Baden-Württemberg's 08xxx)."""

    class Meta:
        model = Kreis
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"99{n % 1000:03d}")
    ags = factory.LazyAttribute(lambda kreis: f"{kreis.code}000")
    name = factory.Sequence(lambda n: f"Testkreis {n}")
    kind = KreisKind.LANDKREIS
    regierungsbezirk = "Tübingen"
    valid_from = date(1973, 1, 1)


class GemeindeFactory(DjangoModelFactory):
    class Meta:
        model = Gemeinde

    kreis = factory.SubFactory(KreisFactory)
    ags = factory.Sequence(lambda n: f"99{n % 1000000:06d}")
    name = factory.Sequence(lambda n: f"Testgemeinde {n}")
    valid_from = date(1973, 1, 1)


class OfficeFactory(DjangoModelFactory):
    """An office of a Kreis that serves that Kreis from its start."""

    class Meta:
        model = Office
        skip_postgeneration_save = True

    kind = OfficeKind.SOZIALAMT
    kreis = factory.SubFactory(KreisFactory)
    name = factory.Sequence(lambda n: f"Testamt {n}")
    code = factory.Sequence(lambda n: f"testamt-{n}")
    jobcenter_form = factory.LazyAttribute(
        lambda office: "gE" if office.kind == OfficeKind.JOBCENTER else ""
    )
    valid_from = date(2005, 1, 1)

    @factory.post_generation
    def serves(office, create, extracted, **kwargs):
        """The Kreise served (default: its own Kreis), each from the office's start."""
        if not create:
            return
        kreise = extracted if extracted is not None else [office.kreis] if office.kreis else []
        for kreis in kreise:
            Jurisdiction.objects.create(office=office, kreis=kreis, valid_from=office.valid_from)


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    office = factory.SubFactory(OfficeFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(DjangoModelFactory):
    """A member of staff, created by the user_create service (audit events included).

    `roles=[Role.X, …]` (default: caseworker); `totp=True` (default) activates the test TOTP
    secret, so the second-factor middleware lets the user through.
    """

    class Meta:
        model = User
        skip_postgeneration_save = True

    if TYPE_CHECKING:  # what calling the factory gives (factory_boy types it as the factory)

        def __new__(cls, *args: Any, **kwargs: Any) -> User: ...

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    office = factory.LazyFunction(lambda: reference_office("sozialamt-tubingen-08416"))
    team = None
    password = TEST_PASSWORD
    roles = (Role.CASEWORKER,)

    @classmethod
    def _create(cls, model_class, *args, actor=None, roles=(), **kwargs):
        return user_create(actor=actor, roles=list(roles), **kwargs)

    @factory.post_generation
    def totp(user, create, extracted, **kwargs):
        if create and extracted is not False:
            activate_totp(user)


def activate_totp(user: User, secret: str = TEST_TOTP_SECRET) -> Authenticator:
    return TOTP.activate(user, secret).instance
