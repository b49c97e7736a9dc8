"""Import of LSPs from XLSX/CSV: the parser, the two services and the three views.

The files are built here, so every bad case reads next to its expectation.
"""

import csv
import io
import math
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import AutoField
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_user
from lsp import importer
from lsp.importer import COLUMNS, impor_commit, impor_create, parse_and_validate
from lsp.models import Impor, Lsp, Sasaran
from lsp.tests.factories import LspFactory

HEADERS = [c.header for c in COLUMNS]
UPLOAD_URL = reverse("lsp:impor")


def good_row(n: int = 1, **changes) -> dict:
    row = {
        "Nama LSP": f"LSP Uji Impor {n}",
        "Jenis LSP": "P3",
        "Nomor Lisensi": f"BNSP-LSP-{n:04d}-IMP",
        "Nomor SK": f"KEP.{n}/BNSP/VI/2024",
        "Tanggal Lisensi": "15/01/2024",
        "Tanggal Kedaluwarsa": "14/01/2029",
        "Nomor Akreditasi KAN": "",
        "KAN Berlaku Sampai": "",
        "Sektor": "Teknologi Informasi",
        "Jumlah Skema": "12",
        "Alamat": "Jl. Merdeka No. 1",
        "Kabupaten/Kota": "Kota Bandung",
        "Provinsi": "Jawa Barat",
        "Kode Pos": "40115",
        "Website": "https://lsp-uji.or.id",
        "Narahubung": "Budi Santoso",
        "Email": f"lsp{n}@contoh.or.id",
        "Telepon": "022-4201234",
    }
    row.update(changes)
    return row


def make_csv(rows, *, headers=HEADERS, delimiter=",", bom=False, encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(h, "") for h in headers] if isinstance(row, dict) else row)
    return (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode(encoding)


def make_xlsx(rows, *, headers=HEADERS, above=()) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in above:
        sheet.append(line)
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers] if isinstance(row, dict) else row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, content: bytes, name: str = "lsp.csv"):
    return client.post(UPLOAD_URL, {"berkas": SimpleUploadedFile(name, content)})


def uploaded_impor(client, content: bytes, name: str = "lsp.csv") -> Impor:
    response = upload(client, content, name)
    assert response.status_code == 302, response.context["form"].errors
    return Impor.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))


def commit_url(impor: Impor) -> str:
    return reverse("lsp:impor-commit", args=[impor.pk])


def preview_url(impor: Impor) -> str:
    return reverse("lsp:impor-preview", args=[impor.pk])


def errors_of(result) -> set[tuple]:
    return {(e.baris, e.kolom) for e in result.errors}


# The happy paths ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_valid_xlsx_of_three_rows_commits_three_lsps_with_history(client_as, komisi):
    client = client_as(komisi)
    rows = [
        good_row(1, **{"Tanggal Lisensi": datetime(2024, 1, 15), "Kode Pos": 40115}),
        good_row(2, **{"Tanggal Lisensi": "11 Juni 2012", "Tanggal Kedaluwarsa": "2027-06-10"}),
        good_row(3, **{"Provinsi": "32", "Jenis LSP": "p1", "Website": "lsp3.or.id"}),
    ]
    impor = uploaded_impor(client, make_xlsx(rows), "Daftar LSP 2024.xlsx")
    assert impor.status == Impor.Status.VALID
    assert (impor.jumlah_baris, impor.jumlah_galat, impor.format) == (3, 0, "xlsx")

    preview = client.get(preview_url(impor))
    assert preview.status_code == 200
    assert "Simpan 3 LSP" in preview.content.decode()
    assert [r["nama"] for r in preview.context["preview"]] == [r["Nama LSP"] for r in rows]

    response = client.post(commit_url(impor))
    assert response.status_code == 302
    assert response.url == reverse("lsp:sasaran-list") + "?jenis=lsp"
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["3 LSP berhasil diimpor."]
    lsps = Lsp.objects.select_related("sasaran__provinsi").order_by("nomor_lisensi")
    assert [lsp.sasaran.nama for lsp in lsps] == [
        "LSP Uji Impor 1",
        "LSP Uji Impor 2",
        "LSP Uji Impor 3",
    ]
    first, second, third = lsps
    assert first.tanggal_lisensi == date(2024, 1, 15) and first.sasaran.kode_pos == "40115"
    assert second.tanggal_lisensi == date(2012, 6, 11)
    assert second.tanggal_kedaluwarsa == date(2027, 6, 10)
    assert third.jenis_lsp == "P1" and third.sasaran.provinsi.nama == "Jawa Barat"
    assert third.sasaran.website == "https://lsp3.or.id"
    assert {s.jenis for s in Sasaran.objects.all()} == {Sasaran.Jenis.LSP}

    assert Sasaran.history.count() == 3 and Lsp.history.count() == 3
    for record in [*Sasaran.history.all(), *Lsp.history.all()]:
        assert record.history_user == komisi
        assert record.history_type == "+"
        assert record.history_change_reason.startswith(f"Impor #{impor.pk}")

    impor.refresh_from_db()
    assert impor.status == Impor.Status.DISIMPAN
    assert (impor.jumlah_disimpan, impor.disimpan_oleh) == (3, komisi)
    assert impor.disimpan_pada is not None


