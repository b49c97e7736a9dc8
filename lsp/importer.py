"""Import of LSPs from the XLSX or CSV files BNSP staff keep in Excel, one row per LSP.

Two steps, so nothing is written before the user has seen what is wrong:
`impor_create` stores the upload and its validation result (the preview), and `impor_commit`
re-reads the stored file, re-validates it against the database as it is now, and creates every
row or none.

Validation reuses the models' own rules: each row becomes an unsaved `Sasaran` and `Lsp` that go
through `full_clean` (lengths, e-mail, URL, kode pos and telephone validators, choices). What
`full_clean` would check with one query per row (unique license number, the check constraint) is
done here for the whole file at once, so a file costs the same few queries whatever its length.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath

import openpyxl
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models.functions import Upper
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from lsp.models import Impor, Lsp, Provinsi, Sasaran

logger = logging.getLogger(__name__)

MAX_ROWS = 5_000
MAX_STORED_ERRORS = 1_000
PREVIEW_ROWS = 20
BATCH_SIZE = 500
# This many blank rows in a row end the table: sheets often carry formatted but empty rows down
# to row 1,048,576, and reading them all would take minutes.
MAX_BLANK_RUN = 1_000
# Rows scanned for the header row, so a title line or two above the table is tolerated.
HEADER_SEARCH_ROWS = 10
# An .xlsx is a zip: refuse one that would inflate beyond this (a "zip bomb").
MAX_XLSX_UNCOMPRESSED = 200 * 1024 * 1024
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DATA_SHEET = "Data LSP"
GUIDE_SHEET = "Petunjuk"

MONTHS = {
    **dict.fromkeys(["januari", "jan", "january"], 1),
    **dict.fromkeys(["februari", "pebruari", "feb", "peb", "february"], 2),
    **dict.fromkeys(["maret", "mar", "march"], 3),
    **dict.fromkeys(["april", "apr"], 4),
    **dict.fromkeys(["mei", "may"], 5),
    **dict.fromkeys(["juni", "jun", "june"], 6),
    **dict.fromkeys(["juli", "jul", "july"], 7),
    **dict.fromkeys(["agustus", "agu", "agt", "agus", "aug", "august"], 8),
    **dict.fromkeys(["september", "sep", "sept"], 9),
    **dict.fromkeys(["oktober", "okt", "oct", "october"], 10),
    **dict.fromkeys(["november", "nov", "nop", "nopember"], 11),
    **dict.fromkeys(["desember", "des", "dec", "december"], 12),
}
DATE_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
DATE_TEXT = re.compile(r"^(\d{1,2})[\s\-]+([A-Za-z]+)\.?[\s\-]+(\d{4})$")


@dataclass(frozen=True)
class Column:
    header: str
    model: type
    field: str
    kind: str = "text"  # text, date, integer, provinsi, jenis_lsp, url
    required: bool = False


COLUMNS = [
    Column("Nama LSP", Sasaran, "nama", required=True),
    Column("Jenis LSP", Lsp, "jenis_lsp", "jenis_lsp", required=True),
    Column("Nomor Lisensi", Lsp, "nomor_lisensi", required=True),
    Column("Nomor SK", Lsp, "nomor_sk"),
    Column("Tanggal Lisensi", Lsp, "tanggal_lisensi", "date", required=True),
    Column("Tanggal Kedaluwarsa", Lsp, "tanggal_kedaluwarsa", "date", required=True),
    Column("Nomor Akreditasi KAN", Lsp, "nomor_akreditasi_kan"),
    Column("KAN Berlaku Sampai", Lsp, "kan_berlaku_sampai", "date"),
    Column("Sektor", Lsp, "sektor", required=True),
    Column("Jumlah Skema", Lsp, "jumlah_skema", "integer"),
    Column("Alamat", Sasaran, "alamat"),
    Column("Kabupaten/Kota", Sasaran, "kabupaten_kota"),
    Column("Provinsi", Sasaran, "provinsi", "provinsi", required=True),
    Column("Kode Pos", Sasaran, "kode_pos"),
    Column("Website", Sasaran, "website", "url"),
    Column("Narahubung", Sasaran, "narahubung"),
    Column("Email", Sasaran, "email"),
    Column("Telepon", Sasaran, "telepon"),
]
COLUMN_BY_FIELD = {(c.model, c.field): c for c in COLUMNS}

# The example row of the downloadable template (lsp.exporter), in column order.
EXAMPLE_ROW = {
    "Nama LSP": "LSP Teknologi Informasi Nusantara",
    "Jenis LSP": "P3",
    "Nomor Lisensi": "BNSP-LSP-1234-ID",
    "Nomor SK": "KEP.1234/BNSP/VI/2024",
    "Tanggal Lisensi": date(2024, 6, 11),
    "Tanggal Kedaluwarsa": date(2029, 6, 10),
    "Nomor Akreditasi KAN": "LSP-012-IDN",
    "KAN Berlaku Sampai": date(2027, 12, 31),
    "Sektor": "Teknologi Informasi dan Komunikasi",
    "Jumlah Skema": 12,
    "Alamat": "Jl. Ir. H. Juanda No. 10",
    "Kabupaten/Kota": "Kota Bandung",
    "Provinsi": "Jawa Barat",
    "Kode Pos": "40115",
    "Website": "https://lsp-tin.or.id",
    "Narahubung": "Budi Santoso",
    "Email": "sekretariat@lsp-tin.or.id",
    "Telepon": "022-4201234",
}


def normalize_header(value) -> str:
    """'  nama  LSP* ' and 'Kabupaten / Kota' match 'Nama LSP' and 'Kabupaten/Kota'."""
    text = re.sub(r"\s+", " ", str(value or "").replace("*", "")).strip().lower()
    return re.sub(r"\s*/\s*", "/", text)


HEADER_LOOKUP = {normalize_header(c.header): c for c in COLUMNS}


@dataclass
class RowError:
    baris: int | None  # the row number Excel shows; None for a problem with the whole file
    kolom: str
    nilai: str
    alasan: str

    def as_dict(self) -> dict:
        return {
            "baris": self.baris,
            "kolom": self.kolom,
            "nilai": self.nilai,
            "alasan": self.alasan,
        }


@dataclass
class ImportResult:
    format: str
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # (row number, Sasaran, Lsp), unsaved; only meant to be saved when `errors` is empty.
    instances: list[tuple[int, Sasaran, Lsp]] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.instances)

    def file_error(self, message: str, kolom: str = "") -> None:
        self.errors.append(RowError(None, kolom, "", message))

    def preview(self, limit: int = PREVIEW_ROWS) -> list[dict]:
        return [
            {
                "baris": row,
                "nama": s.nama,
                "jenis_lsp": lsp.jenis_lsp,
                "nomor_lisensi": lsp.nomor_lisensi,
                "tanggal_lisensi": lsp.tanggal_lisensi.isoformat(),
                "tanggal_kedaluwarsa": lsp.tanggal_kedaluwarsa.isoformat(),
                "sektor": lsp.sektor,
                "kabupaten_kota": s.kabupaten_kota,
                "provinsi": s.provinsi.nama,
            }
            for row, s, lsp in self.instances[:limit]
        ]


class FileRejected(Exception):
    """The file cannot be read as a table at all; the message says why, in Indonesian."""


# Uploads -----------------------------------------------------------------------------------------


def check_upload(uploaded_file) -> str:
    """Refuse what is not an .xlsx or .csv of acceptable size; return the format.

    The extension is only a claim: the first bytes must agree with it (an .xlsx is a zip holding a
    workbook, a .csv is text).
    """
    suffix = PurePath(uploaded_file.name or "").suffix.lower().lstrip(".")
    if suffix not in Impor.Format.values:
        raise ValidationError(_("Hanya berkas .xlsx atau .csv yang dapat diimpor."), code="format")
    size = uploaded_file.size or 0
    if size == 0:
        raise ValidationError(_("Berkas kosong."), code="empty")
    if size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("Ukuran berkas %(size)s, melebihi batas %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(settings.UPLOAD_MAX_BYTES)},
            code="too_big",
        )
    uploaded_file.seek(0)
    head = uploaded_file.read(8192)
    uploaded_file.seek(0)
    if suffix == Impor.Format.XLSX:
        if not head.startswith(b"PK\x03\x04") or not _is_workbook(uploaded_file):
            raise ValidationError(
                _(
                    "Isi berkas ini bukan XLSX. Buka di Excel lalu simpan sebagai "
                    "“Excel Workbook (*.xlsx)”."
                ),
                code="not_xlsx",
            )
    elif not head.startswith((b"\xff\xfe", b"\xfe\xff")) and (
        b"\x00" in head or head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF"))
    ):
        # UTF-16 text (Excel's "Unicode Text") passes here and is refused by its encoding later.
        raise ValidationError(
            _("Isi berkas ini bukan teks CSV. Simpan dari Excel sebagai “CSV UTF-8 (*.csv)”."),
            code="not_csv",
        )
    return suffix


def _is_workbook(uploaded_file) -> bool:
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        uploaded_file.seek(0)


def display_name(name: str | None) -> str:
    """The user's file name for display only: no path, no control characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[\x00-\x1f\x7f]", "", base).strip()
    return base[:255] or "berkas"


