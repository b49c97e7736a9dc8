"""The evaluation page (§6.2) and the thresholds page: hand-computed figures, links behind them,
filters, every role, and a constant number of queries."""

from datetime import date, timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advokasi.models import Rtl
from advokasi.tests.factories import BimbinganFactory, PermasalahanFactory, RtlFactory
from lsp.models import Sasaran
from lsp.tests.factories import LspFactory, SasaranFactory, provinsi
from monitoring.models import PengaturanEvaluasi

pytestmark = pytest.mark.django_db

EVALUASI = reverse("monitoring:evaluasi")
PENGATURAN = reverse("monitoring:pengaturan-evaluasi")
S = Rtl.Status
JABAR, JATIM = "Jawa Barat", "Jawa Timur"


# --- data helpers, shared with test_emonev.py and test_ekspor_evaluasi.py -------------------------


def today() -> date:
    return timezone.localdate()


def pemilik(nama_provinsi: str = JABAR, jenis: str = Sasaran.Jenis.LSP, **kw) -> Sasaran:
    if jenis == Sasaran.Jenis.LSP:
        return LspFactory(sasaran__provinsi=provinsi(nama_provinsi), **kw).sasaran
    return SasaranFactory(jenis=jenis, provinsi=provinsi(nama_provinsi), **kw)


def sesi(tim, *fasilitator, **kw):
    bimbingan = BimbinganFactory(tim=tim, **kw)
    bimbingan.fasilitator.add(*fasilitator)
    return bimbingan


def item(bimbingan, status=S.BERJALAN, progres=0, *, batas=None, disepakati=None, **kw) -> Rtl:
    """An RTL item of a session: by default agreed on the session's day, due in 60 days."""
    extra = {"tanggal_selesai": today()} if status == S.SELESAI else {}
    if "pemilik_sasaran" not in kw:
        kw["pemilik_sasaran"] = pemilik()
    return RtlFactory(
        bimbingan=bimbingan,
        status=status,
        progres=progres,
        batas_waktu=batas or today() + timedelta(days=60),
        tanggal_disepakati=disepakati or bimbingan.tanggal,
        **extra,
        **kw,
    )


def rows_by_name(response) -> dict:
    return {row["nama"]: row for row in response.context["rows"]}


# --- hand-computed figures --------------------------------------------------------------------


def test_problem_with_items_done_half_zero_and_cancelled_scores_50_cukup(client_as, komisi, tim):
    problem = PermasalahanFactory()
    session = sesi(tim)
    item(session, S.SELESAI, 100, permasalahan=problem)  # 100
    item(session, S.BERJALAN, 50, permasalahan=problem)  # 50
    item(session, S.RENCANA, 0, permasalahan=problem, batas=today() - timedelta(days=3))  # 0, late
    item(session, S.DIBATALKAN, 90, permasalahan=problem)  # left out
    response = client_as(komisi).get(EVALUASI, {"per": "permasalahan"})
    row = rows_by_name(response)[problem.nomor]
    assert row["capaian"] == pytest.approx(50.0)  # (100 + 50 + 0) / 3
    assert (row["jumlah"], row["selesai"], row["terlambat"]) == (3, 1, 1)
    assert row["band"].kode == "cukup"
    html = response.content.decode()
    assert "50,0" in html
    assert "Cukup" in html
    assert row["url"] == reverse("advokasi:permasalahan-detail", args=[problem.pk])


def test_overall_figure_is_the_mean_over_the_filtered_items(client_as, komisi, tim):
    session = sesi(tim)
    item(session, S.SELESAI, 100)
    item(session, S.BERJALAN, 40)
    item(session, S.DIBATALKAN, 10)
    ringkasan = client_as(komisi).get(EVALUASI).context["ringkasan"]
    assert ringkasan["capaian"] == pytest.approx(70.0)  # (100 + 40) / 2
    assert (ringkasan["jumlah"], ringkasan["selesai"], ringkasan["dibatalkan"]) == (2, 1, 1)
    assert ringkasan["band"].kode == "baik"


