"""The Excel downloads of the evaluation table and of e-monev, read back with openpyxl."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from advokasi.models import Rtl
from advokasi.tests.factories import PermasalahanFactory
from lsp.exporter import XLSX_TYPE
from monitoring.models import Indikator, PengaturanEvaluasi
from monitoring.tests.test_emonev import catatan, half_way, instrumen, jawab, progres, rencana
from monitoring.tests.test_emonev import populate as populate_emonev
from monitoring.tests.test_views_evaluasi import (
    JABAR,
    JATIM,
    count_queries,
    item,
    pemilik,
    populate,
    sesi,
    today,
)

pytestmark = pytest.mark.django_db

EVALUASI_XLSX = reverse("monitoring:evaluasi-ekspor")
EMONEV_XLSX = reverse("monitoring:emonev-ekspor")
S = Rtl.Status
T = Indikator.Tipe


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE
    return load_workbook(io.BytesIO(response.content))


def table(sheet) -> list[dict]:
    """The sheet's rows under the header, as dicts, up to the first empty row."""
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    result = []
    for row in rows[1:]:
        if all(value is None for value in row):
            break
        result.append(dict(zip(header, row, strict=False)))
    return result


def cell_of(sheet, column_title: str, row_index: int):
    header = [c.value for c in sheet[1]]
    return sheet.cell(row=row_index, column=header.index(column_title) + 1)


# --- the evaluation table -----------------------------------------------------------------------


def test_problem_table_is_written_with_numbers_bands_and_a_total(client_as, komisi, tim):
    problem = PermasalahanFactory(uraian="Asesor kompetensi belum cukup")
    session = sesi(tim)
    item(session, S.SELESAI, 100, permasalahan=problem)
    item(session, S.BERJALAN, 50, permasalahan=problem)
    item(session, S.RENCANA, 0, permasalahan=problem, batas=today() - timedelta(days=2))
    item(session, S.DIBATALKAN, 90, permasalahan=problem)
    response = client_as(komisi).get(EVALUASI_XLSX, {"per": "permasalahan"})
    assert response["Content-Disposition"].startswith(
        'attachment; filename="evaluasi-permasalahan-'
    )
    book = workbook(response)
    assert book.sheetnames == [
        "Evaluasi per permasalahan",
        "e-Monev RTL",
        "e-Monev indikator",
        "Keterangan",
    ]
    sheet = book["Evaluasi per permasalahan"]
    assert all(cell.font.bold for cell in sheet[1])
    rows = table(sheet)
    assert rows[0]["Permasalahan"] == problem.nomor
    assert rows[0]["Keterangan"] == "Asesor kompetensi belum cukup"
    assert (rows[0]["RTL dihitung"], rows[0]["Selesai"], rows[0]["Terlambat"]) == (3, 1, 1)
    assert rows[0]["Capaian (%)"] == pytest.approx(50.0)
    assert rows[0]["Kategori"] == "Cukup"
    assert cell_of(sheet, "Capaian (%)", 2).number_format == "0.0"
    total = rows[-1]
    assert total["Permasalahan"] == "Keseluruhan"
    assert total["Capaian (%)"] == pytest.approx(50.0)
    assert cell_of(sheet, "Permasalahan", len(rows) + 1).font.bold


def test_group_without_capaian_is_written_as_belum_ada_rtl_with_an_empty_figure(
    client_as, komisi, tim
):
    item(sesi(tim), S.DIBATALKAN, 40)
    sheet = workbook(client_as(komisi).get(EVALUASI_XLSX, {"per": "tim"}))["Evaluasi per tim"]
    row = table(sheet)[0]
    assert row["Tim"] == tim.nama
    assert row["Capaian (%)"] is None
    assert row["Kategori"] == "Belum ada RTL"


