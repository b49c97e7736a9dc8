"""Uploads end to end (issue 7): wrong content, oversize and traversal names are refused with a
message and save nothing; accepted files land under MEDIA_ROOT (outside static/) under a random
name and come back only as attachments, only to users who may see the record. The checks
themselves are tested in advokasi/tests/test_lampiran.py and lsp/tests/test_impor.py."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from advokasi.models import Lampiran
from advokasi.tests.factories import FgdFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64


@pytest.fixture
def fgd(tim):
    return FgdFactory(tim=tim)


def upload(client, fgd, name, content):
    url = reverse("advokasi:lampiran-upload", args=["fgd", fgd.pk])
    file = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(url, {"berkas": file, "jenis": "dokumen"})


def messages_of(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notulen.pdf", PNG, "tidak sesuai dengan isi berkas"),
        ("foto.pdf", b"MZ\x90\x00" + b"\x00" * 64, "Isi berkas tidak dikenali"),
        ("../../etc/passwd", PDF, "Jenis berkas tidak diterima"),
        ("..\\..\\boot.ini", PDF, "Jenis berkas tidak diterima"),
    ],
)
def test_bad_uploads_are_refused_with_a_message_and_nothing_saved(
    client_as, fasilitator, fgd, name, content, message
):
    response = upload(client_as(fasilitator), fgd, name, content)
    assert response.status_code == 302
    assert "Lampiran tidak diunggah" in messages_of(response)
    assert message in messages_of(response)
    assert not Lampiran.objects.exists()
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.*"))


def test_an_upload_over_ten_megabytes_is_refused(client_as, fasilitator, fgd):
    response = upload(client_as(fasilitator), fgd, "besar.pdf", PDF + b"0" * (10 * 1024 * 1024))
    assert "10 MB" in messages_of(response)
    assert not Lampiran.objects.exists()


@pytest.mark.parametrize("name", ["..\\x.pdf", "../../x.pdf", "x\x00.pdf", "/etc/x.pdf"])
def test_traversal_names_are_stored_under_media_root_with_a_random_name(
    client_as, fasilitator, fgd, name
):
    upload(client_as(fasilitator), fgd, name, PDF)
    lampiran = Lampiran.objects.get()
    assert lampiran.nama_asli == "x.pdf"
    stored = Path(lampiran.berkas.path).resolve()
    media = Path(settings.MEDIA_ROOT).resolve()
    assert media in stored.parents
    assert stored.name != "x.pdf"
    for static_dir in [*settings.STATICFILES_DIRS, settings.STATIC_ROOT]:
        assert Path(static_dir).resolve() not in stored.parents


def test_media_root_is_outside_static_and_not_served_by_url(client_as, komisi):
    # The real settings' default, not the test's temporary directory.
    media = (Path(settings.BASE_DIR) / "media").resolve()
    for static_dir in [*settings.STATICFILES_DIRS, settings.STATIC_ROOT]:
        assert Path(static_dir).resolve() not in [media, *media.parents]
    assert client_as(komisi).get(settings.MEDIA_URL + "lampiran/x.pdf").status_code == 404


def test_downloads_are_attachments_with_nosniff_only_for_readers(
    client_as, fasilitator, fasilitator_lain, bksp_lain, fgd
):
    upload(client_as(fasilitator), fgd, "<script>.pdf", PDF)
    url = reverse("advokasi:lampiran-download", args=[Lampiran.objects.get().pk])
    response = client_as(fasilitator).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert client_as(fasilitator_lain).get(url).status_code == 404
    assert client_as(bksp_lain).get(url).status_code == 404
