import io

import pytest
from pypdf import PdfReader

from advokasi import dokumen
from advokasi.tests.factories import PermasalahanFactory, SurveiFactory
from laporan import data, pdf
from laporan.tests.factories import laporan_baru

pytestmark = pytest.mark.django_db


def _pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


@pytest.fixture
def banyak_lsp(tim):
    """60 LSPs with an open problem: the appendix table runs over more than one page."""
    survei = SurveiFactory(tim=tim)
    for _ in range(60):
        PermasalahanFactory(survei=survei)


def test_full_report_has_cover_contents_chapters_and_figures(laporan):
    content, timings = pdf.render_laporan(laporan)
    pages = _pages(content)
    assert timings["halaman"] == len(pages) >= 10
    assert timings["data"] >= 0 and timings["render"] > 0
    text = "\n".join(pages)
    assert "BADAN NASIONAL SERTIFIKASI PROFESI" in pages[0]
    assert laporan.nomor in pages[0] and "Laporan Advokasi Tahun 2026" in pages[0]
    assert "Daftar Isi" in pages[1]
    for heading in (
        "1. Pendahuluan",
        "2. Perencanaan",
        "3. Pelaksanaan",
        "4. Monitoring",
        "5. Evaluasi Capaian",
        "6. Kesimpulan dan Rekomendasi",
    ):
        assert heading in text
    # A figure from the data: 3 of 5 RTL done and 2 at 40 % → 76.0 %.
    assert "76,0%" in text
    assert "1 Januari 2026 – 31 Desember 2026" in text
    # Numbered pages with the running header.
    assert "Halaman 3" in pages[2] and laporan.nomor in pages[2]


def test_table_header_repeats_when_the_table_breaks_across_pages(komisi, banyak_lsp):
    content, _timings = pdf.render_laporan(laporan_baru(komisi))
    pages = _pages(content)
    appendix = [p for p in pages if "LSP Uji" in p and "Masalah" in p and "Kategori" in p]
    assert len(appendix) >= 2
    assert all("RTL" in p and "Provinsi" in p for p in appendix)


def test_ringkasan_and_meeting_pack_are_separate_short_documents(laporan):
    angka = data.kumpulkan(laporan)
    ringkasan, pages = pdf.pdf_ringkasan(laporan, angka)
    text = "\n".join(_pages(ringkasan))
    assert pages <= 2 and "RINGKASAN HASIL ADVOKASI" in text and laporan.ringkasan in text
    paket, _pages_count = pdf.pdf_paket_rapat(laporan, angka)
    text = "\n".join(_pages(paket))
    assert "1. Agenda" in text and "LSP Pariwisata Bandung" in text and "3. Capaian RTL" in text


def test_long_appendix_is_rendered_in_parts_and_merged_with_pages_numbered_on(
    komisi, banyak_lsp, monkeypatch
):
    monkeypatch.setattr(pdf, "BATAS_HALAMAN", 1)
    monkeypatch.setattr(pdf, "BARIS_PER_BAGIAN", 25)
    laporan = laporan_baru(komisi)
    content, pages = pdf.pdf_utama(laporan, data.kumpulkan(laporan))
    texts = _pages(content)
    assert len(texts) == pages
    assert sum("Lampiran A. LSP dengan" in t for t in texts) >= 3
    assert f"Halaman {pages}" in texts[-1]
    # The contents give the appendix's first page, laid out in another part.
    first_appendix = next(
        i
        for i, t in enumerate(texts)
        if "(lanjutan)" not in t and "Lampiran A. LSP dengan" in t and "No." in t
    )
    assert f"Halaman {first_appendix + 1}" in texts[first_appendix]


def test_merge_checks_the_page_count(laporan):
    one, pages = pdf.pdf_ringkasan(laporan, data.kumpulkan(laporan))
    with pytest.raises(pdf.PdfError):
        pdf.gabung([(one, pages), (one, pages + 1)])


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "http://example.com/x.png", "http://169.254.169.254/"]
)
def test_fetcher_refuses_anything_but_static_files(url):
    with pytest.raises(dokumen.FetchRefused):
        dokumen._fetcher_class()().fetch(url)


def test_urls_in_report_text_fetch_nothing(komisi, catatan, monkeypatch):
    asked = []
    fetcher = dokumen._fetcher_class()
    original = fetcher.fetch

    def spy(self, url, headers=None):
        asked.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(fetcher, "fetch", spy)
    evil = (
        '<img src="file:///etc/passwd"> <img src="http://example.com/x.png"> '
        '<link rel="stylesheet" href="http://169.254.169.254/latest/meta-data/">'
    )
    laporan = laporan_baru(komisi, kesimpulan=evil, ringkasan=evil)
    content, _t = pdf.render_laporan(laporan)
    text = "\n".join(_pages(content))
    assert "file:///etc/passwd" in text  # shown as the text it is
    assert all(url.startswith("file:///static/") for url in asked), asked
    assert not any("passwd" in u or "example.com" in u or "169.254" in u for u in asked)
