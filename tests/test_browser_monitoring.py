"""Monitoring end to end, in a real Chromium (Debian's, driven by Playwright): a Staf Komisi
defines an instrument, plans monitoring from a session's RTL, records a visit that completes one
of the two RTL items, and sees the team's achievement on the dashboard go from 0 to 50 %.

Screenshots go to $SCREENSHOT_DIR when it is set, to look at.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from advokasi.models import Rtl
from conftest import PASSWORD, make_user
from monitoring import evaluasi
from monitoring.models import CatatanMonitoring, Indikator, RencanaMonitoring

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def shot(page, name):
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=str(Path(folder) / f"monitoring-{name}.png"), full_page=True)


def capaian_tim(page, nama_tim: str) -> str:
    """The team's achievement cell on the dashboard, e.g. "50,0% Cukup"."""
    row = page.locator("#tabel-capaian-tim tbody tr", has_text=nama_tim)
    return row.locator("td").last.inner_text()


def test_komisi_plans_and_records_monitoring_and_sees_achievement_change(
    page, live_server, django_user_model
):
    from advokasi.tests.factories import BimbinganFactory, RtlFactory, TimFactory
    from lsp.tests.factories import LspFactory, provinsi

    komisi = make_user(django_user_model, "komisi", "Staf Komisi", first_name="Dewi")
    fasilitator = make_user(django_user_model, "fasilitator", "Fasilitator", first_name="Budi")
    tim = TimFactory(nama="Tim Advokasi Jawa Barat", koordinator=komisi, anggota=[fasilitator])
    lsp = LspFactory(sasaran__nama="LSP Teknik Bandung", sasaran__provinsi=provinsi("Jawa Barat"))
    sesi = BimbinganFactory(tim=tim, sasaran=[lsp.sasaran], dibuat_oleh=komisi)
    sesi.fasilitator.add(fasilitator)
    panduan = RtlFactory(
        bimbingan=sesi, pemilik_sasaran=lsp.sasaran, tindakan="Mengesahkan panduan mutu LSP"
    )
    RtlFactory(bimbingan=sesi, pemilik_sasaran=lsp.sasaran, tindakan="Melatih tiga asesor baru")
    kemarin = timezone.localdate() - timedelta(days=1)

    url = live_server.url
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{url}/akun/masuk/")
    page.fill("#id_username", "komisi")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{url}/")

    # 1. An instrument: one aspect, one focus area, one indicator.
    page.goto(f"{url}/monitoring/instrumen/")
    page.get_by_role("link", name="Tambah instrumen").click()
    page.fill("#id_nama", "Daftar isian visitasi RTL")
    page.fill("#id_uraian", "Diisi saat visitasi ke LSP")
    page.get_by_role("button", name="Simpan").click()
    assert page.get_by_role("heading", name="Daftar isian visitasi RTL").is_visible()
    page.get_by_role("link", name="Tambah aspek").first.click()
    page.fill("#id_nama", "Kelembagaan LSP")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_role("link", name="Tambah fokus").first.click()
    page.fill("#id_nama", "Sistem manajemen mutu")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_role("link", name="Tambah indikator").first.click()
    page.fill("#id_nama", "Persentase dokumen mutu yang disahkan")
    page.select_option("#id_tipe", "persen")
    page.fill("#id_benchmark", "120")
    page.get_by_role("button", name="Simpan").click()
    # A percentage benchmark above 100 is refused beside the field.
    assert page.get_by_text("Benchmark persentase harus antara 0 dan 100.").is_visible()
    page.fill("#id_benchmark", "80")
    page.get_by_role("button", name="Simpan").click()
    tree = page.locator(".instrumen-aspek")
    assert "Persentase dokumen mutu yang disahkan" in tree.inner_text()
    assert "80%" in tree.inner_text()
    shot(page, "01-instrumen")

    # 2. The dashboard before: two open RTL items, none done.
    page.goto(f"{url}/monitoring/dasbor/")
    assert re.match(r"0[,.]0%", capaian_tim(page, "Tim Advokasi Jawa Barat"))
    shot(page, "02-dasbor-sebelum")

    # 3. A plan from the session's RTL: pick the session, then the plan's details.
    page.goto(f"{url}/monitoring/rencana/")
    page.get_by_role("link", name="Rencanakan monitoring").click()
    page.get_by_label(sesi.nomor).check()
    page.get_by_role("button", name="Lanjut").click()
    assert page.locator("#id_tim").input_value() == str(tim.pk)
    for item in sesi.rtl.all():
        assert page.locator(f"#rtl-pilih-{item.pk}").is_checked()
    page.fill("#id_tujuan", "Memastikan RTL bimbingan dilaksanakan LSP")
    page.fill("#id_ruang_lingkup", "Dokumen mutu dan kesiapan asesor")
    page.select_option("#id_metode", "visitasi")
    page.select_option("#id_instrumen", label="Daftar isian visitasi RTL")
    page.fill("#id_tanggal_rencana", kemarin.isoformat())
    shot(page, "03-rencana-form")
    page.get_by_role("button", name="Simpan").click()
    rencana = RencanaMonitoring.objects.get()
    assert page.get_by_role("heading", name=f"Rencana monitoring {rencana.nomor}").is_visible()
    assert "LSP Teknik Bandung" in page.locator("main").inner_text()
    shot(page, "04-rencana-detail")

    # 4. The visit: the indicator answered, one RTL item done.
    page.get_by_role("link", name="Catat pelaksanaan").first.click()
    indikator = Indikator.objects.get()
    page.fill(f"#id_jawaban_{indikator.pk}", "85")
    page.select_option(f"#id_rtl_{panduan.pk}_status", "selesai")
    assert page.locator(f"#id_rtl_{panduan.pk}_progres").input_value() == "100"
    page.fill(f"#id_rtl_{panduan.pk}_realisasi", "1")
    page.fill("#id_temuan", "Panduan mutu telah disahkan ketua LSP")
    shot(page, "05-catatan-form")
    page.get_by_role("button", name="Simpan catatan").click()
    # The visit form is sent by the field script (lapangan.js), which then opens the record.
    page.wait_for_url(re.compile(r"/monitoring/catatan/\d+/$"))
    catatan = CatatanMonitoring.objects.get()
    assert page.get_by_role("heading", name=f"Catatan monitoring {catatan.nomor}").is_visible()
    shot(page, "06-catatan-detail")

    panduan.refresh_from_db()
    assert (panduan.status, panduan.progres, panduan.tanggal_selesai) == (
        Rtl.Status.SELESAI,
        100,
        kemarin,
    )
    assert panduan.history.first().history_user == komisi
    assert evaluasi.aggregate(Rtl.objects.filter(bimbingan__tim=tim))["capaian"] == 50.0

    # 5. The dashboard after: its cached figures gave way to the saved record (akun.versi).
    page.goto(f"{url}/monitoring/dasbor/")
    assert re.match(r"50[,.]0%", capaian_tim(page, "Tim Advokasi Jawa Barat"))
    shot(page, "07-dasbor-sesudah")
