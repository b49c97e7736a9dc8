"""Spreadsheets out of the registry: the filtered list, and the import template.

Every text cell passes through `escape_cell`: a cell starting with = + - @ (or a tab or carriage
return) is a formula to Excel and LibreOffice, so a target named "=HYPERLINK(...)" would run in the
reader's spreadsheet. OWASP's remedy is a leading single quote, which shows the text as typed.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from lsp.importer import COLUMNS, DATA_SHEET, EXAMPLE_ROW, FORMULA_TRIGGERS, GUIDE_SHEET, MAX_ROWS
from lsp.models import Lsp, Provinsi

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
HEADERS = [
    "Jenis",
    "Nama",
    "Provinsi",
    "Kabupaten/Kota",
    "Jenis LSP",
    "Nomor Lisensi",
    "Status Lisensi",
    "Tanggal Kedaluwarsa",
    "Sektor",
    "Narahubung",
    "Email",
    "Telepon",
]
WIDTHS = [12, 40, 22, 22, 10, 24, 18, 14, 30, 24, 30, 16]
STATUS_LABELS = dict(Lsp.StatusLisensi.choices)


def escape_cell(value):
    """Text that a spreadsheet would take for a formula gets a leading quote; the rest is as is."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _xlsx_text(value):
    # openpyxl refuses control characters that XML cannot hold; they carry no meaning here.
    value = escape_cell(value)
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _rows(rows_queryset):
    """One list of values per target. Expects `with_details().with_status_lisensi()` applied:
    without the select_related, each row's `lsp` and `provinsi` would cost a query."""
    for sasaran in rows_queryset.iterator(chunk_size=2000):
        lsp = sasaran.lsp if hasattr(sasaran, "lsp") else None
        status = getattr(sasaran, "status_lisensi_kode", "")
        yield [
            sasaran.get_jenis_display(),
            sasaran.nama,
            sasaran.provinsi.nama,
            sasaran.kabupaten_kota,
            lsp.jenis_lsp if lsp else "",
            lsp.nomor_lisensi if lsp else "",
            str(STATUS_LABELS.get(status, "")),
            lsp.tanggal_kedaluwarsa if lsp else None,
            lsp.sektor if lsp else "",
            sasaran.narahubung,
            sasaran.email,
            sasaran.telepon,
        ]


def _attachment(content: bytes, fmt: str, filename_stem: str) -> HttpResponse:
    stem = slugify(filename_stem) or "ekspor"
    filename = f"{stem}-{timezone.localdate():%Y%m%d}.{fmt}"
    content_type = XLSX_TYPE if fmt == "xlsx" else "text/csv; charset=utf-8"
    return HttpResponse(
        content,
        content_type=content_type,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


def _csv_bytes(header: list[str], rows) -> bytes:
    buffer = io.StringIO()
    # Without the BOM, Excel reads the file in the local code page and garbles "é", "—" and "’".
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            [v.strftime("%d/%m/%Y") if isinstance(v, date) else escape_cell(v) for v in row]
        )
    return buffer.getvalue().encode("utf-8")


