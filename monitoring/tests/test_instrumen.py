"""Monitoring instruments (§6.1e, §7): the Komisi builds the tree aspek → fokus → indikator,
everyone with a role reads it."""

import itertools
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monitoring.models import Aspek, Fokus, Indikator, Instrumen, JawabanIndikator

pytestmark = pytest.mark.django_db

LIST = reverse("monitoring:instrumen-list")
CREATE = reverse("monitoring:instrumen-create")
Tipe = Indikator.Tipe
_seq = itertools.count(1)


def buat_instrumen(user, nama=None, *, aktif=True, tipe=None) -> Instrumen:
    """An instrument with one aspect, one focus area and one indicator of each type (or of the
    given types): ya/tidak (benchmark ya), angka (10), persen (80), skala (4), teks."""
    benchmarks = {
        Tipe.YA_TIDAK: 1,
        Tipe.ANGKA: 10,
        Tipe.PERSEN: 80,
        Tipe.SKALA: 4,
        Tipe.TEKS: None,
    }
    instrumen = Instrumen.objects.create(
        nama=nama or f"Daftar isian monitoring RTL {next(_seq)}", aktif=aktif, dibuat_oleh=user
    )
    aspek = Aspek.objects.create(instrumen=instrumen, nama="Kelembagaan LSP", urutan=1)
    fokus = Fokus.objects.create(aspek=aspek, nama="Sistem manajemen mutu", urutan=1)
    for urutan, jenis in enumerate(tipe or list(benchmarks), start=1):
        Indikator.objects.create(
            fokus=fokus,
            nama=f"Indikator {Tipe(jenis).label}",
            tipe=jenis,
            benchmark=benchmarks[jenis],
            bobot=2,
            urutan=urutan,
        )
    return instrumen


def indikator_of(instrumen, tipe) -> Indikator:
    return Indikator.objects.get(fokus__aspek__instrumen=instrumen, tipe=tipe)


# --- list -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["komisi", "admin_user", "fasilitator", "bksp_user", "pimpinan"])
def test_everyone_with_a_role_reads_the_instruments(request, client_as, komisi, role):
    buat_instrumen(komisi, "Instrumen visitasi LSP P1")
    response = client_as(request.getfixturevalue(role)).get(LIST)
    assert response.status_code == 200
    assert "Instrumen visitasi LSP P1" in response.content.decode()


def test_user_without_role_sees_no_instrument(client_as, komisi, no_role):
    buat_instrumen(komisi, "Instrumen rahasia")
    assert "Instrumen rahasia" not in client_as(no_role).get(LIST).content.decode()


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_list_refuses_post(client_as, komisi):
    assert client_as(komisi).post(LIST).status_code == 405


def test_only_the_komisi_sees_the_add_button(client_as, komisi, fasilitator):
    assert CREATE in client_as(komisi).get(LIST).content.decode()
    assert CREATE not in client_as(fasilitator).get(LIST).content.decode()


def test_list_searches_filters_by_status_and_sorts(client_as, komisi):
    buat_instrumen(komisi, "Instrumen Bravo")
    buat_instrumen(komisi, "Instrumen Alfa", aktif=False)
    charlie = buat_instrumen(komisi, "Instrumen Charlie", tipe=[Tipe.SKALA])
    Indikator.objects.filter(fokus__aspek__instrumen=charlie).update(nama="Kepuasan asesi")
    client = client_as(komisi)

    def names(**params):
        return [i.nama for i in client.get(LIST, params).context["page"]]

    assert names(q="kepuasan") == ["Instrumen Charlie"]
    assert names(aktif="tidak") == ["Instrumen Alfa"]
    assert names(urut="nama") == ["Instrumen Alfa", "Instrumen Bravo", "Instrumen Charlie"]
    assert names(urut="-nama") == ["Instrumen Charlie", "Instrumen Bravo", "Instrumen Alfa"]
    assert names(urut="indikator")[0] == "Instrumen Charlie"


def test_list_is_paginated_and_bad_filters_do_not_break_it(client_as, komisi, settings):
    settings.PAGE_SIZE = 2
    for _ in range(5):
        buat_instrumen(komisi)
    client = client_as(komisi)
    assert len(client.get(LIST).context["page"]) == 2
    assert client.get(LIST, {"halaman": "99"}).context["page"].number == 3
    assert client.get(LIST, {"aktif": "mungkin", "urut": "x"}).status_code == 200


