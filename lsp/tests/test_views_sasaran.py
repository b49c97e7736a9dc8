from datetime import date

import pytest
from django.urls import reverse

from lsp.models import Lsp, Sasaran, Tuk
from lsp.tests.factories import LspFactory, SasaranFactory, TukFactory, bksp, provinsi

pytestmark = pytest.mark.django_db

LIST = reverse("lsp:sasaran-list")


def lsp_form_data(**overrides):
    data = {
        "nama": "LSP Teknologi Digital Nusantara",
        "provinsi": provinsi("Jawa Barat").pk,
        "kabupaten_kota": "Kota Bandung",
        "alamat": "Jl. Asia Afrika No. 10",
        "kode_pos": "40111",
        "website": "https://lsp-tdn.or.id",
        "narahubung": "Dewi Lestari",
        "email": "sekretariat@lsp-tdn.or.id",
        "telepon": "022-4201234",
        "jenis_lsp": "P3",
        "sektor": "Teknologi Informasi",
        "jumlah_skema": "14",
        "nomor_lisensi": "BNSP-LSP-0999-ID",
        "nomor_sk": "KEP.999/BNSP/VI/2024",
        "tanggal_lisensi": "2024-06-11",
        "tanggal_kedaluwarsa": "2029-06-10",
        "nomor_akreditasi_kan": "",
        "kan_berlaku_sampai": "",
    }
    data.update(overrides)
    return data


# --- list -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["komisi", "fasilitator", "pimpinan", "admin_user"])
def test_every_role_but_bksp_sees_the_whole_registry(request, client_as, role):
    LspFactory(sasaran__nama="LSP Jabar", sasaran__provinsi=provinsi("Jawa Barat"))
    LspFactory(sasaran__nama="LSP Jatim", sasaran__provinsi=provinsi("Jawa Timur"))
    response = client_as(request.getfixturevalue(role)).get(LIST)
    assert response.status_code == 200
    assert "LSP Jabar" in response.content.decode()
    assert "LSP Jatim" in response.content.decode()


def test_bksp_user_sees_only_targets_of_their_province(client_as, bksp_user):
    LspFactory(sasaran__nama="LSP Jabar", sasaran__provinsi=provinsi("Jawa Barat"))
    LspFactory(sasaran__nama="LSP Jatim", sasaran__provinsi=provinsi("Jawa Timur"))
    html = client_as(bksp_user).get(LIST).content.decode()
    assert "LSP Jabar" in html
    assert "LSP Jatim" not in html


def test_user_without_role_sees_nothing(client_as, no_role):
    LspFactory(sasaran__nama="LSP Rahasia")
    assert "LSP Rahasia" not in client_as(no_role).get(LIST).content.decode()


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_list_refuses_post(client_as, komisi):
    assert client_as(komisi).post(LIST).status_code == 405


def test_list_filters_by_search_kind_province_jenis_lsp_and_status(client_as, komisi):
    today = date.today()
    LspFactory(
        sasaran__nama="LSP Pariwisata Bali",
        sasaran__provinsi=provinsi("Bali"),
        jenis_lsp="P1",
        tanggal_lisensi=date(2019, 1, 1),
        tanggal_kedaluwarsa=date(today.year - 1, 1, 1),
    )
    LspFactory(sasaran__nama="LSP Energi Jatim", sasaran__provinsi=provinsi("Jawa Timur"))
    SasaranFactory(nama="Asosiasi Pariwisata", provinsi=provinsi("Bali"))
    client = client_as(komisi)

    def names(**params):
        page = client.get(LIST, params).context["page"]
        return sorted(s.nama for s in page)

    assert names(q="pariwisata") == ["Asosiasi Pariwisata", "LSP Pariwisata Bali"]
    assert names(jenis="lsp") == ["LSP Energi Jatim", "LSP Pariwisata Bali"]
    assert names(provinsi=provinsi("Bali").pk, jenis="lsp") == ["LSP Pariwisata Bali"]
    assert names(jenis_lsp="P1") == ["LSP Pariwisata Bali"]
    assert names(status_lisensi="kedaluwarsa") == ["LSP Pariwisata Bali"]
    assert names(status_lisensi="aktif") == ["LSP Energi Jatim"]


