"""Field laptops (issue 6), in a real Chromium: drafts survive a closed page, entries made offline
wait in the browser's queue (through a browser restart) and reach the database exactly once, a
double click saves once, an expired session ends in the record being saved after logging in, and
two tabs sharing one queue send each entry once.

Screenshots go to $SCREENSHOT_DIR when it is set, to look at.
"""

import os
import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from playwright.sync_api import expect

from advokasi.models import Lampiran, Rtl
from conftest import PASSWORD
from monitoring.models import CatatanMonitoring

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VIEWPORT = {"width": 1366, "height": 768}


def shot(page, name):
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=str(Path(folder) / f"lapangan-{name}.png"), full_page=True)


def wait_for(condition, timeout=20.0, what="the condition", detail=None):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out waiting for {what}" + (f":\n{detail()}" if detail else ""))
        time.sleep(0.2)


def login(page, url, username):
    page.goto(f"{url}/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{url}/")


def controlled(page):
    """Waits until the service worker controls the page (it claims pages when it activates, and
    again when a page finds itself uncontrolled)."""
    page.wait_for_function(
        "() => !!(navigator.serviceWorker && navigator.serviceWorker.controller)"
    )


def test_a_page_opened_past_the_service_worker_is_taken_under_its_control(
    page, live_server, fasilitator
):
    """A navigation that began while the worker was still installing, like a hard reload, leaves
    the page uncontrolled; the page asks the worker to claim it, so it works offline at once."""
    url = live_server.url
    login(page, url, "fasilitator")
    controlled(page)
    cdp = page.context.new_cdp_session(page)
    with page.expect_navigation():
        cdp.send("Page.reload", {"ignoreCache": True})
    assert page.evaluate("() => performance.getEntriesByType('navigation')[0].type") == "reload"
    controlled(page)


def kept(page, path):
    """Waits until the service worker holds its offline copy of the page at `path`."""
    page.wait_for_function(
        "(p) => caches.open('halaman-v1').then((c) => c.match(p)).then((r) => !!r)", arg=path
    )


def fill_rtl(page, tindakan):
    page.fill("#id_tindakan", tindakan)
    page.select_option("#id_jenis", index=1)
    page.select_option("#id_pemilik_sasaran", index=1)
    page.fill("#id_pemilik_nama", "Ir. Bambang Susilo (Ketua LSP)")
    page.fill("#id_batas_waktu", (timezone.localdate() + timedelta(days=60)).isoformat())
    page.fill("#id_indikator", "Panduan mutu disahkan")
    page.fill("#id_target_nilai", "1")
    page.fill("#id_satuan", "dokumen")


def fill_fields(page, selector, data):
    """Sets named fields of a form (text, select or radio) as a user would, firing `change`."""
    page.eval_on_selector(
        selector,
        """(form, data) => {
            for (const [name, value] of Object.entries(data)) {
                const field = form.elements[name];
                if (!field) continue;
                if (field instanceof RadioNodeList) {
                    for (const radio of field) radio.checked = radio.value === value;
                    field[0].dispatchEvent(new Event("change", {bubbles: true}));
                } else {
                    field.value = value;
                    field.dispatchEvent(new Event("change", {bubbles: true}));
                }
            }
        }""",
        data,
    )


def reopened(page, url):
    """The page closed (its draft kept in the browser) and `url` opened again in a new tab."""
    context = page.context
    page.close()
    again = context.new_page()
    again.set_viewport_size(VIEWPORT)
    again.goto(url)
    return again


def badge(page):
    return page.locator("#jumlah-antrean")


@pytest.fixture
def sesi(tim, komisi, fasilitator):
    """A guidance session of the fasilitator's team, with one target."""
    from advokasi.tests.factories import BimbinganFactory
    from lsp.tests.factories import LspFactory, provinsi

    lsp = LspFactory(sasaran__nama="LSP Teknik Bandung", sasaran__provinsi=provinsi("Jawa Barat"))
    bimbingan = BimbinganFactory(tim=tim, sasaran=[lsp.sasaran], dibuat_oleh=komisi)
    bimbingan.fasilitator.add(fasilitator)
    return bimbingan


