from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from advokasi.models import Rtl
from laporan import pembuatan, services
from laporan.data import kumpulkan
from laporan.models import BerkasLaporan, Laporan
from laporan.tasks import buat_berkas_laporan
from laporan.tests.factories import laporan_baru

pytestmark = pytest.mark.django_db
S = Laporan.Status
B = BerkasLaporan.Status


def _sampai_disetujui(laporan, user):
    services.laporan_bahas(
        user=user, laporan=laporan, tanggal=date(2026, 11, 2), peserta="Tim A", catatan="Setuju"
    )
    return services.laporan_setujui(user=user, laporan=laporan)


def test_report_gets_a_number_and_records_its_creation_in_history(laporan, komisi):
    assert laporan.nomor.startswith("LAP-2026-")
    assert laporan.versi == 1
    assert laporan.history.count() == 1


def test_period_must_be_a_year_or_a_range_not_both(komisi):
    with pytest.raises(ValidationError):
        laporan_baru(komisi, tanggal_mulai=date(2026, 1, 1), tanggal_selesai=date(2026, 6, 30))
    with pytest.raises(ValidationError):
        laporan_baru(komisi, tahun=None)
    with pytest.raises(ValidationError):
        laporan_baru(
            komisi, tahun=None, tanggal_mulai=date(2026, 6, 1), tanggal_selesai=date(2026, 1, 1)
        )
    ok = laporan_baru(
        komisi, tahun=None, tanggal_mulai=date(2026, 1, 1), tanggal_selesai=date(2026, 6, 30)
    )
    assert ok.tanggal_selesai == date(2026, 6, 30)


def test_database_refuses_a_report_without_a_forum(laporan):
    with pytest.raises(IntegrityError), transaction.atomic():
        Laporan.objects.filter(pk=laporan.pk).update(untuk_rapat_teknis=False, untuk_pleno=False)


def test_figures_are_aggregated_from_the_records_in_scope(laporan):
    angka = kumpulkan(laporan)
    assert angka["ikhtisar"]["rtl"] == 5
    assert angka["ikhtisar"]["capaian"] == 76.0
    kategori = {r["label"]: r["capaian"] for r in angka["evaluasi"]["kategori"]}
    assert kategori == {
        "Pengembangan kapasitas pelayanan LSP": 40.0,
        "Pelaksanaan operasional LSP": 100.0,
    }
    assert angka["lsp_terbuka"][0]["nama"] == "LSP Pariwisata Bandung"


def test_scope_by_team_and_period_leaves_other_records_out(komisi, catatan, tim_lain):
    from laporan.tests.factories import catatan_tahun

    catatan_tahun(tim_lain, lsp_nama="LSP Lain")
    only_other = laporan_baru(komisi)
    only_other.tim.set([tim_lain])
    assert kumpulkan(only_other)["ikhtisar"]["rtl"] == 5
    assert kumpulkan(laporan_baru(komisi))["ikhtisar"]["rtl"] == 10
    assert kumpulkan(laporan_baru(komisi, tahun=2025))["ikhtisar"]["rtl"] == 0


def test_figures_take_a_fixed_number_of_queries_whatever_the_records(komisi, tim):
    from laporan.tests.factories import catatan_tahun

    catatan_tahun(tim, rtl_selesai=1, rtl_berjalan=1, lsp_nama="LSP A")
    laporan = laporan_baru(komisi)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        kumpulkan(laporan)
    for n in range(4):
        catatan_tahun(tim, rtl_selesai=5, rtl_berjalan=5, lsp_nama=f"LSP Banyak {n}")
    with CaptureQueriesContext(connection) as many:
        kumpulkan(laporan)
    assert len(few) == len(many)


def test_life_of_a_report_from_draft_to_submitted_freezes_its_figures(laporan, komisi, catatan):
    with pytest.raises(ValidationError):
        services.laporan_setujui(user=komisi, laporan=laporan)  # not discussed yet
    laporan = _sampai_disetujui(laporan, komisi)
    assert laporan.status == S.DISETUJUI and laporan.disetujui_oleh == komisi
    with pytest.raises(ValidationError):
        services.laporan_update(user=komisi, laporan=laporan, judul="Diubah")
    laporan = services.laporan_sampaikan(
        user=komisi, laporan=laporan, tanggal=date(2026, 12, 1), forum=Laporan.Forum.PLENO
    )
    assert laporan.status == S.DISAMPAIKAN and laporan.frozen
    # Records change afterwards: the submitted report's figures do not.
    Rtl.objects.filter(status=Rtl.Status.BERJALAN).update(progres=90)
    laporan.refresh_from_db()
    assert laporan.snapshot["ikhtisar"]["capaian"] == 76.0
    from laporan.data import angka

    assert angka(laporan)["ikhtisar"]["capaian"] == 76.0
    assert kumpulkan(laporan)["ikhtisar"]["capaian"] == 96.0


def test_discussion_needs_date_participants_and_notes(laporan, komisi):
    with pytest.raises(ValidationError) as info:
        services.laporan_bahas(user=komisi, laporan=laporan, tanggal=None, peserta="", catatan="")
    assert set(info.value.message_dict) == {
        "tanggal_pembahasan",
        "peserta_pembahasan",
        "catatan_pembahasan",
    }