def export_response(*, rows_queryset, fmt: str, filename_stem: str) -> HttpResponse:
    """The registry list as XLSX or CSV; `rows_queryset` is already scoped and filtered."""
    if fmt == "csv":
        return _attachment(_csv_bytes(HEADERS, _rows(rows_queryset)), fmt, filename_stem)
    if fmt != "xlsx":
        raise ValueError(f"Unknown export format {fmt!r}")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sasaran")
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in _rows(rows_queryset):
        cells = []
        for value in row:
            if isinstance(value, date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = DATE_FORMAT
                cells.append(cell)
            else:
                cells.append(_xlsx_text(value))
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(buffer.getvalue(), fmt, filename_stem)


# The import template ------------------------------------------------------------------------------

GUIDE = {
    "Nama LSP": "Nama resmi LSP, paling banyak 200 karakter.",
    "Jenis LSP": "P1 (pihak pertama), P2 (pihak kedua) atau P3 (pihak ketiga).",
    "Nomor Lisensi": "Nomor lisensi BNSP; tidak boleh sama dengan LSP lain (besar-kecil huruf "
    "tidak dibedakan).",
    "Nomor SK": "Nomor SK lisensi.",
    "Tanggal Lisensi": "Tanggal terbit lisensi: sel tanggal Excel, atau teks 11/06/2012, "
    "2012-06-11 atau 11 Juni 2012.",
    "Tanggal Kedaluwarsa": "Tanggal berakhir lisensi, sesudah Tanggal Lisensi. Format tanggal "
    "sama.",
    "Nomor Akreditasi KAN": "Nomor akreditasi KAN, bila ada.",
    "KAN Berlaku Sampai": "Tanggal berakhir akreditasi KAN, bila ada. Format tanggal sama.",
    "Sektor": "Sektor LSP, mis. Teknologi Informasi dan Komunikasi.",
    "Jumlah Skema": "Bilangan bulat 0 atau lebih; kosong berarti 0.",
    "Alamat": "Alamat kantor LSP.",
    "Kabupaten/Kota": "Mis. Kota Bandung, Kabupaten Sleman.",
    "Provinsi": "Nama provinsi seperti di daftar di bawah, atau kode BPS 2 angka.",
    "Kode Pos": "5 angka. Format kolom sebagai Teks agar angka 0 di depan tidak hilang.",
    "Website": "Alamat situs, mis. https://lsp-contoh.or.id.",
    "Narahubung": "Nama orang yang dapat dihubungi.",
    "Email": "Alamat e-mail yang valid.",
    "Telepon": "Angka, spasi, +, - dan tanda kurung. Format kolom sebagai Teks.",
}
TEXT_COLUMNS = {"Nomor Lisensi", "Kode Pos", "Telepon"}


def _template_values() -> list:
    return [EXAMPLE_ROW[c.header] for c in COLUMNS]


def template_response(fmt: str) -> HttpResponse:
    """The file staff fill in: the header row, one example row, and in XLSX a guide sheet."""
    headers = [c.header for c in COLUMNS]
    if fmt == "csv":
        return _attachment(_csv_bytes(headers, [_template_values()]), fmt, "templat-impor-lsp")
    if fmt != "xlsx":
        raise ValueError(f"Unknown template format {fmt!r}")
    workbook = Workbook()
    data = workbook.active
    data.title = DATA_SHEET
    bold = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    data.append(headers)
    data.append(_template_values())
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        header_cell = data.cell(row=1, column=index)
        header_cell.font = bold
        if column.required:
            header_cell.fill = required_fill
        dimension = data.column_dimensions[letter]
        dimension.width = max(14, len(column.header) + 4)
        if column.kind == "date":
            dimension.number_format = DATE_FORMAT
            data.cell(row=2, column=index).number_format = DATE_FORMAT
        elif column.header in TEXT_COLUMNS:
            # Typed into a text column, 040115 and 0221234567 keep their leading zero.
            dimension.number_format = "@"
            data.cell(row=2, column=index).number_format = "@"
    data.freeze_panes = "A2"

    guide = workbook.create_sheet(GUIDE_SHEET)
    guide.append(["Petunjuk impor LSP"])
    guide["A1"].font = Font(bold=True, size=14)
    guide.append(
        [
            "Isi satu LSP per baris di sheet “Data LSP”, mulai baris 2 (hapus baris contoh). "
            "Kolom berlatar kuning wajib diisi. Judul kolom jangan diubah; kolom lain diabaikan. "
            f"Paling banyak {MAX_ROWS:,} baris per berkas.".replace(",", ".")
        ]
    )
    guide.append([])
    guide.append(["Kolom", "Wajib", "Isi", "Contoh"])
    for cell in guide[guide.max_row]:
        cell.font = bold
    for column in COLUMNS:
        example = EXAMPLE_ROW[column.header]
        guide.append(
            [
                column.header,
                "Ya" if column.required else "Tidak",
                GUIDE[column.header],
                example.strftime("%d/%m/%Y") if isinstance(example, date) else str(example),
            ]
        )
    guide.append([])
    guide.append(["Daftar provinsi"])
    guide[f"A{guide.max_row}"].font = bold
    guide.append(["Kode BPS", "Nama provinsi"])
    for cell in guide[guide.max_row]:
        cell.font = bold
    first_province_row = guide.max_row + 1
    for provinsi in Provinsi.objects.order_by("nama"):
        guide.append([provinsi.kode, provinsi.nama])
    last_province_row = guide.max_row
    for letter, width in zip("ABCD", (24, 8, 90, 36), strict=True):
        guide.column_dimensions[letter].width = width

    # Drop-down lists in the data sheet; typing another value is still possible, and the
    # importer remains the judge (it also accepts BPS codes).
    letters = {c.header: get_column_letter(i) for i, c in enumerate(COLUMNS, start=1)}
    choices = ",".join(Lsp.JenisLsp.values)
    jenis = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
    jenis.add(f"{letters['Jenis LSP']}2:{letters['Jenis LSP']}{MAX_ROWS + 1}")
    provinsi_list = DataValidation(
        type="list",
        formula1=f"'{GUIDE_SHEET}'!$B${first_province_row}:$B${last_province_row}",
        allow_blank=True,
        showErrorMessage=False,
    )
    provinsi_list.add(f"{letters['Provinsi']}2:{letters['Provinsi']}{MAX_ROWS + 1}")
    data.add_data_validation(jenis)
    data.add_data_validation(provinsi_list)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(buffer.getvalue(), fmt, "templat-impor-lsp")