def test_no_rtl_at_all_shows_belum_ada_rtl_not_zero(client_as, komisi):
    response = client_as(komisi).get(EVALUASI)
    assert response.context["ringkasan"]["capaian"] is None
    html = response.content.decode()
    assert "Belum ada RTL" in html
    assert "0,0 %" not in html


def test_team_without_rtl_is_named_as_belum_ada_rtl(client_as, komisi, tim, tim_lain):
    item(sesi(tim), S.BERJALAN, 30)
    response = client_as(komisi).get(EVALUASI, {"per": "tim"})
    assert list(rows_by_name(response)) == [tim.nama]
    assert list(response.context["tim_tanpa_rtl"]) == [tim_lain]
    html = response.content.decode()
    assert 'id="tim-tanpa-rtl"' in html
    assert tim_lain.nama in html


def test_team_whose_items_are_all_cancelled_has_no_capaian(client_as, komisi, tim):
    item(sesi(tim), S.DIBATALKAN, 80)
    row = rows_by_name(client_as(komisi).get(EVALUASI, {"per": "tim"}))[tim.nama]
    assert row["capaian"] is None
    assert row["jumlah"] == 0
    assert row["band"].kode == "belum"


def test_per_fasilitator_counts_an_item_for_each_fasilitator_of_its_session(
    client_as, komisi, tim, fasilitator, fasilitator_lain
):
    fasilitator.first_name, fasilitator.last_name = "Ani", "Wijaya"
    fasilitator.save()
    both = sesi(tim, fasilitator, fasilitator_lain)
    item(both, S.SELESAI, 100)
    item(both, S.BERJALAN, 50)
    alone = sesi(tim, fasilitator_lain)
    item(alone, S.BERJALAN, 30)
    rows = rows_by_name(client_as(komisi).get(EVALUASI, {"per": "fasilitator"}))
    assert rows["Ani Wijaya"]["jumlah"] == 2
    assert rows["Ani Wijaya"]["capaian"] == pytest.approx(75.0)  # (100 + 50) / 2
    assert rows["fasilitator_lain"]["jumlah"] == 3
    assert rows["fasilitator_lain"]["capaian"] == pytest.approx(60.0)  # (100 + 50 + 30) / 3
    link = urlparse(rows["Ani Wijaya"]["url_selesai"])
    assert link.path == reverse("advokasi:rtl-list")
    assert parse_qs(link.query) == {"fasilitator": [str(fasilitator.pk)], "status": ["selesai"]}


def test_periods_are_quarters_of_the_agreement_date(client_as, komisi, tim):
    session = sesi(tim)
    item(session, S.SELESAI, 100, disepakati=date(2026, 2, 10))
    item(session, S.BERJALAN, 20, disepakati=date(2026, 3, 31))
    item(session, S.BERJALAN, 70, disepakati=date(2026, 4, 1))
    rows = rows_by_name(client_as(komisi).get(EVALUASI, {"per": "periode"}))
    assert set(rows) == {"Triwulan I 2026", "Triwulan II 2026"}
    assert rows["Triwulan I 2026"]["jumlah"] == 2
    assert rows["Triwulan I 2026"]["capaian"] == pytest.approx(60.0)
    assert rows["Triwulan II 2026"]["capaian"] == pytest.approx(70.0)
    # The quarter leads to its items on this page: the list of RTL cannot filter by agreement date.
    link = urlparse(rows["Triwulan I 2026"]["url_jumlah"])
    assert link.path == EVALUASI
    assert parse_qs(link.query) == {
        "per": ["rtl"],
        "tanggal_dari": ["2026-01-01"],
        "tanggal_sampai": ["2026-03-31"],
    }
    followed = client_as(komisi).get(EVALUASI, parse_qs(link.query))
    assert len(followed.context["rows"]) == 2


def test_per_target_groups_by_the_rtl_owner_and_links_to_its_page(client_as, komisi, tim):
    owner = pemilik()
    session = sesi(tim)
    item(session, S.SELESAI, 100, pemilik_sasaran=owner)
    item(session, S.BERJALAN, 90, pemilik_sasaran=owner)
    row = rows_by_name(client_as(komisi).get(EVALUASI, {"per": "sasaran"}))[owner.nama]
    assert row["capaian"] == pytest.approx(95.0)
    assert row["band"].kode == "sangat_baik"
    assert row["url"] == reverse("lsp:sasaran-detail", args=[owner.pk])
    assert row["url_terlambat"] == (
        f"{reverse('advokasi:rtl-list')}?pemilik_sasaran={owner.pk}&terlambat=1"
    )