def test_approval_needs_the_summary_conclusions_and_recommendations(komisi, catatan):
    laporan = laporan_baru(komisi, rekomendasi="")
    services.laporan_bahas(
        user=komisi, laporan=laporan, tanggal=date(2026, 11, 2), peserta="Tim", catatan="OK"
    )
    with pytest.raises(ValidationError, match="rekomendasi"):
        services.laporan_setujui(user=komisi, laporan=laporan)


def test_new_version_copies_the_report_into_a_draft(laporan, komisi, tim):
    laporan.tim.set([tim])
    _sampai_disetujui(laporan, komisi)
    submitted = services.laporan_sampaikan(
        user=komisi, laporan=laporan, tanggal=date(2026, 12, 1), forum=Laporan.Forum.KEDUANYA
    )
    baru = services.laporan_versi_baru(user=komisi, laporan=submitted)
    assert (baru.nomor, baru.versi, baru.status) == (submitted.nomor, 2, S.DRAFT)
    assert baru.snapshot is None and list(baru.tim.all()) == [tim]
    assert baru.kesimpulan == submitted.kesimpulan
    with pytest.raises(ValidationError):
        services.laporan_versi_baru(user=komisi, laporan=submitted)
    with pytest.raises(ValidationError):
        services.laporan_versi_baru(user=komisi, laporan=baru)


def test_generation_makes_each_file_once_with_its_checksum(
    laporan, komisi, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queued = services.berkas_buat(user=komisi, laporan=laporan)
    assert len(queued) == 4
    rows = {b.jenis: b for b in BerkasLaporan.objects.filter(laporan=laporan)}
    assert all(b.status == B.SELESAI and len(b.sha256) == 64 for b in rows.values())
    assert rows["utama"].halaman >= 10
    assert rows["utama"].berkas.read()[:5] == b"%PDF-"
    # Asking again changes nothing: every kind is there.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.berkas_buat(user=komisi, laporan=laporan) == []
    assert BerkasLaporan.objects.filter(laporan=laporan).count() == 4


def test_running_the_task_twice_leaves_one_file(laporan, komisi, settings):
    berkas = BerkasLaporan.objects.create(
        laporan=laporan, versi=1, jenis="ringkasan", status=B.ANTRE, diminta_oleh=komisi
    )
    assert buat_berkas_laporan.delay(berkas.pk).get() == "selesai"
    assert buat_berkas_laporan.delay(berkas.pk).get() == "tidak ada"
    berkas.refresh_from_db()
    assert berkas.percobaan == 1
    files = list((settings.MEDIA_ROOT / "laporan").rglob("*.pdf"))
    assert len(files) == 1
    assert BerkasLaporan.objects.filter(laporan=laporan, jenis="ringkasan").count() == 1


def test_a_redelivered_task_takes_over_the_job_its_dead_worker_left(laporan, komisi):
    berkas = BerkasLaporan.objects.create(
        laporan=laporan,
        versi=1,
        jenis="excel",
        status=B.SEDANG,
        percobaan=1,
        tahap="Menyusun dokumen",
        persen=25,
        diminta_oleh=komisi,
    )
    assert pembuatan.jalankan(berkas.pk) == "selesai"
    berkas.refresh_from_db()
    assert (berkas.status, berkas.percobaan, berkas.persen) == (B.SELESAI, 2, 100)


def test_after_three_redeliveries_the_job_fails_visibly(laporan, komisi):
    berkas = BerkasLaporan.objects.create(
        laporan=laporan,
        versi=1,
        jenis="utama",
        status=B.SEDANG,
        percobaan=pembuatan.MAKS_PERCOBAAN,
        diminta_oleh=komisi,
    )
    assert pembuatan.jalankan(berkas.pk) == "tidak ada"
    berkas.refresh_from_db()
    assert berkas.status == B.GAGAL
    assert "3 kali dikirim ulang" in berkas.pesan_galat
    assert not berkas.berkas


def test_a_failure_is_recorded_with_its_reason_and_can_be_retried(
    laporan, komisi, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise RuntimeError("font hilang")

    monkeypatch.setattr("laporan.pdf.pdf_ringkasan", broken)
    with django_capture_on_commit_callbacks(execute=True):
        services.berkas_buat(user=komisi, laporan=laporan)
    failed = BerkasLaporan.objects.get(laporan=laporan, jenis="ringkasan")
    assert failed.status == B.GAGAL and "font hilang" in failed.pesan_galat
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        retried = services.berkas_ulangi(user=komisi, laporan=laporan)
    assert [b.jenis for b in retried] == ["ringkasan"]
    assert BerkasLaporan.objects.get(laporan=laporan, jenis="ringkasan").status == B.SELESAI


def test_files_of_a_submitted_report_are_never_made_again(laporan, komisi):
    _sampai_disetujui(laporan, komisi)
    laporan = services.laporan_sampaikan(
        user=komisi, laporan=laporan, tanggal=date(2026, 12, 1), forum=Laporan.Forum.PLENO
    )
    with pytest.raises(ValidationError):
        services.berkas_buat(user=komisi, laporan=laporan, ulang=True)


def test_one_file_row_per_report_version_and_kind(laporan, komisi):
    BerkasLaporan.objects.create(
        laporan=laporan, versi=1, jenis="utama", status=B.ANTRE, diminta_oleh=komisi
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        BerkasLaporan.objects.create(
            laporan=laporan, versi=1, jenis="utama", status=B.ANTRE, diminta_oleh=komisi
        )