def test_bksp_user_cannot_filter_their_way_into_another_province(client_as, bksp_user):
    LspFactory(sasaran__nama="LSP Jatim", sasaran__provinsi=provinsi("Jawa Timur"))
    response = client_as(bksp_user).get(LIST, {"provinsi": provinsi("Jawa Timur").pk})
    assert response.status_code == 200
    assert "LSP Jatim" not in response.content.decode()


def test_list_sorts_by_the_chosen_column(client_as, komisi):
    for name in ["LSP Bravo", "LSP Alfa", "LSP Charlie"]:
        LspFactory(sasaran__nama=name)
    client = client_as(komisi)
    ascending = [s.nama for s in client.get(LIST, {"urut": "nama"}).context["page"]]
    descending = [s.nama for s in client.get(LIST, {"urut": "-nama"}).context["page"]]
    assert ascending == ["LSP Alfa", "LSP Bravo", "LSP Charlie"]
    assert descending == list(reversed(ascending))


def test_list_is_paginated_and_a_bad_page_number_shows_the_last_page(client_as, komisi, settings):
    settings.PAGE_SIZE = 5
    SasaranFactory.create_batch(12)
    client = client_as(komisi)
    assert len(client.get(LIST).context["page"]) == 5
    assert client.get(LIST, {"halaman": "3"}).context["page"].number == 3
    assert client.get(LIST, {"halaman": "99"}).context["page"].number == 3
    assert client.get(LIST, {"halaman": "abc"}).context["page"].number == 1


def test_list_filters_by_advocacy_team_offering_only_the_users_teams(
    client_as, komisi, fasilitator, tim, tim_lain
):
    mine = LspFactory(sasaran__nama="LSP Tim Saya").sasaran
    theirs = LspFactory(sasaran__nama="LSP Tim Lain").sasaran
    tim.sasaran.add(mine)
    tim_lain.sasaran.add(theirs)
    names = lambda response: [s.nama for s in response.context["page"]]  # noqa: E731

    assert names(client_as(komisi).get(LIST, {"tim": tim_lain.pk})) == ["LSP Tim Lain"]
    response = client_as(fasilitator).get(LIST, {"tim": tim.pk})
    assert names(response) == ["LSP Tim Saya"]
    assert list(response.context["filter"].form.fields["tim"].queryset) == [tim]
    # Another team's id is refused beside the field, and the list is not narrowed to that team.
    refused = client_as(fasilitator).get(LIST, {"tim": tim_lain.pk})
    assert "tim" in refused.context["filter"].form.errors
    assert {"LSP Tim Saya", "LSP Tim Lain"} <= set(names(refused))


def test_an_unknown_filter_value_does_not_break_the_page(client_as, komisi):
    response = client_as(komisi).get(LIST, {"provinsi": "999999", "status_lisensi": "x"})
    assert response.status_code == 200


def _populate(n):
    for i in range(n):
        lsp = LspFactory(sasaran__provinsi=provinsi("Jawa Barat" if i % 2 else "Bali"))
        TukFactory(lsp=lsp, sasaran__provinsi=lsp.sasaran.provinsi)


@pytest.mark.parametrize("role", ["komisi", "bksp_user"])
def test_list_query_count_does_not_grow_with_rows(request, client_as, role):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(request.getfixturevalue(role))

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST, {"urut": "provinsi"}).status_code == 200
        return len(ctx)

    _populate(5)
    small = count()
    _populate(100)
    assert count() == small
    assert small <= 15


# --- detail ---------------------------------------------------------------------------------


