"""The activity calendar: FGDs (§4.2), guidance sessions (§5) and monitoring visits (§6.1).

Reads go through each record's read door (advokasi.selectors.fgd_for_user, bimbingan_for_user,
monitoring.selectors.rencana_for_user), so a calendar, on the page or in the iCalendar feed, never
shows an event its user could not open. Also the one write of this area: a user's feed token.
"""

import calendar
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from advokasi.selectors import bimbingan_for_user, fgd_for_user
from akun.models import TokenKalender
from monitoring.models import RencanaMonitoring
from monitoring.selectors import rencana_for_user

# "Minggu" is both Sunday and week (the calendar's week view): the context keeps them apart.
HARI = [
    _("Senin"),
    _("Selasa"),
    _("Rabu"),
    _("Kamis"),
    _("Jumat"),
    _("Sabtu"),
    pgettext_lazy("hari", "Minggu"),
]
BULAN = [
    _("Januari"),
    _("Februari"),
    _("Maret"),
    _("April"),
    _("Mei"),
    _("Juni"),
    _("Juli"),
    _("Agustus"),
    _("September"),
    _("Oktober"),
    _("November"),
    _("Desember"),
]

# The feed covers the recent past (to look back at what happened) and the coming year.
FEED_HARI_LALU = 90
FEED_HARI_DEPAN = 365


class JenisAcara(models.TextChoices):
    FGD = "fgd", _("FGD")
    BIMBINGAN = "bimbingan", _("Bimbingan teknis")
    MONITORING = "monitoring", _("Monitoring")


@dataclass(frozen=True)
class Acara:
    """One event on the calendar, whatever record it comes from."""

    jenis: str
    pk: int
    nomor: str
    uraian_jenis: str  # "Bimbingan teknis LSP (§5.2)", "Monitoring (Visitasi)"…
    tanggal: date
    mulai: time | None
    selesai: time | None
    lokasi: str
    tautan_daring: str
    tim_id: int
    tim: str
    status: str
    batal: bool
    keterangan: str
    url: str
    diubah: datetime

    @property
    def jenis_label(self) -> str:
        return JenisAcara(self.jenis).label

    @property
    def judul(self) -> str:
        return f"{self.nomor} · {self.uraian_jenis}"

    @property
    def uid(self) -> str:
        """Stable per record, so calendar apps update an event instead of duplicating it."""
        return f"{self.jenis}-{self.pk}@advokasi.bnsp.go.id"

    @property
    def urutan(self) -> tuple:
        return (self.tanggal, self.mulai is not None, self.mulai or time.min, self.jenis, self.pk)


def acara_for_user(user, *, mulai: date, sampai: date, tim_id: int | None = None) -> list[Acara]:
    """The user's readable events dated `mulai` … `sampai` (inclusive), in date and time order.

    Three queries (one per kind of record) whatever the number of events.
    """
    team = {"tim_id": tim_id} if tim_id else {}
    acara: list[Acara] = []

    fgds = (
        fgd_for_user(user)
        .filter(tanggal__gte=mulai, tanggal__lte=sampai, **team)
        .select_related("tim")
        .order_by()
    )
    for fgd in fgds:
        acara.append(
            Acara(
                jenis=JenisAcara.FGD,
                pk=fgd.pk,
                nomor=fgd.nomor,
                uraian_jenis=gettext("FGD (§4.2)"),
                tanggal=fgd.tanggal,
                mulai=fgd.waktu_mulai,
                selesai=None,
                lokasi=fgd.tempat,
                tautan_daring=fgd.tautan_daring,
                tim_id=fgd.tim_id,
                tim=fgd.tim.nama,
                status="",
                batal=False,
                keterangan=fgd.kesimpulan,
                url=reverse("advokasi:fgd-detail", args=[fgd.pk]),
                diubah=fgd.diubah,
            )
        )

    sesi = (
        bimbingan_for_user(user)
        .filter(tanggal__gte=mulai, tanggal__lte=sampai, **team)
        .select_related("tim")
        .order_by()
    )
    for b in sesi:
        acara.append(
            Acara(
                jenis=JenisAcara.BIMBINGAN,
                pk=b.pk,
                nomor=b.nomor,
                uraian_jenis=b.get_jenis_display(),
                tanggal=b.tanggal,
                mulai=b.waktu_mulai,
                selesai=b.waktu_selesai,
                lokasi=b.tempat,
                tautan_daring=b.tautan_daring,
                tim_id=b.tim_id,
                tim=b.tim.nama,
                status=b.get_status_display(),
                batal=b.status == b.Status.DIBATALKAN,
                keterangan=b.kesimpulan,
                url=reverse("advokasi:bimbingan-detail", args=[b.pk]),
                diubah=b.diubah,
            )
        )

    rencana = (
        rencana_for_user(user)
        .filter(tanggal_rencana__gte=mulai, tanggal_rencana__lte=sampai, **team)
        .select_related("tim")
        .order_by()
    )
    for r in rencana:
        acara.append(
            Acara(
                jenis=JenisAcara.MONITORING,
                pk=r.pk,
                nomor=r.nomor,
                uraian_jenis=gettext("Monitoring (%(metode)s)")
                % {"metode": r.get_metode_display()},
                tanggal=r.tanggal_rencana,
                mulai=None,
                selesai=None,
                lokasi="",
                tautan_daring="",
                tim_id=r.tim_id,
                tim=r.tim.nama,
                status=r.get_status_display(),
                batal=r.status == RencanaMonitoring.Status.DIBATALKAN,
                keterangan=r.tujuan,
                url=reverse("monitoring:rencana-detail", args=[r.pk]),
                diubah=r.diubah,
            )
        )
    return sorted(acara, key=lambda a: a.urutan)


# --- the grid ---------------------------------------------------------------------------------


def minggu_bulan(tahun: int, bulan: int) -> list[list[date]]:
    """The weeks (Monday to Sunday) that show a month, days of the adjacent months included."""
    return calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(tahun, bulan)


def awal_minggu(tanggal: date) -> date:
    return tanggal - timedelta(days=tanggal.weekday())


def geser_bulan(awal: date, langkah: int) -> date:
    """The first day of the month `langkah` months from the month of `awal`."""
    index = awal.year * 12 + awal.month - 1 + langkah
    return date(index // 12, index % 12 + 1, 1)


def nama_bulan(tanggal: date) -> str:
    return f"{BULAN[tanggal.month - 1]} {tanggal.year}"


def rentang_minggu(awal: date) -> str:
    """ "11–17 Mei 2026", "29 Juni – 5 Juli 2026", "28 Desember 2026 – 3 Januari 2027"."""
    akhir = awal + timedelta(days=6)
    if awal.month == akhir.month:
        return f"{awal.day}–{akhir.day} {nama_bulan(akhir)}"
    if awal.year == akhir.year:
        return f"{awal.day} {BULAN[awal.month - 1]} – {akhir.day} {nama_bulan(akhir)}"
    return f"{awal.day} {nama_bulan(awal)} – {akhir.day} {nama_bulan(akhir)}"


# --- the feed token ---------------------------------------------------------------------------


def token_kalender_buat(*, user) -> TokenKalender:
    """Give the user a new secret feed token; the old one (if any) stops working at once."""
    token, _created = TokenKalender.objects.update_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32), "dibuat": timezone.now()}
    )
    return token


def token_kalender_hapus(*, user) -> bool:
    """Revoke the user's feed: the URL answers 404 from now on. True if there was one."""
    deleted, _detail = TokenKalender.objects.filter(user=user).delete()
    return bool(deleted)
