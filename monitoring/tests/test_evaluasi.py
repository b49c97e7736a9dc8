"""The evaluation formula with hand-computed cases (see monitoring/evaluasi.py's docstring)."""

from datetime import date
from decimal import Decimal

import pytest

from advokasi.models import Rtl
from advokasi.tests.factories import BimbinganFactory, PermasalahanFactory, RtlFactory
from monitoring import evaluasi
from monitoring.models import PengaturanEvaluasi

pytestmark = pytest.mark.django_db
TODAY = date(2026, 9, 1)
S = Rtl.Status


def item(status=S.RENCANA, progres=0, batas=date(2026, 12, 31), **kw):
    extra = {"tanggal_selesai": date(2026, 8, 1)} if status == S.SELESAI else {}
    return RtlFactory(status=status, progres=progres, batas_waktu=batas, **extra, **kw)


def test_capaian_of_items_done_running_cancelled():
    assert evaluasi.capaian_rtl(Rtl(status=S.SELESAI, progres=40)) == 100.0
    assert evaluasi.capaian_rtl(Rtl(status=S.BERJALAN, progres=40)) == 40.0
    assert evaluasi.capaian_rtl(Rtl(status=S.RENCANA, progres=0)) == 0.0
    assert evaluasi.capaian_rtl(Rtl(status=S.DIBATALKAN, progres=70)) is None


def test_group_capaian_is_the_mean_of_items_that_count():
    problem = PermasalahanFactory()
    item(S.SELESAI, 100, permasalahan=problem)  # 100
    item(S.BERJALAN, 50, permasalahan=problem)  # 50
    item(S.RENCANA, 0, permasalahan=problem, batas=date(2026, 6, 30))  # 0, and overdue
    item(S.DIBATALKAN, 90, permasalahan=problem)  # left out
    result = evaluasi.aggregate(Rtl.objects.filter(permasalahan=problem), today=TODAY)
    assert result["capaian"] == pytest.approx(50.0)  # (100 + 50 + 0) / 3
    assert result["jumlah"] == 3
    assert result["selesai"] == 1
    assert result["terlambat"] == 1
    assert result["dibatalkan"] == 1


def test_no_rtl_yet_means_no_capaian_not_zero():
    result = evaluasi.aggregate(Rtl.objects.none(), today=TODAY)
    assert result["capaian"] is None
    assert evaluasi.band(None, PengaturanEvaluasi.current()).kode == "belum"


def test_only_cancelled_items_means_no_capaian():
    item(S.DIBATALKAN, 30)
    assert evaluasi.aggregate(Rtl.objects.all(), today=TODAY)["capaian"] is None


def test_per_group_gives_one_row_per_team_in_one_query(django_assert_num_queries):
    first, second = BimbinganFactory(), BimbinganFactory()
    item(S.SELESAI, 100, bimbingan=first)
    item(S.BERJALAN, 20, bimbingan=first)  # first team: (100 + 20) / 2 = 60
    item(S.BERJALAN, 75, bimbingan=second)  # second team: 75
    with django_assert_num_queries(1):
        rows = {
            row["bimbingan__tim"]: row
            for row in evaluasi.per_group(Rtl.objects.all(), "bimbingan__tim", today=TODAY)
        }
    assert rows[first.tim_id]["capaian"] == pytest.approx(60.0)
    assert rows[second.tim_id]["capaian"] == pytest.approx(75.0)


@pytest.mark.parametrize(
    ("capaian", "kode"),
    [
        (100, "sangat_baik"),
        (85, "sangat_baik"),
        (84.9, "baik"),
        (70, "baik"),
        (69.99, "cukup"),
        (50, "cukup"),
        (49.9, "kurang"),
        (0, "kurang"),
    ],
)
def test_bands_follow_the_thresholds(capaian, kode):
    assert evaluasi.band(capaian, PengaturanEvaluasi.current()).kode == kode


def test_bands_follow_thresholds_the_komisi_changed():
    pengaturan = PengaturanEvaluasi.current()
    pengaturan.batas_sangat_baik, pengaturan.batas_baik, pengaturan.batas_cukup = 95, 80, 60
    assert evaluasi.band(90, pengaturan).kode == "baik"
    assert evaluasi.band(59, pengaturan).kode == "kurang"


def test_persen_capaian_is_realisasi_over_target():
    assert evaluasi.persen_capaian(Decimal("3"), Decimal("4")) == 75.0
    assert evaluasi.persen_capaian(Decimal("6"), Decimal("4")) == 150.0
    assert evaluasi.persen_capaian(None, Decimal("4")) is None
    assert evaluasi.persen_capaian(Decimal("1"), Decimal("0")) is None


def test_time_target_runs_evenly_from_agreement_to_due_date():
    start, due = date(2026, 1, 1), date(2026, 1, 11)
    assert evaluasi.target_waktu(mulai=start, batas=due, today=date(2025, 12, 1)) == 0.0
    assert evaluasi.target_waktu(mulai=start, batas=due, today=date(2026, 1, 6)) == 50.0
    assert evaluasi.target_waktu(mulai=start, batas=due, today=date(2026, 3, 1)) == 100.0


@pytest.mark.parametrize(
    ("persen", "harapan", "warna"),
    [
        (100, 100, "hijau"),
        (60, 50, "hijau"),
        (40, 50, "kuning"),
        (35, 50, "kuning"),
        (34.9, 50, "merah"),
        (None, 50, None),
    ],
)
def test_traffic_light_with_the_default_15_point_tolerance(persen, harapan, warna):
    assert evaluasi.lampu(persen, harapan=harapan, toleransi=15) == warna
