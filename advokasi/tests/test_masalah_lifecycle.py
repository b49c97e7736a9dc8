"""The problem lifecycle service: forward moves by events, manual moves, the effectiveness check."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from advokasi.models import Permasalahan, Rtl
from advokasi.services.masalah import permasalahan_majukan, permasalahan_ubah_status
from advokasi.tests.factories import PermasalahanFactory, RtlFactory
from monitoring.models import CatatanMonitoring, Instrumen, KonfirmasiMasalah, RencanaMonitoring

pytestmark = pytest.mark.django_db
Status = Permasalahan.Status


def confirm(problem, *, teratasi, tanggal, user):
    instrumen, _ = Instrumen.objects.get_or_create(nama="Instrumen uji", dibuat_oleh=user)
    rencana = RencanaMonitoring.objects.create(
        nomor=f"MON-{tanggal:%m%d}-{problem.pk}",
        tim=problem.survei.tim,
        tujuan="Memastikan RTL terlaksana",
        ruang_lingkup="RTL bimbingan",
        metode=RencanaMonitoring.Metode.VISITASI,
        instrumen=instrumen,
        tanggal_rencana=tanggal,
        dibuat_oleh=user,
    )
    catatan = CatatanMonitoring.objects.create(
        nomor=f"CMN-{tanggal:%m%d}-{problem.pk}", rencana=rencana, tanggal=tanggal, dibuat_oleh=user
    )
    KonfirmasiMasalah.objects.create(catatan=catatan, permasalahan=problem, teratasi=teratasi)


def done_rtl(problem):
    return RtlFactory(
        permasalahan=problem,
        status=Rtl.Status.SELESAI,
        progres=100,
        tanggal_selesai=date(2026, 7, 1),
    )


def test_events_move_problems_forward_only_and_record_who_and_why(komisi):
    fresh = PermasalahanFactory()
    ahead = PermasalahanFactory(status=Status.DALAM_BIMBINGAN)
    moved = permasalahan_majukan(
        problems=[fresh, ahead], ke=Status.DIBAHAS, sumber="FGD-2026-0001", user=komisi
    )
    assert moved == [fresh]
    fresh.refresh_from_db()
    ahead.refresh_from_db()
    assert fresh.status == Status.DIBAHAS
    assert ahead.status == Status.DALAM_BIMBINGAN
    step = fresh.transisi.get()
    assert (step.dari, step.ke, step.sumber, step.oleh) == (
        Status.TERIDENTIFIKASI,
        Status.DIBAHAS,
        "FGD-2026-0001",
        komisi,
    )


def test_a_manual_move_needs_a_reason(komisi):
    problem = PermasalahanFactory()
    with pytest.raises(ValidationError) as exc:
        permasalahan_ubah_status(problem=problem, ke=Status.DIBAHAS, alasan="  ", user=komisi)
    assert "alasan" in exc.value.message_dict
    problem.refresh_from_db()
    assert problem.status == Status.TERIDENTIFIKASI
    assert not problem.transisi.exists()


def test_selesai_is_refused_while_an_rtl_item_is_open(komisi):
    problem = PermasalahanFactory(status=Status.DALAM_BIMBINGAN)
    done_rtl(problem)
    RtlFactory(permasalahan=problem)  # still rencana
    confirm(problem, teratasi=True, tanggal=date(2026, 8, 1), user=komisi)
    with pytest.raises(ValidationError, match="semua RTL"):
        permasalahan_ubah_status(problem=problem, ke=Status.SELESAI, alasan="Tuntas", user=komisi)


def test_selesai_is_refused_without_a_monitoring_confirmation(komisi):
    problem = PermasalahanFactory(status=Status.DALAM_BIMBINGAN)
    done_rtl(problem)
    with pytest.raises(ValidationError, match="monitoring"):
        permasalahan_ubah_status(problem=problem, ke=Status.SELESAI, alasan="Tuntas", user=komisi)


def test_selesai_is_refused_when_the_latest_monitoring_found_it_unsolved(komisi):
    problem = PermasalahanFactory(status=Status.DALAM_BIMBINGAN)
    done_rtl(problem)
    confirm(problem, teratasi=True, tanggal=date(2026, 8, 1), user=komisi)
    confirm(problem, teratasi=False, tanggal=date(2026, 9, 1), user=komisi)
    with pytest.raises(ValidationError, match="monitoring"):
        permasalahan_ubah_status(problem=problem, ke=Status.SELESAI, alasan="Tuntas", user=komisi)


def test_selesai_after_all_rtl_done_and_monitoring_confirms(komisi):
    problem = PermasalahanFactory(status=Status.DALAM_BIMBINGAN)
    done_rtl(problem)
    RtlFactory(permasalahan=problem, status=Rtl.Status.DIBATALKAN)  # cancelled items don't block
    confirm(problem, teratasi=True, tanggal=date(2026, 8, 1), user=komisi)
    permasalahan_ubah_status(
        problem=problem, ke=Status.SELESAI, alasan="Efektivitas terkonfirmasi", user=komisi
    )
    problem.refresh_from_db()
    assert problem.status == Status.SELESAI
    assert problem.transisi.get().ke == Status.SELESAI


def test_ditutup_needs_one_of_the_fixed_reasons(komisi):
    problem = PermasalahanFactory()
    with pytest.raises(ValidationError) as exc:
        permasalahan_ubah_status(
            problem=problem, ke=Status.DITUTUP, alasan="LSP tutup", user=komisi
        )
    assert "alasan_penutupan" in exc.value.message_dict
    permasalahan_ubah_status(
        problem=problem,
        ke=Status.DITUTUP,
        alasan="Lisensi dicabut Pleno",
        alasan_penutupan=Permasalahan.AlasanPenutupan.LISENSI_DICABUT,
        user=komisi,
    )
    problem.refresh_from_db()
    assert problem.status == Status.DITUTUP


def test_merging_needs_another_problem_to_merge_into(komisi):
    problem, other = PermasalahanFactory(), PermasalahanFactory()
    kwargs = {"ke": Status.DITUTUP, "alasan": "Sama", "user": komisi}
    with pytest.raises(ValidationError):
        permasalahan_ubah_status(
            problem=problem, alasan_penutupan="digabung", digabung_ke=None, **kwargs
        )
    with pytest.raises(ValidationError):
        permasalahan_ubah_status(
            problem=problem, alasan_penutupan="digabung", digabung_ke=problem, **kwargs
        )
    permasalahan_ubah_status(
        problem=problem, alasan_penutupan="digabung", digabung_ke=other, **kwargs
    )
    problem.refresh_from_db()
    assert problem.digabung_ke == other


def test_a_closed_problem_cannot_be_reopened_by_hand(komisi):
    problem = PermasalahanFactory(status=Status.DITUTUP, alasan_penutupan="tidak_relevan")
    with pytest.raises(ValidationError):
        permasalahan_ubah_status(problem=problem, ke=Status.DIBAHAS, alasan="Buka", user=komisi)
