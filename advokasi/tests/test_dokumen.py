"""Printed papers of FGDs and guidance sessions: real PDFs, read back with poppler."""

import subprocess
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advokasi import dokumen
from advokasi.models import BimbinganMasalah, PesertaBimbingan, PesertaFgd
from advokasi.pedoman import JenisBimbingan
from advokasi.tests.factories import (
    AlternatifFactory,
    BimbinganFactory,
    FgdFactory,
    PermasalahanFactory,
    RtlFactory,
    SurveiFactory,
)
from lsp.tests.factories import LspFactory, provinsi

pytestmark = pytest.mark.django_db


def pdf_pages(content: bytes, tmp_path) -> list[str]:
    """The text of each page in reading order (a table cell's lines stay together)."""
    source = tmp_path / "dokumen.pdf"
    source.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", str(source), "-"], capture_output=True, check=True, text=True
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def lsp_jabar():
    return LspFactory(
        sasaran__nama="LSP Teknologi Digital Nusantara", sasaran__provinsi=provinsi("Jawa Barat")
    ).sasaran


@pytest.fixture
def fgd(tim, fasilitator, lsp_jabar):
    fasilitator.first_name, fasilitator.last_name = "Rina", "Kartika"
    fasilitator.save()
    survei = SurveiFactory(tim=tim, sasaran=[lsp_jabar])
    problem = PermasalahanFactory(
        survei=survei, sasaran=lsp_jabar, uraian="Jumlah asesor kompetensi tidak mencukupi"
    )
    fgd = FgdFactory(
        tim=tim,
        tanggal=date(2026, 4, 2),
        permasalahan=[problem],
        kesimpulan="Pelatihan asesor bersama menjadi bahan advokasi utama.",
        langkah={"a": {"dilaksanakan": True, "catatan": "Enam pembina hadir"}},
    )
    AlternatifFactory(permasalahan=problem, fgd=fgd, uraian="Pelatihan asesor bersama LSP sejenis")
    PesertaFgd.objects.create(
        fgd=fgd, nama="Dr. Hendra Wijaya", peran=PesertaFgd.Peran.FASILITATOR, instansi="BNSP"
    )
    PesertaFgd.objects.create(
        fgd=fgd, nama="Sri Wahyuni", peran=PesertaFgd.Peran.NOTULIS, instansi="BNSP"
    )
    return fgd


@pytest.fixture
def bimbingan(tim, fasilitator, lsp_jabar):
    fasilitator.first_name, fasilitator.last_name = "Rina", "Kartika"
    fasilitator.save()
    survei = SurveiFactory(tim=tim, sasaran=[lsp_jabar])
    problem = PermasalahanFactory(
        survei=survei, sasaran=lsp_jabar, uraian="Panduan mutu belum sesuai pedoman BNSP"
    )
    session = BimbinganFactory(
        tim=tim,
        jenis=JenisBimbingan.LSP,
        tanggal=date(2026, 5, 12),
        sasaran=[lsp_jabar],
        kesimpulan="LSP sepakat menyusun ulang panduan mutu.",
        notulen="Ketua LSP memaparkan kendala penyusunan panduan mutu.",
        langkah={"i": {"dilaksanakan": True, "catatan": ""}},
    )
    session.fasilitator.add(fasilitator)
    shown = AlternatifFactory(permasalahan=problem, uraian="Pendampingan penyusunan panduan mutu")
    chosen = AlternatifFactory(permasalahan=problem, uraian="Lokakarya panduan mutu di BNSP")
    link = BimbinganMasalah.objects.create(
        bimbingan=session, permasalahan=problem, alternatif_dipilih=chosen
    )
    link.alternatif_disajikan.add(shown, chosen)
    RtlFactory(
        bimbingan=session,
        permasalahan=problem,
        pemilik_sasaran=lsp_jabar,
        tindakan="Menyusun ulang panduan mutu",
        batas_waktu=date(2026, 8, 31),
    )
    PesertaBimbingan.objects.create(
        bimbingan=session, sasaran=lsp_jabar, nama="Ir. Bambang Susilo", jabatan="Ketua LSP"
    )
    return session


def urls(fgd=None, bimbingan=None) -> list[str]:
    found = []
    if fgd:
        found += [
            reverse("advokasi:fgd-daftar-hadir", args=[fgd.pk]),
            reverse("advokasi:fgd-notulen", args=[fgd.pk]),
        ]
    if bimbingan:
        found += [
            reverse("advokasi:bimbingan-daftar-hadir", args=[bimbingan.pk]),
            reverse("advokasi:bimbingan-berita-acara", args=[bimbingan.pk]),
        ]
    return found


# --- contents -------------------------------------------------------------------------------


