"""The story of one target (sasaran): its advocacy records as a timeline, for its detail page.

Every record comes through its kind's read door, so a user sees only the entries they may open.
One query per kind (six in all), whatever the number of records.
"""

from datetime import date

from django.core.cache import cache
from django.db.models import Count
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from advokasi import selectors
from advokasi.models import Bimbingan, Permasalahan, Rtl
from akun.versi import CACHE_SECONDS, kunci_cache

# Entries shown at most; older ones are reached through the lists ("lihat semua").
BATAS = 100
RINGKASAN = 140


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


def _entri(jenis, label, ikon, record, ringkasan: str, lencana=(), batas_waktu=None) -> dict:
    return {
        "jenis": jenis,
        "label": label,
        "ikon": ikon,
        "nomor": record.nomor,
        "url": _url(record),
        "ringkasan": ringkasan,
        "lencana": [{"teks": teks, "kelas": kelas} for teks, kelas in lencana],
        "batas_waktu": batas_waktu,
    }


def _status(record, kelas: dict) -> tuple[str, str]:
    """A badge of the record's status, coloured by `kelas`."""
    return record.get_status_display(), kelas.get(record.status, "text-bg-secondary")


def _survei(survei) -> dict:
    summary = _("Survei dan pemetaan oleh %(tim)s") % {"tim": survei.tim.nama}
    if survei.ringkasan:
        summary = f"{summary}: {survei.ringkasan}"
    return _entri("survei", _("Survei"), "bi-clipboard-data", survei, _ringkas(summary))


def _permasalahan(masalah) -> dict:
    return _entri(
        "permasalahan",
        _("Permasalahan"),
        "bi-exclamation-diamond",
        masalah,
        _ringkas(masalah.uraian),
        [
            _status(masalah, STATUS_MASALAH_KELAS),
            (
                _("Tingkat %(t)s") % {"t": masalah.get_tingkat_display().lower()},
                "text-bg-light border",
            ),
        ],
    )


def _fgd(fgd) -> dict:
    summary = _("%(tim)s membahas %(n)d permasalahan sasaran ini") % {
        "tim": fgd.tim.nama,
        "n": fgd.jumlah_masalah,
    }
    return _entri("fgd", _("FGD"), "bi-people", fgd, _ringkas(summary))


def _kelompok(kelompok) -> dict:
    return _entri(
        "kelompok",
        _("Prioritas"),
        "bi-sort-down",
        kelompok,
        _ringkas(kelompok.nama),
        [
            (_("Strategi disetujui"), "text-bg-success")
            if kelompok.disetujui_pada is not None
            else (_("Menunggu keputusan"), "text-bg-light border")
        ],
    )


def _bimbingan(bimbingan) -> dict:
    place = bimbingan.tempat or _("daring")
    return _entri(
        "bimbingan",
        _("Bimbingan teknis"),
        "bi-easel",
        bimbingan,
        _ringkas(f"{bimbingan.get_jenis_display()} · {place}"),
        [_status(bimbingan, STATUS_BIMBINGAN_KELAS)],
    )


def _rtl(rtl, today) -> dict:
    badges = [_status(rtl, STATUS_RTL_KELAS)]
    if rtl.terlambat(today):
        badges.append((_("Terlambat"), "text-bg-danger"))
    return _entri(
        "rtl",
        _("RTL"),
        "bi-list-check",
        rtl,
        _ringkas(rtl.tindakan),
        badges,
        batas_waktu=rtl.batas_waktu,
    )


def sasaran_cerita_tersimpan(*, user, sasaran) -> list[dict]:
    """`sasaran_cerita`, from the cache while no record has changed (akun.versi.kunci_cache): the
    six reads and the entries were half of the target page's time (bench/)."""
    today = timezone.localdate()
    key = kunci_cache("cerita", user, today, f"s{sasaran.pk}")
    return cache.get_or_set(
        key, lambda: sasaran_cerita(user=user, sasaran=sasaran, today=today), CACHE_SECONDS
    )


def sasaran_cerita(*, user, sasaran, today: date | None = None) -> list[dict]:
    """The target's surveys, problems, FGDs, priority groups, sessions and RTL items the user may
    read, oldest first: the latest `BATAS` of them. Six queries.

    Each entry: jenis, label, ikon, tanggal, nomor, url (None when the record's page is not
    available), ringkasan, lencana (badges: teks, kelas), batas_waktu (RTL items only).
    The records are sorted first and only the `BATAS` shown are made into entries (addresses,
    summaries, badges): up to six times as many are read.
    """
    today = today or timezone.localdate()
    # (entry of a record, the kind's records, latest first by, a record's date on the timeline),
    # in the case's own order (DOMAIN.md): the order of kinds recorded on the same day.
    kinds = [
        (
            _survei,
            selectors.survei_for_user(user).filter(sasaran=sasaran).select_related("tim"),
            ("-tanggal", "-pk"),
            lambda r: r.tanggal,
        ),
        (
            _permasalahan,
            selectors.permasalahan_for_user(user).filter(sasaran=sasaran).select_related("survei"),
            ("-survei__tanggal", "-pk"),
            lambda r: r.survei.tanggal,
        ),
        (
            _fgd,
            selectors.fgd_for_user(user)
            .filter(permasalahan__sasaran=sasaran)
            # Filtered before annotating: counts only this target's problems.
            .annotate(jumlah_masalah=Count("permasalahan"))
            .select_related("tim"),
            ("-tanggal", "-pk"),
            lambda r: r.tanggal,
        ),
        (
            _kelompok,
            selectors.kelompok_for_user(user).filter(sasaran=sasaran).select_related("tim"),
            ("-dibuat", "-pk"),
            lambda r: timezone.localdate(r.dibuat),
        ),
        (
            _bimbingan,
            selectors.bimbingan_for_user(user).filter(sasaran=sasaran).select_related("tim"),
            ("-tanggal", "-pk"),
            lambda r: r.tanggal,
        ),
        (
            lambda rtl: _rtl(rtl, today),
            selectors.rtl_for_user(user).filter(pemilik_sasaran=sasaran),
            ("-tanggal_disepakati", "-pk"),
            lambda r: r.tanggal_disepakati,
        ),
    ]
    found = [
        (tanggal(record), place, record.pk, build, record)
        for place, (build, rows, order, tanggal) in enumerate(kinds)
        for record in rows.order_by(*order)[:BATAS]
    ]
    found.sort(key=lambda f: f[:3], reverse=True)
    return [
        build(record) | {"tanggal": day}
        for day, _place, _pk, build, record in reversed(found[:BATAS])
    ]
