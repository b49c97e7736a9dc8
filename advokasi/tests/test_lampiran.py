"""Evidence files: checked from their content, stored under random names, served only by door."""

import io
import zipfile
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from openpyxl import Workbook

from advokasi.models import Lampiran
from advokasi.services.lampiran import (
    DOCX_MIME,
    XLSX_MIME,
    lampiran_create,
    lampiran_periksa,
    nama_aman,
)
from advokasi.tests.factories import (
    BimbinganFactory,
    FgdFactory,
    PermasalahanFactory,
    RtlFactory,
    SurveiFactory,
)
from advokasi.views.lampiran import parent_url
from lsp.tests.factories import LspFactory, provinsi

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + b"\x00" * 64
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 64

_DOCX_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in entries.items():
            package.writestr(name, data)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": _DOCX_TYPES,
            "_rels/.rels": b"<Relationships/>",
            "word/document.xml": b"<w:document/>",
        }
    )


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active["A1"] = "Daftar hadir"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.fixture
def lsp_jabar():
    return LspFactory(sasaran__provinsi=provinsi("Jawa Barat")).sasaran


@pytest.fixture
def parents(tim, lsp_jabar):
    """One record of each kind that carries files, all of `tim` and of a Jawa Barat LSP."""
    survei = SurveiFactory(tim=tim, sasaran=[lsp_jabar])
    problem = PermasalahanFactory(survei=survei, sasaran=lsp_jabar)
    session = BimbinganFactory(tim=tim, sasaran=[lsp_jabar])
    return {
        "permasalahan": problem,
        "fgd": FgdFactory(tim=tim, permasalahan=[problem]),
        "bimbingan": session,
        "rtl": RtlFactory(bimbingan=session, pemilik_sasaran=lsp_jabar, permasalahan=problem),
    }


def upload_url(kind, parent) -> str:
    return reverse("advokasi:lampiran-upload", args=[kind, parent.pk])


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def make_lampiran(user, parent_kind, parent, name="notulen.pdf", content=PDF) -> Lampiran:
    return lampiran_create(
        user=user,
        parent_kind=parent_kind,
        parent=parent,
        uploaded_file=upload(name, content),
        jenis=Lampiran.Jenis.NOTULEN,
        keterangan="Notulen rapat",
    )


# --- the checks of the service ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("notulen.pdf", PDF, "application/pdf"),
        ("foto.JPG", JPEG, "image/jpeg"),
        ("foto.jpeg", JPEG, "image/jpeg"),
        ("foto.png", PNG, "image/png"),
        ("foto.webp", WEBP, "image/webp"),
        ("berita-acara.docx", docx_bytes(), DOCX_MIME),
        ("daftar-hadir.xlsx", xlsx_bytes(), XLSX_MIME),
    ],
)
def test_accepted_kinds_get_their_type_from_the_content(name, content, mime):
    _nama, tipe = lampiran_periksa(uploaded_file=upload(name, content))
    assert tipe.mime == mime


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("kosong.pdf", b"", "Berkas kosong."),
        ("program.pdf", b"MZ\x90\x00\x03" + b"\x00" * 64, "Isi berkas tidak dikenali"),
        ("halaman.pdf", b"<html><script>alert(1)</script></html>", "Isi berkas tidak dikenali"),
        ("gambar.png", PDF, "Ekstensi .png tidak sesuai dengan isi berkas (PDF)"),
        ("dokumen.pdf", docx_bytes(), "Ekstensi .pdf tidak sesuai dengan isi berkas (DOCX)"),
        ("tabel.docx", xlsx_bytes(), "Ekstensi .docx tidak sesuai dengan isi berkas (XLSX)"),
        ("arsip.docx", _zip({"isi.txt": b"bukan dokumen"}), "Isi berkas tidak dikenali"),
        (
            "makro.docx",
            _zip(
                {
                    "[Content_Types].xml": _DOCX_TYPES.replace(
                        b"</Types>",
                        b'<Default Extension="bin" '
                        b'ContentType="application/vnd.ms-office.vbaProject"/></Types>',
                    ),
                    "word/document.xml": b"<w:document/>",
                    "word/vbaProject.bin": b"\x00" * 16,
                }
            ),
            "Berkas Office yang berisi makro tidak diterima.",
        ),
        ("rusak.docx", b"PK\x03\x04" + b"\x00" * 64, "Isi berkas tidak dikenali"),
        ("skrip.exe", PDF, "Jenis berkas tidak diterima"),
        ("tanpa-ekstensi", PDF, "Jenis berkas tidak diterima"),
        ("notulen.pdf.exe", PDF, "Jenis berkas tidak diterima"),
    ],
)
def test_refused_files_say_why(name, content, message):
    with pytest.raises(ValidationError) as excinfo:
        lampiran_periksa(uploaded_file=upload(name, content))
    assert message in excinfo.value.messages[0]


