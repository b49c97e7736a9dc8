"""Daily reminders: RTL items due within a week or overdue, and monitoring visits in the next week.

Who is reminded: for an RTL item, the fasilitators of the session it came from
(`Bimbingan.fasilitator`); for a planned monitoring visit, the members of the plan's team.

Exactly once per user, item and day, whatever happens: the reminder is first written as a
`Notifikasi` row, which the database keeps unique per (user, kunci, tanggal), so a rerun or two
workers at once add nothing new. Mail then goes only for rows no run has mailed yet: a run claims
them with one UPDATE on the rows themselves (a second run finds them claimed and skips them),
sends one e-mail per user listing that user's rows, and marks them sent; a failed send releases
its claim so the next run (the task's retry) sends it, never twice.

An item still due is reminded again the next day; the day before's unread reminder of it is then
marked read (superseded), so the navbar badge counts today's reminders rather than piling up.
"""

import logging
import secrets
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from advokasi.models import Rtl
from akun.models import Notifikasi
from monitoring.models import RencanaMonitoring

logger = logging.getLogger(__name__)

# Items due within this many days (and every overdue one) and visits within it are reminded.
HORIZON_HARI = 7

# Reminders are kept this long, then deleted by the daily run.
NOTIFIKASI_SIMPAN_HARI = 180

JENIS_PENGINGAT = [
    Notifikasi.Jenis.RTL_TERLAMBAT,
    Notifikasi.Jenis.RTL_JATUH_TEMPO,
    Notifikasi.Jenis.MONITORING,
]


class PengingatGagal(Exception):
    """Some e-mails could not be sent; their rows stay unmailed for the next run."""


@dataclass(frozen=True)
class Pengingat:
    user_id: int
    jenis: str
    kunci: str
    pesan: str
    url: str