def test_lsp_page_shows_license_tuks_and_history(client_as, komisi):
    lsp = LspFactory(sasaran__nama="LSP Konstruksi Indonesia", nomor_lisensi="BNSP-LSP-0042-ID")
    TukFactory(lsp=lsp, kode="TUK-0042-01", sasaran__nama="TUK Workshop Cikarang")
    response = client_as(komisi).get(lsp.sasaran.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "BNSP-LSP-0042-ID" in html
    assert "TUK Workshop Cikarang" in html
    assert "Riwayat perubahan" in html


def test_detail_query_count_does_not_grow_with_tuks_or_history(client_as, komisi):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    lsp = LspFactory()
    client = client_as(komisi)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(lsp.sasaran.get_absolute_url()).status_code == 200
        return len(ctx)

    TukFactory(lsp=lsp)
    lsp.sasaran.provinsi = provinsi("Bali")
    lsp.sasaran.save()
    small = count()
    for i in range(40):
        TukFactory(lsp=lsp)
        lsp.sasaran.nama = f"LSP nama ke-{i}"
        lsp.sasaran.provinsi = provinsi("Bali" if i % 2 else "Aceh")
        lsp.sasaran.save()
    assert count() == small
    # 16 for the page itself, +6 for its "Riwayat advokasi" card (one query per kind of record,
    # advokasi.selectors_cerita), +1 for the navbar's unread-notification count.
    assert small <= 23


def test_history_names_the_author_and_the_changed_field(client_as, komisi):
    client = client_as(komisi)
    lsp = LspFactory(sasaran__provinsi=provinsi("Bali"))
    data = lsp_form_data(
        nama="LSP Nama Diperbarui",
        nomor_lisensi=lsp.nomor_lisensi,
        provinsi=provinsi("Aceh").pk,
    )
    response = client.post(reverse("lsp:sasaran-update", args=[lsp.pk]), data)
    assert response.status_code == 302
    html = client.get(lsp.sasaran.get_absolute_url()).content.decode()
    assert "komisi" in html
    assert "Bali" in html and "Aceh" in html
    assert "LSP Nama Diperbarui" in html


def test_bksp_user_gets_404_for_a_target_of_another_province(client_as, bksp_user):
    other = LspFactory(sasaran__provinsi=provinsi("Jawa Timur"))
    mine = LspFactory(sasaran__provinsi=provinsi("Jawa Barat"))
    client = client_as(bksp_user)
    assert client.get(other.sasaran.get_absolute_url()).status_code == 404
    assert client.get(mine.sasaran.get_absolute_url()).status_code == 200


def test_read_only_roles_see_no_edit_buttons(client_as, pimpinan):
    lsp = LspFactory()
    html = client_as(pimpinan).get(lsp.sasaran.get_absolute_url()).content.decode()
    assert reverse("lsp:sasaran-update", args=[lsp.pk]) not in html


# --- create / update / delete ---------------------------------------------------------------


def test_komisi_creates_an_lsp_with_its_license_data(client_as, komisi):
    response = client_as(komisi).post(reverse("lsp:sasaran-create", args=["lsp"]), lsp_form_data())
    lsp = Lsp.objects.select_related("sasaran").get(nomor_lisensi="BNSP-LSP-0999-ID")
    assert response.status_code == 302
    assert response.url == lsp.sasaran.get_absolute_url()
    assert lsp.sasaran.jenis == Sasaran.Jenis.LSP
    assert lsp.sasaran.history.get().history_user == komisi
    assert lsp.history.get().history_user == komisi


@pytest.mark.parametrize(
    "jenis", ["asosiasi_profesi", "asosiasi_industri", "instansi_teknis", "lemdiklat", "bksp"]
)
def test_komisi_creates_every_other_kind(client_as, komisi, jenis):
    data = {"nama": f"Sasaran {jenis}", "provinsi": provinsi("Riau").pk}
    response = client_as(komisi).post(reverse("lsp:sasaran-create", args=[jenis]), data)
    assert response.status_code == 302
    assert Sasaran.objects.get(nama=f"Sasaran {jenis}").jenis == jenis


def test_komisi_creates_a_tuk_under_an_lsp(client_as, komisi):
    lsp = LspFactory()
    data = {
        "nama": "TUK Sewaktu Hotel Indonesia",
        "provinsi": provinsi("DKI Jakarta").pk,
        "lsp": lsp.pk,
        "kode": "TUK-7777-01",
        "jenis_tuk": "sewaktu",
        "penanggung_jawab": "Andi Wijaya",
    }
    response = client_as(komisi).post(reverse("lsp:sasaran-create", args=["tuk"]), data)
    assert response.status_code == 302
    assert Tuk.objects.get(kode="TUK-7777-01").lsp == lsp


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"nama": ""}, "nama", "tidak boleh kosong"),
        ({"kode_pos": "4011"}, "kode_pos", "5 angka"),
        ({"email": "bukan-email"}, "email", "alamat email yang valid"),
        ({"tanggal_lisensi": "11/13/2024"}, "tanggal_lisensi", "tanggal yang valid"),
        ({"tanggal_kedaluwarsa": "2020-01-01"}, "tanggal_kedaluwarsa", "setelah tanggal terbit"),
        ({"jenis_lsp": "P9"}, "jenis_lsp", "pilihan yang valid"),
        ({"jumlah_skema": "-3"}, "jumlah_skema", "lebih besar"),
        ({"provinsi": "999999"}, "provinsi", "pilihan yang valid"),
    ],
)
def test_bad_input_is_shown_beside_the_field_and_nothing_is_saved(
    client_as, komisi, overrides, field, message
):
    response = client_as(komisi).post(
        reverse("lsp:sasaran-create", args=["lsp"]), lsp_form_data(**overrides)
    )
    assert response.status_code == 200
    forms = [response.context["form"], response.context["detail_form"]]
    errors = " ".join(str(e) for f in forms for e in f.errors.get(field, []))
    assert message in errors.lower() or message in errors
    assert not Sasaran.objects.exists()
    assert not Lsp.objects.exists()