# Reading a table ---------------------------------------------------------------------------------


def _xlsx_rows(data: bytes):
    """(Excel row number, cell values) of the data sheet."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNCOMPRESSED:
                raise FileRejected(_("Isi berkas XLSX terlalu besar setelah dibuka."))
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except FileRejected:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        logger.info("Unreadable XLSX upload: %r", exc)
        raise FileRejected(_("Berkas XLSX rusak atau tidak dapat dibaca.")) from exc
    try:
        names = workbook.sheetnames
        if DATA_SHEET in names:
            sheet = workbook[DATA_SHEET]
        else:
            sheet = workbook[next((n for n in names if n != GUIDE_SHEET), names[0])]
        # The declared dimension can be missing or wrong; read the rows that are really there.
        sheet.reset_dimensions()
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(row)
    except FileRejected:
        raise
    except Exception as exc:
        logger.info("Unreadable XLSX sheet: %r", exc)
        raise FileRejected(_("Berkas XLSX rusak atau tidak dapat dibaca.")) from exc
    finally:
        workbook.close()


def _csv_rows(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FileRejected(
            _(
                "Berkas CSV tidak ber-encoding UTF-8 (karakter tidak terbaca di baris %(line)s). "
                "Di Excel, pilih Simpan Sebagai “CSV UTF-8 (Comma delimited) (*.csv)”."
            )
            % {"line": line}
        ) from exc
    lines = text.splitlines()[:HEADER_SEARCH_ROWS]
    header_line = next((ln for ln in lines if "nama lsp" in ln.lower()), None)
    header_line = header_line or next((ln for ln in lines if ln.strip()), "")
    # Excel writes ";" where the decimal separator is a comma (as in Indonesian settings).
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    try:
        # Counting records, not lines, gives the row Excel shows even with line breaks in a cell.
        yield from enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1)
    except csv.Error as exc:
        raise FileRejected(_("Berkas CSV tidak dapat dibaca: %(error)s") % {"error": exc}) from exc


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# Cell values -------------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    text = str(value).strip()
    # Undo the quote our exports put before a formula-like value (lsp.exporter.escape_cell).
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_TRIGGERS:
        text = text[1:]
    return text


def _shown(value) -> str:
    """A cell's value as the user would recognise it, for the error table."""
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return _text(value)[:100]