def test_list_query_count_does_not_grow_with_rows(client_as, komisi):
    client = client_as(komisi)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST).status_code == 200
        return len(ctx)

    buat_instrumen(komisi)
    small = count()
    for _ in range(20):
        buat_instrumen(komisi)
    assert count() == small
    assert small <= 13


# --- detail -----------------------------------------------------------------------------------


def test_detail_shows_the_tree_with_type_benchmark_and_weight(client_as, komisi, fasilitator):
    instrumen = buat_instrumen(komisi)
    html = client_as(fasilitator).get(instrumen.get_absolute_url()).content.decode()
    assert "Kelembagaan LSP" in html
    assert "Sistem manajemen mutu" in html
    assert "Indikator Persentase" in html
    assert "Skala 1–5" in html
    assert "80%" in html
    assert 'class="text-end num">2</td>' in html  # the weight
    assert reverse("monitoring:aspek-create", args=[instrumen.pk]) not in html


def test_komisi_sees_the_buttons_to_edit_the_tree(client_as, komisi):
    instrumen = buat_instrumen(komisi)
    fokus = Fokus.objects.get(aspek__instrumen=instrumen)
    html = client_as(komisi).get(instrumen.get_absolute_url()).content.decode()
    assert reverse("monitoring:aspek-create", args=[instrumen.pk]) in html
    assert reverse("monitoring:indikator-create", args=[fokus.pk]) in html


@pytest.mark.parametrize("role", ["bksp_user", "pimpinan", "admin_user"])
def test_every_role_opens_an_instrument(request, client_as, komisi, role):
    instrumen = buat_instrumen(komisi)
    user = request.getfixturevalue(role)
    assert client_as(user).get(instrumen.get_absolute_url()).status_code == 200


def test_user_without_role_gets_404_for_an_instrument(client_as, komisi, no_role):
    instrumen = buat_instrumen(komisi)
    assert client_as(no_role).get(instrumen.get_absolute_url()).status_code == 404


def test_detail_refuses_post(client_as, komisi):
    instrumen = buat_instrumen(komisi)
    assert client_as(komisi).post(instrumen.get_absolute_url()).status_code == 405


def test_detail_query_count_does_not_grow_with_the_tree(client_as, komisi):
    instrumen = buat_instrumen(komisi)
    client = client_as(komisi)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(instrumen.get_absolute_url()).status_code == 200
        return len(ctx)

    small = count()
    for a in range(4):
        aspek = Aspek.objects.create(instrumen=instrumen, nama=f"Aspek {a}")
        for f in range(3):
            fokus = Fokus.objects.create(aspek=aspek, nama=f"Fokus {f}")
            for i in range(3):
                Indikator.objects.create(fokus=fokus, nama=f"I{i}", tipe=Tipe.ANGKA, benchmark=i)
    assert count() == small
    assert small <= 18


# --- the instrument itself --------------------------------------------------------------------


def test_komisi_creates_an_instrument_with_history(client_as, komisi):
    response = client_as(komisi).post(
        CREATE, {"nama": "  Daftar isian LSP P2  ", "uraian": "Untuk visitasi", "aktif": "on"}
    )
    instrumen = Instrumen.objects.get()
    assert response.status_code == 302
    assert response.url == instrumen.get_absolute_url()
    assert instrumen.nama == "Daftar isian LSP P2"
    assert instrumen.dibuat_oleh == komisi
    assert instrumen.history.get().history_user == komisi


def test_a_duplicate_or_blank_name_is_refused_beside_the_field(client_as, komisi):
    buat_instrumen(komisi, "Daftar isian LSP P2")
    client = client_as(komisi)
    response = client.post(CREATE, {"nama": "Daftar isian LSP P2"})
    assert response.status_code == 200
    assert "Nama instrumen ini sudah dipakai." in response.context["form"].errors["nama"]
    response = client.post(CREATE, {"nama": ""})
    assert "Isi nama instrumen." in response.context["form"].errors["nama"]
    assert Instrumen.objects.count() == 1


@pytest.mark.parametrize("role", ["fasilitator", "bksp_user", "pimpinan", "no_role"])
def test_only_the_komisi_creates_instruments(request, client_as, role):
    client = client_as(request.getfixturevalue(role))
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, {"nama": "Instrumen liar"}).status_code == 403
    assert not Instrumen.objects.exists()


def test_anonymous_user_cannot_create_an_instrument(client):
    response = client.post(CREATE, {"nama": "Instrumen liar"})
    assert response.status_code == 302
    assert not Instrumen.objects.exists()


