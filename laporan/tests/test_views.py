from datetime import date

import pytest
from django.urls import reverse

from laporan import services
from laporan.models import BerkasLaporan, Laporan
from laporan.tests.factories import laporan_baru

pytestmark = pytest.mark.django_db
B = BerkasLaporan.Status


def _url(name, laporan=None, berkas_pk=None):
    args = [laporan.pk] if laporan else []
    if berkas_pk is not None:
        args.append(berkas_pk)
    return reverse(f"laporan:{name}", args=args)


@pytest.mark.parametrize("role", ["komisi", "admin_user", "pimpinan"])
def test_komisi_admin_and_pimpinan_read_reports(role, request, client_as, laporan):
    client = client_as(request.getfixturevalue(role))
    assert laporan.nomor in client.get(_url("list")).content.decode()
    assert client.get(_url("detail", laporan)).status_code == 200


@pytest.mark.parametrize("role", ["fasilitator", "bksp_user", "no_role"])
def test_fasilitator_bksp_and_others_see_no_report(role, request, client_as, laporan):
    client = client_as(request.getfixturevalue(role))
    page = client.get(_url("list"))
    assert page.status_code == 200 and laporan.nomor not in page.content.decode()
    assert client.get(_url("detail", laporan)).status_code == 404
    assert client.get(_url("update", laporan)).status_code == 404
    assert client.post(_url("setujui", laporan)).status_code == 404


def test_pimpinan_may_read_but_not_change_or_generate(client_as, pimpinan, laporan):
    client = client_as(pimpinan)
    assert client.get(_url("create")).status_code == 403
    assert client.get(_url("update", laporan)).status_code == 403
    assert client.post(_url("berkas-buat", laporan)).status_code == 403
    assert not BerkasLaporan.objects.exists()


def test_anonymous_is_sent_to_login(client, laporan):
    response = client.get(_url("detail", laporan))
    assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_komisi_creates_a_report_through_the_form(client_as, komisi, tim):
    response = client_as(komisi).post(
        _url("create"),
        {
            "judul": "Laporan Semester I 2026",
            "tanggal_mulai": "2026-01-01",
            "tanggal_selesai": "2026-06-30",
            "untuk_pleno": "on",
            "tim": [tim.pk],
            "jenis_sasaran": ["lsp"],
            "ringkasan": "Ringkas.",
        },
    )
    laporan = Laporan.objects.get()
    assert response.status_code == 302 and response["Location"] == laporan.get_absolute_url()
    assert (laporan.tahun, laporan.untuk_pleno, laporan.jenis_sasaran) == (None, True, ["lsp"])
    assert list(laporan.tim.all()) == [tim]


def test_bad_period_is_explained_beside_the_field_and_nothing_saved(client_as, komisi):
    response = client_as(komisi).post(
        _url("create"),
        {"judul": "X", "tahun": "2026", "tanggal_mulai": "2026-01-01", "untuk_pleno": "on"},
    )
    assert response.status_code == 200
    assert "Isi tahun saja, atau rentang tanggal saja" in response.content.decode()
    assert not Laporan.objects.exists()
    response = client_as(komisi).post(_url("create"), {"judul": "X", "tahun": "2026"})
    assert "Pilih Rapat Teknis, Pleno, atau keduanya." in response.content.decode()
    assert not Laporan.objects.exists()


def test_komisi_edits_texts_of_a_draft(client_as, komisi, laporan):
    data = {
        "judul": "Judul baru",
        "tahun": "2026",
        "untuk_rapat_teknis": "on",
        "kesimpulan": "Kesimpulan baru",
    }
    assert client_as(komisi).post(_url("update", laporan), data).status_code == 302
    laporan.refresh_from_db()
    assert (laporan.judul, laporan.kesimpulan) == ("Judul baru", "Kesimpulan baru")


def test_wrong_methods_are_refused(client_as, komisi, laporan):
    client = client_as(komisi)
    assert client.get(_url("setujui", laporan)).status_code == 405
    assert client.get(_url("berkas-buat", laporan)).status_code == 405
    assert client.post(_url("detail", laporan)).status_code == 405
    assert client.delete(_url("update", laporan)).status_code == 405


