"""A small iCalendar (RFC 5545) writer for one appointment, for the staff's calendars.

The icalendar library is not in our registry; an event needs a handful of properties, written
here: CRLF line ends, lines folded at 75 octets, TEXT values escaped, times in UTC. The file
names no person: the summary says the kind and the organising office, the description links to
the appointment in lotse, where the reader's access is checked again.
"""

from datetime import UTC, datetime

from lotse.appointments.models import Appointment, AppointmentMode, AppointmentStatus

PRODID = "-//lotse//Termine//DE"


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line into parts of at most 75 octets (RFC 5545 3.1), never inside a
    UTF-8 character; continuation lines begin with a space."""
    parts: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        length = len(char.encode("utf-8"))
        if size + length > limit:
            parts.append(current)
            current, size, limit = "", 0, 74  # the leading space counts
        current += char
        size += length
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(*, lines: list[tuple[str, str]]) -> str:
    body = [fold(f"{name}:{value}") for name, value in lines]
    return "\r\n".join(body) + "\r\n"


def appointment_ics(appointment: Appointment, *, url: str, host: str, now: datetime) -> str:
    """The VCALENDAR with one VEVENT for `appointment`."""
    summary = f"{appointment.get_kind_display()} – {appointment.office.name}"
    location = appointment.place
    if appointment.mode == AppointmentMode.VIDEO:
        location = appointment.video_url
    status = "CANCELLED" if appointment.status == AppointmentStatus.CANCELLED else "CONFIRMED"
    lines = [
        ("BEGIN", "VCALENDAR"),
        ("VERSION", "2.0"),
        ("PRODID", PRODID),
        ("METHOD", "PUBLISH"),
        ("BEGIN", "VEVENT"),
        ("UID", f"appointment-{appointment.pk}@{host}"),
        ("DTSTAMP", _utc(now)),
        ("DTSTART", _utc(appointment.starts_at)),
        ("DTEND", _utc(appointment.ends_at)),
        ("SUMMARY", escape_text(summary)),
        ("STATUS", status),
    ]
    if location:
        lines.append(("LOCATION", escape_text(location)))
    lines += [
        ("DESCRIPTION", escape_text(f"Termin in lotse: {url}")),
        ("URL", url),
        ("END", "VEVENT"),
        ("END", "VCALENDAR"),
    ]
    return calendar(lines=lines)