def test_per_rtl_lists_each_item_and_marks_cancelled_ones_as_not_counted(client_as, komisi, tim):
    session = sesi(tim)
    running = item(session, S.BERJALAN, 45)
    cancelled = item(session, S.DIBATALKAN, 60)
    response = client_as(komisi).get(EVALUASI, {"per": "rtl"})
    rows = rows_by_name(response)
    assert rows[running.nomor]["capaian"] == pytest.approx(45.0)
    assert rows[running.nomor]["url"] == reverse("advokasi:rtl-detail", args=[running.pk])
    assert rows[cancelled.nomor]["dibatalkan"] is True
    assert "Tidak dihitung" in response.content.decode()


def test_problem_figures_lead_to_the_items_of_that_problem(client_as, komisi, tim):
    problem, other = PermasalahanFactory(), PermasalahanFactory()
    session = sesi(tim)
    mine = item(session, S.SELESAI, 100, permasalahan=problem)
    item(session, S.BERJALAN, 10, permasalahan=problem)
    item(session, S.SELESAI, 100, permasalahan=other)
    client = client_as(komisi)
    row = rows_by_name(client.get(EVALUASI, {"per": "permasalahan"}))[problem.nomor]
    link = urlparse(row["url_selesai"])
    assert link.path == EVALUASI
    followed = client.get(EVALUASI, parse_qs(link.query))
    assert [r["nama"] for r in followed.context["rows"]] == [mine.nomor]
    assert followed.context["ringkasan"]["jumlah"] == 1
    html = followed.content.decode()
    assert "chip-saringan" in html
    assert problem.nomor in html


def test_rows_sort_by_capaian_both_ways_with_groups_without_capaian_last(
    client_as, komisi, tim, tim_lain, komisi_tim_ketiga
):
    item(sesi(tim), S.BERJALAN, 20)
    item(sesi(tim_lain), S.BERJALAN, 80)
    item(sesi(komisi_tim_ketiga), S.DIBATALKAN, 50)
    client = client_as(komisi)
    names = [tim.nama, tim_lain.nama, komisi_tim_ketiga.nama]
    default = [r["nama"] for r in client.get(EVALUASI, {"per": "tim"}).context["rows"]]
    ascending = [
        r["nama"] for r in client.get(EVALUASI, {"per": "tim", "urut": "capaian"}).context["rows"]
    ]
    assert default == [names[1], names[0], names[2]]
    assert ascending == [names[0], names[1], names[2]]


@pytest.fixture
def komisi_tim_ketiga(komisi):
    from advokasi.tests.factories import TimFactory

    return TimFactory(nama="Tim Advokasi Bali", koordinator=komisi)


def test_long_tables_are_paginated(client_as, komisi, tim, settings):
    settings.PAGE_SIZE = 3
    session = sesi(tim)
    for _ in range(5):
        item(session, S.BERJALAN, 10)
    client = client_as(komisi)
    assert len(client.get(EVALUASI, {"per": "rtl"}).context["rows"]) == 3
    second = client.get(EVALUASI, {"per": "rtl", "halaman": 2})
    assert len(second.context["rows"]) == 2
    assert "Menampilkan 4–5 dari 5" in second.content.decode()


# --- filters ----------------------------------------------------------------------------------


