"""A Staf Komisi's first morning, in a real Chromium (Debian's, driven by Playwright).

Runs in `make test` and CI. Screenshots go to $SCREENSHOT_DIR when it is set, to look at.
"""

import os
import re
from pathlib import Path

import pytest
from openpyxl import Workbook

from conftest import PASSWORD, make_user
from lsp.models import Lsp

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HEADERS = [
    "Nama LSP",
    "Jenis LSP",
    "Nomor Lisensi",
    "Tanggal Lisensi",
    "Tanggal Kedaluwarsa",
    "Sektor",
    "Provinsi",
]


def xlsx(path: Path, rows: list[list]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def shot(page, name):
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_komisi_creates_finds_and_imports_lsps(page, live_server, django_user_model, tmp_path):
    make_user(django_user_model, "komisi", "Staf Komisi", first_name="Dewi")
    page.set_viewport_size({"width": 1366, "height": 768})

    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("#id_username", "komisi")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", name="Selamat datang, Dewi").is_visible()

    # Create an LSP through the form.
    page.goto(f"{live_server.url}/sasaran/")
    page.get_by_role("button", name="Tambah sasaran").click()
    page.get_by_role("link", name="LSP", exact=True).click()
    page.fill("#id_nama", "LSP Jasa Boga Nusantara")
    page.select_option("#id_provinsi", label="Jawa Tengah")
    page.fill("#id_kabupaten_kota", "Kota Semarang")
    page.select_option("#id_jenis_lsp", "P3")
    page.fill("#id_sektor", "Pariwisata")
    page.fill("#id_jumlah_skema", "9")
    page.fill("#id_nomor_lisensi", "BNSP-LSP-3301-ID")
    page.fill("#id_tanggal_lisensi", "2025-03-01")
    page.fill("#id_tanggal_kedaluwarsa", "2030-02-28")
    shot(page, "01-tambah-lsp")
    page.get_by_role("button", name="Simpan").click()
    assert page.get_by_role("heading", name="LSP Jasa Boga Nusantara").is_visible()
    assert page.get_by_text("BNSP-LSP-3301-ID").is_visible()
    shot(page, "02-detail-lsp")

    # Find it again with the filters.
    page.goto(f"{live_server.url}/sasaran/")
    page.fill("#id_q", "jasa boga")
    page.select_option("#id_provinsi", label="Jawa Tengah")
    page.select_option("#id_jenis", "lsp")
    page.get_by_role("button", name="Saring").click()
    rows = page.locator("table tbody tr")
    assert rows.count() == 1
    assert "LSP Jasa Boga Nusantara" in rows.first.inner_text()
    shot(page, "03-daftar-tersaring")

    # A bad file: every problem is listed, and nothing can be saved.
    bad = xlsx(
        tmp_path / "lsp-salah.xlsx",
        [
            ["LSP Baik", "P1", "BNSP-LSP-5001-ID", "2025-01-01", "2029-12-31", "TI", "Bali"],
            [
                "LSP Salah",
                "P7",
                "BNSP-LSP-3301-ID",
                "bukan tanggal",
                "2029-12-31",
                "TI",
                "Atlantis",
            ],
        ],
    )
    page.goto(f"{live_server.url}/sasaran/impor/")
    page.set_input_files("input[type=file]", str(bad))
    page.get_by_role("button", name="Unggah dan periksa").click()
    body = page.locator("main").inner_text()
    assert "Atlantis" in body
    assert "bukan tanggal" in body
    assert "BNSP-LSP-3301-ID" in body
    assert page.get_by_role("button", name=re.compile("^Simpan")).count() == 0
    shot(page, "04-impor-galat")

    # A good file: preview, then save both rows.
    good = xlsx(
        tmp_path / "lsp-baik.xlsx",
        [
            [
                "LSP Logistik Indonesia",
                "P3",
                "BNSP-LSP-5101-ID",
                "2025-01-01",
                "2029-12-31",
                "Logistik",
                "Jawa Timur",
            ],
            [
                "LSP P1 SMKN 2 Denpasar",
                "P1",
                "BNSP-LSP-5102-ID",
                "2024-05-02",
                "2029-05-01",
                "Pariwisata",
                "Bali",
            ],
        ],
    )
    page.goto(f"{live_server.url}/sasaran/impor/")
    page.set_input_files("input[type=file]", str(good))
    page.get_by_role("button", name="Unggah dan periksa").click()
    shot(page, "05-impor-pratinjau")
    page.get_by_role("button", name="Simpan 2 LSP").click()
    assert page.get_by_text("2 LSP berhasil diimpor").is_visible()
    assert page.get_by_role("link", name="LSP Logistik Indonesia").is_visible()
    shot(page, "06-impor-selesai")

    assert set(Lsp.objects.values_list("nomor_lisensi", flat=True)) == {
        "BNSP-LSP-3301-ID",
        "BNSP-LSP-5101-ID",
        "BNSP-LSP-5102-ID",
    }


@pytest.mark.parametrize("role", ["Fasilitator", "Staf Komisi"])
def test_no_page_scrolls_sideways_on_common_laptop_and_tablet_widths(
    page, live_server, django_user_model, role
):
    """The eight-stage menu fits on one line from 1200 pixels up (dropping its icons below 1400)
    and folds into the toggler below; before, it pushed every page sideways from 992 to 1280
    pixels, and at 1366 for a fasilitator on a section page."""
    make_user(django_user_model, "pengguna", role, first_name="Bambang")
    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("#id_username", "pengguna")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/")
    for width in (1024, 1200, 1280, 1366, 1440):
        page.set_viewport_size({"width": width, "height": 768})
        for path in ("/", "/bimbingan/"):
            page.goto(f"{live_server.url}{path}")
            scrolled = page.evaluate("document.documentElement.scrollWidth")
            assert scrolled <= width, f"{path} at {width} px is {scrolled} px wide"
        menu = page.get_by_role("button", name="Buka menu")
        assert menu.is_visible() == (width < 1200)
