"""A Staf Komisi generates a report's PDF in a real Chromium and downloads it."""

import os
from pathlib import Path

import pytest

from conftest import PASSWORD, make_user
from laporan.tests.factories import laporan_baru

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_komisi_generates_and_downloads_the_report(page, live_server, django_user_model):
    komisi = make_user(django_user_model, "komisi", "Staf Komisi", first_name="Dewi")
    laporan = laporan_baru(komisi)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("#id_username", "komisi")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/laporan/{laporan.pk}/")
    page.get_by_role("button", name="Buat PDF").click()
    # Tasks run in-process in tests: the page comes back with the files made.
    link = page.locator(".berkas-utama").get_by_role("link", name="Unduh")
    link.wait_for(timeout=60000)
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=str(Path(folder) / "laporan-detail.png"), full_page=True)
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.endswith("-laporan.pdf")
    assert Path(download.path()).read_bytes()[:5] == b"%PDF-"