def test_a_file_over_ten_megabytes_is_refused(settings):
    big = upload("besar.pdf", PDF + b"0" * settings.UPLOAD_MAX_BYTES)
    with pytest.raises(ValidationError) as excinfo:
        lampiran_periksa(uploaded_file=big)
    assert excinfo.value.messages == ["Berkas lebih dari 10 MB."]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\Windows\\system32\\evil.pdf", "evil.pdf"),
        ("/var/www/notulen.pdf", "notulen.pdf"),
        ("lap\x00oran\x1f.pdf", "laporan.pdf"),
        ("..pdf", "pdf"),
        ("  Notulen FGD Juni.pdf  ", "Notulen FGD Juni.pdf"),
        ("../", ""),
    ],
)
def test_user_file_names_are_reduced_to_a_clean_basename(raw, clean):
    assert nama_aman(raw) == clean


def test_very_long_names_are_cut_to_200_characters_keeping_the_extension():
    cleaned = nama_aman("a" * 300 + ".pdf")
    assert len(cleaned) == 200
    assert cleaned.endswith(".pdf")


def test_odd_names_never_reach_the_filesystem(settings, fasilitator, parents):
    lampiran = make_lampiran(fasilitator, "fgd", parents["fgd"], name="../../etc/passwd.pdf")
    assert lampiran.nama_asli == "passwd.pdf"
    assert lampiran.berkas.name.startswith("lampiran/")
    assert "passwd" not in lampiran.berkas.name and ".." not in lampiran.berkas.name
    assert lampiran.berkas.name.endswith(".pdf")
    files = stored_files(settings)
    assert len(files) == 1
    assert files[0].resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert files[0].read_bytes() == PDF


def test_service_stores_type_size_uploader_and_exactly_one_parent(fasilitator, parents):
    lampiran = make_lampiran(fasilitator, "rtl", parents["rtl"], name="foto.png", content=PNG)
    assert lampiran.tipe_mime == "image/png"
    assert lampiran.ukuran == len(PNG)
    assert lampiran.diunggah_oleh == fasilitator
    assert lampiran.rtl == parents["rtl"]
    assert lampiran.fgd_id is None and lampiran.bimbingan_id is None


# --- upload view ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["permasalahan", "fgd", "bimbingan", "rtl"])
def test_fasilitator_uploads_evidence_to_their_teams_record(
    client_as, fasilitator, parents, kind, settings
):
    parent = parents[kind]
    response = client_as(fasilitator).post(
        upload_url(kind, parent),
        {"berkas": upload("Notulen Rapat.pdf", PDF), "jenis": "notulen", "keterangan": "Asli"},
    )
    assert response.status_code == 302
    assert response.url == parent_url(parent)
    assert messages_of(response) == ["Lampiran Notulen Rapat.pdf berhasil diunggah."]
    lampiran = Lampiran.objects.get()
    assert getattr(lampiran, kind) == parent
    assert (lampiran.nama_asli, lampiran.jenis, lampiran.keterangan) == (
        "Notulen Rapat.pdf",
        "notulen",
        "Asli",
    )
    assert len(stored_files(settings)) == 1


def test_komisi_uploads_to_any_team_record(client_as, komisi, parents):
    response = client_as(komisi).post(
        upload_url("fgd", parents["fgd"]), {"berkas": upload("foto.jpg", JPEG), "jenis": "foto"}
    )
    assert response.status_code == 302
    assert Lampiran.objects.get().tipe_mime == "image/jpeg"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"berkas": upload("foto.png", PDF), "jenis": "foto"}, "Ekstensi .png tidak sesuai"),
        ({"berkas": upload("kosong.pdf", b""), "jenis": "foto"}, "Berkas kosong."),
        ({"jenis": "foto"}, "Pilih berkas yang akan diunggah."),
        ({"berkas": upload("a.pdf", PDF), "jenis": "rahasia"}, "Pilih jenis lampiran dari daftar."),
        (
            {"berkas": upload("a.pdf", PDF), "jenis": "foto", "keterangan": "x" * 201},
            "Keterangan paling banyak 200 karakter.",
        ),
    ],
)
def test_bad_upload_is_refused_with_a_message_and_nothing_saved(
    client_as, fasilitator, parents, data, message, settings
):
    parent = parents["bimbingan"]
    response = client_as(fasilitator).post(upload_url("bimbingan", parent), data)
    assert response.status_code == 302
    assert response.url == parent_url(parent)
    [shown] = messages_of(response)
    assert shown.startswith("Lampiran tidak diunggah: ")
    assert message in shown
    assert not Lampiran.objects.exists()
    assert stored_files(settings) == []