def parse_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError("not a date")
    text = value.strip()
    if match := DATE_DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := DATE_ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif (match := DATE_TEXT.match(text)) and match.group(2).lower() in MONTHS:
        day, month, year = int(match.group(1)), MONTHS[match.group(2).lower()], int(match.group(3))
    else:
        raise ValueError("not a date")
    return date(year, month, day)


def parse_integer(value) -> int:
    if isinstance(value, bool):
        raise ValueError("not a number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = _text(value)
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    raise ValueError("not a whole number")


def _province_key(value) -> str:
    text = _text(value).lower().replace(".", "")
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^(provinsi|prov) ", "", text)


def _province_lookup() -> dict[str, Provinsi]:
    """By normalised name and by BPS code: 'Jawa Barat', 'jawa  barat', 'D.I. Yogyakarta', '32'."""
    lookup = {}
    for provinsi in Provinsi.objects.all():
        lookup[_province_key(provinsi.nama)] = provinsi
        lookup[provinsi.kode] = provinsi
    return lookup


def _expiry_message() -> str:
    for constraint in Lsp._meta.constraints:
        if constraint.name == "lsp_lisensi_berakhir_setelah_terbit":
            return str(constraint.get_violation_error_message())
    return _("Tanggal kedaluwarsa harus setelah tanggal lisensi.")


# Validation --------------------------------------------------------------------------------------


def _find_header(rows_iter):
    """(row number, cells) of the header row: the first of the top rows naming two known columns,
    else the first non-blank row (whose missing columns are then reported)."""
    seen = []
    for number, cells in rows_iter:
        seen.append((number, cells))
        keys = {normalize_header(c) for c in cells if not _is_blank(c)}
        if len(keys & set(HEADER_LOOKUP)) >= 2:
            return number, cells
        if len(seen) >= HEADER_SEARCH_ROWS:
            break
    first = next(((n, c) for n, c in seen if any(not _is_blank(v) for v in c)), None)
    if first is None:
        raise FileRejected(_("Berkas tidak berisi data."))
    return first


def _map_header(number: int, cells: list, result: ImportResult) -> dict[int, Column]:
    mapping: dict[int, Column] = {}
    unknown = []
    for index, cell in enumerate(cells):
        if _is_blank(cell):
            continue
        column = HEADER_LOOKUP.get(normalize_header(cell))
        if column is None:
            unknown.append(_text(cell))
        elif column in mapping.values():
            result.errors.append(
                RowError(
                    number, column.header, _text(cell), _("Kolom ini muncul lebih dari sekali.")
                )
            )
        else:
            mapping[index] = column
    missing = [c.header for c in COLUMNS if c.required and c not in mapping.values()]
    if missing:
        result.file_error(
            _(
                "Kolom wajib tidak ditemukan di baris judul (baris %(row)s): %(headers)s. "
                "Gunakan judul kolom seperti di templat."
            )
            % {"row": number, "headers": ", ".join(missing)},
            kolom=", ".join(missing),
        )
    if unknown:
        # A warning, not an error: staff sheets often carry extra columns ("No.", "Keterangan"),
        # and refusing them would only make people delete columns. Naming them still catches a
        # misspelt optional header, whose data would otherwise be dropped without a word.
        result.warnings.append(
            _("Kolom berikut tidak dikenal dan diabaikan: %(headers)s.")
            % {"headers": ", ".join(f"“{name}”" for name in unknown)}
        )
    return mapping


class CellRejected(ValueError):
    """A cell's value cannot be converted; the message says why, in Indonesian."""


def _convert(column: Column, raw, provinces: dict[str, Provinsi]):
    """The model value of a non-blank cell; validators run later, in full_clean."""
    if column.kind == "date":
        try:
            return parse_date(raw)
        except ValueError:
            raise CellRejected(
                _("Bukan tanggal. Tulis sebagai 11/06/2012, 2012-06-11 atau 11 Juni 2012.")
            ) from None
    if column.kind == "integer":
        try:
            return parse_integer(raw)
        except ValueError:
            raise CellRejected(_("Harus bilangan bulat 0 atau lebih.")) from None
    if column.kind == "provinsi":
        provinsi = provinces.get(_province_key(raw))
        if provinsi is None:
            raise CellRejected(
                _("Provinsi tidak dikenal. Tulis nama provinsi (sheet Petunjuk) atau kode BPS.")
            )
        return provinsi
    text = _text(raw)
    if column.kind == "jenis_lsp":
        # "p3" and "P3 (pihak ketiga)", as the choice label reads, both mean P3.
        code = text.upper().split(" ")[0]
        if code not in Lsp.JenisLsp.values:
            allowed = ", ".join(Lsp.JenisLsp.values)
            raise CellRejected(
                _("Jenis LSP harus salah satu dari: %(values)s.") % {"values": allowed}
            )
        return code
    if column.kind == "url" and "://" not in text:
        # As Django's form URLField does: "lsp.or.id" means https://lsp.or.id.
        return f"https://{text}"
    return text


def _build_row(number: int, values: dict[Column, object], provinces, result: ImportResult):
    """Turn one row into an unsaved Sasaran and Lsp, recording every bad cell."""
    errors: list[RowError] = []
    attrs = {Sasaran: {}, Lsp: {}}
    # Fields full_clean must not look at: already reported, or known good without the query
    # ForeignKey.validate would make (provinsi comes from the batch lookup, sasaran is unsaved).
    skip = {Sasaran: {"provinsi"}, Lsp: {"sasaran"}}
    for column in COLUMNS:
        raw = values.get(column)
        try:
            if _is_blank(raw):
                if column.required:
                    raise CellRejected(_("Wajib diisi."))
                if column.kind != "integer":  # an empty jumlah skema keeps the model default
                    attrs[column.model][column.field] = None if column.kind == "date" else ""
                continue
            attrs[column.model][column.field] = _convert(column, raw, provinces)
        except CellRejected as exc:
            errors.append(RowError(number, column.header, _shown(raw), str(exc)))
            skip[column.model].add(column.field)

    sasaran = Sasaran(jenis=Sasaran.Jenis.LSP, **attrs[Sasaran])
    lsp = Lsp(sasaran=sasaran, **attrs[Lsp])
    for instance in (sasaran, lsp):
        model = type(instance)
        try:
            # Uniqueness and the check constraint would each cost a query per row: done here and
            # in _check_license_numbers instead.
            instance.full_clean(
                exclude=skip[model], validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            for field_name, messages in exc.message_dict.items():
                column = COLUMN_BY_FIELD.get((model, field_name))
                if column:
                    header = column.header
                else:
                    header = "" if field_name == NON_FIELD_ERRORS else field_name
                shown = _shown(values.get(column)) if column else ""
                errors.extend(RowError(number, header, shown, m) for m in messages)
    issued, expires = attrs[Lsp].get("tanggal_lisensi"), attrs[Lsp].get("tanggal_kedaluwarsa")
    if issued and expires and expires <= issued:
        column = COLUMN_BY_FIELD[(Lsp, "tanggal_kedaluwarsa")]
        errors.append(RowError(number, column.header, _shown(values[column]), _expiry_message()))
    result.errors.extend(errors)
    result.instances.append((number, sasaran, lsp))


def _check_license_numbers(result: ImportResult) -> None:
    """Duplicates inside the file (both rows reported) and against the database, in batches."""
    column = COLUMN_BY_FIELD[(Lsp, "nomor_lisensi")]
    # License numbers are compared ignoring case: "bnsp-lsp-01" and "BNSP-LSP-01" are one license.
    rows_by_key: dict[str, list[int]] = {}
    shown: dict[str, str] = {}
    for number, _sasaran, lsp in result.instances:
        if lsp.nomor_lisensi:
            key = lsp.nomor_lisensi.upper()
            rows_by_key.setdefault(key, []).append(number)
            shown[key] = lsp.nomor_lisensi
    for key, numbers in rows_by_key.items():
        if len(numbers) > 1:
            for number in numbers:
                others = ", ".join(str(n) for n in numbers if n != number)
                result.errors.append(
                    RowError(
                        number,
                        column.header,
                        shown[key],
                        _("Nomor lisensi ganda di berkas ini (juga di baris %(rows)s).")
                        % {"rows": others},
                    )
                )
    keys = list(rows_by_key)
    existing: dict[str, str] = {}
    for start in range(0, len(keys), 1000):
        existing.update(
            Lsp.objects.annotate(key=Upper("nomor_lisensi"))
            .filter(key__in=keys[start : start + 1000])
            .values_list("key", "sasaran__nama")
        )
    for key, nama in existing.items():
        for number in rows_by_key[key]:
            result.errors.append(
                RowError(
                    number,
                    column.header,
                    shown[key],
                    _("Nomor lisensi sudah terdaftar untuk %(nama)s.") % {"nama": nama},
                )
            )


def parse_and_validate(data: bytes, fmt: str) -> ImportResult:
    """Read a whole file and validate every row; a fixed number of queries whatever its length."""
    result = ImportResult(format=fmt)
    rows_iter = iter(_xlsx_rows(data) if fmt == Impor.Format.XLSX else _csv_rows(data))
    try:
        header_number, header_cells = _find_header(rows_iter)
        mapping = _map_header(header_number, header_cells, result)
        if result.errors:
            return result
        provinces = _province_lookup()
        example = {c: EXAMPLE_ROW[c.header] for c in COLUMNS}
        blank_run = 0
        for number, cells in rows_iter:
            values = {column: cells[i] for i, column in mapping.items() if i < len(cells)}
            if all(_is_blank(v) for v in values.values()):
                blank_run += 1
                if blank_run > MAX_BLANK_RUN:
                    break
                continue
            blank_run = 0
            result.rows += 1
            if result.rows > MAX_ROWS:
                result.rows = MAX_ROWS
                result.file_error(
                    _("Berkas berisi lebih dari %(max)s baris. Bagi menjadi beberapa berkas.")
                    % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
                )
                return result
            if all(_shown(values.get(c)) == _shown(v) for c, v in example.items()):
                result.warnings.append(
                    _("Baris %(row)s sama dengan baris contoh templat; hapus bila tidak sengaja.")
                    % {"row": number}
                )
            _build_row(number, values, provinces, result)
    except FileRejected as exc:
        result.file_error(str(exc))
        return result
    if not result.rows:
        result.file_error(_("Berkas tidak berisi baris data di bawah baris judul."))
        return result
    _check_license_numbers(result)
    order = {c.header: i for i, c in enumerate(COLUMNS)}
    result.errors.sort(key=lambda e: (e.baris or 0, order.get(e.kolom, -1)))
    return result


# Services ----------------------------------------------------------------------------------------


def _store_result(impor: Impor, result: ImportResult) -> None:
    impor.jumlah_baris = result.rows
    impor.jumlah_galat = len(result.errors)
    impor.galat = [e.as_dict() for e in result.errors[:MAX_STORED_ERRORS]]
    impor.peringatan = result.warnings
    impor.pratinjau = result.preview() if result.is_valid else []
    impor.status = Impor.Status.VALID if result.is_valid else Impor.Status.INVALID


def impor_create(*, user, uploaded_file) -> Impor:
    """Store an uploaded file under a random name with its validation result; save no LSP yet."""
    fmt = check_upload(uploaded_file)
    uploaded_file.seek(0)
    data = uploaded_file.read()
    with translation.override("id"):
        result = parse_and_validate(data, fmt)
    impor = Impor(user=user, nama_asli=display_name(uploaded_file.name), format=fmt)
    _store_result(impor, result)
    # The user's file name never reaches the disk: it could be "../../etc/passwd.csv".
    impor.berkas.save(f"{uuid.uuid4().hex}.{fmt}", ContentFile(data), save=False)
    impor.save()
    return impor


def impor_commit(*, user, impor: Impor) -> int:
    """Create every LSP of a validated import, or none; return how many were created.

    The file is validated again: the registry may have changed since the preview.
    """
    if impor.user_id != user.pk:
        raise PermissionDenied
    refused = None
    try:
        with transaction.atomic():
            locked = Impor.objects.select_for_update().get(pk=impor.pk)
            if locked.status == Impor.Status.DISIMPAN:
                raise ValidationError(_("Berkas ini sudah disimpan sebelumnya."), code="done")
            with locked.berkas.open("rb") as stored:
                data = stored.read()
            with translation.override("id"):
                result = parse_and_validate(data, locked.format)
            if not result.is_valid:
                # Keep the fresh errors for the preview; raised once this block has committed.
                _store_result(locked, result)
                locked.save()
                refused = ValidationError(
                    _(
                        "Tidak ada yang disimpan: pemeriksaan ulang menemukan %(n)s galat "
                        "(data di sistem mungkin berubah sejak pratinjau)."
                    )
                    % {"n": len(result.errors)},
                    code="invalid",
                )
            else:
                count = _create_all(user=user, impor=locked, result=result)
                locked.status = Impor.Status.DISIMPAN
                locked.disimpan_pada = timezone.now()
                locked.disimpan_oleh = user
                locked.jumlah_disimpan = count
                locked.save()
    except IntegrityError as exc:
        # Someone saved the same license number between our check and our insert.
        raise ValidationError(
            _("Tidak ada yang disimpan: data bentrok dengan perubahan lain. Coba simpan lagi."),
            code="conflict",
        ) from exc
    # The caller's instance shows what is now stored (fresh errors, or the saved state).
    for model_field in Impor._meta.concrete_fields:
        setattr(impor, model_field.attname, getattr(locked, model_field.attname))
    if refused:
        raise refused
    return count


def _create_all(*, user, impor: Impor, result: ImportResult) -> int:
    reason = f"Impor #{impor.pk}: {impor.nama_asli}"[:100]
    now = timezone.now()
    history = {"default_user": user, "default_change_reason": reason, "default_date": now}
    sasaran = bulk_create_with_history(
        [s for _n, s, _l in result.instances], Sasaran, batch_size=BATCH_SIZE, **history
    )
    lsps = []
    for saved, (_n, _s, lsp) in zip(sasaran, result.instances, strict=True):
        lsp.sasaran = saved
        lsps.append(lsp)
    bulk_create_with_history(lsps, Lsp, batch_size=BATCH_SIZE, **history)
    return len(lsps)
