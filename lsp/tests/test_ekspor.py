"""Export of the registry list to XLSX/CSV, and the import template."""

import csv
import io
from datetime import date, datetime

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lsp import exporter, importer
from lsp.exporter import escape_cell, export_response, template_response
from lsp.models import Impor, Lsp, Sasaran
from lsp.tests.factories import LspFactory, SasaranFactory

DANGEROUS = ["=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx"]


def registry():
    return Sasaran.objects.with_details().with_status_lisensi().order_by("pk")


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def read_xlsx(response):
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return workbook.worksheets[0]


@pytest.fixture
def dangerous_targets():
    for index, value in enumerate(DANGEROUS):
        LspFactory(
            sasaran__nama=value,
            sasaran__narahubung="Siti Rahma-Wati",
            nomor_lisensi=f"LIS-{index}",
            tanggal_kedaluwarsa=date(2030, 1, 31),
        )
    SasaranFactory(nama="Asosiasi Profesi Teknik-Sipil", kabupaten_kota="-")


@pytest.mark.parametrize("value", DANGEROUS)
def test_formula_like_text_is_escaped(value):
    assert escape_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["LSP Teknik-Sipil", "a=b", "sekretariat@lsp.or.id", "", None, 5])
def test_other_values_are_left_alone(value):
    assert escape_cell(value) == value


@pytest.mark.django_db
def test_csv_export_escapes_formula_cells_and_keeps_other_text(dangerous_targets):
    response = export_response(rows_queryset=registry(), fmt="csv", filename_stem="sasaran")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = read_csv(response)
    assert rows[0] == exporter.HEADERS
    names = [row[1] for row in rows[1:]]
    assert names == ["'" + v for v in DANGEROUS] + ["Asosiasi Profesi Teknik-Sipil"]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Jenis"] == "LSP"
    assert first["Narahubung"] == "Siti Rahma-Wati"
    assert first["Tanggal Kedaluwarsa"] == "31/01/2030"
    assert first["Status Lisensi"] == "Aktif"
    assert first["Nomor Lisensi"] == "LIS-0"
    other = dict(zip(rows[0], rows[-1], strict=True))
    assert other["Jenis"] == "Asosiasi Profesi" and other["Kabupaten/Kota"] == "'-"
    assert other["Nomor Lisensi"] == other["Tanggal Kedaluwarsa"] == other["Status Lisensi"] == ""


@pytest.mark.django_db
def test_xlsx_export_escapes_formula_cells_and_writes_real_dates(dangerous_targets):
    response = export_response(rows_queryset=registry(), fmt="xlsx", filename_stem="sasaran")
    assert response["Content-Type"] == exporter.XLSX_TYPE
    sheet = read_xlsx(response)
    header = [cell.value for cell in sheet[1]]
    assert header == exporter.HEADERS
    assert all(cell.font.bold for cell in sheet[1])
    names = [sheet.cell(row=r, column=2) for r in range(2, sheet.max_row + 1)]
    # XML reads a carriage return back as a line feed; the quote in front is what matters.
    expected = ["'" + v.replace("\r", "\n") for v in DANGEROUS] + ["Asosiasi Profesi Teknik-Sipil"]
    assert [c.value for c in names] == expected
    assert {c.data_type for c in names} == {"s"}  # text, never a formula
    expiry = sheet.cell(row=2, column=header.index("Tanggal Kedaluwarsa") + 1)
    assert expiry.value == datetime(2030, 1, 31)
    assert expiry.number_format == "DD/MM/YYYY"
    assert sheet.cell(row=2, column=header.index("Narahubung") + 1).value == "Siti Rahma-Wati"


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_queries_do_not_grow_with_the_rows(fmt):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            export_response(rows_queryset=registry(), fmt=fmt, filename_stem="x")
        return len(queries)

    LspFactory.create_batch(3)
    few = count()
    LspFactory.create_batch(30)
    SasaranFactory.create_batch(10)
    assert count() == few


@pytest.mark.django_db
def test_export_filename_is_safe_and_an_attachment():
    response = export_response(
        rows_queryset=registry(), fmt="csv", filename_stem='../../Daftar "LSP"\r\nX: y'
    )
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="daftar-lsp-x-y-')
    assert disposition.endswith('.csv"')


@pytest.mark.django_db
def test_unknown_export_format_is_an_error():
    with pytest.raises(ValueError):
        export_response(rows_queryset=registry(), fmt="pdf", filename_stem="x")


# The import template -----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_template_parses_back_into_the_importer_with_zero_errors(fmt):
    response = template_response(fmt)
    assert "attachment" in response["Content-Disposition"]
    result = importer.parse_and_validate(response.content, fmt)
    assert result.errors == []
    assert result.rows == 1 and result.is_valid
    _row, sasaran, lsp = result.instances[0]
    assert (sasaran.nama, sasaran.provinsi.nama) == (
        "LSP Teknologi Informasi Nusantara",
        "Jawa Barat",
    )
    assert (lsp.tanggal_lisensi, lsp.jumlah_skema) == (date(2024, 6, 11), 12)
    # Left in by mistake, the example row is pointed out.
    assert any("baris contoh" in w for w in result.warnings)


@pytest.mark.django_db
def test_xlsx_template_explains_every_column_and_lists_the_provinces():
    workbook = openpyxl.load_workbook(io.BytesIO(template_response("xlsx").content))
    assert workbook.sheetnames == ["Data LSP", "Petunjuk"]
    data, guide = workbook["Data LSP"], workbook["Petunjuk"]
    assert [c.value for c in data[1]] == [c.header for c in importer.COLUMNS]
    guide_text = [[c.value for c in row] for row in guide.iter_rows()]
    explained = {row[0]: row for row in guide_text if row and row[0]}
    for column in importer.COLUMNS:
        assert explained[column.header][1] == ("Ya" if column.required else "Tidak")
    provinces = {row[1] for row in guide_text if row[0] and len(str(row[0])) == 2}
    assert len(provinces) == 38 and "Papua Barat Daya" in provinces
    validations = {dv.formula1 for dv in data.data_validations.dataValidation}
    assert '"P1,P2,P3"' in validations


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_downloaded_template_uploads_and_commits_through_the_views(client_as, komisi, fmt):
    client = client_as(komisi)
    template = client.get(reverse("lsp:impor-templat", args=[fmt]))
    assert template.status_code == 200
    response = client.post(
        reverse("lsp:impor"), {"berkas": SimpleUploadedFile(f"templat.{fmt}", template.content)}
    )
    impor = Impor.objects.get()
    assert response.url == reverse("lsp:impor-preview", args=[impor.pk])
    assert impor.status == Impor.Status.VALID
    client.post(reverse("lsp:impor-commit", args=[impor.pk]))
    assert Lsp.objects.get().nomor_lisensi == "BNSP-LSP-1234-ID"
