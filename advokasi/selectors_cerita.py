"""The story of one target (sasaran): its advocacy records as a timeline, for its detail page.

Every record comes through its kind's read door, so a user sees only the entries they may open.
One query per kind (six in all), whatever the number of records.
"""

from datetime import date

from django.db.models import Count
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from advokasi import selectors
from advokasi.models import Bimbingan, Permasalahan, Rtl

# Entries shown at most; older ones are reached through the lists ("lihat semua").
BATAS = 100
RINGKASAN = 140

# Timeline order of kinds recorded on the same day: the case's own order (DOMAIN.md).
_URUTAN = {"survei": 0, "permasalahan": 1, "fgd": 2, "kelompok": 3, "bimbingan": 4, "rtl": 5}

STATUS_MASALAH_KELAS = {
    Permasalahan.Status.TERIDENTIFIKASI: "text-bg-secondary",
    Permasalahan.Status.DIBAHAS: "text-bg-info",
    Permasalahan.Status.DIPRIORITASKAN: "text-bg-primary",
    Permasalahan.Status.DALAM_BIMBINGAN: "text-bg-warning",
    Permasalahan.Status.SELESAI: "text-bg-success",
    Permasalahan.Status.DITUTUP: "text-bg-dark",
}
STATUS_BIMBINGAN_KELAS = {
    Bimbingan.Status.DIJADWALKAN: "text-bg-info",
    Bimbingan.Status.TERLAKSANA: "text-bg-success",
    Bimbingan.Status.DIBATALKAN: "text-bg-secondary",
}
STATUS_RTL_KELAS = {
    Rtl.Status.RENCANA: "text-bg-secondary",
    Rtl.Status.BERJALAN: "text-bg-primary",
    Rtl.Status.SELESAI: "text-bg-success",
    Rtl.Status.DIBATALKAN: "text-bg-dark",
}


def _url(record) -> str | None:
    """The record's page, or None while that page does not exist yet."""
    try:
        return record.get_absolute_url()
    except NoReverseMatch:
        return None


def _ringkas(text: str) -> str:
    return Truncator(" ".join((text or "").split())).chars(RINGKASAN)


def _entri(
    jenis, label, ikon, record, tanggal: date, ringkasan: str, lencana=(), batas_waktu=None
) -> dict:
    return {
        "jenis": jenis,
        "label": label,
        "ikon": ikon,
        "tanggal": tanggal,
        "nomor": record.nomor,
        "url": _url(record),
        "ringkasan": ringkasan,
        "lencana": [{"teks": teks, "kelas": kelas} for teks, kelas in lencana],
        "batas_waktu": batas_waktu,
        "_urut": (tanggal, _URUTAN[jenis], record.pk),
    }


def sasaran_cerita(*, user, sasaran) -> list[dict]:
    """The target's surveys, problems, FGDs, priority groups, sessions and RTL items the user may
    read, oldest first: the latest `BATAS` of them. Six queries.

    Each entry: jenis, label, ikon, tanggal, nomor, url (None when the record's page is not
    available), ringkasan, lencana (badges: teks, kelas), batas_waktu (RTL items only).
    """
    today = timezone.localdate()
    entries = []

    for survei in (
        selectors.survei_for_user(user)
        .filter(sasaran=sasaran)
        .select_related("tim")
        .order_by("-tanggal", "-pk")[:BATAS]
    ):
        summary = _("Survei dan pemetaan oleh %(tim)s") % {"tim": survei.tim.nama}
        if survei.ringkasan:
            summary = f"{summary}: {survei.ringkasan}"
        entries.append(
            _entri(
                "survei",
                _("Survei"),
                "bi-clipboard-data",
                survei,
                survei.tanggal,
                _ringkas(summary),
            )
        )

    for masalah in (
        selectors.permasalahan_for_user(user)
        .filter(sasaran=sasaran)
        .select_related("survei")
        .order_by("-survei__tanggal", "-pk")[:BATAS]
    ):
        entries.append(
            _entri(
                "permasalahan",
                _("Permasalahan"),
                "bi-exclamation-diamond",
                masalah,
                masalah.survei.tanggal,
                _ringkas(masalah.uraian),
                [
                    (
                        masalah.get_status_display(),
                        STATUS_MASALAH_KELAS.get(masalah.status, "text-bg-secondary"),
                    ),
                    (
                        _("Tingkat %(t)s") % {"t": masalah.get_tingkat_display().lower()},
                        "text-bg-light border",
                    ),
                ],
            )
        )

    for fgd in (
        selectors.fgd_for_user(user)
        .filter(permasalahan__sasaran=sasaran)
        # Filtered before annotating: counts only this target's problems.
        .annotate(jumlah_masalah=Count("permasalahan"))
        .select_related("tim")
        .order_by("-tanggal", "-pk")[:BATAS]
    ):
        summary = _("%(tim)s membahas %(n)d permasalahan sasaran ini") % {
            "tim": fgd.tim.nama,
            "n": fgd.jumlah_masalah,
        }
        entries.append(_entri("fgd", _("FGD"), "bi-people", fgd, fgd.tanggal, _ringkas(summary)))

    for kelompok in (
        selectors.kelompok_for_user(user)
        .filter(sasaran=sasaran)
        .select_related("tim")
        .order_by("-dibuat", "-pk")[:BATAS]
    ):
        decided = kelompok.disetujui_pada is not None
        entries.append(
            _entri(
                "kelompok",
                _("Prioritas"),
                "bi-sort-down",
                kelompok,
                timezone.localdate(kelompok.dibuat),
                _ringkas(kelompok.nama),
                [
                    (_("Strategi disetujui"), "text-bg-success")
                    if decided
                    else (_("Menunggu keputusan"), "text-bg-light border")
                ],
            )
        )

    for bimbingan in (
        selectors.bimbingan_for_user(user)
        .filter(sasaran=sasaran)
        .select_related("tim")
        .order_by("-tanggal", "-pk")[:BATAS]
    ):
        place = bimbingan.tempat or _("daring")
        summary = f"{bimbingan.get_jenis_display()} · {place}"
        entries.append(
            _entri(
                "bimbingan",
                _("Bimbingan teknis"),
                "bi-easel",
                bimbingan,
                bimbingan.tanggal,
                _ringkas(summary),
                [
                    (
                        bimbingan.get_status_display(),
                        STATUS_BIMBINGAN_KELAS.get(bimbingan.status, "text-bg-secondary"),
                    )
                ],
            )
        )

    for rtl in (
        selectors.rtl_for_user(user)
        .filter(pemilik_sasaran=sasaran)
        .order_by("-tanggal_disepakati", "-pk")[:BATAS]
    ):
        badges = [(rtl.get_status_display(), STATUS_RTL_KELAS.get(rtl.status, "text-bg-secondary"))]
        if rtl.terlambat(today):
            badges.append((_("Terlambat"), "text-bg-danger"))
        entries.append(
            _entri(
                "rtl",
                _("RTL"),
                "bi-list-check",
                rtl,
                rtl.tanggal_disepakati,
                _ringkas(rtl.tindakan),
                badges,
                batas_waktu=rtl.batas_waktu,
            )
        )

    entries.sort(key=lambda e: e["_urut"], reverse=True)
    latest = entries[:BATAS]
    latest.reverse()
    for entry in latest:
        del entry["_urut"]
    return latest