def test_per_rtl_table_has_status_and_due_date(client_as, komisi, tim):
    rtl = item(sesi(tim), S.BERJALAN, 35)
    sheet = workbook(client_as(komisi).get(EVALUASI_XLSX, {"per": "rtl"}))["Evaluasi per RTL"]
    row = table(sheet)[0]
    assert row["RTL"] == rtl.nomor
    assert row["Status"] == "Berjalan"
    assert row["Batas waktu"].date() == rtl.batas_waktu
    assert cell_of(sheet, "Batas waktu", 2).number_format == "DD/MM/YYYY"
    assert row["Capaian (%)"] == pytest.approx(35.0)


def test_export_follows_the_filters_of_the_page(client_as, komisi, tim, tim_lain):
    mine = item(sesi(tim), S.BERJALAN, 10, pemilik_sasaran=pemilik(JABAR))
    item(sesi(tim_lain), S.BERJALAN, 90, pemilik_sasaran=pemilik(JATIM))
    response = client_as(komisi).get(EVALUASI_XLSX, {"per": "rtl", "tim": tim.pk})
    book = workbook(response)
    assert [r["RTL"] for r in table(book["Evaluasi per RTL"])][:-1] == [mine.nomor]
    assert [r["Nomor RTL"] for r in table(book["e-Monev RTL"])] == [mine.nomor]
    saringan = [row for row in book["Keterangan"].iter_rows(values_only=True) if row[0] == "Tim"]
    assert saringan == [("Tim", tim.nama)]


def test_text_that_looks_like_a_formula_is_escaped(client_as, komisi, tim):
    problem = PermasalahanFactory(uraian='=HYPERLINK("http://contoh.test","klik")')
    rtl = half_way(
        sesi(tim),
        20,
        permasalahan=problem,
        tindakan="+62 menelepon ketua LSP",
        indikator="@indikator",
    )
    progres(catatan(rencana(tim, rtl), 1, "-pendorong", "\tpenghambat"), rtl, 20)
    book = workbook(client_as(komisi).get(EVALUASI_XLSX, {"per": "permasalahan"}))
    row = table(book["Evaluasi per permasalahan"])[0]
    assert row["Keterangan"] == '\'=HYPERLINK("http://contoh.test","klik")'
    emonev = table(book["e-Monev RTL"])[0]
    assert emonev["Tindakan"] == "'+62 menelepon ketua LSP"
    assert emonev["Indikator keberhasilan"] == "'@indikator"
    assert emonev["Faktor pendorong"] == "'-pendorong"
    assert emonev["Faktor penghambat"] == "'\tpenghambat"
    for sheet in book:
        for values in sheet.iter_rows(values_only=True):
            for value in values:
                assert not (isinstance(value, str) and value.startswith(("=", "+", "-", "@")))


def test_keterangan_sheet_holds_the_formula_the_thresholds_and_the_summary(client_as, komisi, tim):
    PengaturanEvaluasi.objects.filter(pk=1).update(batas_sangat_baik=90, toleransi_emonev=10)
    item(sesi(tim), S.SELESAI, 100)
    item(sesi(tim), S.BERJALAN, 60)
    sheet = workbook(client_as(komisi).get(EVALUASI_XLSX))["Keterangan"]
    rows = list(sheet.iter_rows(values_only=True))
    text = "\n".join(str(v) for row in rows for v in row if v is not None)
    assert "Capaian satu RTL = 100\u00a0% bila statusnya selesai" in text
    assert "RTL yang dibatalkan tidak dihitung" in text
    assert "sangat baik ≥ 90\u00a0%" in text
    pairs = {row[0]: row[1] for row in rows if row and len(row) > 1 and row[1] is not None}
    assert pairs["Sangat baik mulai (%)"] == 90
    assert pairs["Toleransi e-monev (poin persen)"] == 10
    assert pairs["Capaian keseluruhan (%)"] == pytest.approx(80.0)
    assert pairs["Kategori"] == "Baik"
    assert pairs["Pengelompokan"] == "Per permasalahan"
    assert pairs["Diunduh oleh"] == "komisi"


# --- the e-monev download -------------------------------------------------------------------------