@pytest.mark.django_db
@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_with_bom_and_either_delimiter_commits(client_as, komisi, delimiter):
    client = client_as(komisi)
    content = make_csv([good_row(1), good_row(2)], delimiter=delimiter, bom=True)
    impor = uploaded_impor(client, content)
    assert (impor.status, impor.jumlah_baris, impor.galat) == (Impor.Status.VALID, 2, [])
    client.post(commit_url(impor))
    assert Lsp.objects.count() == 2
    assert Sasaran.objects.get(lsp__nomor_lisensi="BNSP-LSP-0001-IMP").nama == "LSP Uji Impor 1"


@pytest.mark.django_db
def test_headers_match_ignoring_case_and_spaces_and_extra_columns_only_warn(client_as, komisi):
    headers = [f"  {h.upper()}  " for h in HEADERS] + ["No.", "Keterangan"]
    headers[HEADERS.index("Kabupaten/Kota")] = "kabupaten / kota"
    row = [*good_row(1).values(), "1", "catatan internal"]
    impor = uploaded_impor(client_as(komisi), make_csv([row], headers=headers))
    assert impor.status == Impor.Status.VALID
    warning = "Kolom berikut tidak dikenal dan diabaikan: “No.”, “Keterangan”."
    assert impor.peringatan == [warning]
    page = client_as(komisi).get(preview_url(impor)).content.decode()
    assert warning in page


@pytest.mark.django_db
def test_blank_rows_are_skipped_and_rows_are_numbered_as_excel_shows_them():
    content = make_xlsx(
        [good_row(1), {}, {"Nama LSP": "  "}, good_row(2, Provinsi="Atlantis")],
        above=[["Daftar LSP binaan 2024"], []],
    )
    result = parse_and_validate(content, "xlsx")
    assert result.rows == 2
    # Title on row 1, blank row 2, header row 3, data rows 4 and 7.
    assert errors_of(result) == {(7, "Provinsi")}


@pytest.mark.django_db
def test_a_long_run_of_blank_rows_ends_the_table(monkeypatch):
    monkeypatch.setattr(importer, "MAX_BLANK_RUN", 3)
    content = make_csv([good_row(1), {}, {}, {}, {}, good_row(2, Sektor="")])
    result = parse_and_validate(content, "csv")
    assert (result.rows, result.errors) == (1, [])


@pytest.mark.django_db
def test_a_line_break_inside_a_csv_cell_does_not_shift_row_numbers():
    content = make_csv([good_row(1, Alamat="Jl. Merdeka\nGedung B"), good_row(2, Sektor="")])
    assert errors_of(parse_and_validate(content, "csv")) == {(3, "Sektor")}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("11/06/2012", date(2012, 6, 11)),
        ("1/6/2012", date(2012, 6, 1)),
        ("11-06-2012", date(2012, 6, 11)),
        ("2012-06-11", date(2012, 6, 11)),
        ("11 Juni 2012", date(2012, 6, 11)),
        ("17 agustus 1945", date(1945, 8, 17)),
        ("1 Des 2030", date(2030, 12, 1)),
        (datetime(2024, 1, 15, 0, 0), date(2024, 1, 15)),
    ],
)
def test_dates_are_read_in_the_shapes_staff_type_them(text, expected):
    assert importer.parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2024", "besok", "11 Juno 2012", "2012/13/01", 45000, "12"])
