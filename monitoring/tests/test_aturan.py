"""Rule checks (monitoring.aturan): each rule found and not found on fixed dates, per-user doors,
the daily task's log (idempotent, carrying "since when"), and a constant number of queries."""

from datetime import date, timedelta

import pytest
from celery.schedules import crontab

from advokasi.models import Permasalahan, Rtl
from advokasi.services.nomor import beri_nomor
from advokasi.tests.factories import BimbinganFactory, PermasalahanFactory, RtlFactory
from akun.selectors import user_roles
from lsp.tests.factories import LspFactory, TukFactory, provinsi
from monitoring import aturan, tasks
from monitoring.models import CatatanMonitoring, Instrumen, RencanaMonitoring, TemuanAturan

pytestmark = pytest.mark.django_db

TODAY = date(2026, 9, 1)
J = TemuanAturan.Jenis
S = Rtl.Status


def item(status=S.RENCANA, batas=date(2026, 12, 31), **kw):
    extra = {"tanggal_selesai": date(2026, 8, 1)} if status == S.SELESAI else {}
    return RtlFactory(status=status, batas_waktu=batas, **extra, **kw)


def rencana(tim, tanggal, status=RencanaMonitoring.Status.DIRENCANAKAN):
    instrumen, _ = Instrumen.objects.get_or_create(
        nama="Daftar isian RTL", defaults={"dibuat_oleh": tim.koordinator}
    )
    plan = RencanaMonitoring(
        tim=tim,
        tujuan="Memastikan RTL bimbingan berjalan",
        ruang_lingkup="RTL bimbingan teknis",
        metode=RencanaMonitoring.Metode.VISITASI,
        instrumen=instrumen,
        tanggal_rencana=tanggal,
        status=status,
        dibuat_oleh=tim.koordinator,
    )
    beri_nomor(plan, tahun=2026)
    plan.save()
    return plan


def catatan(plan, tanggal):
    record = CatatanMonitoring(rencana=plan, tanggal=tanggal, dibuat_oleh=plan.dibuat_oleh)
    beri_nomor(record, tahun=2026)
    record.save()
    return record


def found(jenis, user=None, today=TODAY):
    pintu = aturan.pintu_for_user(user) if user else aturan.pintu_semua()
    return {obj.pk for obj in aturan.temuan_queryset(jenis, pintu=pintu, today=today)}


def sentences(jenis, today=TODAY):
    qs = aturan.temuan_queryset(jenis, pintu=aturan.pintu_semua(), today=today)
    return [t.kalimat for t in aturan.temuan_dari(jenis, qs, today=today)]


# --- (a) RTL not started 30 days after its session ----------------------------------------------


def test_rtl_still_planned_30_days_after_its_session_is_found():
    late = item(bimbingan__tanggal=date(2026, 8, 2))  # exactly 30 days before TODAY
    item(bimbingan__tanggal=date(2026, 8, 3))  # 29 days: not yet
    assert found(J.RTL_BELUM_DIMULAI) == {late.pk}
    assert sentences(J.RTL_BELUM_DIMULAI) == [
        f"{late.nomor} ({late.pemilik_sasaran.nama}) belum dimulai 30 hari setelah "
        f"bimbingan {late.bimbingan.nomor} tanggal 2 Agustus 2026."
    ]


def test_rtl_started_done_or_cancelled_after_30_days_is_not_found():
    old_session = BimbinganFactory(tanggal=date(2026, 5, 1))
    item(S.BERJALAN, bimbingan=old_session)
    item(S.SELESAI, bimbingan=old_session)
    item(S.DIBATALKAN, bimbingan=old_session)
    assert found(J.RTL_BELUM_DIMULAI) == set()


# --- (b) RTL past due ---------------------------------------------------------------------------