def test_filters_by_agreement_date_province_team_and_kind_of_target(
    client_as, komisi, tim, tim_lain
):
    bksp_jatim = pemilik(JATIM, Sasaran.Jenis.ASOSIASI_PROFESI)
    early = item(sesi(tim), S.SELESAI, 100, disepakati=date(2026, 1, 5))
    late = item(sesi(tim), S.BERJALAN, 40, disepakati=date(2026, 6, 5))
    other = item(
        sesi(tim_lain), S.BERJALAN, 10, pemilik_sasaran=bksp_jatim, disepakati=date(2026, 7, 1)
    )
    client = client_as(komisi)

    def nomor(**params):
        rows = client.get(EVALUASI, {"per": "rtl", **params}).context["rows"]
        return {r["nama"] for r in rows}

    assert nomor() == {early.nomor, late.nomor, other.nomor}
    assert nomor(tanggal_dari="2026-06-01") == {late.nomor, other.nomor}
    assert nomor(tanggal_sampai="2026-01-31") == {early.nomor}
    assert nomor(provinsi=provinsi(JATIM).pk) == {other.nomor}
    assert nomor(tim=tim.pk) == {early.nomor, late.nomor}
    assert nomor(jenis_sasaran=Sasaran.Jenis.LSP) == {early.nomor, late.nomor}


def test_filtered_counts_carry_the_filters_to_the_rtl_list(client_as, komisi, tim):
    item(sesi(tim), S.BERJALAN, 40)
    jabar = provinsi(JABAR)
    response = client_as(komisi).get(EVALUASI, {"per": "tim", "provinsi": jabar.pk})
    row = rows_by_name(response)[tim.nama]
    link = urlparse(row["url_jumlah"])
    assert link.path == reverse("advokasi:rtl-list")
    assert parse_qs(link.query) == {"provinsi": [str(jabar.pk)], "tim": [str(tim.pk)]}


def test_a_reversed_date_range_is_explained_beside_the_field(client_as, komisi, tim):
    item(sesi(tim), S.BERJALAN, 40)
    response = client_as(komisi).get(
        EVALUASI, {"tanggal_dari": "2026-06-01", "tanggal_sampai": "2026-01-01"}
    )
    assert response.status_code == 200
    assert "Tanggal akhir harus sama dengan atau setelah tanggal awal." in response.content.decode()
    assert response.context["ringkasan"]["jumlah"] == 0  # "from 1 June" still applies


def test_nonsense_parameters_fall_back_instead_of_failing(client_as, komisi, tim):
    item(sesi(tim), S.BERJALAN, 40)
    response = client_as(komisi).get(
        EVALUASI,
        {"per": "entah", "urut": "-xyz", "tim": "abc", "halaman": "99", "tanggal_dari": "kemarin"},
    )
    assert response.status_code == 200
    assert response.context["kelompok"].kode == "permasalahan"


def test_the_formula_and_current_thresholds_are_written_on_the_page(client_as, pimpinan):
    PengaturanEvaluasi.objects.filter(pk=1).update(batas_sangat_baik=90, batas_baik=75)
    html = client_as(pimpinan).get(EVALUASI).content.decode()
    assert "Cara menghitung capaian" in html
    assert "100\u00a0% bila statusnya selesai" in html
    assert "RTL yang dibatalkan tidak dihitung" in html
    assert "rata-rata" in html
    assert "bukan 0\u00a0%" in html
    assert "sangat baik ≥ 90\u00a0%, baik ≥ 75\u00a0%, cukup ≥ 50\u00a0%" in html


# --- who sees what ----------------------------------------------------------------------------


@pytest.fixture
def dua_tim(tim, tim_lain):
    """An item of `tim` owned in Jawa Barat, and one of `tim_lain` owned in Jawa Timur."""
    mine = item(sesi(tim), S.SELESAI, 100, pemilik_sasaran=pemilik(JABAR))
    theirs = item(sesi(tim_lain), S.BERJALAN, 20, pemilik_sasaran=pemilik(JATIM))
    return mine, theirs


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("komisi", {"mine", "theirs"}),
        ("admin_user", {"mine", "theirs"}),
        ("pimpinan", {"mine", "theirs"}),
        ("fasilitator", {"mine"}),
        ("fasilitator_lain", {"theirs"}),
        ("bksp_user", {"mine"}),
        ("bksp_lain", {"theirs"}),
        ("no_role", set()),
    ],
)
def test_each_role_sees_the_figures_of_the_rtl_it_may_read(request, client_as, dua_tim, role, sees):
    mine, theirs = dua_tim
    client = client_as(request.getfixturevalue(role))
    response = client.get(EVALUASI, {"per": "rtl"})
    assert response.status_code == 200
    items = {"mine": mine, "theirs": theirs}
    assert {r["nama"] for r in response.context["rows"]} == {items[name].nomor for name in sees}
    expected = {"mine": 100.0, "theirs": 20.0}
    values = [expected[name] for name in sees]
    overall = response.context["ringkasan"]["capaian"]
    assert overall == (pytest.approx(sum(values) / len(values)) if values else None)


