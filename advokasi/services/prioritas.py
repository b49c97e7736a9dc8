"""Writes of priorities and strategy (§4.3): criteria and weights, problem groups and their
targets, scores per criterion, and the Komisi's decision on the strategy."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from advokasi import selectors
from advokasi.models import KelompokMasalah, KriteriaPrioritas, Permasalahan, SkorPrioritas
from advokasi.services.masalah import permasalahan_majukan
from advokasi.services.nomor import beri_nomor
from lsp.models import Sasaran

SKOR_MIN, SKOR_MAX = 1, 5
JenisSasaran = KelompokMasalah.JenisSasaran


def sasaran_errors(*, jenis: str, sasaran: list[Sasaran]) -> str | None:
    """Why these targets do not fit the kind of target the group is for (§4.3a), or None."""
    kinds = [s.jenis for s in sasaran]
    lsp_count = kinds.count(Sasaran.Jenis.LSP)
    if jenis == JenisSasaran.LSP:
        if len(sasaran) != 1 or lsp_count != 1:
            return _("Jenis sasaran LSP memerlukan tepat satu sasaran, yaitu sebuah LSP.")
    elif jenis == JenisSasaran.KELOMPOK_LSP:
        if lsp_count != len(sasaran) or lsp_count < 2:
            return _("Jenis sasaran kelompok LSP memerlukan dua LSP atau lebih, dan hanya LSP.")
    elif jenis == JenisSasaran.BKSP:
        if not sasaran or any(kind != Sasaran.Jenis.BKSP for kind in kinds):
            return _("Jenis sasaran BKSP memerlukan satu BKSP atau lebih, dan hanya BKSP.")
    elif jenis == JenisSasaran.PENDUKUNG:
        if not sasaran or any(kind in (Sasaran.Jenis.LSP, Sasaran.Jenis.BKSP) for kind in kinds):
            return _(
                "Jenis sasaran pendukung LSP memerlukan satu sasaran atau lebih di luar LSP dan "
                "BKSP (instansi teknis, asosiasi, lemdiklat, TUK)."
            )
    return None


# --- criteria ------------------------------------------------------------------------------


@transaction.atomic
def kriteria_simpan(*, user, formset) -> list[KriteriaPrioritas]:
    """Save the edited criteria (a validated formset). Criteria are never deleted, since scores
    point to them: a criterion no longer used is made inactive and stops counting."""
    saved = formset.save(commit=False)
    for kriteria in saved:
        kriteria._history_user = user
        kriteria.full_clean()
        kriteria.save()
    if not KriteriaPrioritas.objects.filter(aktif=True).exists():
        raise ValidationError(_("Sedikitnya satu kriteria harus aktif."))
    return saved


# --- problem groups --------------------------------------------------------------------------


@transaction.atomic
def kelompok_save(
    *,
    user,
    kelompok: KelompokMasalah,
    problems: Iterable[Permasalahan],
    sasaran: Iterable[Sasaran],
) -> KelompokMasalah:
    """Create or change a problem group with its problems and targets.

    A new group gets its number (PRI-<tahun>-0001). Its problems move forward to
    *diprioritaskan*; those already in guidance, or closed, stay where they are. Raises
    ValidationError, keyed by field, before anything is written.
    """
    problems, sasaran = list(problems), list(sasaran)
    if kelompok.pk is None:
        kelompok.dibuat_oleh = user
    errors: dict[str, list[str]] = {}
    try:
        kelompok.full_clean(exclude=["nomor"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not problems:
        errors.setdefault("permasalahan", []).append(_("Pilih minimal satu permasalahan."))
    if kelompok.jenis_sasaran:
        error = sasaran_errors(jenis=kelompok.jenis_sasaran, sasaran=sasaran)
        if error:
            errors.setdefault("sasaran", []).append(error)
    if kelompok.fgd_id and kelompok.tim_id and kelompok.fgd.tim_id != kelompok.tim_id:
        errors.setdefault("fgd", []).append(_("FGD ini diselenggarakan oleh tim lain."))
    if errors:
        raise ValidationError(errors)

    beri_nomor(kelompok, tahun=kelompok.tahun)
    kelompok._history_user = user
    kelompok.save()
    kelompok.permasalahan.set(problems)
    kelompok.sasaran.set(sasaran)
    permasalahan_majukan(
        problems=problems,
        ke=Permasalahan.Status.DIPRIORITASKAN,
        sumber=kelompok.nomor,
        user=user,
    )
    return kelompok


@transaction.atomic
def kelompok_nilai(
    *, user, kelompok: KelompokMasalah, skor: dict[KriteriaPrioritas, int | None]
) -> None:
    """Record the group's score (1–5) on each active criterion; None removes a score."""
    errors = {}
    for kriteria, nilai in skor.items():
        if not kriteria.aktif:
            errors[f"kriteria_{kriteria.pk}"] = _("Kriteria ini tidak aktif.")
        elif nilai is not None and not SKOR_MIN <= nilai <= SKOR_MAX:
            errors[f"kriteria_{kriteria.pk}"] = _(
                "Skor harus bilangan bulat %(min)s sampai %(max)s."
            ) % {"min": SKOR_MIN, "max": SKOR_MAX}
    if errors:
        raise ValidationError(errors)
    for kriteria, nilai in skor.items():
        if nilai is None:
            for old in SkorPrioritas.objects.filter(kelompok=kelompok, kriteria=kriteria):
                old._history_user = user
                old.delete()
        else:
            SkorPrioritas.objects.update_or_create(
                kelompok=kelompok, kriteria=kriteria, defaults={"skor": nilai}
            )


@transaction.atomic
def kelompok_putuskan(*, user, kelompok: KelompokMasalah, strategi: str) -> KelompokMasalah:
    """§4.3c: the Komisi sets (or revises) the group's strategy; history keeps every version."""
    if not selectors.can_approve_strategy(user):
        raise PermissionDenied
    strategi = (strategi or "").strip()
    if not strategi:
        raise ValidationError({"strategi": _("Tuliskan strategi advokasi yang ditetapkan.")})
    kelompok.strategi = strategi
    kelompok.disetujui_oleh = user
    kelompok.disetujui_pada = timezone.now()
    kelompok._history_user = user
    kelompok.full_clean()
    kelompok.save(update_fields=["strategi", "disetujui_oleh", "disetujui_pada", "diubah"])
    return kelompok