def test_open_rtl_past_its_due_date_is_found():
    planned = item(S.RENCANA, batas=date(2026, 8, 31))
    running = item(S.BERJALAN, batas=date(2026, 7, 1), progres=40)
    assert found(J.RTL_TERLAMBAT) == {planned.pk, running.pk}
    assert sentences(J.RTL_TERLAMBAT)[0] == (
        f"{running.nomor} ({running.pemilik_sasaran.nama}) melewati batas waktu "
        "1 Juli 2026 sejak 62 hari; progres 40%."
    )


def test_rtl_due_today_done_or_cancelled_is_not_past_due():
    item(S.BERJALAN, batas=TODAY)
    item(S.SELESAI, batas=date(2026, 7, 1))
    item(S.DIBATALKAN, batas=date(2026, 7, 1))
    assert found(J.RTL_TERLAMBAT) == set()


# --- (c) a problem still open although all its RTL items are done -------------------------------


def test_open_problem_whose_rtl_are_all_done_is_found_ignoring_cancelled_items():
    problem = PermasalahanFactory()
    item(S.SELESAI, permasalahan=problem)
    item(S.SELESAI, permasalahan=problem)
    item(S.DIBATALKAN, permasalahan=problem)
    assert found(J.MASALAH_BELUM_DITUTUP) == {problem.pk}
    assert "2 RTL-nya sudah selesai" in sentences(J.MASALAH_BELUM_DITUTUP)[0]


def test_problem_with_open_rtl_only_cancelled_rtl_none_or_already_solved_is_not_found():
    running = PermasalahanFactory()
    item(S.SELESAI, permasalahan=running)
    item(S.BERJALAN, permasalahan=running)
    only_cancelled = PermasalahanFactory()
    item(S.DIBATALKAN, permasalahan=only_cancelled)
    PermasalahanFactory()  # no RTL at all
    solved = PermasalahanFactory(status=Permasalahan.Status.SELESAI)
    item(S.SELESAI, permasalahan=solved)
    assert found(J.MASALAH_BELUM_DITUTUP) == set()


# --- (d) a license expiring within 90 days while a case is open ---------------------------------


def lsp_expiring(days):
    return LspFactory(
        tanggal_lisensi=date(2021, 9, 1), tanggal_kedaluwarsa=TODAY + timedelta(days=days)
    ).sasaran


def test_lsp_license_expiring_within_90_days_with_an_open_problem_is_found():
    soon = lsp_expiring(30)
    PermasalahanFactory(sasaran=soon)
    edge = lsp_expiring(90)
    PermasalahanFactory(sasaran=edge)
    assert found(J.LISENSI_SEGERA_HABIS) == {soon.pk, edge.pk}
    assert sentences(J.LISENSI_SEGERA_HABIS)[0] == (
        f"Lisensi {soon.nama} berakhir 1 Oktober 2026 (30 hari lagi) sementara masih ada "
        "1 permasalahan dan 0 RTL terbuka."
    )


def test_tuk_verification_expiring_with_an_open_rtl_it_owns_is_found():
    tuk = TukFactory(berlaku_sampai=TODAY + timedelta(days=10)).sasaran
    item(S.BERJALAN, pemilik_sasaran=tuk)
    assert found(J.LISENSI_SEGERA_HABIS) == {tuk.pk}
    assert "0 permasalahan dan 1 RTL terbuka" in sentences(J.LISENSI_SEGERA_HABIS)[0]


def test_license_far_away_expired_or_without_an_open_case_is_not_found():
    far = lsp_expiring(91)
    PermasalahanFactory(sasaran=far)
    expired = lsp_expiring(-1)
    PermasalahanFactory(sasaran=expired)
    closed_case = lsp_expiring(20)
    PermasalahanFactory(sasaran=closed_case, status=Permasalahan.Status.SELESAI)
    item(S.SELESAI, pemilik_sasaran=closed_case)
    lsp_expiring(20)  # no case at all
    assert found(J.LISENSI_SEGERA_HABIS) == set()


# --- (e) a monitoring plan whose date passed without a record -----------------------------------