def test_komisi_updates_an_instrument_and_can_deactivate_it(client_as, komisi):
    instrumen = buat_instrumen(komisi)
    url = reverse("monitoring:instrumen-update", args=[instrumen.pk])
    response = client_as(komisi).post(url, {"nama": "Nama baru", "uraian": ""})
    instrumen.refresh_from_db()
    assert response.status_code == 302
    assert (instrumen.nama, instrumen.aktif) == ("Nama baru", False)
    assert instrumen.history.first().history_user == komisi


@pytest.mark.parametrize(
    ("role", "status"), [("fasilitator", 403), ("pimpinan", 403), ("no_role", 404)]
)
def test_others_cannot_update_an_instrument(request, client_as, komisi, role, status):
    instrumen = buat_instrumen(komisi, "Tetap")
    url = reverse("monitoring:instrumen-update", args=[instrumen.pk])
    client = client_as(request.getfixturevalue(role))
    assert client.post(url, {"nama": "Diubah"}).status_code == status
    instrumen.refresh_from_db()
    assert instrumen.nama == "Tetap"


def test_update_of_a_missing_instrument_is_404_and_put_is_405(client_as, komisi):
    client = client_as(komisi)
    assert client.get(reverse("monitoring:instrumen-update", args=[999])).status_code == 404
    instrumen = buat_instrumen(komisi)
    url = reverse("monitoring:instrumen-update", args=[instrumen.pk])
    assert client.put(url).status_code == 405


# --- the tree ---------------------------------------------------------------------------------


def test_komisi_builds_the_tree_node_by_node(client_as, komisi):
    instrumen = Instrumen.objects.create(nama="Kosong", dibuat_oleh=komisi)
    client = client_as(komisi)
    response = client.post(
        reverse("monitoring:aspek-create", args=[instrumen.pk]), {"nama": "Tata kelola"}
    )
    aspek = Aspek.objects.get()
    assert response.url == f"{instrumen.get_absolute_url()}#aspek-{aspek.pk}"
    assert aspek.urutan == 1
    client.post(reverse("monitoring:fokus-create", args=[aspek.pk]), {"nama": "Struktur"})
    fokus = Fokus.objects.get()
    response = client.post(
        reverse("monitoring:indikator-create", args=[fokus.pk]),
        {"nama": "Struktur organisasi disahkan", "tipe": "ya_tidak", "benchmark": "1", "bobot": 3},
    )
    indikator = Indikator.objects.get()
    assert response.status_code == 302
    assert (indikator.tipe, indikator.benchmark, indikator.bobot) == ("ya_tidak", 1, 3)
    assert indikator.history.get().history_user == komisi
    client.post(reverse("monitoring:aspek-create", args=[instrumen.pk]), {"nama": "Kedua"})
    assert list(instrumen.aspek.values_list("nama", "urutan")) == [
        ("Tata kelola", 1),
        ("Kedua", 2),
    ]


@pytest.mark.parametrize(
    ("tipe", "benchmark", "message"),
    [
        ("angka", "", "Indikator terukur wajib punya benchmark."),
        ("skala", "6", "Benchmark skala harus antara 1 dan 5."),
        ("persen", "120", "Benchmark persentase harus antara 0 dan 100."),
        ("ya_tidak", "2", "Benchmark ya/tidak adalah 1 (ya) atau 0 (tidak)."),
        ("angka", "sepuluh", "Benchmark harus berupa angka."),
    ],
)
def test_benchmark_must_suit_the_type_and_the_message_is_beside_it(
    client_as, komisi, tipe, benchmark, message
):
    instrumen = buat_instrumen(komisi, tipe=[Tipe.TEKS])
    fokus = Fokus.objects.get(aspek__instrumen=instrumen)
    response = client_as(komisi).post(
        reverse("monitoring:indikator-create", args=[fokus.pk]),
        {"nama": "Jumlah asesor", "tipe": tipe, "benchmark": benchmark, "bobot": 1},
    )
    assert response.status_code == 200
    assert message in response.context["form"].errors["benchmark"]
    assert message in response.content.decode()
    assert fokus.indikator.count() == 1


def test_a_text_indicator_keeps_no_benchmark(client_as, komisi):
    instrumen = buat_instrumen(komisi, tipe=[Tipe.TEKS])
    fokus = Fokus.objects.get(aspek__instrumen=instrumen)
    client_as(komisi).post(
        reverse("monitoring:indikator-create", args=[fokus.pk]),
        {"nama": "Catatan umum", "tipe": "teks", "benchmark": "5", "bobot": 1},
    )
    assert fokus.indikator.get(nama="Catatan umum").benchmark is None


