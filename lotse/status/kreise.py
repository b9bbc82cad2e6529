"""The database side of the rules engine: the Jobcenter form (gE/zkT) of a Kreis on a day,
from the reference data (`organisations.Office`, kind jobcenter)."""

from datetime import date

from lotse.organisations.models import Kreis, Office, OfficeKind


def jobcenter_forms(codes: set[str], day: date) -> dict[str, str]:
    """{Kreisschlüssel: "gE" | "zkT"} for the Kreise that exist and have a Jobcenter on `day`;
    unknown Kreise are left out (the caller names them)."""
    known = set(Kreis.objects.valid_on(day).filter(code__in=codes).values_list("code", flat=True))
    offices = Office.objects.valid_on(day).filter(kind=OfficeKind.JOBCENTER, kreis__code__in=known)
    return dict(offices.values_list("kreis__code", "jobcenter_form"))


def unknown_kreise(codes: set[str], day: date) -> list[str]:
    known = set(Kreis.objects.valid_on(day).filter(code__in=codes).values_list("code", flat=True))
    return sorted(codes - known)


class KreisReference:
    """The Kreise `codes` and their Jobcenters with their validity, read once, so that the
    answers on many days (a person's matching vacancies start on as many days) cost two queries
    instead of three per day. Same answers as `jobcenter_forms` and `unknown_kreise`."""

    def __init__(self, codes: set[str] | frozenset[str]) -> None:
        self.codes = frozenset(codes)
        self._kreise = list(
            Kreis.objects.filter(code__in=codes).values_list("code", "valid_from", "valid_to")
        )
        self._offices = list(
            Office.objects.filter(kind=OfficeKind.JOBCENTER, kreis__code__in=codes)
            .order_by("pk")
            .values_list("kreis__code", "jobcenter_form", "valid_from", "valid_to")
        )

    def part(self, codes: set[str] | frozenset[str]) -> "KreisReference":
        """The reference for some of these Kreise, without a query (a list reads the Kreise of
        all its rows once and hands each row its own): the same answers as reading them."""
        codes = frozenset(codes)
        if not codes <= self.codes:
            raise ValueError(f"not read: {sorted(codes - self.codes)}")
        part = object.__new__(KreisReference)
        part.codes = codes
        part._kreise = [row for row in self._kreise if row[0] in codes]
        part._offices = [row for row in self._offices if row[0] in codes]
        return part

    @staticmethod
    def _valid(day: date, valid_from: date, valid_to: date | None) -> bool:
        return valid_from <= day and (valid_to is None or valid_to >= day)

    def _known(self, day: date) -> set[str]:
        return {code for code, start, end in self._kreise if self._valid(day, start, end)}

    def forms(self, day: date) -> dict[str, str]:
        known = self._known(day)
        return {
            code: form
            for code, form, start, end in self._offices
            if code in known and self._valid(day, start, end)
        }

    def unknown(self, day: date) -> list[str]:
        return sorted(self.codes - self._known(day))