def test_a_draft_survives_closing_the_page_and_is_cleared_by_saving(
    page, live_server, fasilitator, sesi
):
    url = live_server.url
    form_url = f"{url}/bimbingan/{sesi.pk}/rtl/tambah/"
    page.set_viewport_size(VIEWPORT)
    login(page, url, "fasilitator")
    page.goto(form_url)
    fill_rtl(page, "Menyusun panduan mutu LSP")
    page.wait_for_timeout(700)  # past the draft's debounce
    again = reopened(page, form_url)
    banner = again.locator(".draf-banner")
    assert banner.is_visible()
    assert "Ada draf isian yang belum disimpan" in banner.inner_text()
    assert again.input_value("#id_tindakan") == ""
    shot(again, "draf")
    again.get_by_role("button", name="Pulihkan draf").click()
    assert again.input_value("#id_tindakan") == "Menyusun panduan mutu LSP"
    assert again.input_value("#id_satuan") == "dokumen"
    again.get_by_role("button", name="Simpan", exact=True).click()
    again.wait_for_url(f"{url}/rtl/**")
    assert Rtl.objects.filter(bimbingan=sesi, tindakan="Menyusun panduan mutu LSP").count() == 1

    again.goto(form_url)
    assert again.locator(".draf-banner").count() == 0
    assert again.evaluate("Object.keys(localStorage).filter(k => k.includes(':draf:'))") == []


def test_a_restored_session_draft_redraws_the_problems_of_its_targets(
    page, live_server, fasilitator, sesi, tim
):
    """The session form draws its problem cards from the chosen targets (htmx): a draft that
    chose targets brings their cards back, with the problem it ticked still ticked."""
    from advokasi.tests.factories import PermasalahanFactory, SurveiFactory

    lsp = sesi.sasaran.get()
    problem = PermasalahanFactory(survei=SurveiFactory(tim=tim, sasaran=[lsp]), sasaran=lsp)
    url = live_server.url
    form_url = f"{url}/bimbingan/tambah/?jenis=lsp"
    page.set_viewport_size(VIEWPORT)
    login(page, url, "fasilitator")
    page.goto(form_url)
    page.select_option("#id_tim", str(tim.pk))
    page.select_option("#id_sasaran", [str(lsp.pk)])
    card = f"#pilih-masalah-{problem.pk}"
    page.locator(card).wait_for()
    page.locator(card).check()
    page.wait_for_timeout(700)  # past the draft's debounce
    again = reopened(page, form_url)
    assert again.locator(card).count() == 0  # a fresh form: no target, no cards
    again.get_by_role("button", name="Pulihkan draf").click()
    again.locator(card).wait_for()
    wait_for(lambda: again.locator(card).is_checked(), what="the restored problem ticked")
    assert again.locator("#id_sasaran").evaluate(
        "s => Array.from(s.selectedOptions).map(o => o.value)"
    ) == [str(lsp.pk)]