def test_fasilitator_cannot_reach_another_teams_figures_through_a_filter(
    client_as, fasilitator, dua_tim, tim_lain
):
    _mine, theirs = dua_tim
    response = client_as(fasilitator).get(EVALUASI, {"per": "rtl", "tim": tim_lain.pk})
    assert theirs.nomor not in {r["nama"] for r in response.context["rows"]}
    assert "Masukkan pilihan yang valid" in response.content.decode()


def test_anonymous_user_is_sent_to_login(client):
    for url in (EVALUASI, PENGATURAN):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_evaluation_page_refuses_post(client_as, komisi):
    assert client_as(komisi).post(EVALUASI).status_code == 405


# --- queries ----------------------------------------------------------------------------------


def populate(n: int, tim, fasilitator, tim_lain=None) -> None:
    """n RTL items over several problems, owners, sessions, periods and statuses."""
    problems = [PermasalahanFactory() for _ in range(3)]
    owners = [pemilik(JABAR), pemilik(JATIM, Sasaran.Jenis.ASOSIASI_INDUSTRI)]
    sessions = [sesi(tim, fasilitator), sesi(tim_lain or tim)]
    statuses = [S.SELESAI, S.BERJALAN, S.RENCANA, S.DIBATALKAN]
    for i in range(n):
        item(
            sessions[i % 2],
            statuses[i % 4],
            (i * 7) % 101,
            permasalahan=problems[i % 3],
            pemilik_sasaran=owners[i % 2],
            disepakati=date(2026, 1 + i % 12, 1),
            batas=today() + timedelta(days=(i % 5) * 20 - 40),
        )


def count_queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("per", ["rtl", "permasalahan", "sasaran", "tim", "fasilitator", "periode"])
@pytest.mark.parametrize("role", ["komisi", "fasilitator", "bksp_user"])
def test_query_count_does_not_grow_with_rtl_items(
    request, client_as, tim, tim_lain, fasilitator, role, per, settings
):
    settings.PAGE_SIZE = 100  # every row drawn: nothing hides a query per row
    client = client_as(request.getfixturevalue(role))
    params = {"per": per, "tanggal_dari": "2026-01-01", "provinsi": provinsi(JABAR).pk}
    populate(5, tim, fasilitator, tim_lain)
    small = count_queries(client, EVALUASI, params)
    populate(55, tim, fasilitator, tim_lain)
    assert count_queries(client, EVALUASI, params) == small
    assert small <= 18


def test_tables_come_from_the_cache_until_a_record_changes(client_as, komisi, pimpinan, tim):
    problem = PermasalahanFactory()
    rtl = item(sesi(tim), S.BERJALAN, 40, permasalahan=problem)
    params = {"per": "permasalahan"}
    client = client_as(komisi)
    cold = count_queries(client, EVALUASI, params)
    assert count_queries(client, EVALUASI, params) < cold
    # Pimpinan reads the same records: the same entry serves them.
    assert count_queries(client_as(pimpinan), EVALUASI, params) < cold
    rtl.progres = 90
    rtl.save()
    response = client.get(EVALUASI, params)
    assert rows_by_name(response)[problem.nomor]["capaian"] == pytest.approx(90.0)
    assert response.context["ringkasan"]["capaian"] == pytest.approx(90.0)


# --- the thresholds page ----------------------------------------------------------------------


def thresholds(**values):
    data = {"batas_sangat_baik": 85, "batas_baik": 70, "batas_cukup": 50, "toleransi_emonev": 15}
    return {**data, **values}


