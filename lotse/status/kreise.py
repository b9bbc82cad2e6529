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