def test_offline_entries_wait_through_a_browser_restart_and_are_sent_exactly_once(
    browser_type, browser_type_launch_args, live_server, tmp_path, fasilitator, komisi, sesi, tim
):
    from monitoring.tests.test_catatan import post_data
    from monitoring.tests.test_rencana import buat_rencana

    rencana = buat_rencana(tim=tim, user=komisi)
    # A number input takes "75", not the Indonesian "75,5" a posted form may carry.
    visit = {k: ("75" if v == "75,5" else v) for k, v in post_data(rencana).items()}
    url = live_server.url
    profile = tmp_path / "profil"
    options = {**browser_type_launch_args, "viewport": VIEWPORT}

    context = browser_type.launch_persistent_context(str(profile), **options)
    page = context.new_page()
    login(page, url, "fasilitator")
    controlled(page)
    # Opened once online, the forms then open offline from the service worker's copy.
    for path in [
        f"/bimbingan/{sesi.pk}/rtl/tambah/",
        f"/monitoring/rencana/{rencana.pk}/catat/",
        "/antrean/",
    ]:
        page.goto(url + path)
        kept(page, path)

    context.set_offline(True)
    page.goto(f"{url}/bimbingan/{sesi.pk}/rtl/tambah/")
    assert page.get_by_role("heading", name=f"Tambah RTL bimbingan {sesi.nomor}").is_visible()
    for n, tindakan in enumerate(["Melatih tiga asesor baru", "Menyusun ulang skema sertifikasi"]):
        fill_rtl(page, tindakan)
        page.get_by_role("button", name="Simpan", exact=True).click()
        expect(badge(page)).to_have_text(str(n + 1))
        expect(page.locator("#id_tindakan")).to_have_value("")  # ready for the next item
    page.goto(f"{url}/monitoring/rencana/{rencana.pk}/catat/")
    fill_fields(page, "form.catatan-form", visit)
    page.get_by_role("button", name="Simpan catatan").click()
    expect(badge(page)).to_have_text("3")
    assert Rtl.objects.filter(bimbingan=sesi).count() == 0
    context.close()  # the browser quits with the entries still queued

    context = browser_type.launch_persistent_context(str(profile), offline=True, **options)
    page = context.new_page()
    page.goto(f"{url}/antrean/")
    rows = page.locator("#antrean-baris tr[data-kirim-id]")
    rows.first.wait_for()
    assert rows.count() == 3
    shot(page, "antrean-luring")

    context.set_offline(False)
    wait_for(
        lambda: (
            Rtl.objects.filter(bimbingan=sesi).count() == 2
            and CatatanMonitoring.objects.filter(rencana=rencana).count() == 1
        ),
        what="the queued entries to reach the database",
        detail=lambda: page.locator("#antrean-baris").inner_text(),
    )
    page.locator("#antrean-baris tr[data-kirim-id]").first.wait_for(state="detached")
    assert badge(page).is_hidden()
    shot(page, "antrean-terkirim")
    page.reload()
    page.wait_for_timeout(1500)  # a reload sends the queue again: nothing may be left to send
    context.close()
    assert sorted(Rtl.objects.filter(bimbingan=sesi).values_list("tindakan", flat=True)) == [
        "Melatih tiga asesor baru",
        "Menyusun ulang skema sertifikasi",
    ]
    assert CatatanMonitoring.objects.filter(rencana=rencana).count() == 1


def test_an_evidence_file_chosen_offline_is_uploaded_once_back_online(
    page, live_server, tmp_path, fasilitator, sesi
):
    from advokasi.tests.factories import RtlFactory

    rtl = RtlFactory(bimbingan=sesi, pemilik_sasaran=sesi.sasaran.first())
    evidence = tmp_path / "sk-pengesahan.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    url = live_server.url
    page.set_viewport_size(VIEWPORT)
    login(page, url, "fasilitator")
    controlled(page)
    page.goto(f"{url}/rtl/{rtl.pk}/")
    kept(page, f"/rtl/{rtl.pk}/")

    page.context.set_offline(True)
    page.reload()  # from the service worker's copy
    page.set_input_files("form.lampiran-unggah input[type=file]", str(evidence))
    page.get_by_role("button", name="Unggah lampiran").click()
    page.locator(".antrean-pesan").wait_for()
    expect(badge(page)).to_have_text("1")

    page.context.set_offline(False)
    wait_for(lambda: Lampiran.objects.filter(rtl=rtl).count() == 1, what="the upload")
    page.wait_for_timeout(1000)
    assert Lampiran.objects.filter(rtl=rtl).get().nama_asli == "sk-pengesahan.pdf"


def test_a_double_click_on_save_creates_one_record(page, live_server, fasilitator, sesi):
    url = live_server.url
    login(page, url, "fasilitator")
    page.goto(f"{url}/bimbingan/{sesi.pk}/rtl/tambah/")
    fill_rtl(page, "Menyusun panduan mutu LSP")
    page.get_by_role("button", name="Simpan", exact=True).dblclick()
    page.wait_for_url(f"{url}/rtl/**")
    page.wait_for_timeout(500)
    assert Rtl.objects.filter(bimbingan=sesi).count() == 1