def test_komisi_changes_the_thresholds_and_the_change_is_recorded(client_as, komisi, tim):
    item(sesi(tim), S.BERJALAN, 80)
    client = client_as(komisi)
    response = client.post(PENGATURAN, thresholds(batas_sangat_baik=80, toleransi_emonev=10))
    assert response.status_code == 302
    pengaturan = PengaturanEvaluasi.current()
    assert (pengaturan.batas_sangat_baik, pengaturan.toleransi_emonev) == (80, 10)
    assert pengaturan.diubah_oleh == komisi
    assert pengaturan.history.first().history_user == komisi
    # The page's bands follow at once: 80 % is now "sangat baik".
    assert client.get(EVALUASI).context["ringkasan"]["band"].kode == "sangat_baik"
    assert "komisi" in client.get(PENGATURAN).content.decode()


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"batas_baik": 85}, "batas_baik", "Harus lebih kecil dari batas sangat baik (85)."),
        ({"batas_cukup": 75}, "batas_cukup", "Harus lebih kecil dari batas baik (70)."),
        ({"batas_sangat_baik": 120}, "batas_sangat_baik", "Nilai paling tinggi 100 (persen)."),
        ({"toleransi_emonev": 101}, "toleransi_emonev", "Nilai paling tinggi 100 (persen)."),
        ({"batas_cukup": -5}, "batas_cukup", "Pastikan nilai ini lebih besar dari atau sama"),
        ({"toleransi_emonev": "lima"}, "toleransi_emonev", "Masukkan keseluruhan angka"),
    ],
)
def test_bad_thresholds_are_explained_beside_the_field_and_nothing_is_saved(
    client_as, komisi, values, field, message
):
    response = client_as(komisi).post(PENGATURAN, thresholds(**values))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    assert message.split(" (")[0] in response.content.decode()
    pengaturan = PengaturanEvaluasi.current()
    assert (pengaturan.batas_sangat_baik, pengaturan.batas_baik, pengaturan.batas_cukup) == (
        85,
        70,
        50,
    )
    assert pengaturan.toleransi_emonev == 15
    assert pengaturan.history.count() == 0


def test_the_ordering_rule_names_the_database_constraint(client_as, komisi):
    response = client_as(komisi).post(PENGATURAN, thresholds(batas_baik=90))
    assert "Batas harus berurutan: sangat baik &gt; baik &gt; cukup" in response.content.decode()


@pytest.mark.parametrize("role", ["fasilitator", "bksp_user", "pimpinan"])
def test_other_roles_see_the_thresholds_read_only_and_cannot_post(request, client_as, role):
    client = client_as(request.getfixturevalue(role))
    response = client.get(PENGATURAN)
    assert response.status_code == 200
    assert response.context["form"] is None
    assert 'id="pengaturan-berlaku"' in response.content.decode()
    assert client.post(PENGATURAN, thresholds(batas_sangat_baik=60)).status_code == 403
    assert PengaturanEvaluasi.current().batas_sangat_baik == 85


def test_user_without_role_may_not_open_the_thresholds(client_as, no_role):
    client = client_as(no_role)
    assert client.get(PENGATURAN).status_code == 403
    assert client.post(PENGATURAN, thresholds()).status_code == 403


def test_admin_edits_the_thresholds_like_the_komisi(client_as, admin_user):
    response = client_as(admin_user).post(PENGATURAN, thresholds(batas_cukup=40))
    assert response.status_code == 302
    assert PengaturanEvaluasi.current().batas_cukup == 40


def test_thresholds_page_refuses_other_methods(client_as, komisi):
    assert client_as(komisi).put(PENGATURAN).status_code == 405


def test_thresholds_page_query_count_is_bounded(client_as, komisi):
    client = client_as(komisi)
    for value in (60, 61, 62, 63):
        client.post(PENGATURAN, thresholds(batas_cukup=value))
    assert count_queries(client, PENGATURAN, {}) <= 14


def test_thresholds_service_refuses_disordered_values_and_saves_nothing(komisi):
    from django.core.exceptions import ValidationError

    from monitoring.views.evaluasi.pengaturan import pengaturan_evaluasi_update

    pengaturan = PengaturanEvaluasi.current()
    pengaturan.batas_baik = 90
    with pytest.raises(ValidationError, match="Batas harus berurutan"):
        pengaturan_evaluasi_update(user=komisi, pengaturan=pengaturan)
    assert PengaturanEvaluasi.current().batas_baik == 70
    assert PengaturanEvaluasi.current().history.count() == 0
