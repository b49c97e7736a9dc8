"""The monitoring dashboard: figures hand-checked on a small dataset, click-through links that
really filter the lists, role access, the cache, and a constant number of queries."""

import json
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advokasi.models import Bimbingan, Permasalahan, Rtl
from advokasi.pedoman import KategoriMasalah
from advokasi.tests.factories import BimbinganFactory, PermasalahanFactory, RtlFactory
from bench.kueri import jumlah_kueri
from lsp.models import Provinsi
from lsp.tests.factories import LspFactory, provinsi
from monitoring import peta

pytestmark = pytest.mark.django_db

URL = reverse("monitoring:dasbor")
TEMUAN = reverse("monitoring:temuan-list")
TODAY = date(2026, 9, 15)
S = Rtl.Status


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def sesi(tim, tanggal, status=Bimbingan.Status.TERLAKSANA, fasilitator=None):
    bimbingan = BimbinganFactory(tim=tim, tanggal=tanggal, status=status)
    if fasilitator:
        bimbingan.fasilitator.add(fasilitator)
    return bimbingan


def item(bimbingan, pemilik, status=S.RENCANA, progres=0, batas=date(2026, 12, 31)):
    extra = {"tanggal_selesai": date(2026, 8, 1)} if status == S.SELESAI else {}
    return RtlFactory(
        bimbingan=bimbingan,
        pemilik_sasaran=pemilik,
        status=status,
        progres=progres,
        batas_waktu=batas,
        **extra,
    )


@pytest.fixture
def data(tim, tim_lain, fasilitator, fasilitator_lain):
    """The small dataset whose figures are computed by hand in the test below."""
    jabar = LspFactory(sasaran__provinsi=provinsi("Jawa Barat")).sasaran
    jatim = LspFactory(sasaran__provinsi=provinsi("Jawa Timur")).sasaran
    b1 = sesi(tim, date(2026, 5, 12), fasilitator=fasilitator)
    b2 = sesi(tim_lain, date(2026, 9, 20), Bimbingan.Status.DIJADWALKAN, fasilitator_lain)
    b3 = sesi(tim, date(2026, 8, 5), fasilitator=fasilitator)
    sesi(tim, date(2026, 7, 1), Bimbingan.Status.DIBATALKAN)  # cancelled: not counted
    sesi(tim, date(2025, 8, 20))  # before the twelve months shown
    rtl = {
        "r1": item(b1, jabar, S.SELESAI, 100),
        "r2": item(b1, jabar, S.BERJALAN, 40, batas=date(2026, 8, 31)),  # overdue
        "r3": item(b2, jatim, S.RENCANA, 0),
        "r4": item(b2, jatim, S.DIBATALKAN, 50),  # left out of achievement
        "r5": item(b3, jatim, S.BERJALAN, 80),
    }
    masalah = {
        "p1": PermasalahanFactory(sasaran=jabar, kategori=KategoriMasalah.PEMANGKU_KEPENTINGAN),
        "p2": PermasalahanFactory(
            sasaran=jabar,
            kategori=KategoriMasalah.OPERASIONAL,
            status=Permasalahan.Status.DALAM_BIMBINGAN,
        ),
        "p3": PermasalahanFactory(sasaran=jatim, kategori=KategoriMasalah.OPERASIONAL),
        "p4": PermasalahanFactory(  # solved: not open
            sasaran=jatim,
            kategori=KategoriMasalah.KAPASITAS_PELAYANAN,
            status=Permasalahan.Status.SELESAI,
        ),
    }
    return {"rtl": rtl, "masalah": masalah, "jabar": jabar, "jatim": jatim}


def by(rows, key="id"):
    return {row[key]: row for row in rows}


# --- figures ------------------------------------------------------------------------------------