def test_emonev_download_has_rtl_and_indicator_rows(client_as, komisi, tim):
    (angka,) = instrumen(("Jumlah asesor aktif", T.ANGKA, 10))
    rtl = half_way(sesi(tim), 40, target_nilai=Decimal("8"), satuan="asesor")
    record = catatan(rencana(tim, rtl, indikator=[angka]), 1, "Dukungan BKSP", "Dana terbatas")
    progres(record, rtl, 40, realisasi=3)
    jawab(record, angka, 9)
    response = client_as(komisi).get(EMONEV_XLSX)
    assert response["Content-Disposition"].startswith('attachment; filename="e-monev-')
    book = workbook(response)
    assert book.sheetnames == ["e-Monev RTL", "e-Monev indikator", "Keterangan"]
    row = table(book["e-Monev RTL"])[0]
    assert row["Nomor RTL"] == rtl.nomor
    assert row["Target"] == 8
    assert row["Realisasi"] == 3
    assert row["Persen capaian (%)"] == pytest.approx(37.5)
    assert row["Harapan hari ini (%)"] == pytest.approx(50.0)
    assert row["Lampu"] == "Kuning"  # 37.5 against 50, within 15 points
    assert row["Faktor pendorong"] == "Dukungan BKSP"
    assert row["Catatan monitoring"] == record.nomor
    assert cell_of(book["e-Monev RTL"], "Persen capaian (%)", 2).number_format == "0.0"
    indikator = table(book["e-Monev indikator"])[0]
    assert indikator["Indikator"] == "Jumlah asesor aktif"
    assert indikator["Persen capaian (%)"] == pytest.approx(90.0)
    assert indikator["Lampu"] == "Kuning"
    assert indikator["Faktor penghambat"] == "Dana terbatas"


# --- who may download what --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("komisi", {"mine", "theirs"}),
        ("pimpinan", {"mine", "theirs"}),
        ("fasilitator", {"mine"}),
        ("fasilitator_lain", {"theirs"}),
        ("bksp_user", {"mine"}),
        ("no_role", set()),
    ],
)
def test_each_role_downloads_only_the_rtl_it_may_read(
    request, client_as, tim, tim_lain, role, sees
):
    items = {
        "mine": item(sesi(tim), S.BERJALAN, 10, pemilik_sasaran=pemilik(JABAR)),
        "theirs": item(sesi(tim_lain), S.BERJALAN, 90, pemilik_sasaran=pemilik(JATIM)),
    }
    client = client_as(request.getfixturevalue(role))
    expected = {items[name].nomor for name in sees}
    book = workbook(client.get(EVALUASI_XLSX, {"per": "rtl"}))
    assert {r["RTL"] for r in table(book["Evaluasi per RTL"])} - {"Keseluruhan"} == expected
    emonev = workbook(client.get(EMONEV_XLSX))
    assert {r["Nomor RTL"] for r in table(emonev["e-Monev RTL"])} == expected


def test_anonymous_user_is_sent_to_login(client):
    for url in (EVALUASI_XLSX, EMONEV_XLSX):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_downloads_refuse_post(client_as, komisi):
    client = client_as(komisi)
    assert client.post(EVALUASI_XLSX).status_code == 405
    assert client.post(EMONEV_XLSX).status_code == 405


@pytest.mark.parametrize("url", [EVALUASI_XLSX, EMONEV_XLSX])
@pytest.mark.parametrize("role", ["komisi", "fasilitator", "bksp_user"])
def test_download_query_count_does_not_grow_with_rows(
    request, client_as, tim, tim_lain, fasilitator, role, url
):
    client = client_as(request.getfixturevalue(role))
    params = {"per": "fasilitator", "tanggal_dari": "2025-01-01"}
    populate(5, tim, fasilitator, tim_lain)
    populate_emonev(5, tim, tim_lain)
    small = count_queries(client, url, params)
    populate(55, tim, fasilitator, tim_lain)
    populate_emonev(55, tim, tim_lain)
    assert count_queries(client, url, params) == small
    assert small <= 16