def test_weight_outside_1_100_is_refused(client_as, komisi):
    instrumen = buat_instrumen(komisi, tipe=[Tipe.TEKS])
    fokus = Fokus.objects.get(aspek__instrumen=instrumen)
    response = client_as(komisi).post(
        reverse("monitoring:indikator-create", args=[fokus.pk]),
        {"nama": "Berat", "tipe": "angka", "benchmark": "1", "bobot": 101},
    )
    assert "Bobot paling besar 100." in response.context["form"].errors["bobot"]


def test_komisi_edits_aspek_fokus_and_indikator(client_as, komisi):
    instrumen = buat_instrumen(komisi)
    aspek = instrumen.aspek.get()
    fokus = aspek.fokus.get()
    indikator = indikator_of(instrumen, Tipe.PERSEN)
    client = client_as(komisi)
    client.post(reverse("monitoring:aspek-update", args=[aspek.pk]), {"nama": "A2", "urutan": 5})
    client.post(reverse("monitoring:fokus-update", args=[fokus.pk]), {"nama": "F2", "urutan": 1})
    client.post(
        reverse("monitoring:indikator-update", args=[indikator.pk]),
        {"nama": "Persen asesor aktif", "tipe": "persen", "benchmark": "90", "bobot": 5},
    )
    aspek.refresh_from_db()
    fokus.refresh_from_db()
    indikator.refresh_from_db()
    assert (aspek.nama, aspek.urutan, fokus.nama) == ("A2", 5, "F2")
    assert (indikator.nama, indikator.benchmark, indikator.bobot) == ("Persen asesor aktif", 90, 5)


NODE_URLS = [
    ("aspek-create", "instrumen"),
    ("aspek-update", "aspek"),
    ("aspek-delete", "aspek"),
    ("fokus-create", "aspek"),
    ("fokus-update", "fokus"),
    ("fokus-delete", "fokus"),
    ("indikator-create", "fokus"),
    ("indikator-update", "indikator"),
    ("indikator-delete", "indikator"),
    ("instrumen-delete", "instrumen"),
]


def _node_pk(instrumen, kind):
    return {
        "instrumen": instrumen.pk,
        "aspek": Aspek.objects.get(instrumen=instrumen).pk,
        "fokus": Fokus.objects.get(aspek__instrumen=instrumen).pk,
        "indikator": indikator_of(instrumen, Tipe.ANGKA).pk,
    }[kind]


@pytest.mark.parametrize(("name", "kind"), NODE_URLS)
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("komisi", 200),
        ("admin_user", 200),
        ("fasilitator", 403),
        ("bksp_user", 403),
        ("pimpinan", 403),
        ("no_role", 404),
    ],
)
def test_tree_pages_open_for_the_komisi_only(request, client_as, komisi, name, kind, role, status):
    instrumen = buat_instrumen(komisi)
    url = reverse(f"monitoring:{name}", args=[_node_pk(instrumen, kind)])
    assert client_as(request.getfixturevalue(role)).get(url).status_code == status


@pytest.mark.parametrize(("name", "kind"), NODE_URLS)
def test_tree_pages_send_anonymous_users_to_login_and_refuse_put(client, komisi, name, kind):
    instrumen = buat_instrumen(komisi)
    url = reverse(f"monitoring:{name}", args=[_node_pk(instrumen, kind)])
    assert client.get(url).status_code == 302
    client.force_login(komisi)
    assert client.put(url).status_code == 405
    assert client.get(reverse(f"monitoring:{name}", args=[99999])).status_code == 404


def test_fasilitator_cannot_add_an_indicator_by_post(client_as, komisi, fasilitator):
    instrumen = buat_instrumen(komisi)
    fokus = Fokus.objects.get(aspek__instrumen=instrumen)
    response = client_as(fasilitator).post(
        reverse("monitoring:indikator-create", args=[fokus.pk]),
        {"nama": "Liar", "tipe": "angka", "benchmark": "1", "bobot": 1},
    )
    assert response.status_code == 403
    assert not Indikator.objects.filter(nama="Liar").exists()


def _answer(indikator, user):
    """An answer to `indikator` in a record of a plan that uses its instrument."""
    from monitoring.tests.test_rencana import buat_rencana

    rencana = buat_rencana(tim=None, instrumen=indikator.fokus.aspek.instrumen, user=user)
    from monitoring.models import CatatanMonitoring

    catatan = CatatanMonitoring.objects.create(
        nomor="CMN-2026-0901", rencana=rencana, tanggal=date(2026, 6, 20), dibuat_oleh=user
    )
    return JawabanIndikator.objects.create(catatan=catatan, indikator=indikator, nilai=12)