def test_lifecycle_through_the_pages(client_as, komisi, laporan):
    client = client_as(komisi)
    # Missing participants: the message says so and nothing changes.
    client.post(_url("bahas", laporan), {"tanggal": "2026-11-02", "catatan": "OK"})
    laporan.refresh_from_db()
    assert laporan.status == Laporan.Status.DRAFT
    client.post(
        _url("bahas", laporan),
        {"tanggal": "2026-11-02", "peserta": "Tim A, Tim B", "catatan": "Disepakati"},
    )
    client.post(_url("setujui", laporan))
    client.post(_url("sampaikan", laporan), {"tanggal": "2026-12-01", "forum": "pleno"})
    laporan.refresh_from_db()
    assert laporan.status == Laporan.Status.DISAMPAIKAN and laporan.frozen
    page = client.get(_url("detail", laporan)).content.decode()
    assert "Riwayat perubahan" in page and "Buat versi baru" in page
    response = client.post(_url("versi-baru", laporan))
    baru = Laporan.objects.get(nomor=laporan.nomor, versi=2)
    assert response["Location"] == baru.get_absolute_url()


def test_buat_pdf_queues_the_files_and_the_panel_offers_downloads(
    client_as, komisi, laporan, django_capture_on_commit_callbacks
):
    client = client_as(komisi)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("berkas-buat", laporan))
    assert response.status_code == 302
    panel = client.get(_url("berkas-status", laporan)).content.decode()
    assert panel.count("Unduh") == 4 and "hx-trigger" not in panel
    berkas = BerkasLaporan.objects.get(laporan=laporan, jenis="utama")
    download = client.get(_url("berkas-unduh", laporan, berkas_pk=berkas.pk))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content)[:5] == b"%PDF-"


def test_panel_polls_while_files_are_being_made_and_shows_a_failure_with_retry(
    client_as, komisi, laporan
):
    row = BerkasLaporan.objects.create(
        laporan=laporan,
        versi=1,
        jenis="utama",
        status=B.SEDANG,
        tahap="Menyusun dokumen",
        persen=40,
        diminta_oleh=komisi,
    )
    panel = client_as(komisi).get(_url("berkas-status", laporan)).content.decode()
    assert (
        'hx-trigger="every 2s"' in panel and "Menyusun dokumen" in panel and 'value="40"' in panel
    )
    BerkasLaporan.objects.filter(pk=row.pk).update(status=B.GAGAL, pesan_galat="Kehabisan memori")
    panel = client_as(komisi).get(_url("berkas-status", laporan)).content.decode()
    assert "Kehabisan memori" in panel and "Coba lagi" in panel and "hx-trigger" not in panel


def test_downloads_only_through_the_door(client_as, komisi, fasilitator, laporan):
    berkas = BerkasLaporan.objects.create(
        laporan=laporan, versi=1, jenis="utama", status=B.ANTRE, diminta_oleh=komisi
    )
    url = _url("berkas-unduh", laporan, berkas_pk=berkas.pk)
    assert client_as(komisi).get(url).status_code == 404  # not finished
    other = laporan_baru(komisi)
    assert (
        client_as(komisi).get(_url("berkas-unduh", other, berkas_pk=berkas.pk)).status_code == 404
    )
    assert client_as(fasilitator).get(url).status_code == 404


def test_list_filters_searches_and_sorts(client_as, komisi, catatan):
    laporan_baru(komisi, judul="Laporan Semester Pertama")
    laporan_baru(komisi, judul="Laporan Tahunan Pleno", tahun=2025)
    client = client_as(komisi)
    page = client.get(_url("list"), {"q": "semester"}).content.decode()
    assert "Semester Pertama" in page and "Tahunan Pleno" not in page
    page = client.get(_url("list"), {"tahun": "2025"}).content.decode()
    assert "Tahunan Pleno" in page and "Semester Pertama" not in page
    page = client.get(_url("list"), {"urut": "judul"}).content.decode()
    assert page.index("Semester Pertama") < page.index("Tahunan Pleno")
    assert client.get(_url("list"), {"tahun": "abc", "halaman": "x"}).status_code == 200


def test_list_and_detail_queries_do_not_grow_with_rows(
    client_as, komisi, catatan, django_assert_num_queries
):
    client = client_as(komisi)
    laporan = laporan_baru(komisi)
    client.get(_url("list"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(_url("list"))
    with CaptureQueriesContext(connection) as detail_few:
        client.get(_url("detail", laporan))
    for n in range(6):
        laporan_baru(komisi, judul=f"Laporan {n}")
    services.laporan_bahas(
        user=komisi, laporan=laporan, tanggal=date(2026, 11, 1), peserta="A", catatan="B"
    )
    with django_assert_num_queries(len(few)):
        client.get(_url("list"))
    with django_assert_num_queries(len(detail_few)):
        client.get(_url("detail", laporan))


def test_navigation_offers_laporan(client_as, komisi):
    page = client_as(komisi).get(reverse("beranda")).content.decode()
    assert 'href="/laporan/"' in page