def test_what_is_not_a_date_is_refused(text):
    with pytest.raises(ValueError):
        importer.parse_date(text)


# Every bad cell is listed, nothing is saved ------------------------------------------------------

BAD_CELLS = [
    ({"Sektor": ""}, "Sektor", "Wajib diisi."),
    ({"Nama LSP": "   "}, "Nama LSP", "Wajib diisi."),
    ({"Tanggal Lisensi": "31/02/2024"}, "Tanggal Lisensi", "Bukan tanggal"),
    ({"Tanggal Kedaluwarsa": "kapan-kapan"}, "Tanggal Kedaluwarsa", "Bukan tanggal"),
    (
        {"Tanggal Kedaluwarsa": "15/01/2024"},
        "Tanggal Kedaluwarsa",
        "Tanggal berakhir lisensi harus setelah tanggal terbit.",
    ),
    ({"Provinsi": "Jawa Barta"}, "Provinsi", "Provinsi tidak dikenal"),
    ({"Provinsi": "99"}, "Provinsi", "Provinsi tidak dikenal"),
    ({"Jenis LSP": "P4"}, "Jenis LSP", "Jenis LSP harus salah satu dari: P1, P2, P3."),
    ({"Email": "budi@"}, "Email", "Masukkan alamat email yang valid."),
    ({"Kode Pos": "4011"}, "Kode Pos", "Kode pos terdiri dari 5 angka."),
    ({"Jumlah Skema": "1,5"}, "Jumlah Skema", "Harus bilangan bulat 0 atau lebih."),
    ({"Jumlah Skema": "dua"}, "Jumlah Skema", "Harus bilangan bulat 0 atau lebih."),
    ({"Jumlah Skema": "-3"}, "Jumlah Skema", "lebih besar dari atau sama dengan 0"),
    ({"Website": "http://bukan url"}, "Website", "Masukkan URL yang valid."),
    ({"Nama LSP": "L" * 201}, "Nama LSP", "paling banyak 200 karakter"),
    ({"Nomor Lisensi": "N" * 51}, "Nomor Lisensi", "paling banyak 50 karakter"),
    ({"Telepon": "telp. 021"}, "Telepon", "Nomor telepon hanya berisi angka"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("changes, column, reason", BAD_CELLS)
def test_each_bad_cell_is_shown_in_the_preview_and_nothing_is_saved(
    client_as, komisi, changes, column, reason
):
    client = client_as(komisi)
    content = make_csv([good_row(1), good_row(2, **changes), good_row(3)])
    impor = uploaded_impor(client, content)

    assert impor.status == Impor.Status.INVALID
    assert [(e["baris"], e["kolom"]) for e in impor.galat] == [(3, column)]
    assert reason in impor.galat[0]["alasan"]
    page = client.get(preview_url(impor))
    html = page.content.decode()
    assert reason.replace("'", "&#x27;") in html
    assert "Unggah berkas yang sudah diperbaiki" in html
    assert "Simpan 3 LSP" not in html
    assert Sasaran.objects.count() == 0


@pytest.mark.django_db
def test_all_errors_of_a_row_are_collected_not_just_the_first():
    row = good_row(1, **{"Sektor": "", "Email": "x", "Kode Pos": "1", "Provinsi": "Mars"})
    result = parse_and_validate(make_csv([row]), "csv")
    assert errors_of(result) == {(2, "Sektor"), (2, "Email"), (2, "Kode Pos"), (2, "Provinsi")}


@pytest.mark.django_db
def test_duplicate_license_in_the_file_reports_both_rows_ignoring_case():
    content = make_csv(
        [good_row(1), good_row(2, **{"Nomor Lisensi": "bnsp-lsp-0001-imp"}), good_row(3)]
    )
    result = parse_and_validate(content, "csv")
    assert [(e.baris, e.kolom, e.alasan) for e in result.errors] == [
        (2, "Nomor Lisensi", "Nomor lisensi ganda di berkas ini (juga di baris 3)."),
        (3, "Nomor Lisensi", "Nomor lisensi ganda di berkas ini (juga di baris 2)."),
    ]


@pytest.mark.django_db
def test_license_already_in_the_database_is_reported_with_its_owner(client_as, komisi):
    LspFactory(nomor_lisensi="BNSP-LSP-0002-IMP", sasaran__nama="LSP Lama")
    impor = uploaded_impor(client_as(komisi), make_csv([good_row(1), good_row(2)]))
    assert impor.galat == [
        {
            "baris": 3,
            "kolom": "Nomor Lisensi",
            "nilai": "BNSP-LSP-0002-IMP",
            "alasan": "Nomor lisensi sudah terdaftar untuk LSP Lama.",
        }
    ]


@pytest.mark.django_db
def test_one_bad_row_among_good_ones_saves_nothing_and_cannot_be_committed(client_as, komisi):
    client = client_as(komisi)
    rows = [good_row(n) for n in range(1, 6)]
    rows[3]["Provinsi"] = "Tidak Ada"
    impor = uploaded_impor(client, make_csv(rows))
    assert impor.status == Impor.Status.INVALID

    response = client.post(commit_url(impor))
    assert response.status_code == 200
    assert "pemeriksaan ulang menemukan 1 galat" in response.context["commit_error"]
    assert Sasaran.objects.count() == 0 and Sasaran.history.count() == 0
    impor.refresh_from_db()
    assert impor.status == Impor.Status.INVALID


@pytest.mark.django_db
def test_license_saved_between_preview_and_commit_refuses_the_whole_commit(client_as, komisi):
    client = client_as(komisi)
    impor = uploaded_impor(client, make_csv([good_row(1), good_row(2), good_row(3)]))
    assert impor.status == Impor.Status.VALID
    LspFactory(nomor_lisensi="BNSP-LSP-0003-IMP", sasaran__nama="LSP Kilat")

    response = client.post(commit_url(impor))
    assert response.status_code == 200
    assert "Tidak ada yang disimpan" in response.content.decode()
    assert "Nomor lisensi sudah terdaftar untuk LSP Kilat." in response.content.decode()
    assert Lsp.objects.count() == 1
    impor.refresh_from_db()
    assert (impor.status, impor.jumlah_galat) == (Impor.Status.INVALID, 1)


@pytest.mark.django_db
def test_an_import_cannot_be_committed_twice(client_as, komisi):
    client = client_as(komisi)
    impor = uploaded_impor(client, make_csv([good_row(1)]))
    client.post(commit_url(impor))
    response = client.post(commit_url(impor))
    assert response.context["commit_error"] == "Berkas ini sudah disimpan sebelumnya."
    assert Lsp.objects.count() == 1


@pytest.mark.django_db
def test_commit_service_refuses_someone_elses_import(komisi, admin_user):
    impor = impor_create(user=komisi, uploaded_file=ContentFile(make_csv([good_row(1)]), "a.csv"))
    with pytest.raises(PermissionDenied):
        impor_commit(user=admin_user, impor=impor)
    assert Lsp.objects.count() == 0


# Whole-file problems -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_csv_not_in_utf8_is_refused_with_the_encoding_message(client_as, komisi):
    content = make_csv([good_row(1, **{"Nama LSP": "LSP Kopi Café Nusantara"})], encoding="latin-1")
    impor = uploaded_impor(client_as(komisi), content)
    assert impor.status == Impor.Status.INVALID
    assert impor.galat[0]["baris"] is None
    assert impor.galat[0]["alasan"].startswith("Berkas CSV tidak ber-encoding UTF-8")
    assert "baris 2" in impor.galat[0]["alasan"]
    html = client_as(komisi).get(preview_url(impor)).content.decode()
    assert "Berkas CSV tidak ber-encoding UTF-8" in html


@pytest.mark.django_db
def test_utf16_text_from_excel_is_refused_as_not_utf8(client_as, komisi):
    content = "\ufeff" + make_csv([good_row(1)]).decode()
    impor = uploaded_impor(client_as(komisi), content.encode("utf-16-le"))
    assert impor.galat[0]["alasan"].startswith("Berkas CSV tidak ber-encoding UTF-8")


@pytest.mark.django_db
def test_missing_required_headers_are_named(client_as, komisi):
    headers = [h for h in HEADERS if h not in ("Sektor", "Provinsi")] + ["Propinsi"]
    impor = uploaded_impor(client_as(komisi), make_csv([good_row(1)], headers=headers))
    assert impor.status == Impor.Status.INVALID
    assert [(e["baris"], e["kolom"]) for e in impor.galat] == [(None, "Sektor, Provinsi")]
    assert (
        "Kolom wajib tidak ditemukan di baris judul (baris 1): Sektor, Provinsi"
        in (impor.galat[0]["alasan"])
    )


@pytest.mark.django_db
def test_a_column_given_twice_is_an_error():
    content = make_csv([[*good_row(1).values(), "x"]], headers=[*HEADERS, "sektor"])
    result = parse_and_validate(content, "csv")
    assert [(e.baris, e.kolom, e.alasan) for e in result.errors] == [
        (1, "Sektor", "Kolom ini muncul lebih dari sekali.")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("content", [b"\xef\xbb\xbf", b"\n\n  \n", b",,,\n"])
def test_a_file_with_no_table_is_refused(content):
    result = parse_and_validate(content, "csv")
    assert not result.is_valid and result.errors[0].baris is None


@pytest.mark.django_db
def test_a_header_without_data_rows_is_refused():
    result = parse_and_validate(make_csv([]), "csv")
    assert [e.alasan for e in result.errors] == [
        "Berkas tidak berisi baris data di bawah baris judul."
    ]


@pytest.mark.django_db
def test_more_rows_than_the_limit_are_refused(monkeypatch):
    monkeypatch.setattr(importer, "MAX_ROWS", 3)
    result = parse_and_validate(make_csv([good_row(n) for n in range(1, 5)]), "csv")
    assert [e.alasan for e in result.errors] == [
        "Berkas berisi lebih dari 3 baris. Bagi menjadi beberapa berkas."
    ]


@pytest.mark.django_db
def test_damaged_xlsx_is_refused_in_the_preview(client_as, komisi):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<bukan xml")
        archive.writestr("xl/workbook.xml", "<bukan xml")
    impor = uploaded_impor(client_as(komisi), buffer.getvalue(), "rusak.xlsx")
    assert impor.galat[0]["alasan"] == "Berkas XLSX rusak atau tidak dapat dibaca."


@pytest.mark.django_db
def test_stored_errors_are_capped_and_the_total_is_kept(client_as, komisi, monkeypatch):
    monkeypatch.setattr(importer, "MAX_STORED_ERRORS", 5)
    rows = [good_row(n, Sektor="", Email="x") for n in range(1, 6)]
    impor = uploaded_impor(client_as(komisi), make_csv(rows))
    assert (impor.jumlah_galat, len(impor.galat)) == (10, 5)
    html = client_as(komisi).get(preview_url(impor)).content.decode()
    assert "Menampilkan 5 galat pertama dari 10." in html


# The upload form refuses what is not an acceptable file ------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content, message",
    [
        ("kosong.csv", b"", "kosong"),
        ("lsp.xlsx", make_csv([good_row(1)]), "Isi berkas ini bukan XLSX."),
        ("lsp.csv", b"PK\x03\x04" + b"\x00" * 100, "Isi berkas ini bukan teks CSV."),
        ("lsp.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "Hanya berkas .xlsx atau .csv"),
        ("lsp.txt", b"Nama LSP\n", "Hanya berkas .xlsx atau .csv"),
        ("lsp", b"Nama LSP\n", "Hanya berkas .xlsx atau .csv"),
    ],
)
def test_upload_form_refuses_bad_files_beside_the_field(client_as, komisi, name, content, message):
    response = upload(client_as(komisi), content, name)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["berkas"])
    assert message in response.content.decode()
    assert Impor.objects.count() == 0


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused(client_as, komisi, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    content = make_csv([good_row(n) for n in range(1, 20)])
    assert len(content) > 1024
    response = upload(client_as(komisi), content)
    assert "melebihi batas 1,0\xa0KB" in " ".join(response.context["form"].errors["berkas"])
    assert Impor.objects.count() == 0


@pytest.mark.django_db
def test_the_users_file_name_never_reaches_the_disk(komisi, settings):
    evil = ContentFile(make_csv([good_row(1)]), name="../../etc/passwd.csv")
    impor = impor_create(user=komisi, uploaded_file=evil)

    assert impor.nama_asli == "passwd.csv"
    assert re.fullmatch(r"impor/\d{4}/\d{2}/[0-9a-f]{32}\.csv", impor.berkas.name)
    stored = Path(impor.berkas.path).resolve()
    assert stored.is_relative_to((Path(settings.MEDIA_ROOT) / "impor").resolve())
    assert stored.read_bytes() == make_csv([good_row(1)])
    assert not (Path(settings.MEDIA_ROOT).parent / "etc").exists()


@pytest.mark.django_db
def test_a_traversal_name_sent_through_the_form_is_stored_under_a_random_name(client_as, komisi):
    impor = uploaded_impor(client_as(komisi), make_csv([good_row(1)]), "../../etc/passwd.csv")
    assert impor.nama_asli == "passwd.csv"
    assert re.fullmatch(r"impor/\d{4}/\d{2}/[0-9a-f]{32}\.csv", impor.berkas.name)


# Who may do what ---------------------------------------------------------------------------------


@pytest.fixture
def komisi_impor(komisi):
    return impor_create(user=komisi, uploaded_file=ContentFile(make_csv([good_row(1)]), "a.csv"))


@pytest.mark.django_db
def test_komisi_can_open_the_upload_page_and_templates(client_as, komisi):
    client = client_as(komisi)
    page = client.get(UPLOAD_URL)
    assert page.status_code == 200
    assert 'accept=".xlsx,.csv"' in page.content.decode()
    assert client.get(reverse("lsp:impor-templat", args=["xlsx"])).status_code == 200
    assert client.get(reverse("lsp:impor-templat", args=["pdf"])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["fasilitator", "bksp_user", "pimpinan", "no_role"])
def test_users_who_do_not_keep_the_registry_are_refused(client_as, request, role, komisi_impor):
    client = client_as(request.getfixturevalue(role))
    assert client.get(UPLOAD_URL).status_code == 403
    assert upload(client, make_csv([good_row(2)])).status_code == 403
    assert client.get(reverse("lsp:impor-templat", args=["csv"])).status_code == 403
    assert client.get(preview_url(komisi_impor)).status_code == 403
    assert client.post(commit_url(komisi_impor)).status_code == 403
    assert Impor.objects.count() == 1 and Lsp.objects.count() == 0


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_login(client, komisi_impor):
    login = reverse("login")
    for response in [
        client.get(UPLOAD_URL),
        client.get(preview_url(komisi_impor)),
        client.post(commit_url(komisi_impor)),
        client.get(reverse("lsp:impor-templat", args=["xlsx"])),
    ]:
        assert response.status_code == 302 and response.url.startswith(login)
    assert Lsp.objects.count() == 0


@pytest.mark.django_db
def test_another_editor_cannot_open_or_commit_someone_elses_import(
    client_as, django_user_model, komisi_impor
):
    other = make_user(django_user_model, "komisi2", "Staf Komisi")
    client = client_as(other)
    assert client.get(preview_url(komisi_impor)).status_code == 404
    assert client.post(commit_url(komisi_impor)).status_code == 404
    assert Lsp.objects.count() == 0


@pytest.mark.django_db
def test_wrong_methods_are_refused(client_as, komisi, komisi_impor):
    client = client_as(komisi)
    assert client.get(commit_url(komisi_impor)).status_code == 405
    assert client.post(preview_url(komisi_impor)).status_code == 405
    assert client.post(reverse("lsp:impor-templat", args=["csv"])).status_code == 405
    assert client.put(UPLOAD_URL).status_code == 405
    assert Lsp.objects.count() == 0


# Queries -----------------------------------------------------------------------------------------


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_preview_page_queries_do_not_grow_with_the_file(client_as, komisi):
    client = client_as(komisi)
    small = uploaded_impor(client, make_csv([good_row(n) for n in range(10)]))
    large = uploaded_impor(client, make_csv([good_row(n) for n in range(200)]))
    bad = uploaded_impor(client, make_csv([good_row(n, Sektor="") for n in range(200)]))
    counts = {_count_queries(client, preview_url(i)) for i in (small, large, bad)}
    assert len(counts) == 1, counts
    # Session, user, roles, permissions (2), the import, and the session save with savepoints.
    assert counts.pop() <= 12


def _insert_batches(model, rows: int) -> int:
    """INSERT statements bulk_create needs for `rows` objects, computed as Django does."""
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, AutoField)]
    per_batch = connection.ops.bulk_batch_size(fields, [None] * rows)
    return math.ceil(rows / min(importer.BATCH_SIZE, per_batch))


@pytest.mark.django_db
def test_importing_2000_rows_uses_a_bounded_number_of_queries(komisi):
    content = make_csv([good_row(n) for n in range(2000)])
    with CaptureQueriesContext(connection) as create_queries:
        impor = impor_create(user=komisi, uploaded_file=ContentFile(content, "besar.csv"))
    assert impor.status == Impor.Status.VALID, impor.galat[:3]
    with CaptureQueriesContext(connection) as commit_queries:
        assert impor_commit(user=komisi, impor=impor) == 2000
    assert len(create_queries) < 10
    # One INSERT per batch for each of the four tables, plus a handful. Django caps SQLite at 999
    # parameters per query, so batches there are ~76 rows (about 110 queries for 2,000 rows);
    # PostgreSQL takes importer.BATCH_SIZE rows per INSERT (about 20 queries).
    tables = [Sasaran, Sasaran.history.model, Lsp, Lsp.history.model]
    assert len(commit_queries) <= 10 + sum(_insert_batches(model, 2000) for model in tables)
    if connection.vendor == "postgresql":
        assert len(commit_queries) < 40
    assert Lsp.objects.count() == Lsp.history.count() == Sasaran.history.count() == 2000


@pytest.mark.django_db
def test_commit_service_raises_a_validation_error_in_indonesian(komisi):
    bad = ContentFile(make_csv([good_row(1, Sektor="")]), "a.csv")
    impor = impor_create(user=komisi, uploaded_file=bad)
    with pytest.raises(ValidationError, match="Tidak ada yang disimpan"):
        impor_commit(user=komisi, impor=impor)


@pytest.mark.django_db
def test_errors_are_paginated(client_as, komisi, settings):
    client = client_as(komisi)
    impor = uploaded_impor(client, make_csv([good_row(n, Sektor="") for n in range(30)]))
    first = client.get(preview_url(impor))
    second = client.get(preview_url(impor) + "?halaman=2")
    assert len(first.context["page"]) == settings.PAGE_SIZE
    assert len(second.context["page"]) == 30 - settings.PAGE_SIZE
    assert "Halaman 2 dari 2" in second.content.decode()


@pytest.mark.django_db
def test_upload_page_lists_only_the_users_own_recent_imports(client_as, komisi, admin_user):
    mine = impor_create(user=komisi, uploaded_file=ContentFile(make_csv([good_row(1)]), "m.csv"))
    impor_create(user=admin_user, uploaded_file=ContentFile(make_csv([good_row(2)]), "z.csv"))
    page = client_as(komisi).get(UPLOAD_URL)
    assert list(page.context["recent"]) == [mine]


@pytest.mark.django_db
def test_impor_admin_is_read_only(rf, admin_user):
    from django.contrib import admin

    from lsp.admin_impor import ImporAdmin

    model_admin = ImporAdmin(Impor, admin.site)
    request = rf.get("/")
    request.user = admin_user
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.list_select_related == ["user"]
