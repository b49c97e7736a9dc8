"""The problem lifecycle: teridentifikasi → dibahas → diprioritaskan → dalam bimbingan →
selesai / ditutup. Events move problems forward; people move them by hand with a reason."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from advokasi.models import Permasalahan, Rtl, TransisiMasalah

Status = Permasalahan.Status
# The order of the open stages: an event only ever moves a problem forward along it.
_ORDER = [Status.TERIDENTIFIKASI, Status.DIBAHAS, Status.DIPRIORITASKAN, Status.DALAM_BIMBINGAN]


def _record(problem: Permasalahan, *, ke: str, alasan: str, sumber: str, user) -> TransisiMasalah:
    transisi = TransisiMasalah(
        permasalahan=problem, dari=problem.status, ke=ke, alasan=alasan, sumber=sumber, oleh=user
    )
    problem.status = ke
    return transisi


@transaction.atomic
def permasalahan_majukan(
    *, problems: Iterable[Permasalahan], ke: str, sumber: str, user
) -> list[Permasalahan]:
    """Move open problems forward to stage `ke` because of an event (an FGD, a priority group,
    a guidance session). Problems already at or past that stage, or closed, are left alone."""
    target = _ORDER.index(ke)
    moved, transitions = [], []
    for problem in problems:
        if problem.status in _ORDER and _ORDER.index(problem.status) < target:
            transitions.append(
                _record(
                    problem,
                    ke=ke,
                    alasan=_("Otomatis oleh %(s)s") % {"s": sumber},
                    sumber=sumber,
                    user=user,
                )
            )
            moved.append(problem)
    for problem in moved:
        problem._history_user = user
        problem.save(update_fields=["status", "diubah"])
    TransisiMasalah.objects.bulk_create(transitions)
    return moved


def rtl_semua_selesai(problem: Permasalahan) -> bool:
    """True when the problem has RTL items and every one not cancelled is done."""
    statuses = set(problem.rtl.values_list("status", flat=True))
    statuses.discard(Rtl.Status.DIBATALKAN)
    return statuses == {Rtl.Status.SELESAI}


@transaction.atomic
def permasalahan_ubah_status(
    *,
    problem: Permasalahan,
    ke: str,
    alasan: str,
    user,
    alasan_penutupan: str = "",
    digabung_ke: Permasalahan | None = None,
) -> Permasalahan:
    """Move a problem by hand, with a required reason.

    *Selesai* needs the effectiveness check: all its RTL done and a monitoring record confirming
    the problem solved (`efektivitas_terkonfirmasi`). Any other ending is *ditutup* with one of
    the fixed closing reasons.
    """
    alasan = (alasan or "").strip()
    errors = {}
    if not alasan:
        errors["alasan"] = _("Tuliskan alasan perubahan status.")
    if ke == problem.status:
        errors["ke"] = _("Permasalahan sudah berstatus ini.")
    if not problem.terbuka:
        errors["ke"] = _("Permasalahan yang sudah selesai atau ditutup tidak dapat diubah lagi.")
    if ke == Status.SELESAI:
        if not rtl_semua_selesai(problem):
            errors["ke"] = _(
                "Belum dapat dinyatakan selesai: semua RTL permasalahan ini harus selesai."
            )
        elif not efektivitas_terkonfirmasi(problem):
            errors["ke"] = _(
                "Belum dapat dinyatakan selesai: belum ada catatan monitoring yang "
                "mengonfirmasi permasalahan ini teratasi."
            )
    if ke == Status.DITUTUP:
        if alasan_penutupan not in Permasalahan.AlasanPenutupan.values:
            errors["alasan_penutupan"] = _("Pilih alasan penutupan.")
        if alasan_penutupan == Permasalahan.AlasanPenutupan.DIGABUNG and digabung_ke is None:
            errors["digabung_ke"] = _("Pilih permasalahan tujuan penggabungan.")
        if digabung_ke is not None and digabung_ke.pk == problem.pk:
            errors["digabung_ke"] = _("Permasalahan tidak dapat digabung ke dirinya sendiri.")
    if errors:
        raise ValidationError(errors)

    transisi = _record(problem, ke=ke, alasan=alasan, sumber="", user=user)
    problem.alasan_penutupan = alasan_penutupan if ke == Status.DITUTUP else ""
    problem.digabung_ke = digabung_ke if ke == Status.DITUTUP else None
    problem._history_user = user
    problem.full_clean()
    problem.save()
    transisi.save()
    return problem


def efektivitas_terkonfirmasi(problem: Permasalahan) -> bool:
    """Whether the latest monitoring record that looked at the problem found it solved."""
    latest = (
        problem.konfirmasi_monitoring.order_by("-catatan__tanggal", "-catatan_id")
        .values_list("teratasi", flat=True)
        .first()
    )
    return bool(latest)