def test_fgd_attendance_sheet_is_an_inline_pdf_with_participants_and_indonesian_date(
    client_as, fasilitator, fgd, tmp_path
):
    response = client_as(fasilitator).get(reverse("advokasi:fgd-daftar-hadir", args=[fgd.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert f"daftar-hadir-{fgd.nomor}.pdf" in response["Content-Disposition"]
    pages = pdf_pages(response.content, tmp_path)
    text = squash(pages[0])
    assert "BADAN NASIONAL SERTIFIKASI PROFESI" in text
    assert "Komisi Harmonisasi dan Kelembagaan" in text
    assert "DAFTAR HADIR" in text
    assert fgd.nomor in text
    assert "Kamis, 2 April 2026" in text
    assert "Ruang Rapat BNSP, Jakarta" in text
    assert "Dr. Hendra Wijaya" in text and "Sri Wahyuni" in text
    assert "Jabatan/Instansi" in text and "Tanda tangan" in text
    assert "Rina Kartika" in text  # the team's fasilitator
    assert len(pages) == 1
    assert "Halaman 1 dari 1" in text


def test_attendance_sheet_of_forty_participants_repeats_its_header_on_page_two(
    client_as, komisi, bimbingan, lsp_jabar, tmp_path
):
    PesertaBimbingan.objects.bulk_create(
        PesertaBimbingan(
            bimbingan=bimbingan, sasaran=lsp_jabar, nama=f"Peserta Nomor {i:02d}", jabatan="Asesor"
        )
        for i in range(1, 40)
    )
    response = client_as(komisi).get(
        reverse("advokasi:bimbingan-daftar-hadir", args=[bimbingan.pk])
    )
    pages = [squash(p) for p in pdf_pages(response.content, tmp_path)]
    assert len(pages) >= 2
    second = pages[1]
    # The header row opens page 2 (no letterhead there), before the first participant on it.
    assert second.startswith("No. Nama Jabatan/Instansi Mewakili")
    assert "Tanda tangan" in second
    assert all("Jabatan/Instansi" in page for page in pages)
    assert f"Halaman 2 dari {len(pages)}" in second
    everything = " ".join(pages)
    assert "Ir. Bambang Susilo" in everything
    assert "Peserta Nomor 39" in everything
    assert "Selasa, 12 Mei 2026" in pages[0]


def test_fgd_minutes_show_problems_alternatives_steps_and_conclusion(
    client_as, fasilitator, fgd, tmp_path
):
    response = client_as(fasilitator).get(reverse("advokasi:fgd-notulen", args=[fgd.pk]))
    assert response.status_code == 200
    assert f"notulen-{fgd.nomor}.pdf" in response["Content-Disposition"]
    text = squash(" ".join(pdf_pages(response.content, tmp_path)))
    problem = fgd.permasalahan.get()
    assert "NOTULEN FOCUS GROUP DISCUSSION" in text
    assert fgd.nomor in text and problem.nomor in text
    assert "Jumlah asesor kompetensi tidak mencukupi" in text
    assert "Pelatihan asesor bersama LSP sejenis" in text
    assert "Pastikan pengelompokan beranggotakan para fasilitator/pembina LSP" in text
    assert "Enam pembina hadir" in text
    assert "Pelatihan asesor bersama menjadi bahan advokasi utama." in text
    assert "Notulis" in text and "Mengetahui" in text


def test_berita_acara_marks_the_chosen_alternative_and_lists_the_rtl(
    client_as, fasilitator, bimbingan, tmp_path
):
    response = client_as(fasilitator).get(
        reverse("advokasi:bimbingan-berita-acara", args=[bimbingan.pk])
    )
    assert response.status_code == 200
    assert f"berita-acara-{bimbingan.nomor}.pdf" in response["Content-Disposition"]
    pages = pdf_pages(response.content, tmp_path)
    text = squash(" ".join(pages))
    rtl = bimbingan.rtl.get()
    assert "BERITA ACARA BIMBINGAN TEKNIS" in text
    assert "Pada hari ini Selasa tanggal 12 Mei 2026" in text
    assert "Pendampingan penyusunan panduan mutu" in text
    assert "Lokakarya panduan mutu di BNSP DIPILIH" in text
    assert "Pendampingan penyusunan panduan mutu DIPILIH" not in text
    assert "Tarik kesimpulan dan rekam hasil bimbingan sebagai RTL" in text  # §5.2 i
    assert "Ketua LSP memaparkan kendala penyusunan panduan mutu." in text
    assert rtl.nomor in text and "Menyusun ulang panduan mutu" in text
    assert "31 Agustus 2026" in text
    assert "Perwakilan sasaran" in text and "Ir. Bambang Susilo" in text
    assert f"Halaman {len(pages)} dari {len(pages)}" in text


def test_papers_use_the_shipped_noto_sans_font(client_as, komisi, bimbingan, tmp_path):
    response = client_as(komisi).get(
        reverse("advokasi:bimbingan-berita-acara", args=[bimbingan.pk])
    )
    source = tmp_path / "ba.pdf"
    source.write_bytes(response.content)
    fonts = subprocess.run(
        ["pdffonts", str(source)], capture_output=True, check=True, text=True
    ).stdout
    assert "Noto-Sans" in fonts
    assert "DejaVu" not in fonts


def test_papers_are_printed_in_indonesian_even_for_an_english_session(
    client_as, komisi, fgd, tmp_path
):
    client = client_as(komisi)
    client.cookies["django_language"] = "en"
    response = client.get(
        reverse("advokasi:fgd-daftar-hadir", args=[fgd.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Kamis, 2 April 2026" in squash(pdf_pages(response.content, tmp_path)[0])


# --- who may print --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["komisi", "admin_user", "pimpinan", "fasilitator", "bksp_user"])
def test_readers_of_the_session_may_print_every_paper(request, client_as, role, fgd, bimbingan):
    client = client_as(request.getfixturevalue(role))
    for url in urls(fgd, bimbingan):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("role", ["fasilitator_lain", "bksp_lain", "no_role"])
def test_others_get_404_for_every_paper(request, client_as, role, fgd, bimbingan):
    client = client_as(request.getfixturevalue(role))
    for url in urls(fgd, bimbingan):
        assert client.get(url).status_code == 404, url


def test_unknown_session_ids_give_404(client_as, komisi):
    client = client_as(komisi)
    for name in [
        "fgd-daftar-hadir",
        "fgd-notulen",
        "bimbingan-daftar-hadir",
        "bimbingan-berita-acara",
    ]:
        assert client.get(reverse(f"advokasi:{name}", args=[999999])).status_code == 404


def test_anonymous_user_is_sent_to_login(client, fgd, bimbingan):
    for url in urls(fgd, bimbingan):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_papers_refuse_post(client_as, komisi, fgd, bimbingan):
    client = client_as(komisi)
    for url in urls(fgd, bimbingan):
        assert client.post(url).status_code == 405


# --- nothing leaves the machine -------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///static/../../etc/passwd",
        "file:///static/%2e%2e/%2e%2e/etc/passwd",
        "file:///static/css/../../config/settings.py",
        "file://evil.example/static/css/dokumen.css",
        "http://example.com/logo.png",
        "https://127.0.0.1/static/css/dokumen.css",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5/static/css/dokumen.css",
        "ftp://example.com/file.txt",
        "data:text/css,body{}",
        "file:///static/",
        "file:///static/css/tidak-ada.css",
    ],
)
def test_fetcher_refuses_anything_but_static_files(url):
    with pytest.raises(dokumen.FetchRefused):
        dokumen.StaticOnlyFetcher().fetch(url)


def test_fetcher_serves_the_paper_stylesheet_and_fonts():
    fetcher = dokumen.StaticOnlyFetcher()
    css = fetcher.fetch("file:///static/css/dokumen.css")
    assert b"@page" in css.read()
    font = fetcher.fetch("file:///static/fonts/noto-sans/noto-sans-latin-400-normal.woff")
    assert font.read(4) == b"wOFF"
    assert font.content_type == "font/woff"


def test_html_typed_by_a_user_fetches_nothing_and_prints_as_text(
    client_as, komisi, fgd, tmp_path, monkeypatch
):
    fgd.kesimpulan = (
        'Lihat <img src="file:///etc/passwd"> dan <img src="http://169.254.169.254/x.png"> '
        '<link rel="stylesheet" href="https://example.com/gaya.css">'
    )
    fgd.save()
    fetched = []
    original = dokumen.StaticOnlyFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(dokumen.StaticOnlyFetcher, "fetch", spy)
    response = client_as(komisi).get(reverse("advokasi:fgd-notulen", args=[fgd.pk]))
    assert response.status_code == 200
    assert fetched, "the stylesheet and fonts come through the fetcher"
    assert all(url.startswith("file:///static/") for url in fetched), fetched
    text = squash(" ".join(pdf_pages(response.content, tmp_path)))
    assert '<img src="file:///etc/passwd">' in text


# --- query counts ---------------------------------------------------------------------------


def test_paper_queries_do_not_grow_with_participants_problems_or_rtl(
    client_as, komisi, tim, bimbingan, fgd, lsp_jabar
):
    client = client_as(komisi)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    small = {url: count(url) for url in urls(fgd, bimbingan)}
    survei = SurveiFactory(tim=tim, sasaran=[lsp_jabar])
    for i in range(15):
        problem = PermasalahanFactory(survei=survei, sasaran=lsp_jabar)
        fgd.permasalahan.add(problem)
        AlternatifFactory(permasalahan=problem, fgd=fgd)
        PesertaFgd.objects.create(fgd=fgd, nama=f"Pembina {i}", peran=PesertaFgd.Peran.PEMBINA)
        alt = AlternatifFactory(permasalahan=problem)
        link = BimbinganMasalah.objects.create(
            bimbingan=bimbingan, permasalahan=problem, alternatif_dipilih=alt
        )
        link.alternatif_disajikan.add(alt)
        RtlFactory(bimbingan=bimbingan, permasalahan=problem, pemilik_sasaran=lsp_jabar)
        PesertaBimbingan.objects.create(bimbingan=bimbingan, nama=f"Peserta {i}")
    large = {url: count(url) for url in urls(fgd, bimbingan)}
    assert large == small
    assert max(small.values()) <= 16
