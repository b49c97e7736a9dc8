"""Human numbers staff can quote on the phone: BMT-2026-0012."""

from django.db import IntegrityError, transaction
from django.db.models import F

from advokasi.models import Penomoran


def nomor_berikut(*, kode: str, tahun: int) -> str:
    """Allocate the next number of a kind in a year. Numbers are never reused.

    The counter row is locked for the rest of the caller's transaction, so two sessions saved at
    the same moment get different numbers.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                Penomoran.objects.get_or_create(kode=kode, tahun=tahun)
        except IntegrityError:  # created by a concurrent request between our get and create
            pass
        Penomoran.objects.filter(kode=kode, tahun=tahun).update(terakhir=F("terakhir") + 1)
        terakhir = (
            Penomoran.objects.select_for_update()
            .values_list("terakhir", flat=True)
            .get(kode=kode, tahun=tahun)
        )
    return f"{kode}-{tahun}-{terakhir:04d}"


def beri_nomor(instance, *, tahun: int) -> None:
    """Give a new record (Survei, Fgd, Bimbingan, Rtl, …) its number if it has none."""
    if not instance.nomor:
        instance.nomor = nomor_berikut(kode=instance.KODE, tahun=tahun)
