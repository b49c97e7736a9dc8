"""Writes of evidence files: checked from their content, stored under a random name.

A file's type is decided from its bytes (magic numbers, and for Office files the package's
`[Content_Types].xml`), never from the name the browser sent; the name's extension must merely
agree with it. The user's file name is kept only for display and download, cleaned to a bare
basename, and never reaches the filesystem.
"""

import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from advokasi.models import Lampiran

NAMA_MAX = 200
# Bytes read for magic-number sniffing; filetype looks at most at the first 8 KiB.
SNIFF_BYTES = 8192
# A real [Content_Types].xml is a few KiB; anything far larger is not an Office file we accept.
CONTENT_TYPES_MAX = 256 * 1024

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_XLSX_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_MACRO = b"application/vnd.ms-office.vbaProject"


@dataclass(frozen=True)
class TipeBerkas:
    mime: str
    extensions: tuple[str, ...]


# The kinds of evidence accepted, keyed by what the content says they are.
TIPE_DIIZINKAN = {
    "pdf": TipeBerkas("application/pdf", (".pdf",)),
    "jpg": TipeBerkas("image/jpeg", (".jpg", ".jpeg")),
    "png": TipeBerkas("image/png", (".png",)),
    "webp": TipeBerkas("image/webp", (".webp",)),
    "docx": TipeBerkas(DOCX_MIME, (".docx",)),
    "xlsx": TipeBerkas(XLSX_MIME, (".xlsx",)),
}
EKSTENSI_DIIZINKAN = tuple(ext for tipe in TIPE_DIIZINKAN.values() for ext in tipe.extensions)
# For the file picker's `accept` attribute.
ACCEPT = ",".join(EKSTENSI_DIIZINKAN)


def nama_aman(nama: str) -> str:
    """The user's file name reduced to a displayable basename of at most 200 characters.

    Directory parts (either slash), NUL and other control characters, and leading dots are
    dropped, so "../../etc/passwd.pdf" becomes "passwd.pdf". The result is only ever shown or
    sent back in a Content-Disposition header; storage names are random.
    """
    nama = unicodedata.normalize("NFC", nama or "")
    nama = nama.replace("\\", "/").rsplit("/", 1)[-1]
    nama = "".join(ch for ch in nama if unicodedata.category(ch)[0] != "C")
    nama = nama.strip().lstrip(".").strip()
    if not nama:
        return ""
    if len(nama) > NAMA_MAX:
        suffix = PurePosixPath(nama).suffix
        suffix = suffix if len(suffix) <= 10 else ""
        nama = nama[: NAMA_MAX - len(suffix)].rstrip() + suffix
    return nama


def _office_kind(uploaded_file) -> str | None:
    """Which Office package this ZIP really is ("docx", "xlsx"), or None. Macros are refused."""
    try:
        uploaded_file.seek(0)
        with zipfile.ZipFile(uploaded_file) as package:
            try:
                info = package.getinfo("[Content_Types].xml")
            except KeyError:
                return None
            if info.file_size > CONTENT_TYPES_MAX:
                return None
            content_types = package.read(info)
            names = set(package.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, NotImplementedError):
        return None
    finally:
        uploaded_file.seek(0)
    if _MACRO in content_types:
        raise ValidationError(_("Berkas Office yang berisi makro tidak diterima."), code="makro")
    # The main part is usually word/document.xml or xl/workbook.xml, but producers may name it
    # otherwise: the declared content type decides, and the package must hold that kind's folder.
    is_docx = _DOCX_MAIN in content_types and any(n.startswith("word/") for n in names)
    is_xlsx = _XLSX_MAIN in content_types and any(n.startswith("xl/") for n in names)
    if is_docx == is_xlsx:  # neither, or a package claiming to be both
        return None
    return "docx" if is_docx else "xlsx"


def tipe_dari_isi(uploaded_file) -> str | None:
    """The accepted kind ("pdf", "jpg", …) the file's content shows, or None."""
    uploaded_file.seek(0)
    head = uploaded_file.read(SNIFF_BYTES)
    uploaded_file.seek(0)
    guess = filetype.guess(head)
    if guess is None:
        return None
    if guess.extension in ("zip", "docx", "xlsx"):
        return _office_kind(uploaded_file)
    if guess.extension in TIPE_DIIZINKAN:
        return guess.extension
    return None


def lampiran_periksa(*, uploaded_file) -> tuple[str, TipeBerkas]:
    """Check an upload; return its clean display name and its type, or raise ValidationError."""
    if uploaded_file is None:
        raise ValidationError(_("Pilih berkas yang akan diunggah."), code="kosong")
    if uploaded_file.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("Berkas lebih dari %(mb)d MB.") % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)},
            code="terlalu_besar",
        )
    if uploaded_file.size == 0:
        raise ValidationError(_("Berkas kosong."), code="kosong")
    nama = nama_aman(uploaded_file.name)
    extension = PurePosixPath(nama).suffix.lower()
    if not nama or extension not in EKSTENSI_DIIZINKAN:
        raise ValidationError(
            _("Jenis berkas tidak diterima. Unggah PDF, JPG, PNG, WEBP, DOCX atau XLSX."),
            code="jenis",
        )
    kind = tipe_dari_isi(uploaded_file)
    if kind is None:
        raise ValidationError(
            _("Isi berkas tidak dikenali sebagai PDF, JPG, PNG, WEBP, DOCX atau XLSX."),
            code="isi",
        )
    tipe = TIPE_DIIZINKAN[kind]
    if extension not in tipe.extensions:
        raise ValidationError(
            _("Ekstensi %(ext)s tidak sesuai dengan isi berkas (%(isi)s).")
            % {"ext": extension, "isi": kind.upper()},
            code="ekstensi",
        )
    return nama, tipe


def lampiran_create(
    *, user, parent_kind: str, parent, uploaded_file, jenis: str, keterangan: str = ""
) -> Lampiran:
    """Attach a checked file to a record the caller has already fetched through its write door."""
    if parent_kind not in Lampiran.PARENTS:
        raise ValueError(f"Unknown parent kind: {parent_kind}")
    nama, tipe = lampiran_periksa(uploaded_file=uploaded_file)
    lampiran = Lampiran(
        nama_asli=nama,
        jenis=jenis,
        keterangan=(keterangan or "").strip(),
        tipe_mime=tipe.mime,
        ukuran=uploaded_file.size,
        diunggah_oleh=user,
        **{parent_kind: parent},
    )
    lampiran.full_clean(exclude=["berkas"])
    stored_name = None
    try:
        with transaction.atomic():
            # The name given here only supplies the extension: lampiran_path makes it random.
            lampiran.berkas.save(f"lampiran{tipe.extensions[0]}", uploaded_file, save=False)
            stored_name = lampiran.berkas.name
            lampiran.save()
    except BaseException:
        if stored_name:
            lampiran.berkas.storage.delete(stored_name)
        raise
    return lampiran


def lampiran_delete(*, user, lampiran: Lampiran) -> None:
    """Remove a file and its row; the bytes go only once the deletion has committed."""
    storage, name = lampiran.berkas.storage, lampiran.berkas.name
    with transaction.atomic():
        lampiran.delete()
        transaction.on_commit(lambda: storage.delete(name))