def test_duplicate_license_number_is_refused_with_a_message(client_as, komisi):
    LspFactory(nomor_lisensi="BNSP-LSP-0999-ID")
    response = client_as(komisi).post(reverse("lsp:sasaran-create", args=["lsp"]), lsp_form_data())
    assert response.status_code == 200
    assert "telah ada" in str(response.context["detail_form"].errors["nomor_lisensi"])
    assert Sasaran.objects.count() == 1


def test_second_bksp_for_a_province_is_refused_with_a_message(client_as, komisi):
    bksp("Riau")
    data = {"nama": "BKSP Riau Kedua", "provinsi": provinsi("Riau").pk}
    response = client_as(komisi).post(reverse("lsp:sasaran-create", args=["bksp"]), data)
    assert response.status_code == 200
    assert "sudah memiliki BKSP" in response.content.decode()
    assert Sasaran.objects.filter(jenis="bksp").count() == 1


def test_unknown_kind_is_404(client_as, komisi):
    assert client_as(komisi).get(reverse("lsp:sasaran-create", args=["bank"])).status_code == 404


@pytest.mark.parametrize("role", ["fasilitator", "bksp_user", "pimpinan", "no_role"])
def test_only_komisi_may_create_update_or_delete(request, client_as, role):
    lsp = LspFactory(sasaran__provinsi=provinsi("Jawa Barat"))
    client = client_as(request.getfixturevalue(role))
    create = client.post(reverse("lsp:sasaran-create", args=["lsp"]), lsp_form_data())
    update = client.post(reverse("lsp:sasaran-update", args=[lsp.pk]), lsp_form_data())
    delete = client.post(reverse("lsp:sasaran-delete", args=[lsp.pk]))
    assert create.status_code == 403
    # Someone who cannot even see the target learns nothing about it: 404, not 403.
    expected = 404 if role == "no_role" else 403
    assert update.status_code == expected
    assert delete.status_code == expected
    assert Sasaran.objects.count() == 1
    assert Sasaran.objects.get().nama == lsp.sasaran.nama


def test_bksp_user_gets_404_editing_another_provinces_target(client_as, bksp_user):
    other = SasaranFactory(provinsi=provinsi("Jawa Timur"))
    client = client_as(bksp_user)
    assert client.get(reverse("lsp:sasaran-update", args=[other.pk])).status_code == 404


def test_edit_form_is_prefilled(client_as, komisi):
    lsp = LspFactory(nomor_lisensi="BNSP-LSP-1234-ID")
    html = client_as(komisi).get(reverse("lsp:sasaran-update", args=[lsp.pk])).content.decode()
    assert 'value="BNSP-LSP-1234-ID"' in html


def test_deleting_an_lsp_that_has_tuks_is_refused_with_a_message(client_as, komisi):
    tuk = TukFactory(sasaran__nama="TUK Mandiri Surabaya")
    lsp_sasaran = tuk.lsp.sasaran
    client = client_as(komisi)
    response = client.post(reverse("lsp:sasaran-delete", args=[lsp_sasaran.pk]), follow=True)
    assert "tidak dapat dihapus" in response.content.decode()
    assert "TUK-" in response.content.decode()
    assert Sasaran.objects.filter(pk=lsp_sasaran.pk).exists()


def test_deleting_an_unreferenced_target_removes_it_and_keeps_its_history(client_as, komisi):
    sasaran = SasaranFactory()
    client = client_as(komisi)
    assert client.get(reverse("lsp:sasaran-delete", args=[sasaran.pk])).status_code == 200
    response = client.post(reverse("lsp:sasaran-delete", args=[sasaran.pk]))
    assert response.status_code == 302
    assert not Sasaran.objects.filter(pk=sasaran.pk).exists()
    assert Sasaran.history.filter(id=sasaran.pk, history_type="-").exists()