def test_planned_monitoring_past_its_date_without_a_record_is_found(tim):
    missed = rencana(tim, date(2026, 8, 31))
    assert found(J.MONITORING_TERLEWAT) == {missed.pk}
    assert sentences(J.MONITORING_TERLEWAT) == [
        f"Rencana monitoring {missed.nomor} ({tim.nama}) dijadwalkan 31 Agustus 2026, 1 hari "
        "lalu, tetapi belum ada catatan monitoring."
    ]


def test_monitoring_recorded_today_done_or_cancelled_is_not_found(tim):
    catatan(rencana(tim, date(2026, 8, 20)), date(2026, 8, 20))
    rencana(tim, TODAY)
    rencana(tim, date(2026, 8, 1), status=RencanaMonitoring.Status.TERLAKSANA)
    rencana(tim, date(2026, 8, 1), status=RencanaMonitoring.Status.DIBATALKAN)
    assert found(J.MONITORING_TERLEWAT) == set()


# --- doors --------------------------------------------------------------------------------------


@pytest.fixture
def two_teams(tim, tim_lain):
    """One overdue RTL in each team; the first owned by a Jawa Barat LSP."""
    jabar = LspFactory(sasaran__provinsi=provinsi("Jawa Barat")).sasaran
    mine = item(S.BERJALAN, batas=date(2026, 8, 1), bimbingan__tim=tim, pemilik_sasaran=jabar)
    other = item(S.BERJALAN, batas=date(2026, 8, 1), bimbingan__tim=tim_lain)
    return mine, other


def test_fasilitator_sees_only_their_teams_findings(two_teams, fasilitator, fasilitator_lain):
    mine, other = two_teams
    assert found(J.RTL_TERLAMBAT, fasilitator) == {mine.pk}
    assert found(J.RTL_TERLAMBAT, fasilitator_lain) == {other.pk}


def test_komisi_and_pimpinan_see_all_findings_bksp_their_province(
    two_teams, komisi, pimpinan, bksp_user, bksp_lain, no_role
):
    mine, other = two_teams
    assert found(J.RTL_TERLAMBAT, komisi) == {mine.pk, other.pk}
    assert found(J.RTL_TERLAMBAT, pimpinan) == {mine.pk, other.pk}
    assert found(J.RTL_TERLAMBAT, bksp_user) == {mine.pk}
    assert found(J.RTL_TERLAMBAT, bksp_lain) == set()
    assert found(J.RTL_TERLAMBAT, no_role) == set()


def test_license_finding_follows_the_open_case_through_the_doors(
    tim, fasilitator, fasilitator_lain
):
    soon = lsp_expiring(30)
    PermasalahanFactory(sasaran=soon, survei__tim=tim)
    assert found(J.LISENSI_SEGERA_HABIS, fasilitator) == {soon.pk}
    assert found(J.LISENSI_SEGERA_HABIS, fasilitator_lain) == set()


# --- summary and query count --------------------------------------------------------------------


def one_of_each(tim, n=1):
    for _ in range(n):
        item(bimbingan__tanggal=date(2026, 6, 1), bimbingan__tim=tim)  # (a), not yet due
        item(S.BERJALAN, batas=date(2026, 8, 1), bimbingan__tim=tim)  # (b)
        problem = PermasalahanFactory(survei__tim=tim)
        item(S.SELESAI, permasalahan=problem, bimbingan__tim=tim)  # (c)
        PermasalahanFactory(sasaran=lsp_expiring(15), survei__tim=tim)  # (d)
        rencana(tim, date(2026, 8, 15))  # (e)


def test_summary_counts_every_kind_and_shows_the_first_rows(tim, komisi):
    one_of_each(tim, n=3)
    groups = {g.aturan.jenis: g for g in aturan.temuan_ringkas(komisi, today=TODAY, limit=2)}
    assert {jenis: g.jumlah for jenis, g in groups.items()} == {
        J.RTL_BELUM_DIMULAI: 3,
        J.RTL_TERLAMBAT: 3,
        J.MASALAH_BELUM_DITUTUP: 3,
        J.LISENSI_SEGERA_HABIS: 3,
        J.MONITORING_TERLEWAT: 3,
    }
    assert all(len(g.temuan) == 2 for g in groups.values())
    first = groups[J.RTL_TERLAMBAT].temuan[0]
    assert first.url == first.objek.get_absolute_url()
    assert first.sejak is None  # the daily check has not run yet