def test_upload_over_ten_megabytes_is_refused(client_as, fasilitator, parents, settings):
    big = upload("besar.pdf", PDF + b"0" * settings.UPLOAD_MAX_BYTES)
    response = client_as(fasilitator).post(
        upload_url("fgd", parents["fgd"]), {"berkas": big, "jenis": "dokumen"}
    )
    assert messages_of(response) == ["Lampiran tidak diunggah: Berkas lebih dari 10 MB."]
    assert not Lampiran.objects.exists()
    assert stored_files(settings) == []


def test_fasilitator_of_another_team_gets_404_and_nothing_is_saved(
    client_as, fasilitator_lain, parents
):
    client = client_as(fasilitator_lain)
    for kind, parent in parents.items():
        response = client.post(
            upload_url(kind, parent), {"berkas": upload("a.pdf", PDF), "jenis": "foto"}
        )
        assert response.status_code == 404, kind
    assert not Lampiran.objects.exists()


@pytest.mark.parametrize("role", ["pimpinan", "bksp_user"])
def test_readers_who_may_not_edit_get_403(request, client_as, role, parents):
    client = client_as(request.getfixturevalue(role))
    for kind, parent in parents.items():
        response = client.post(
            upload_url(kind, parent), {"berkas": upload("a.pdf", PDF), "jenis": "foto"}
        )
        assert response.status_code == 403, kind
    assert not Lampiran.objects.exists()


@pytest.mark.parametrize("role", ["bksp_lain", "no_role"])
def test_users_who_cannot_see_the_record_get_404(request, client_as, role, parents):
    client = client_as(request.getfixturevalue(role))
    response = client.post(
        upload_url("fgd", parents["fgd"]), {"berkas": upload("a.pdf", PDF), "jenis": "foto"}
    )
    assert response.status_code == 404


def test_upload_to_an_unknown_kind_or_id_is_404(client_as, komisi, parents):
    client = client_as(komisi)
    data = {"berkas": upload("a.pdf", PDF), "jenis": "foto"}
    assert client.post(f"/survei/{parents['fgd'].pk}/lampiran/", data).status_code == 404
    assert client.post(f"/sasaran/{parents['fgd'].pk}/lampiran/", data).status_code == 404
    missing = reverse("advokasi:lampiran-upload", args=["fgd", 999999])
    assert client.post(missing, data).status_code == 404


