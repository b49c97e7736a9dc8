from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, translation

from lsp.tests.factories import LspFactory, SasaranFactory, bksp, provinsi

pytestmark = pytest.mark.django_db
HOME = reverse("beranda")


def test_dates_read_as_bnsp_writes_them():
    with translation.override("id"):
        assert formats.date_format(date(2012, 6, 11)) == "11 Juni 2012"


def test_home_shows_real_figures_from_the_registry(client_as, komisi):
    today = date.today()
    LspFactory.create_batch(3, jenis_lsp="P1")
    LspFactory(
        tanggal_lisensi=today - timedelta(days=1800),
        tanggal_kedaluwarsa=today + timedelta(days=30),
        sasaran__nama="LSP Hampir Habis",
    )
    bksp("Aceh")
    SasaranFactory()
    response = client_as(komisi).get(HOME)
    summary = response.context["ringkasan"]
    assert summary["total"] == 6
    assert summary["lsp"]["total"] == 4
    assert summary["lsp"]["p1"] == 3
    assert summary["lsp"]["segera_habis"] == 1
    assert "LSP Hampir Habis" in response.content.decode()


def test_bksp_home_counts_only_their_province(client_as, bksp_user):
    LspFactory(sasaran__provinsi=provinsi("Jawa Barat"))
    LspFactory(sasaran__provinsi=provinsi("Bali"))
    summary = client_as(bksp_user).get(HOME).context["ringkasan"]
    assert summary["lsp"]["total"] == 1


def test_home_query_count_does_not_grow_with_rows(client_as, komisi):
    client = client_as(komisi)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(HOME).status_code == 200
        return len(ctx)

    LspFactory.create_batch(3)
    small = count()
    LspFactory.create_batch(
        60,
        tanggal_kedaluwarsa=date.today() + timedelta(days=10),
        tanggal_lisensi=date.today() - timedelta(days=1000),
    )
    assert count() == small
    # 4 registry figures, session, user, roles, permissions and the navbar's unread notifications.
    assert small <= 15


def test_home_requires_login(client):
    assert client.get(HOME).status_code == 302


# --- the fasilitator's own section ----------------------------------------------------------------

TODAY = date(2026, 9, 15)


@pytest.fixture
def fixed_today(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def rencana(tim, tanggal, status=None):
    from advokasi.services.nomor import beri_nomor
    from monitoring.models import Instrumen, RencanaMonitoring

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
        status=status or RencanaMonitoring.Status.DIRENCANAKAN,
        dibuat_oleh=tim.koordinator,
    )
    beri_nomor(plan, tahun=2026)
    plan.save()
    return plan


def team_work(tim, *, n=1):
    """For one team: upcoming and past sessions, overdue and on-time RTL, plans, a finding."""
    from advokasi.models import Bimbingan, Rtl
    from advokasi.tests.factories import BimbinganFactory, PermasalahanFactory, RtlFactory

    made = {"sesi": [], "lalu": [], "terlambat": [], "rencana": [], "terlewat": [], "masalah": []}
    for i in range(n):
        made["sesi"].append(BimbinganFactory(tim=tim, tanggal=TODAY + timedelta(days=3 + i)))
        past = BimbinganFactory(
            tim=tim, tanggal=date(2026, 5, 1), status=Bimbingan.Status.TERLAKSANA
        )
        made["lalu"].append(past)
        made["terlambat"].append(
            RtlFactory(bimbingan=past, status=Rtl.Status.BERJALAN, batas_waktu=date(2026, 9, 1))
        )
        RtlFactory(bimbingan=past, status=Rtl.Status.BERJALAN, batas_waktu=date(2026, 12, 1))
        made["rencana"].append(rencana(tim, TODAY + timedelta(days=7 + i)))
        made["terlewat"].append(rencana(tim, date(2026, 9, 1)))  # a rule finding
        problem = PermasalahanFactory(survei__tim=tim)
        RtlFactory(
            bimbingan=past,
            permasalahan=problem,
            status=Rtl.Status.SELESAI,
            tanggal_selesai=date(2026, 8, 1),
        )
        made["masalah"].append(problem)  # a rule finding: open although its RTL are done
    return made


def test_fasilitator_home_lists_only_their_teams_work(
    client_as, fixed_today, fasilitator, tim, tim_lain
):
    mine = team_work(tim)
    theirs = team_work(tim_lain)
    response = client_as(fasilitator).get(HOME)
    kerja = response.context["kerja"]
    assert kerja.bimbingan == mine["sesi"]
    assert kerja.rtl_terlambat == mine["terlambat"]
    assert kerja.rtl_terlambat_jumlah == 1
    assert kerja.rencana == mine["rencana"]
    found = {t.objek for g in kerja.temuan for t in g.temuan}
    assert found == {mine["terlewat"][0], mine["masalah"][0]}

    html = response.content.decode()
    for record in [mine["sesi"][0], mine["terlambat"][0], mine["rencana"][0], *found]:
        assert f'href="{record.get_absolute_url()}"' in html
    for records in theirs.values():
        for record in records:
            assert f'href="{record.get_absolute_url()}"' not in html
    assert f'href="{reverse("advokasi:rtl-list")}?terlambat=1"' in html
    # The registry figures stay below the fasilitator's own section.
    assert "Lisensi kedaluwarsa" in html


def test_fasilitator_home_leaves_out_cancelled_and_past_sessions_and_done_plans(
    client_as, fixed_today, fasilitator, tim
):
    from advokasi.models import Bimbingan
    from advokasi.tests.factories import BimbinganFactory
    from monitoring.models import RencanaMonitoring

    BimbinganFactory(tim=tim, tanggal=TODAY + timedelta(days=2), status=Bimbingan.Status.DIBATALKAN)
    BimbinganFactory(tim=tim, tanggal=TODAY - timedelta(days=1))
    rencana(tim, TODAY + timedelta(days=2), status=RencanaMonitoring.Status.DIBATALKAN)
    kerja = client_as(fasilitator).get(HOME).context["kerja"]
    assert kerja.bimbingan == []
    assert kerja.rencana == []


def test_other_roles_get_the_registry_home_without_a_fasilitator_section(
    client_as, komisi, pimpinan, bksp_user
):
    for user, dasbor in [(komisi, True), (pimpinan, True), (bksp_user, False)]:
        response = client_as(user).get(HOME)
        assert "kerja" not in response.context
        assert (reverse("monitoring:dasbor") in response.content.decode()) is dasbor


def test_fasilitator_home_query_count_does_not_grow_with_rows(
    client_as, fixed_today, fasilitator, tim
):
    client = client_as(fasilitator)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(HOME).status_code == 200
        return len(ctx)

    team_work(tim)
    small = count()
    team_work(tim, n=15)
    assert count() == small
    assert small <= 30


def test_fasilitator_work_comes_from_the_cache_until_someone_acts_on_it(
    client_as, fixed_today, fasilitator, tim
):
    from advokasi.models import Rtl

    mine = team_work(tim)
    client = client_as(fasilitator)

    def request():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(HOME)
        return response.context["kerja"], len(ctx)

    kerja, cold = request()
    assert kerja.rtl_terlambat == mine["terlambat"]
    kerja, warm = request()
    assert kerja.rtl_terlambat == mine["terlambat"]
    assert warm < cold
    # Finishing the overdue item is a saved record: the home page drops it on the next request.
    late = mine["terlambat"][0]
    late.status, late.progres, late.tanggal_selesai = Rtl.Status.SELESAI, 100, TODAY
    late.save()
    kerja, _queries = request()
    assert kerja.rtl_terlambat == []
    assert kerja.rtl_terlambat_jumlah == 0