def test_figures_match_the_hand_computed_dataset(
    client_as, komisi, data, tim, tim_lain, fasilitator, fasilitator_lain
):
    angka = client_as(komisi).get(URL).context["angka"]
    r = angka["ringkasan"]
    assert r["masalah_terbuka"] == 3  # p1, p2, p3
    assert r["rtl_terbuka"] == 3  # r2, r3, r5
    assert r["rtl_terlambat"] == 1  # r2
    assert r["capaian"] == pytest.approx(55.0)  # (100 + 40 + 0 + 80) / 4
    assert r["band"]["kode"] == "cukup"
    assert r["bimbingan"] == 3  # May, August, September; not the cancelled nor the old one

    assert {row["kode"]: row["jumlah"] for row in angka["masalah_kategori"]} == {
        "a": 1,
        "b": 0,
        "c": 0,
        "d": 2,
    }
    jabar_id, jatim_id = provinsi("Jawa Barat").pk, provinsi("Jawa Timur").pk
    assert [(row["id"], row["jumlah"]) for row in angka["masalah_provinsi"]] == [
        (jabar_id, 2),
        (jatim_id, 1),
    ]
    assert {row["kode"]: row["jumlah"] for row in angka["rtl_status"]} == {
        "rencana": 1,
        "berjalan": 2,
        "selesai": 1,
        "dibatalkan": 1,
    }

    per_provinsi = by(angka["capaian_provinsi"])
    assert per_provinsi[jabar_id]["capaian"] == pytest.approx(70.0)  # (100 + 40) / 2
    assert per_provinsi[jabar_id]["band"]["kode"] == "baik"
    assert per_provinsi[jatim_id]["capaian"] == pytest.approx(40.0)  # (0 + 80) / 2
    assert per_provinsi[jatim_id]["band"]["kode"] == "kurang"

    per_tim = by(angka["capaian_tim"])
    assert per_tim[tim.pk]["capaian"] == pytest.approx(220 / 3)  # r1, r2, r5
    assert per_tim[tim.pk]["terlambat"] == 1
    assert per_tim[tim_lain.pk]["capaian"] == pytest.approx(0.0)  # r3 (r4 cancelled)
    per_fasilitator = by(angka["capaian_fasilitator"])
    assert per_fasilitator[fasilitator.pk]["capaian"] == pytest.approx(220 / 3)
    assert per_fasilitator[fasilitator_lain.pk]["capaian"] == pytest.approx(0.0)

    months = {row["bulan"]: row for row in angka["bimbingan_bulan"]}
    assert len(months) == 12
    assert min(months) == date(2025, 10, 1) and max(months) == date(2026, 9, 1)
    assert months[date(2026, 5, 1)]["terlaksana"] == 1
    assert months[date(2026, 8, 1)]["terlaksana"] == 1
    assert months[date(2026, 9, 1)]["dijadwalkan"] == 1
    assert months[date(2026, 7, 1)]["terlaksana"] == months[date(2026, 7, 1)]["dijadwalkan"] == 0


def test_map_colours_every_province_by_its_band(client_as, komisi, data):
    html = client_as(komisi).get(URL).content.decode()
    tiles = client_as(komisi).get(URL).context["angka"]["peta"]["petak"]
    assert len(tiles) == 38
    assert {t["nama"]: t["band"]["kode"] for t in tiles if t["jumlah"]} == {
        "Jawa Barat": "baik",
        "Jawa Timur": "kurang",
    }
    assert html.count("band-belum") >= 36
    jabar = provinsi("Jawa Barat").pk
    rtl_list = reverse("advokasi:rtl-list")
    assert f'class="ubin ubin-b6 ubin-k4 band-baik" href="{rtl_list}?provinsi={jabar}"' in html
    for label in ("Sangat baik (≥ 85%)", "Baik (70–84%)", "Cukup (50–69%)", "Kurang (&lt; 50%)"):
        assert label in html


def test_every_figure_links_to_the_records_behind_it(client_as, komisi, data, tim, fasilitator):
    response = client_as(komisi).get(URL)
    html = response.content.decode()
    masalah, rtl, bimbingan = (
        reverse("advokasi:permasalahan-list"),
        reverse("advokasi:rtl-list"),
        reverse("advokasi:bimbingan-list"),
    )
    jabar = provinsi("Jawa Barat").pk
    for href in [
        f"{masalah}?status=terbuka",
        f"{masalah}?status=terbuka&amp;kategori=d",
        f"{masalah}?status=terbuka&amp;provinsi={jabar}",
        f"{rtl}?status=terbuka",
        f"{rtl}?status=rencana",
        f"{rtl}?status=dibatalkan",
        f"{rtl}?terlambat=1",
        f"{rtl}?provinsi={jabar}",
        f"{rtl}?tim={tim.pk}",
        f"{rtl}?fasilitator={fasilitator.pk}",
        f"{bimbingan}?tanggal_dari=2026-05-01&amp;tanggal_sampai=2026-05-31",
        f"{bimbingan}?tanggal_dari=2025-10-01&amp;tanggal_sampai=2026-09-30",
    ]:
        assert f'href="{href}"' in html, href
    # The charts carry the same links, read by dasbor.js on click.
    charts = json.loads(_json_script(html))
    assert charts["masalah_kategori"]["links"][3] == f"{masalah}?status=terbuka&kategori=d"
    assert charts["capaian_tim"]["links"][0] == f"{rtl}?tim={tim.pk}"
    assert charts["bimbingan_bulan"]["links"][-1] == (
        f"{bimbingan}?tanggal_dari=2026-09-01&tanggal_sampai=2026-09-30"
    )
    assert len(charts["rtl_status"]["links"]) == len(charts["rtl_status"]["labels"]) == 4


