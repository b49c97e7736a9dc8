"""The evaluation tables (§6.2) and the e-monev rows as an Excel workbook.

A plain writer: the views hand it sheets of rows already scoped to the user and filtered, and the
text of the "Keterangan" sheet. Numbers stay numbers (percentages with one decimal), and every text
cell passes through lsp.exporter.escape_cell, so a problem described as "=HYPERLINK(...)" is shown
as typed instead of running in the reader's spreadsheet.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from lsp.exporter import DATE_FORMAT, XLSX_TYPE, escape_cell

PERSEN_FORMAT = "0.0"
TEKS, ANGKA, PERSEN, TANGGAL = "teks", "angka", "persen", "tanggal"


@dataclass(frozen=True)
class Kolom:
    judul: str
    lebar: int = 14
    jenis: str = TEKS  # teks | angka | persen | tanggal


@dataclass
class Lembar:
    """One sheet: a bold header row, the rows, and optionally a bold closing row (the total)."""

    nama: str
    kolom: list[Kolom]
    baris: Iterable[list]
    penutup: list | None = None
    catatan: list[str] = field(default_factory=list)  # lines under the table, e.g. a legend


def teks(value) -> str:
    """A text cell's value: formula triggers escaped, characters XML cannot hold removed."""
    value = escape_cell("" if value is None else str(value))
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _cell(sheet, value, jenis: str, *, bold: bool = False):
    if value is None or value == "":
        cell = WriteOnlyCell(sheet, value=None)
    elif jenis == PERSEN:
        cell = WriteOnlyCell(sheet, value=round(float(value), 1))
        cell.number_format = PERSEN_FORMAT
    elif jenis == ANGKA:
        cell = WriteOnlyCell(sheet, value=value)
    elif jenis == TANGGAL and isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
    else:
        cell = WriteOnlyCell(sheet, value=teks(value))
    if bold:
        cell.font = Font(bold=True)
    return cell


def _write_sheet(workbook: Workbook, lembar: Lembar) -> None:
    sheet = workbook.create_sheet(teks(lembar.nama)[:31])
    for index, kolom in enumerate(lembar.kolom, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = kolom.lebar
    sheet.freeze_panes = "A2"
    sheet.append([_cell(sheet, k.judul, TEKS, bold=True) for k in lembar.kolom])
    for row in lembar.baris:
        sheet.append(
            [_cell(sheet, value, k.jenis) for value, k in zip(row, lembar.kolom, strict=True)]
        )
    if lembar.penutup is not None:
        sheet.append(
            [
                _cell(sheet, value, k.jenis, bold=True)
                for value, k in zip(lembar.penutup, lembar.kolom, strict=True)
            ]
        )
    if lembar.catatan:
        sheet.append([])
        for line in lembar.catatan:
            sheet.append([_cell(sheet, line, TEKS)])


def _write_keterangan(workbook: Workbook, judul: str, bagian: list[tuple[str, list]]) -> None:
    """The "Keterangan" sheet: a title, then sections of lines or (label, value) pairs."""
    sheet = workbook.create_sheet("Keterangan")
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 100
    title = WriteOnlyCell(sheet, value=teks(judul))
    title.font = Font(bold=True, size=14)
    sheet.append([title])
    wrap = Alignment(wrap_text=True, vertical="top")
    for heading, lines in bagian:
        sheet.append([])
        sheet.append([_cell(sheet, heading, TEKS, bold=True)])
        for line in lines:
            if isinstance(line, tuple):
                label, value = line
                jenis = ANGKA if isinstance(value, int | float | Decimal) else TEKS
                value_cell = _cell(sheet, value, jenis)
                value_cell.alignment = wrap
                sheet.append([_cell(sheet, label, TEKS), value_cell])
            else:
                cell = _cell(sheet, line, TEKS)
                cell.alignment = Alignment(wrap_text=False, vertical="top")
                sheet.append([cell])


def workbook_bytes(
    *, lembar: list[Lembar], judul: str, keterangan: list[tuple[str, list]]
) -> bytes:
    workbook = Workbook(write_only=True)
    for sheet in lembar:
        _write_sheet(workbook, sheet)
    _write_keterangan(workbook, judul, keterangan)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def workbook_response(
    *, lembar: list[Lembar], judul: str, keterangan: list[tuple[str, list]], nama_berkas: str
) -> HttpResponse:
    content = workbook_bytes(lembar=lembar, judul=judul, keterangan=keterangan)
    filename = f"{slugify(nama_berkas) or 'evaluasi'}-{timezone.localdate():%Y%m%d}.xlsx"
    return HttpResponse(
        content,
        content_type=XLSX_TYPE,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
