"""The fasilitator's own section of the home page: what their teams must do next.

Everything starts from the read doors and is then narrowed to the teams the user belongs to, so a
Komisi member who also facilitates sees their own work here, not everyone's.
"""

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet

from advokasi.models import Bimbingan, Rtl
from advokasi.selectors import bimbingan_for_user, rtl_for_user
from akun.versi import CACHE_SECONDS, kunci_cache
from lsp.models import Sasaran
from monitoring import aturan
from monitoring.models import RencanaMonitoring
from monitoring.selectors import rencana_for_user

BATAS = 10


@dataclass(frozen=True)
class KerjaFasilitator:
    bimbingan: list[Bimbingan]
    rtl_terlambat: list[Rtl]
    rtl_terlambat_jumlah: int
    rencana: list[RencanaMonitoring]
    temuan: list[aturan.Kelompok]


def _sasaran_names() -> Prefetch:
    return Prefetch("sasaran", queryset=Sasaran.objects.only("id", "nama").order_by("nama"))


def kerja_fasilitator_tersimpan(user, *, today: date) -> KerjaFasilitator:
    """`kerja_fasilitator`, from the cache while no record has changed (akun.versi.kunci_cache): a
    finding still disappears the moment someone acts on it, since acting saves a record."""
    key = kunci_cache("beranda", user, today, f"u{user.pk}")
    return cache.get_or_set(key, lambda: kerja_fasilitator(user, today=today), CACHE_SECONDS)


def kerja_fasilitator(user, *, today: date) -> KerjaFasilitator:
    """Upcoming sessions, overdue RTL, coming monitoring plans and rule findings of the user's
    teams: ten queries whatever the number of records."""
    bimbingan = (
        bimbingan_for_user(user)
        .filter(tim__anggota=user, tanggal__gte=today)
        .exclude(status=Bimbingan.Status.DIBATALKAN)
        .select_related("tim")
        .prefetch_related(_sasaran_names())
        .order_by("tanggal", "waktu_mulai", "pk")[:BATAS]
    )
    terlambat: QuerySet[Rtl] = (
        rtl_for_user(user)
        .filter(bimbingan__tim__anggota=user)
        .terlambat(today)
        .select_related("pemilik_sasaran", "bimbingan")
        .order_by("batas_waktu", "pk")
    )
    rencana = (
        rencana_for_user(user)
        .filter(
            tim__anggota=user,
            status=RencanaMonitoring.Status.DIRENCANAKAN,
            tanggal_rencana__gte=today,
        )
        .select_related("tim")
        .prefetch_related(_sasaran_names())
        .order_by("tanggal_rencana", "pk")[:BATAS]
    )
    return KerjaFasilitator(
        bimbingan=list(bimbingan),
        rtl_terlambat=list(terlambat[:BATAS]),
        rtl_terlambat_jumlah=terlambat.count(),
        rencana=list(rencana),
        # Overdue RTL have their own card above, so the findings leave them out.
        temuan=aturan.temuan_ringkas(
            user,
            today=today,
            limit=5,
            kecuali=[aturan.Jenis.RTL_TERLAMBAT],
            pintu=aturan.pintu_tim_saya(user),
        ),
    )