@pytest.mark.parametrize("jenis", list(aturan.ATURAN))
def test_rows_of_a_page_come_in_the_rules_order(tim, komisi, jenis):
    one_of_each(tim, n=5)
    rule = aturan.ATURAN[jenis]
    queryset = rule.queryset(aturan.pintu_for_user(komisi), TODAY)
    everything = [obj.pk for obj in queryset]
    assert len(everything) == 5
    for awal, akhir in [(0, 2), (2, 4), (4, 6)]:
        assert [obj.pk for obj in rule.baris(queryset, awal, akhir)] == everything[awal:akhir]


def test_summary_can_leave_a_kind_out(tim, komisi):
    one_of_each(tim)
    kinds = aturan.temuan_ringkas(komisi, today=TODAY, kecuali=[J.RTL_TERLAMBAT])
    assert J.RTL_TERLAMBAT not in {g.aturan.jenis for g in kinds}


def test_summary_query_count_does_not_grow_with_findings(tim, komisi, django_assert_num_queries):
    user_roles(komisi)
    one_of_each(tim)
    with django_assert_num_queries(6):  # first rows with their count per kind, and "since when"
        aturan.temuan_ringkas(komisi, today=TODAY)
    one_of_each(tim, n=8)
    with django_assert_num_queries(6):
        aturan.temuan_ringkas(komisi, today=TODAY)


# --- the daily task -----------------------------------------------------------------------------


def test_daily_task_logs_findings_and_rerunning_the_same_day_replaces_them(tim):
    one_of_each(tim, n=2)
    counts = tasks.aturan_periksa_harian.delay(tanggal=TODAY.isoformat()).get()
    assert counts == {jenis: 2 for jenis in J.values}
    assert TemuanAturan.objects.filter(tanggal=TODAY).count() == 10
    assert set(TemuanAturan.objects.values_list("pertama", flat=True)) == {TODAY}

    tasks.aturan_periksa_harian.delay(tanggal=TODAY.isoformat()).get()
    assert TemuanAturan.objects.count() == 10


def test_next_run_carries_since_when_and_drops_what_was_resolved(tim, komisi):
    late = item(S.BERJALAN, batas=date(2026, 8, 1), bimbingan__tim=tim)
    fixed = item(S.BERJALAN, batas=date(2026, 8, 1), bimbingan__tim=tim)
    tasks.aturan_periksa_harian.delay(tanggal=TODAY.isoformat()).get()

    fixed.status, fixed.progres, fixed.tanggal_selesai = S.SELESAI, 100, TODAY
    fixed.save()
    newly_late = item(S.BERJALAN, batas=TODAY, bimbingan__tim=tim)
    tomorrow = TODAY + timedelta(days=1)
    tasks.aturan_periksa_harian.delay(tanggal=tomorrow.isoformat()).get()

    log = dict(TemuanAturan.objects.filter(tanggal=tomorrow).values_list("rtl_id", "pertama"))
    assert log == {late.pk: TODAY, newly_late.pk: tomorrow}
    shown = aturan.temuan_ringkas(komisi, today=tomorrow)
    sejak = {
        t.objek.pk: t.sejak for g in shown for t in g.temuan if g.aturan.jenis == J.RTL_TERLAMBAT
    }
    assert sejak == {late.pk: TODAY, newly_late.pk: tomorrow}


def test_daily_task_runs_at_six_in_the_morning_jakarta_time(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["aturan-periksa-harian"]
    assert entry["task"] == "monitoring.tasks.aturan_periksa_harian"
    assert entry["schedule"] == crontab(hour=6, minute=0)
    assert settings.CELERY_TIMEZONE == "Asia/Jakarta"
