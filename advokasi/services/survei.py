"""Writes of surveys and the problems they find (§4.1), and the mapping matrix they feed."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from advokasi.models import Permasalahan, Survei, Tim
from advokasi.pedoman import KategoriMasalah
from advokasi.services.nomor import beri_nomor


def _survei_errors(*, tanggal: date, sasaran: list) -> dict:
    errors = {}
    if tanggal and tanggal > timezone.localdate():
        errors["tanggal"] = _("Tanggal survei tidak boleh di masa depan.")
    if not sasaran:
        errors["sasaran"] = _("Pilih minimal satu sasaran yang disurvei.")
    return errors


@transaction.atomic
def survei_create(
    *, user, tim: Tim, tanggal: date, sasaran: Iterable, ringkasan: str = ""
) -> Survei:
    """Record a survey and mapping visit of one or more targets; it gets its SRV number."""
    sasaran = list(sasaran)
    errors = _survei_errors(tanggal=tanggal, sasaran=sasaran)
    if errors:
        raise ValidationError(errors)
    survei = Survei(tim=tim, tanggal=tanggal, ringkasan=ringkasan.strip(), dibuat_oleh=user)
    survei.full_clean(exclude=["nomor"])
    beri_nomor(survei, tahun=tanggal.year)
    survei._history_user = user
    survei.save()
    survei.sasaran.set(sasaran)
    return survei


@transaction.atomic
def survei_update(
    *, survei: Survei, user, tim: Tim, tanggal: date, sasaran: Iterable, ringkasan: str = ""
) -> Survei:
    """Change a survey. A target that already has problems from this survey stays in it."""
    sasaran = list(sasaran)
    errors = _survei_errors(tanggal=tanggal, sasaran=sasaran)
    chosen = {s.pk for s in sasaran}
    still_used = (
        survei.permasalahan.exclude(sasaran__in=chosen)
        .values_list("sasaran__nama", flat=True)
        .distinct()
        .order_by("sasaran__nama")
    )
    if sasaran and still_used:
        errors["sasaran"] = _(
            "Sasaran berikut masih punya permasalahan dari survei ini dan tidak dapat dilepas: "
            "%(daftar)s."
        ) % {"daftar": ", ".join(still_used)}
    if errors:
        raise ValidationError(errors)
    survei.tim, survei.tanggal, survei.ringkasan = tim, tanggal, ringkasan.strip()
    survei.full_clean()
    survei._history_user = user
    survei.save()
    survei.sasaran.set(sasaran)
    return survei


def _check_sasaran_of_survei(survei: Survei, sasaran) -> None:
    if sasaran is None or not survei.sasaran.filter(pk=sasaran.pk).exists():
        raise ValidationError(
            {"sasaran": _("Pilih salah satu sasaran yang disurvei dalam survei ini.")}
        )


@transaction.atomic
def permasalahan_create(
    *,
    user,
    survei: Survei,
    sasaran,
    kategori: str,
    ruang_lingkup: str,
    uraian: str,
    tingkat: str,
) -> Permasalahan:
    """Record a problem a survey found at one of its targets; it gets its MSL number."""
    _check_sasaran_of_survei(survei, sasaran)
    problem = Permasalahan(
        survei=survei,
        sasaran=sasaran,
        kategori=kategori,
        ruang_lingkup=ruang_lingkup,
        uraian=uraian.strip(),
        tingkat=tingkat,
        dibuat_oleh=user,
    )
    problem.full_clean(exclude=["nomor"])
    # The problem belongs to the survey's year, like the survey's own number.
    beri_nomor(problem, tahun=survei.tanggal.year)
    problem._history_user = user
    problem.save()
    return problem


@transaction.atomic
def permasalahan_update(
    *,
    problem: Permasalahan,
    user,
    sasaran,
    kategori: str,
    ruang_lingkup: str,
    uraian: str,
    tingkat: str,
) -> Permasalahan:
    """Change what a problem says. Its status moves only through services.masalah."""
    _check_sasaran_of_survei(problem.survei, sasaran)
    problem.sasaran = sasaran
    problem.kategori = kategori
    problem.ruang_lingkup = ruang_lingkup
    problem.uraian = uraian.strip()
    problem.tingkat = tingkat
    problem.full_clean()
    problem._history_user = user
    problem.save()
    return problem


# --- the mapping matrix (a read, kept beside the records it summarises) ----------------------

KATEGORI = list(KategoriMasalah.values)


def _counts() -> dict:
    counts = {f"k_{kode}": Count("pk", filter=Q(kategori=kode)) for kode in KATEGORI}
    counts["total"] = Count("pk")
    return counts


def pemetaan_filter(
    problems: QuerySet[Permasalahan],
    *,
    provinsi=None,
    jenis_lsp: str = "",
    tanggal_dari: date | None = None,
    tanggal_sampai: date | None = None,
    hanya_terbuka: bool = True,
) -> QuerySet[Permasalahan]:
    """Narrow the problems the user may read to the mapping's filters."""
    if provinsi is not None:
        problems = problems.filter(sasaran__provinsi=provinsi)
    if jenis_lsp:
        problems = problems.filter(sasaran__lsp__jenis_lsp=jenis_lsp)
    if tanggal_dari:
        problems = problems.filter(survei__tanggal__gte=tanggal_dari)
    if tanggal_sampai:
        problems = problems.filter(survei__tanggal__lte=tanggal_sampai)
    if hanya_terbuka:
        problems = problems.filter(status__in=Permasalahan.OPEN)
    return problems


def pemetaan_rows(problems: QuerySet[Permasalahan]) -> QuerySet:
    """One row per target with problems: its name, kind, province and a count per §4.1 category.

    Aggregated in SQL with one GROUP BY; the most troubled targets come first.
    """
    return (
        problems.order_by()
        .values(
            "sasaran",
            "sasaran__nama",
            "sasaran__jenis",
            "sasaran__provinsi__nama",
            "sasaran__lsp__jenis_lsp",
        )
        .annotate(**_counts())
        .order_by("-total", "sasaran__nama", "sasaran")
    )


def pemetaan_totals(problems: QuerySet[Permasalahan]) -> dict:
    """The totals row: problems per category over every target, and `sasaran`, the number of
    targets (the rows of `pemetaan_rows`: the paginator need not count the grouped rows again).
    One query."""
    return problems.order_by().aggregate(**_counts(), sasaran=Count("sasaran", distinct=True))