def _json_script(html):
    start = html.index('<script id="data-dasbor" type="application/json">')
    start = html.index(">", start) + 1
    return html[start : html.index("</script>", start)]


def test_click_through_lists_show_exactly_the_records_counted(
    client_as, komisi, data, tim, fasilitator
):
    client = client_as(komisi)
    rtl = data["rtl"]

    def listed(url, records):
        html = client.get(url).content.decode()
        return {name for name, record in records.items() if record.nomor in html}

    rtl_list = reverse("advokasi:rtl-list")
    assert listed(f"{rtl_list}?terlambat=1", rtl) == {"r2"}
    assert listed(f"{rtl_list}?tim={tim.pk}", rtl) == {"r1", "r2", "r5"}
    assert listed(f"{rtl_list}?fasilitator={fasilitator.pk}", rtl) == {"r1", "r2", "r5"}
    assert listed(f"{rtl_list}?provinsi={provinsi('Jawa Barat').pk}", rtl) == {"r1", "r2"}
    masalah_list = reverse("advokasi:permasalahan-list")
    assert listed(f"{masalah_list}?status=terbuka&kategori=d", data["masalah"]) == {"p2", "p3"}


def test_findings_appear_with_a_link_to_act_on_them(client_as, komisi, data):
    html = client_as(komisi).get(URL).content.decode()
    overdue = data["rtl"]["r2"]
    assert f'<a href="{overdue.get_absolute_url()}" class="fw-semibold">{overdue.nomor}</a>' in html
    assert "melewati batas waktu 31 Agustus 2026 sejak 15 hari" in html
    assert f'href="{TEMUAN}?jenis=rtl_terlambat"' in html


def test_figures_come_from_the_cache_until_a_record_changes(client_as, komisi, data):
    client = client_as(komisi)
    unsaved = PermasalahanFactory.build(survei=Permasalahan.objects.first().survei)
    assert client.get(URL).context["angka"]["ringkasan"]["masalah_terbuka"] == 3
    # A write that bypasses the models (as a bulk import does) is not seen until the entry
    # expires: the figures were read from the cache.
    Permasalahan.objects.bulk_create([unsaved])
    assert client.get(URL).context["angka"]["ringkasan"]["masalah_terbuka"] == 3
    # A record saved through the models shows on the next request.
    PermasalahanFactory()
    assert client.get(URL).context["angka"]["ringkasan"]["masalah_terbuka"] == 5


def test_empty_dashboard_shows_no_achievement_yet(client_as, pimpinan):
    response = client_as(pimpinan).get(URL)
    assert response.status_code == 200
    assert response.context["angka"]["ringkasan"]["capaian"] is None
    assert response.context["angka"]["ringkasan"]["band"]["kode"] == "belum"
    assert "Belum ada RTL." in response.content.decode()


# --- access -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["komisi", "pimpinan", "admin_user"])
def test_komisi_pimpinan_and_admin_open_the_dashboard(request, client_as, role):
    assert client_as(request.getfixturevalue(role)).get(URL).status_code == 200


@pytest.mark.parametrize("role", ["fasilitator", "bksp_user", "no_role"])
def test_other_roles_are_refused_the_dashboard(request, client_as, role):
    assert client_as(request.getfixturevalue(role)).get(URL).status_code == 403


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_dashboard_refuses_post(client_as, komisi):
    assert client_as(komisi).post(URL).status_code == 405


# --- query count --------------------------------------------------------------------------------


def grow(tim, tim_lain, fasilitator, n):
    for i in range(n):
        lsp = LspFactory(sasaran__provinsi=Provinsi.objects.order_by("pk")[i % 38]).sasaran
        b = sesi(tim if i % 2 else tim_lain, date(2026, 1 + i % 9, 10), fasilitator=fasilitator)
        item(b, lsp, S.BERJALAN, 30, batas=date(2026, 8, 1))
        item(b, lsp, S.SELESAI, 100)
        PermasalahanFactory(sasaran=lsp, kategori="abcd"[i % 4], survei__tim=tim)