def test_an_answered_indicator_cannot_be_deleted_and_the_message_says_why(client_as, komisi):
    instrumen = buat_instrumen(komisi)
    indikator = indikator_of(instrumen, Tipe.ANGKA)
    _answer(indikator, komisi)
    client = client_as(komisi)
    for name, pk in [
        ("indikator-delete", indikator.pk),
        ("fokus-delete", indikator.fokus_id),
        ("aspek-delete", indikator.fokus.aspek_id),
    ]:
        response = client.post(reverse(f"monitoring:{name}", args=[pk]), follow=True)
        assert "sudah dijawab dalam catatan monitoring CMN-2026-0901" in response.content.decode()
    assert Indikator.objects.filter(pk=indikator.pk).exists()
    assert Indikator.objects.filter(fokus__aspek__instrumen=instrumen).count() == 5


def test_an_unanswered_indicator_and_an_aspect_with_its_subtree_are_deleted(client_as, komisi):
    instrumen = buat_instrumen(komisi)
    indikator = indikator_of(instrumen, Tipe.TEKS)
    client = client_as(komisi)
    response = client.post(reverse("monitoring:indikator-delete", args=[indikator.pk]))
    assert response.url == instrumen.get_absolute_url()
    assert not Indikator.objects.filter(pk=indikator.pk).exists()
    aspek = instrumen.aspek.get()
    client.post(reverse("monitoring:aspek-delete", args=[aspek.pk]))
    assert not Fokus.objects.exists()
    assert not Indikator.objects.exists()
    assert Aspek.history.filter(history_type="-").get().history_user == komisi


def test_the_type_of_an_answered_indicator_cannot_change(client_as, komisi):
    instrumen = buat_instrumen(komisi)
    indikator = indikator_of(instrumen, Tipe.ANGKA)
    _answer(indikator, komisi)
    response = client_as(komisi).post(
        reverse("monitoring:indikator-update", args=[indikator.pk]),
        {"nama": indikator.nama, "tipe": "teks", "benchmark": "", "bobot": 1},
    )
    assert "tidak dapat diubah" in response.context["form"].errors["tipe"][0]
    indikator.refresh_from_db()
    assert indikator.tipe == Tipe.ANGKA


def test_an_instrument_used_by_a_plan_cannot_be_deleted(client_as, komisi):
    from monitoring.tests.test_rencana import buat_rencana

    instrumen = buat_instrumen(komisi)
    rencana = buat_rencana(tim=None, instrumen=instrumen, user=komisi)
    response = client_as(komisi).post(
        reverse("monitoring:instrumen-delete", args=[instrumen.pk]), follow=True
    )
    assert f"dipakai oleh rencana monitoring {rencana.nomor}" in response.content.decode()
    assert Instrumen.objects.filter(pk=instrumen.pk).exists()


def test_an_unused_instrument_is_deleted_with_its_tree(client_as, komisi):
    instrumen = buat_instrumen(komisi)
    response = client_as(komisi).post(reverse("monitoring:instrumen-delete", args=[instrumen.pk]))
    assert response.url == LIST
    assert not Instrumen.objects.exists()
    assert not Indikator.objects.exists()


def test_the_page_marks_answered_indicators_as_locked(client_as, komisi):
    instrumen = buat_instrumen(komisi)
    # Its tree is cached until a record changes: an answer recorded afterwards still locks.
    assert "bi-lock" not in client_as(komisi).get(instrumen.get_absolute_url()).content.decode()
    answered = indikator_of(instrumen, Tipe.ANGKA)
    catatan = _answer(answered, komisi).catatan
    other = Indikator.objects.create(
        fokus=answered.fokus, nama="Indikator lain", tipe=Tipe.ANGKA, benchmark=1
    )
    JawabanIndikator.objects.create(catatan=catatan, indikator=other, nilai=3)
    response = client_as(komisi).get(instrumen.get_absolute_url())
    dijawab = {
        ind.pk: ind.dijawab
        for aspek in response.context["aspek_list"]
        for fokus in aspek.fokus.all()
        for ind in fokus.indikator.all()
    }
    assert dijawab[answered.pk] and dijawab[other.pk]
    assert list(dijawab.values()).count(False) == len(dijawab) - 2
    html = response.content.decode()
    assert html.count("bi-lock") == 2
    assert reverse("monitoring:indikator-delete", args=[answered.pk]) not in html
    unanswered = next(pk for pk, locked in dijawab.items() if not locked)
    assert reverse("monitoring:indikator-delete", args=[unanswered]) in html