def test_after_the_session_expires_the_entry_is_saved_once_the_user_logs_in_again(
    page, live_server, fasilitator, sesi
):
    url = live_server.url
    page.set_viewport_size(VIEWPORT)
    login(page, url, "fasilitator")
    page.goto(f"{url}/bimbingan/{sesi.pk}/rtl/tambah/")
    fill_rtl(page, "Menyusun panduan mutu LSP")
    Session.objects.all().delete()  # the session expired while the form was being filled

    page.get_by_role("button", name="Simpan", exact=True).click()
    page.wait_for_url(f"{url}/akun/masuk/**")
    shot(page, "sesi-berakhir")
    page.fill("#id_username", "fasilitator")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{url}/rtl/**")
    page.wait_for_timeout(500)
    assert Rtl.objects.filter(bimbingan=sesi, tindakan="Menyusun panduan mutu LSP").count() == 1


def test_two_tabs_sharing_the_queue_send_each_entry_once(page, live_server, fasilitator, sesi):
    url = live_server.url
    login(page, url, "fasilitator")
    controlled(page)
    page.goto(f"{url}/bimbingan/{sesi.pk}/rtl/tambah/")
    kept(page, f"/bimbingan/{sesi.pk}/rtl/tambah/")
    other = page.context.new_page()
    other.goto(f"{url}/antrean/")

    page.context.set_offline(True)
    for n in range(4):
        fill_rtl(page, f"Tindakan lapangan {n + 1}")
        page.get_by_role("button", name="Simpan", exact=True).click()
        expect(badge(page)).to_have_text(str(n + 1))
        expect(page.locator("#id_tindakan")).to_have_value("")
    other.locator("#antrean-baris tr[data-kirim-id]").nth(3).wait_for()
    expect(badge(other)).to_have_text("4")  # told by the first tab

    page.context.set_offline(False)
    # Both tabs heard `online`; make them both try at once, too.
    page.evaluate("Antrean.kirimSemua()")
    other.evaluate("Antrean.kirimSemua()")
    wait_for(
        lambda: Rtl.objects.filter(bimbingan=sesi).count() >= 4,
        what="the entries",
        detail=lambda: other.locator("#antrean-baris").inner_text(),
    )
    page.wait_for_timeout(1500)
    tindakan = list(Rtl.objects.filter(bimbingan=sesi).values_list("tindakan", flat=True))
    assert sorted(tindakan) == [f"Tindakan lapangan {n}" for n in range(1, 5)]
    other.locator("#antrean-baris tr[data-kirim-id]").first.wait_for(state="detached")


def test_an_fgd_alternative_names_a_problem_ticked_on_the_page_and_survives_a_draft(
    page, live_server, fasilitator, tim
):
    """The alternatives' rows offer only the problems ticked (the page adds one as it is ticked),
    and a restored draft brings back both the tick and the row's choice."""
    from advokasi.models import AlternatifTindakan
    from advokasi.tests.factories import PermasalahanFactory, SurveiFactory
    from lsp.tests.factories import LspFactory, provinsi

    lsp = LspFactory(sasaran__nama="LSP Teknik Bandung", sasaran__provinsi=provinsi("Jawa Barat"))
    survei = SurveiFactory(tim=tim, sasaran=[lsp.sasaran])
    problem = PermasalahanFactory(survei=survei, sasaran=lsp.sasaran, uraian="Asesor kurang")
    url = live_server.url
    form_url = f"{url}/fgd/tambah/"
    row = "#id_alternatif-0-permasalahan"
    page.set_viewport_size(VIEWPORT)
    login(page, url, "fasilitator")
    page.goto(form_url)
    assert page.locator(f"{row} option[value='{problem.pk}']").count() == 0
    page.fill("#id_waktu_mulai", "09:00")
    page.fill("#id_tempat", "Ruang Rapat BKSP Jawa Barat")
    page.fill("#id_kesimpulan", "Perlu pelatihan asesor bersama.")
    page.fill("#id_peserta-0-nama", "Dr. Rina Wulandari")
    page.select_option("#id_peserta-0-peran", "fasilitator")
    page.locator(f"#masalah-pilihan input[value='{problem.pk}']").check()
    page.select_option(row, str(problem.pk))  # offered once ticked
    page.fill("#id_alternatif-0-uraian", "Pelatihan asesor bersama BKSP")
    page.wait_for_timeout(700)  # past the draft's debounce
    again = reopened(page, form_url)
    again.get_by_role("button", name="Pulihkan draf").click()
    assert again.locator(f"#masalah-pilihan input[value='{problem.pk}']").is_checked()
    assert again.input_value(row) == str(problem.pk)
    shot(again, "fgd-alternatif")
    again.get_by_role("button", name="Simpan", exact=True).click()
    again.wait_for_url(re.compile(r"/fgd/\d+/$"))
    assert AlternatifTindakan.objects.get(permasalahan=problem).uraian == (
        "Pelatihan asesor bersama BKSP"
    )
