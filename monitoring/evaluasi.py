"""Evaluation (§6.2): achievement (capaian kinerja) computed from monitoring data against the RTL.

The formula, as written on the evaluation page and in the README:

* **Capaian of one RTL item** (0–100 %): 100 when *selesai*; its progress as last recorded by
  monitoring (`Rtl.progres`) when *rencana* or *berjalan*, including items past their due date
  (they are not rewarded for lateness, nor punished twice: their progress simply stays short of
  100); *dibatalkan* items are left out.
* **Capaian of a group** (a problem, a target, a team, a fasilitator, a period): the plain mean
  of the capaian of its RTL items that count. A group with no RTL item that counts has no capaian
  ("belum ada RTL"), which is not the same as 0 %.
* **Band**: *sangat baik* from the first threshold, *baik* from the second, *cukup* from the
  third, *kurang* below it (defaults 85 / 70 / 50, set by Staf Komisi).

A fasilitator's capaian counts every RTL item of the sessions they facilitated.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Avg, Case, Count, F, FloatField, Max, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from advokasi.models import Rtl
from monitoring.models import PengaturanEvaluasi

# The capaian of one RTL item as an SQL expression, so groups are averaged in the database.
CAPAIAN_RTL = Case(
    When(status=Rtl.Status.SELESAI, then=Value(100.0)),
    When(status=Rtl.Status.DIBATALKAN, then=Value(None)),
    default=F("progres") * 1.0,
    output_field=FloatField(),
)


def capaian_rtl(rtl: Rtl) -> float | None:
    """The same rule in Python, for one item already in memory."""
    if rtl.status == Rtl.Status.DIBATALKAN:
        return None
    if rtl.status == Rtl.Status.SELESAI:
        return 100.0
    return float(rtl.progres)


def aggregate(rtl_qs: QuerySet[Rtl], *, today: date | None = None, **extra) -> dict:
    """Capaian and counts over a set of RTL items, in one query; `extra` aggregates ride along
    in the same query (the dashboard's count per status)."""
    from django.utils import timezone

    today = today or timezone.localdate()
    open_ = Q(status__in=[Rtl.Status.RENCANA, Rtl.Status.BERJALAN])
    return rtl_qs.aggregate(
        capaian=Avg(CAPAIAN_RTL),
        jumlah=Count("pk", filter=~Q(status=Rtl.Status.DIBATALKAN)),
        selesai=Count("pk", filter=Q(status=Rtl.Status.SELESAI)),
        terlambat=Count("pk", filter=open_ & Q(batas_waktu__lt=today)),
        dibatalkan=Count("pk", filter=Q(status=Rtl.Status.DIBATALKAN)),
        **extra,
    )


def per_group(rtl_qs: QuerySet[Rtl], key: str, *labels: str, today: date | None = None) -> QuerySet:
    """Capaian and counts per value of `key` (e.g. "permasalahan", "bimbingan__tim"), with the
    `labels` that name each group (its number, name …), as a values() queryset: one query,
    whatever the number of groups.

    Only the key is grouped on: a label has one value per key and is read with MAX. Grouping on
    the labels too made PostgreSQL hash 10,000 problem texts to group 30,000 RTL items (bench/:
    the evaluation page's rows 71 → 53 ms, their count 21 → 3 ms).
    """
    from django.utils import timezone

    today = today or timezone.localdate()
    open_ = Q(status__in=[Rtl.Status.RENCANA, Rtl.Status.BERJALAN])
    rows = (
        rtl_qs.order_by()
        .values(key)
        .annotate(
            capaian=Avg(CAPAIAN_RTL),
            jumlah=Count("pk", filter=~Q(status=Rtl.Status.DIBATALKAN)),
            selesai=Count("pk", filter=Q(status=Rtl.Status.SELESAI)),
            terlambat=Count("pk", filter=open_ & Q(batas_waktu__lt=today)),
        )
    )
    if not labels:
        return rows
    aliases = {f"_label_{i}": label for i, label in enumerate(labels)}
    return rows.alias(**{alias: Max(label) for alias, label in aliases.items()}).annotate(
        **{label: F(alias) for alias, label in aliases.items()}
    )


@dataclass(frozen=True)
class Band:
    kode: str
    label: str
    warna: str  # a Bootstrap contextual colour


BANDS = {
    "sangat_baik": Band("sangat_baik", _("Sangat baik"), "success"),
    "baik": Band("baik", _("Baik"), "primary"),
    "cukup": Band("cukup", _("Cukup"), "warning"),
    "kurang": Band("kurang", _("Kurang"), "danger"),
    "belum": Band("belum", _("Belum ada RTL"), "secondary"),
}


def band(capaian: float | None, pengaturan: PengaturanEvaluasi) -> Band:
    if capaian is None:
        return BANDS["belum"]
    if capaian >= pengaturan.batas_sangat_baik:
        return BANDS["sangat_baik"]
    if capaian >= pengaturan.batas_baik:
        return BANDS["baik"]
    if capaian >= pengaturan.batas_cukup:
        return BANDS["cukup"]
    return BANDS["kurang"]


# --- e-monev: target, realisasi, persen capaian and a traffic light ------------------------------

HIJAU, KUNING, MERAH = "hijau", "kuning", "merah"


def persen_capaian(realisasi: Decimal | None, target: Decimal | None) -> float | None:
    """Realisasi as a percentage of the target (not capped: 120 % shows over-achievement)."""
    if realisasi is None or not target:
        return None
    return float(realisasi) / float(target) * 100


def target_waktu(*, mulai: date, batas: date, today: date) -> float:
    """How far along an item should be by `today`, in %, if work went evenly from agreement
    to due date (0 before it starts, 100 from the due date on)."""
    if today >= batas:
        return 100.0
    if today <= mulai:
        return 0.0
    return (today - mulai).days / (batas - mulai).days * 100


def lampu(persen: float | None, *, harapan: float, toleransi: float) -> str | None:
    """Hijau when at or above what is expected; kuning when short by no more than the tolerance
    (percentage points); merah when further behind. None without a measurement."""
    if persen is None:
        return None
    if persen >= harapan:
        return HIJAU
    if persen >= harapan - toleransi:
        return KUNING
    return MERAH