def test_query_count_does_not_grow_with_records(client_as, komisi, tim, tim_lain, fasilitator):
    client = client_as(komisi)

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        cold = jumlah_kueri(ctx)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return cold, jumlah_kueri(ctx)

    grow(tim, tim_lain, fasilitator, 2)
    small = count()
    grow(tim, tim_lain, fasilitator, 40)
    assert count() == small
    cold, warm = small
    assert warm <= cold - 14  # the cached figures and findings spare their queries
    assert cold <= 20  # at most 20 queries per page, even when nothing is cached


# --- the findings page --------------------------------------------------------------------------


def test_findings_page_lists_one_kind_with_links_and_tabs(client_as, komisi, data):
    response = client_as(komisi).get(TEMUAN, {"jenis": "rtl_terlambat"})
    html = response.content.decode()
    assert response.context["aktif"].jenis == "rtl_terlambat"
    assert data["rtl"]["r2"].get_absolute_url() in html
    assert {t["aturan"].jenis: t["jumlah"] for t in response.context["tabs"]}["rtl_terlambat"] == 1


def test_findings_page_defaults_to_a_kind_with_findings_and_survives_a_bad_kind(
    client_as, komisi, data
):
    response = client_as(komisi).get(TEMUAN, {"jenis": "tidak-ada", "halaman": "x"})
    assert response.status_code == 200
    assert response.context["aktif"].jenis == "rtl_terlambat"


def test_fasilitator_findings_page_shows_only_their_teams(
    client_as, fasilitator, fasilitator_lain, tim, tim_lain
):
    lsp = LspFactory().sasaran
    mine = item(sesi(tim, date(2026, 5, 1)), lsp, S.BERJALAN, batas=date(2026, 8, 1))
    theirs = item(sesi(tim_lain, date(2026, 5, 1)), lsp, S.BERJALAN, batas=date(2026, 8, 1))
    html = client_as(fasilitator).get(TEMUAN, {"jenis": "rtl_terlambat"}).content.decode()
    assert mine.nomor in html
    assert theirs.nomor not in html


def test_findings_page_is_paginated(client_as, komisi, tim, settings):
    settings.PAGE_SIZE = 2
    lsp = LspFactory().sasaran
    b = sesi(tim, date(2026, 5, 1))
    for _ in range(5):
        item(b, lsp, S.BERJALAN, batas=date(2026, 8, 1))
    response = client_as(komisi).get(TEMUAN, {"jenis": "rtl_terlambat", "halaman": 3})
    assert len(response.context["temuan"]) == 1
    assert response.context["page"].paginator.num_pages == 3


def test_findings_page_refuses_users_without_role_and_anonymous(client_as, client, no_role):
    assert client.get(TEMUAN).status_code == 302
    assert client_as(no_role).get(TEMUAN).status_code == 403


def test_findings_page_query_count_does_not_grow(client_as, komisi, tim):
    client = client_as(komisi)
    lsp = LspFactory().sasaran

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(TEMUAN, {"jenis": "rtl_terlambat"})
        return len(ctx)

    item(sesi(tim, date(2026, 5, 1)), lsp, S.BERJALAN, batas=date(2026, 8, 1))
    small = count()
    b = sesi(tim, date(2026, 5, 2))
    for _ in range(30):
        item(b, lsp, S.BERJALAN, batas=date(2026, 8, 1))
    assert count() == small


# --- the tile map ------------------------------------------------------------------------------


def test_tile_map_places_each_of_the_38_provinces_once():
    codes = set(Provinsi.objects.values_list("kode", flat=True))
    assert set(peta.PETAK) == codes
    positions = [(row, col) for row, col, _label in peta.PETAK.values()]
    assert len(set(positions)) == 38
    # West to east: Aceh in the first column, the Papua provinces in the last ones.
    assert peta.petak("11").kolom == 0
    assert min(peta.petak(k).kolom for k in ("91", "92", "93", "94", "95", "96")) >= 11
    assert peta.petak("99") is None


def test_dashboard_page_loads_chartjs_locally_without_inline_script(client_as, komisi):
    html = client_as(komisi).get(URL).content.decode()
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert "js/dasbor.js" in html
    assert "cdn" not in html.lower()
    assert 'style="' not in html
    scripts = html.count("<script")
    assert scripts == html.count("<script src=") + html.count('type="application/json"')