def test_upload_refuses_get_and_sends_anonymous_users_to_login(client, client_as, komisi, parents):
    url = upload_url("fgd", parents["fgd"])
    response = client.post(url, {"berkas": upload("a.pdf", PDF), "jenis": "foto"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert client_as(komisi).get(url).status_code == 405


# --- download -------------------------------------------------------------------------------


def test_download_sends_the_file_as_an_attachment_with_its_original_name(
    client_as, fasilitator, parents
):
    lampiran = make_lampiran(fasilitator, "fgd", parents["fgd"], name="../../etc/passwd.pdf")
    response = client_as(fasilitator).get(reverse("advokasi:lampiran-download", args=[lampiran.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="passwd.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("role", ["komisi", "pimpinan", "bksp_user", "fasilitator"])
def test_readers_of_the_record_may_download(request, client_as, fasilitator, role, parents):
    lampiran = make_lampiran(fasilitator, "permasalahan", parents["permasalahan"])
    client = client_as(request.getfixturevalue(role))
    assert client.get(reverse("advokasi:lampiran-download", args=[lampiran.pk])).status_code == 200


@pytest.mark.parametrize("role", ["fasilitator_lain", "bksp_lain", "no_role"])
def test_others_get_404_for_a_download(request, client_as, fasilitator, role, parents):
    lampiran = make_lampiran(fasilitator, "bimbingan", parents["bimbingan"])
    client = client_as(request.getfixturevalue(role))
    assert client.get(reverse("advokasi:lampiran-download", args=[lampiran.pk])).status_code == 404


def test_download_refuses_post_and_sends_anonymous_users_to_login(
    client, client_as, fasilitator, parents
):
    lampiran = make_lampiran(fasilitator, "rtl", parents["rtl"])
    url = reverse("advokasi:lampiran-download", args=[lampiran.pk])
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert client_as(fasilitator).post(url).status_code == 405


def test_files_are_not_reachable_under_media_url(client_as, komisi, fasilitator, parents):
    lampiran = make_lampiran(fasilitator, "fgd", parents["fgd"])
    assert client_as(komisi).get(f"/media/{lampiran.berkas.name}").status_code == 404


def test_a_file_missing_from_storage_gives_404_not_500(client_as, komisi, fasilitator, parents):
    lampiran = make_lampiran(fasilitator, "fgd", parents["fgd"])
    lampiran.berkas.storage.delete(lampiran.berkas.name)
    response = client_as(komisi).get(reverse("advokasi:lampiran-download", args=[lampiran.pk]))
    assert response.status_code == 404


# --- delete ---------------------------------------------------------------------------------


def test_fasilitator_deletes_a_file_of_their_team_record(
    client_as, fasilitator, parents, settings, django_capture_on_commit_callbacks
):
    lampiran = make_lampiran(fasilitator, "fgd", parents["fgd"], name="salah.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(fasilitator).post(
            reverse("advokasi:lampiran-delete", args=[lampiran.pk])
        )
    assert response.status_code == 302
    assert response.url == parent_url(parents["fgd"])
    assert messages_of(response) == ["Lampiran salah.pdf dihapus."]
    assert not Lampiran.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize(("role", "status"), [("pimpinan", 403), ("bksp_user", 403)])
def test_readers_may_not_delete(request, client_as, fasilitator, parents, role, status):
    lampiran = make_lampiran(fasilitator, "fgd", parents["fgd"])
    response = client_as(request.getfixturevalue(role)).post(
        reverse("advokasi:lampiran-delete", args=[lampiran.pk])
    )
    assert response.status_code == status
    assert Lampiran.objects.filter(pk=lampiran.pk).exists()


@pytest.mark.parametrize("role", ["fasilitator_lain", "bksp_lain", "no_role"])
def test_others_get_404_when_deleting(request, client_as, fasilitator, parents, role):
    lampiran = make_lampiran(fasilitator, "rtl", parents["rtl"])
    response = client_as(request.getfixturevalue(role)).post(
        reverse("advokasi:lampiran-delete", args=[lampiran.pk])
    )
    assert response.status_code == 404
    assert Lampiran.objects.filter(pk=lampiran.pk).exists()


def test_delete_refuses_get(client_as, fasilitator, parents):
    lampiran = make_lampiran(fasilitator, "fgd", parents["fgd"])
    url = reverse("advokasi:lampiran-delete", args=[lampiran.pk])
    assert client_as(fasilitator).get(url).status_code == 405
    assert Lampiran.objects.filter(pk=lampiran.pk).exists()


# --- the card partial -----------------------------------------------------------------------


def render_card(parent, kind, *, can_edit):
    return render_to_string(
        "advokasi/includes/_lampiran.html",
        {
            "lampiran_list": parent.lampiran.all(),
            "parent_kind": kind,
            "parent": parent,
            "can_edit": can_edit,
        },
    )


def test_card_lists_files_and_offers_the_upload_form_to_editors(fasilitator, parents):
    fasilitator.first_name, fasilitator.last_name = "Rina", "Kartika"
    fasilitator.save()
    fgd = parents["fgd"]
    lampiran = make_lampiran(fasilitator, "fgd", fgd, name="Notulen <i>FGD.pdf")
    html = render_card(fgd, "fgd", can_edit=True)
    assert "Notulen &lt;i&gt;FGD.pdf" in html
    assert "Notulen / berita acara" in html
    assert "Rina Kartika" in html
    assert f"{len(PDF)}\xa0bita" in html  # filesizeformat, in Indonesian
    assert reverse("advokasi:lampiran-download", args=[lampiran.pk]) in html
    assert reverse("advokasi:lampiran-delete", args=[lampiran.pk]) in html
    assert 'enctype="multipart/form-data"' in html
    assert f'action="{upload_url("fgd", fgd)}"' in html
    assert 'accept=".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx"' in html


def test_card_for_readers_has_download_links_but_no_upload_or_delete(fasilitator, parents):
    fgd = parents["fgd"]
    lampiran = make_lampiran(fasilitator, "fgd", fgd)
    html = render_card(fgd, "fgd", can_edit=False)
    assert reverse("advokasi:lampiran-download", args=[lampiran.pk]) in html
    assert "multipart/form-data" not in html
    assert reverse("advokasi:lampiran-delete", args=[lampiran.pk]) not in html


def test_card_shows_an_empty_state(parents):
    assert "Belum ada lampiran." in render_card(parents["rtl"], "rtl", can_edit=False)


def test_card_runs_no_query_when_the_page_prefetched_files_and_uploaders(
    fasilitator, parents, django_assert_num_queries
):
    from advokasi.models import Fgd

    for i in range(5):
        make_lampiran(fasilitator, "fgd", parents["fgd"], name=f"foto-{i}.pdf")
    fgd = Fgd.objects.prefetch_related("lampiran__diunggah_oleh").get(pk=parents["fgd"].pk)
    with django_assert_num_queries(0):
        html = render_card(fgd, "fgd", can_edit=True)
    assert all(f"foto-{i}.pdf" in html for i in range(5))