def _tanggal(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


def _pesan_rtl(*, nomor: str, tindakan: str, batas_waktu: date, today: date) -> tuple[str, str]:
    sisa = (batas_waktu - today).days
    values = {
        "nomor": nomor,
        "tanggal": _tanggal(batas_waktu),
        "tindakan": Truncator(" ".join(tindakan.split())).chars(160),
        "hari": abs(sisa),
    }
    if sisa < 0:
        pesan = ngettext(
            "%(nomor)s terlambat %(hari)d hari (batas waktu %(tanggal)s): %(tindakan)s",
            "%(nomor)s terlambat %(hari)d hari (batas waktu %(tanggal)s): %(tindakan)s",
            abs(sisa),
        )
        return Notifikasi.Jenis.RTL_TERLAMBAT, pesan % values
    if sisa == 0:
        pesan = _("%(nomor)s jatuh tempo hari ini (%(tanggal)s): %(tindakan)s")
    else:
        pesan = ngettext(
            "%(nomor)s jatuh tempo %(hari)d hari lagi (%(tanggal)s): %(tindakan)s",
            "%(nomor)s jatuh tempo %(hari)d hari lagi (%(tanggal)s): %(tindakan)s",
            sisa,
        )
    return Notifikasi.Jenis.RTL_JATUH_TEMPO, pesan % values


def _pesan_monitoring(*, nomor: str, metode: str, tim: str, tanggal: date, today: date) -> str:
    sisa = (tanggal - today).days
    values = {
        "nomor": nomor,
        "metode": RencanaMonitoring.Metode(metode).label,
        "tim": tim,
        "tanggal": _tanggal(tanggal),
        "hari": sisa,
    }
    if sisa == 0:
        return _("Monitoring %(nomor)s (%(metode)s, %(tim)s) dijadwalkan hari ini, %(tanggal)s") % (
            values
        )
    return (
        ngettext(
            "Monitoring %(nomor)s (%(metode)s, %(tim)s) dijadwalkan %(hari)d hari lagi, "
            "%(tanggal)s",
            "Monitoring %(nomor)s (%(metode)s, %(tim)s) dijadwalkan %(hari)d hari lagi, "
            "%(tanggal)s",
            sisa,
        )
        % values
    )


def pengingat_untuk(*, today: date) -> list[Pengingat]:
    """What each user is to be reminded of on `today` (two queries, one row per user and item).

    Open RTL items due on or before today + 7 days (overdue ones included) go to the fasilitators
    of their session; plans still `direncanakan` whose date is today … today + 7 go to their team.
    Inactive accounts are left out.
    """
    batas = today + timedelta(days=HORIZON_HARI)
    daftar: list[Pengingat] = []

    rtl_rows = (
        Rtl.objects.terbuka()
        .filter(batas_waktu__lte=batas, bimbingan__fasilitator__is_active=True)
        .values_list("pk", "nomor", "tindakan", "batas_waktu", "bimbingan__fasilitator")
        .order_by("batas_waktu", "pk", "bimbingan__fasilitator")
        .distinct()
    )
    for pk, nomor, tindakan, batas_waktu, user_id in rtl_rows:
        jenis, pesan = _pesan_rtl(
            nomor=nomor, tindakan=tindakan, batas_waktu=batas_waktu, today=today
        )
        url = reverse("advokasi:rtl-detail", args=[pk])
        daftar.append(Pengingat(user_id, jenis, f"rtl:{pk}", pesan, url))

    rencana_rows = (
        RencanaMonitoring.objects.filter(
            status=RencanaMonitoring.Status.DIRENCANAKAN,
            tanggal_rencana__gte=today,
            tanggal_rencana__lte=batas,
            tim__anggota__is_active=True,
        )
        .values_list("pk", "nomor", "metode", "tim__nama", "tanggal_rencana", "tim__anggota")
        .order_by("tanggal_rencana", "pk", "tim__anggota")
        .distinct()
    )
    for pk, nomor, metode, tim, tanggal, user_id in rencana_rows:
        pesan = _pesan_monitoring(nomor=nomor, metode=metode, tim=tim, tanggal=tanggal, today=today)
        url = reverse("monitoring:rencana-detail", args=[pk])
        daftar.append(Pengingat(user_id, Notifikasi.Jenis.MONITORING, f"rencana:{pk}", pesan, url))
    return daftar


def _catat(*, daftar: list[Pengingat], today: date) -> None:
    """Write the day's notifications; rows already there (from an earlier run today) stay as is."""
    Notifikasi.objects.bulk_create(
        [
            Notifikasi(
                user_id=p.user_id,
                jenis=p.jenis,
                kunci=p.kunci,
                tanggal=today,
                pesan=Truncator(p.pesan).chars(500),
                url=p.url,
            )
            for p in daftar
        ],
        ignore_conflicts=True,
        batch_size=500,
    )


def _rapikan(*, today: date) -> None:
    """Keep the list and the navbar badge about today's reminders.

    An item still due gets a new reminder every day; yesterday's unread one about the same item
    says nothing more, so it is marked read (superseded) rather than piling up in the badge. Rows
    older than NOTIFIKASI_SIMPAN_HARI are deleted.
    """
    hari_ini = Notifikasi.objects.filter(
        tanggal=today, user_id=OuterRef("user_id"), kunci=OuterRef("kunci")
    )
    Notifikasi.objects.filter(
        tanggal__lt=today, jenis__in=JENIS_PENGINGAT, dibaca_pada__isnull=True
    ).filter(Exists(hari_ini)).update(dibaca_pada=timezone.now())
    batas = today - timedelta(days=NOTIFIKASI_SIMPAN_HARI)
    Notifikasi.objects.filter(tanggal__lt=batas, jenis__in=JENIS_PENGINGAT).delete()


def _surel(*, user, rows: list[Notifikasi], today: date, connection) -> EmailMessage:
    site = settings.SITE_URL.rstrip("/")
    kelompok = defaultdict(list)
    for row in rows:
        kelompok[row.jenis].append({"pesan": row.pesan, "tautan": f"{site}{row.url}"})
    bagian = [
        {"judul": label, "butir": kelompok[value]}
        for value, label in ((jenis, Notifikasi.Jenis(jenis).label) for jenis in JENIS_PENGINGAT)
        if kelompok.get(value)
    ]
    context = {
        "nama": user.get_full_name() or user.username,
        "tanggal": _tanggal(today),
        "bagian": bagian,
        "tautan_notifikasi": f"{site}{reverse('notifikasi-list')}",
        "tautan_kalender": f"{site}{reverse('monitoring:kalender')}",
    }
    subject = ngettext(
        "[Advokasi BNSP] Pengingat %(jumlah)d butir, %(tanggal)s",
        "[Advokasi BNSP] Pengingat %(jumlah)d butir, %(tanggal)s",
        len(rows),
    ) % {"jumlah": len(rows), "tanggal": context["tanggal"]}
    body = render_to_string("monitoring/pengingat/surel.txt", context)
    return EmailMessage(subject, body, None, [user.email], connection=connection)


def _kirim_surel(*, today: date) -> int:
    """Mail every user the day's rows no run has mailed yet; returns the number of e-mails sent."""
    User = get_user_model()
    penerima = list(
        User.objects.filter(is_active=True).exclude(email="").values_list("pk", flat=True)
    )
    klaim = secrets.token_hex(16)
    # One UPDATE whose WHERE is on the rows themselves: a concurrent run blocks on the row locks,
    # re-checks `surel_klaim = ''` and skips what this run took (PostgreSQL's READ COMMITTED).
    diklaim = Notifikasi.objects.filter(
        tanggal=today,
        jenis__in=JENIS_PENGINGAT,
        surel_klaim="",
        surel_dikirim__isnull=True,
        user_id__in=penerima,
    ).update(surel_klaim=klaim)
    if not diklaim:
        return 0

    rows = (
        Notifikasi.objects.filter(surel_klaim=klaim)
        .select_related("user")
        .order_by("user_id", "pk")
    )
    terkirim, gagal = 0, 0
    connection = get_connection()
    for _user_id, group in groupby(rows, key=lambda row: row.user_id):
        milik = list(group)
        pks = [row.pk for row in milik]
        try:
            _surel(user=milik[0].user, rows=milik, today=today, connection=connection).send()
        except Exception:
            # Mail servers fail in many ways (OSError, smtplib errors…): release, log, carry on.
            logger.exception("Pengingat untuk pengguna %s gagal dikirim", milik[0].user_id)
            Notifikasi.objects.filter(pk__in=pks, surel_klaim=klaim).update(surel_klaim="")
            gagal += 1
        else:
            Notifikasi.objects.filter(pk__in=pks).update(surel_dikirim=timezone.now())
            terkirim += 1
    if gagal:
        raise PengingatGagal(f"{gagal} surel pengingat gagal dikirim; {terkirim} terkirim.")
    return terkirim


def pengingat_kirim(*, today: date) -> int:
    """Record today's reminders as notifications and e-mail each user once; returns e-mails sent.

    Idempotent: a second run on the same day creates no notification and sends no e-mail. Raises
    PengingatGagal when some e-mails failed (after sending all the others), so the task retries.
    """
    with translation.override(settings.LANGUAGE_CODE):
        _catat(daftar=pengingat_untuk(today=today), today=today)
        _rapikan(today=today)
        return _kirim_surel(today=today)
