"""A small iCalendar (RFC 5545) writer for the calendar feed: one VCALENDAR of VEVENTs.

Written by hand because the feed needs little: CRLF line ends, lines folded at 75 octets (never
inside a UTF-8 character), TEXT values escaped, times in Asia/Jakarta with its VTIMEZONE (UTC+7 all
year, no daylight saving), events without a time as all-day DATE values. The tests parse the output
with the `icalendar` package, which Google Calendar and Outlook agree with.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from django.utils.translation import gettext as _

from monitoring.kalender import Acara

CRLF = "\r\n"
TZID = "Asia/Jakarta"
MAX_OCTETS = 75

VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "X-LIC-LOCATION:Asia/Jakarta",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0700",
    "TZOFFSETTO:+0700",
    "TZNAME:WIB",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def escape_text(value: str) -> str:
    """A TEXT value (§3.3.11): backslash, semicolon, comma and newline escaped, no controls."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(ch for ch in value if ch in "\n\t" or (ord(ch) >= 0x20 and ord(ch) != 0x7F))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets (§3.1), continuations led by a space."""
    pieces, current, size = [], [], 0
    for ch in line:
        width = len(ch.encode())
        if size + width > MAX_OCTETS:
            pieces.append("".join(current))
            current, size = [" "], 1
        current.append(ch)
        size += width
    pieces.append("".join(current))
    return CRLF.join(pieces)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _date(value: date) -> str:
    return value.strftime("%Y%m%d")


def _local(day: date, clock) -> str:
    return f"{_date(day)}T{clock.strftime('%H%M%S')}"


def _vevent(acara: Acara, *, site: str, dtstamp: str) -> list[str]:
    url = f"{site}{acara.url}"
    lines = [
        "BEGIN:VEVENT",
        f"UID:{acara.uid}",
        f"DTSTAMP:{dtstamp}",
        f"LAST-MODIFIED:{_utc(acara.diubah)}",
    ]
    if acara.mulai is None:
        lines += [
            f"DTSTART;VALUE=DATE:{_date(acara.tanggal)}",
            f"DTEND;VALUE=DATE:{_date(acara.tanggal + timedelta(days=1))}",
        ]
    else:
        lines.append(f"DTSTART;TZID={TZID}:{_local(acara.tanggal, acara.mulai)}")
        if acara.selesai is not None:
            lines.append(f"DTEND;TZID={TZID}:{_local(acara.tanggal, acara.selesai)}")
    detail = [
        _("Jenis: %(jenis)s") % {"jenis": acara.uraian_jenis},
        _("Tim: %(tim)s") % {"tim": acara.tim},
    ]
    if acara.status:
        detail.append(_("Status: %(status)s") % {"status": acara.status})
    if acara.tautan_daring:
        detail.append(_("Tautan daring: %(tautan)s") % {"tautan": acara.tautan_daring})
    if acara.keterangan:
        detail.append(acara.keterangan.strip())
    detail.append(_("Buka di Sistem Advokasi BNSP: %(url)s") % {"url": url})
    lines += [
        f"SUMMARY:{escape_text(acara.judul)}",
        f"DESCRIPTION:{escape_text(chr(10).join(detail))}",
        f"CATEGORIES:{escape_text(acara.jenis_label)}",
        f"STATUS:{'CANCELLED' if acara.batal else 'CONFIRMED'}",
        "TRANSP:OPAQUE",
        f"URL:{url}",
    ]
    lokasi = acara.lokasi or acara.tautan_daring
    if lokasi:
        lines.append(f"LOCATION:{escape_text(lokasi)}")
    lines.append("END:VEVENT")
    return lines


def kalender_ics(
    acara: Iterable[Acara], *, nama: str, site: str, now: datetime | None = None
) -> str:
    """The whole feed as text; `site` is the scheme and host event URLs start with."""
    dtstamp = _utc(now or datetime.now(UTC))
    site = site.rstrip("/")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//BNSP//Sistem Advokasi BNSP//ID",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(nama)}",
        f"X-WR-TIMEZONE:{TZID}",
        # Ask calendar apps to refresh hourly (Google and Outlook decide for themselves anyway).
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
        *VTIMEZONE,
    ]
    for item in acara:
        lines += _vevent(item, site=site, dtstamp=dtstamp)
    lines.append("END:VCALENDAR")
    return CRLF.join(fold(line) for line in lines) + CRLF
