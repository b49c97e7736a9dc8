"""Priorities and strategy (§4.3): criteria and weights, problem groups, their weighted scores and
ranking, and the Komisi's decision on the strategy."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advokasi.models import (
    KelompokMasalah,
    KriteriaPrioritas,
    Permasalahan,
    SkorPrioritas,
    TransisiMasalah,
)
from advokasi.tests.factories import (
    FgdFactory,
    KelompokFactory,
    PermasalahanFactory,
    SurveiFactory,
)
from lsp.models import Sasaran
from lsp.tests.factories import LspFactory, SasaranFactory, bksp, provinsi

pytestmark = pytest.mark.django_db

LIST = reverse("advokasi:prioritas-list")
KRITERIA = reverse("advokasi:kriteria-list")
CREATE = reverse("advokasi:prioritas-create")
RUMUS = "Skor tertimbang = Σ(skor × bobot) ÷ Σ bobot, atas kriteria aktif yang dinilai"


def url(name, kelompok):
    return reverse(f"advokasi:prioritas-{name}", args=[kelompok.pk])


@pytest.fixture
def world(tim, tim_lain):
    """tim works with two LSPs in Jawa Barat, tim_lain with one in Jawa Timur."""
    jabar, jatim = provinsi("Jawa Barat"), provinsi("Jawa Timur")
    lsp1 = LspFactory(sasaran__nama="LSP Teknik Bandung", sasaran__provinsi=jabar).sasaran
    lsp2 = LspFactory(sasaran__nama="LSP Tekstil Cimahi", sasaran__provinsi=jabar).sasaran
    lsp_jatim = LspFactory(sasaran__nama="LSP Maritim Surabaya", sasaran__provinsi=jatim).sasaran
    survei = SurveiFactory(tim=tim, sasaran=[lsp1, lsp2])
    masalah = PermasalahanFactory(survei=survei, sasaran=lsp1, uraian="Asesor kompetensi kurang")
    masalah2 = PermasalahanFactory(survei=survei, sasaran=lsp2, uraian="Asesor belum bersertifikat")
    masalah_lain = PermasalahanFactory(
        survei=SurveiFactory(tim=tim_lain, sasaran=[lsp_jatim]), sasaran=lsp_jatim
    )
    fgd = FgdFactory(tim=tim, permasalahan=[masalah, masalah2])
    fgd_lain = FgdFactory(tim=tim_lain, permasalahan=[masalah_lain])
    kelompok = KelompokFactory(
        tim=tim, nama="Kekurangan asesor kompetensi", fgd=fgd, permasalahan=[masalah, masalah2]
    )
    kelompok_lain = KelompokFactory(
        tim=tim_lain,
        nama="TUK belum terverifikasi",
        jenis_sasaran=KelompokMasalah.JenisSasaran.LSP,
        permasalahan=[masalah_lain],
    )
    return SimpleNamespace(
        tim=tim,
        tim_lain=tim_lain,
        lsp1=lsp1,
        lsp2=lsp2,
        lsp_jatim=lsp_jatim,
        masalah=masalah,
        masalah2=masalah2,
        masalah_lain=masalah_lain,
        fgd=fgd,
        fgd_lain=fgd_lain,
        kelompok=kelompok,
        kelompok_lain=kelompok_lain,
    )


def kriteria():
    """The four §4.3b criteria the migration loads: weights 40, 25, 25, 10."""
    return list(KriteriaPrioritas.objects.order_by("urutan", "pk"))


def score(kelompok, *values):
    """Scores in criteria order; None leaves a criterion unscored."""
    for k, value in zip(kriteria(), values, strict=False):
        if value is not None:
            SkorPrioritas.objects.create(kelompok=kelompok, kriteria=k, skor=value)


def weighted(kelompok):
    return KelompokMasalah.objects.with_skor().get(pk=kelompok.pk).skor_tertimbang


# --- who may do what -------------------------------------------------------------------------

READERS = [
    ("komisi", 200),
    ("admin_user", 200),
    ("pimpinan", 200),
    ("fasilitator", 200),
    ("bksp_user", 200),
    ("fasilitator_lain", 404),
    ("bksp_lain", 404),
    ("no_role", 404),
]
EDITORS = [
    ("komisi", 200),
    ("admin_user", 200),
    ("fasilitator", 200),
    ("pimpinan", 403),
    ("bksp_user", 403),
    ("fasilitator_lain", 404),
    ("bksp_lain", 404),
    ("no_role", 404),
]


@pytest.mark.parametrize(("role", "status"), READERS)
def test_group_page_is_shown_to_those_who_may_read_it(request, client_as, world, role, status):
    response = client_as(request.getfixturevalue(role)).get(url("detail", world.kelompok))
    assert response.status_code == status


@pytest.mark.parametrize("name", ["update", "skor"])
@pytest.mark.parametrize(("role", "status"), EDITORS)
def test_group_edit_and_score_forms_open_for_its_team_and_the_komisi_only(
    request, client_as, world, name, role, status
):
    response = client_as(request.getfixturevalue(role)).get(url(name, world.kelompok))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [("pimpinan", 403), ("bksp_user", 403), ("fasilitator_lain", 404), ("no_role", 404)],
)
def test_group_cannot_be_changed_or_scored_by_post_from_outside_its_team(
    request, client_as, world, role, status
):
    client = client_as(request.getfixturevalue(role))
    data = group_data(world, nama="Diubah orang lain")
    assert client.post(url("update", world.kelompok), data).status_code == status
    first = kriteria()[0]
    assert client.post(url("skor", world.kelompok), {f"kriteria_{first.pk}": "5"}).status_code == (
        status
    )
    world.kelompok.refresh_from_db()
    assert world.kelompok.nama == "Kekurangan asesor kompetensi"
    assert not SkorPrioritas.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("komisi", 200),
        ("admin_user", 200),
        ("fasilitator", 200),
        ("fasilitator_lain", 200),
        ("pimpinan", 403),
        ("bksp_user", 403),
        ("no_role", 403),
    ],
)
def test_only_the_komisi_and_team_fasilitators_may_create_a_group(
    request, client_as, world, role, status
):
    assert client_as(request.getfixturevalue(role)).get(CREATE).status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("komisi", 302),
        ("admin_user", 302),
        ("fasilitator", 403),
        ("pimpinan", 403),
        ("bksp_user", 403),
        ("fasilitator_lain", 404),
        ("bksp_lain", 404),
        ("no_role", 404),
    ],
)
def test_only_the_komisi_decides_the_strategy(request, client_as, world, role, status):
    user = request.getfixturevalue(role)
    response = client_as(user).post(
        url("keputusan", world.kelompok), {"strategi": "Bimtek kelompok LSP"}
    )
    assert response.status_code == status
    world.kelompok.refresh_from_db()
    if status == 302:
        assert world.kelompok.disetujui_oleh == user
    else:
        assert world.kelompok.disetujui_pada is None
        assert world.kelompok.strategi == ""


@pytest.mark.parametrize(
    ("role", "get_status", "post_status"),
    [
        ("komisi", 200, 302),
        ("admin_user", 200, 302),
        ("fasilitator", 200, 403),
        ("pimpinan", 200, 403),
        ("bksp_user", 200, 403),
        ("no_role", 403, 403),
    ],
)
def test_everyone_with_a_role_reads_the_criteria_and_only_the_komisi_edits_them(
    request, client_as, world, role, get_status, post_status
):
    client = client_as(request.getfixturevalue(role))
    assert client.get(KRITERIA).status_code == get_status
    data = kriteria_data(changes={0: {"bobot": "50"}})
    assert client.post(KRITERIA, data).status_code == post_status
    expected = 50 if post_status == 302 else 40
    assert kriteria()[0].bobot == expected


@pytest.mark.parametrize(
    "name", ["list", "kriteria", "create", "detail", "update", "skor", "keputusan"]
)
def test_anonymous_user_is_sent_to_login(client, world, name):
    target = {"list": LIST, "kriteria": KRITERIA, "create": CREATE}.get(name) or url(
        name, world.kelompok
    )
    response = client.post(target) if name == "keputusan" else client.get(target)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_wrong_http_methods_are_refused(client_as, world, komisi):
    client = client_as(komisi)
    assert client.post(LIST).status_code == 405
    assert client.put(KRITERIA).status_code == 405
    assert client.delete(CREATE).status_code == 405
    assert client.post(url("detail", world.kelompok)).status_code == 405
    assert client.put(url("update", world.kelompok)).status_code == 405
    assert client.patch(url("skor", world.kelompok)).status_code == 405
    assert client.get(url("keputusan", world.kelompok)).status_code == 405


@pytest.mark.parametrize(
    ("role", "seen"),
    [
        ("komisi", {"mine", "other"}),
        ("pimpinan", {"mine", "other"}),
        ("fasilitator", {"mine"}),
        ("fasilitator_lain", {"other"}),
        ("bksp_user", {"mine"}),
        ("bksp_lain", {"other"}),
        ("no_role", set()),
    ],
)
def test_ranking_shows_each_role_the_groups_it_may_read(request, client_as, world, role, seen):
    response = client_as(request.getfixturevalue(role)).get(LIST)
    assert response.status_code == 200
    expected = {"mine": world.kelompok.pk, "other": world.kelompok_lain.pk}
    assert {g.pk for g in response.context["page"]} == {expected[key] for key in seen}


def test_decision_form_and_edit_buttons_follow_the_users_rights(
    client_as, world, komisi, fasilitator, pimpinan
):
    keputusan = url("keputusan", world.kelompok)
    edit = url("update", world.kelompok)
    as_komisi = client_as(komisi).get(url("detail", world.kelompok)).content.decode()
    assert keputusan in as_komisi and edit in as_komisi
    as_fasilitator = client_as(fasilitator).get(url("detail", world.kelompok)).content.decode()
    assert keputusan not in as_fasilitator and edit in as_fasilitator
    as_pimpinan = client_as(pimpinan).get(url("detail", world.kelompok)).content.decode()
    assert keputusan not in as_pimpinan and edit not in as_pimpinan


# --- the weighted score and the ranking ------------------------------------------------------


def test_weighted_score_of_a_fully_scored_group_is_computed_by_hand(client_as, world, komisi):
    # Weights 40/25/25/10, scores 5/3/4/1: (200 + 75 + 100 + 10) / 100 = 3.85
    score(world.kelompok, 5, 3, 4, 1)
    assert weighted(world.kelompok) == pytest.approx(3.85)
    response = client_as(komisi).get(url("detail", world.kelompok))
    html = response.content.decode()
    assert "3,85" in html
    assert "385 ÷ 100" in html
    assert RUMUS in html
    ranking = client_as(komisi).get(LIST)
    assert "3,85" in ranking.content.decode()
    assert RUMUS in ranking.content.decode()


def test_an_inactive_criterion_is_ignored(world):
    score(world.kelompok, 5, 3, 4, 1)
    KriteriaPrioritas.objects.filter(bobot=10).update(aktif=False)
    # (200 + 75 + 100) / 90 = 4.1666…
    assert weighted(world.kelompok) == pytest.approx(375 / 90)


def test_a_partly_scored_group_counts_only_the_criteria_scored(world):
    score(world.kelompok, 5, None, None, 1)
    # (5 × 40 + 1 × 10) / (40 + 10) = 4.2
    assert weighted(world.kelompok) == pytest.approx(4.2)


def test_a_group_scored_only_on_an_inactive_criterion_counts_as_unscored(world):
    score(world.kelompok, None, None, None, 5)
    KriteriaPrioritas.objects.filter(bobot=10).update(aktif=False)
    assert weighted(world.kelompok) is None


def test_ranking_puts_the_highest_score_first_and_unscored_groups_last(client_as, tim, komisi):
    a = KelompokFactory(tim=tim, nama="A lengkap")
    b = KelompokFactory(tim=tim, nama="B sebagian")
    c = KelompokFactory(tim=tim, nama="C belum dinilai")
    d = KelompokFactory(tim=tim, nama="D rendah")
    e = KelompokFactory(tim=tim, nama="E sama dengan A")
    score(a, 5, 3, 4, 1)  # 3.85
    score(b, 5, None, None, 1)  # 4.2
    score(d, 1, 1, 1, 1)  # 1.0
    score(e, 5, 3, 4, 1)  # 3.85, ties with A
    response = client_as(komisi).get(LIST)
    rows = list(response.context["page"])
    assert [g.nama for g in rows] == [
        "B sebagian",
        "A lengkap",
        "E sama dengan A",
        "D rendah",
        "C belum dinilai",
    ]
    assert [g.peringkat for g in rows[:4]] == [1, 2, 2, 4]
    assert rows[-1].skor_tertimbang is None
    assert [round(g.skor_tertimbang, 2) for g in rows[:4]] == [4.2, 3.85, 3.85, 1.0]
    # The per-criterion columns show each group's scores in criteria order.
    assert rows[0].skor_per_kriteria == [5, None, None, 1]
    html = response.content.decode()
    assert html.index("B sebagian") < html.index("A lengkap") < html.index("C belum dinilai")
    assert "belum dinilai" in html
    # Sorting by score ascending still keeps the unscored group last.
    ascending = [g.nama for g in client_as(komisi).get(LIST, {"urut": "skor"}).context["page"]]
    assert ascending[0] == "D rendah" and ascending[-1] == "C belum dinilai"
    assert c.pk == rows[-1].pk


def test_ranking_filters_by_year_team_kind_and_decision(client_as, world, komisi):
    old = KelompokFactory(tim=world.tim, nama="Kelompok 2025", tahun=2025)
    client = client_as(komisi)
    client.post(url("keputusan", world.kelompok), {"strategi": "Bimtek kelompok LSP"})

    def names(**params):
        return sorted(g.nama for g in client.get(LIST, params).context["page"])

    assert names(tahun="2025") == [old.nama]
    assert names(tim=world.tim_lain.pk) == [world.kelompok_lain.nama]
    assert names(jenis_sasaran="lsp") == [world.kelompok_lain.nama]
    assert names(keputusan="disetujui") == [world.kelompok.nama]
    assert names(keputusan="belum") == sorted([old.nama, world.kelompok_lain.nama])
    assert names(q="asesor") == [world.kelompok.nama]
    assert client.get(LIST, {"tahun": "abc", "keputusan": "x"}).status_code == 200


def test_fasilitator_cannot_filter_their_way_into_another_teams_groups(
    client_as, world, fasilitator
):
    response = client_as(fasilitator).get(LIST, {"tim": world.tim_lain.pk})
    assert world.kelompok_lain.nama not in response.content.decode()


def test_ranking_is_paginated_with_ranks_continuing_across_pages(client_as, tim, komisi, settings):
    settings.PAGE_SIZE = 3
    for i in range(7):
        score(KelompokFactory(tim=tim, nama=f"Kelompok {i}"), 5 - i % 5, 3, 3, 3)
    client = client_as(komisi)
    first = list(client.get(LIST).context["page"])
    second = list(client.get(LIST, {"halaman": 2}).context["page"])
    assert len(first) == 3
    assert second[0].peringkat >= first[-1].peringkat
    assert client.get(LIST, {"halaman": 99}).context["page"].number == 3


# --- scoring -------------------------------------------------------------------------------


def test_fasilitator_scores_a_group_and_can_rescore_or_clear_a_criterion(
    client_as, world, fasilitator
):
    k = kriteria()
    client = client_as(fasilitator)
    data = {f"kriteria_{k[0].pk}": "5", f"kriteria_{k[1].pk}": "3", f"kriteria_{k[2].pk}": "4"}
    data[f"kriteria_{k[3].pk}"] = "1"
    response = client.post(url("skor", world.kelompok), data)
    assert response.status_code == 302
    assert weighted(world.kelompok) == pytest.approx(3.85)
    data[f"kriteria_{k[0].pk}"] = "4"
    data[f"kriteria_{k[3].pk}"] = ""
    client.post(url("skor", world.kelompok), data)
    assert dict(world.kelompok.skor.values_list("kriteria__bobot", "skor")) == {40: 4, 25: 4}
    assert sorted(world.kelompok.skor.values_list("skor", flat=True)) == [3, 4, 4]
    assert SkorPrioritas.objects.filter(kelompok=world.kelompok).count() == 3


@pytest.mark.parametrize("bad", ["6", "0", "abc", "3.5"])
def test_a_score_outside_1_to_5_is_refused_beside_the_criterion(client_as, world, fasilitator, bad):
    k = kriteria()
    data = {f"kriteria_{k[0].pk}": bad, f"kriteria_{k[1].pk}": "3"}
    response = client_as(fasilitator).post(url("skor", world.kelompok), data)
    assert response.status_code == 200
    assert response.context["form"].errors[f"kriteria_{k[0].pk}"] == [
        "Skor harus bilangan bulat 1 sampai 5."
    ]
    assert "Skor harus bilangan bulat 1 sampai 5." in response.content.decode()
    assert not SkorPrioritas.objects.exists()


def test_the_score_form_offers_only_active_criteria(client_as, world, fasilitator):
    inactive = kriteria()[3]
    inactive.aktif = False
    inactive.save()
    form = client_as(fasilitator).get(url("skor", world.kelompok)).context["form"]
    assert f"kriteria_{inactive.pk}" not in form.fields
    assert len(form.fields) == 3


def test_an_inactive_scored_criterion_is_shown_as_not_counted(client_as, world, komisi):
    score(world.kelompok, 5, 3, 4, 1)
    KriteriaPrioritas.objects.filter(bobot=10).update(aktif=False)
    html = client_as(komisi).get(url("detail", world.kelompok)).content.decode()
    assert "tidak aktif, tidak dihitung" in html
    assert "4,17" in html


# --- criteria ------------------------------------------------------------------------------


def kriteria_data(*, changes=None, extra=None):
    rows = kriteria()
    data = {
        "kriteria-TOTAL_FORMS": str(len(rows) + (1 if extra else 0)),
        "kriteria-INITIAL_FORMS": str(len(rows)),
        "kriteria-MIN_NUM_FORMS": "0",
        "kriteria-MAX_NUM_FORMS": "1000",
    }
    for i, k in enumerate(rows):
        row = {"id": k.pk, "nama": k.nama, "bobot": k.bobot, "urutan": k.urutan, "aktif": k.aktif}
        row.update((changes or {}).get(i, {}))
        for key, value in row.items():
            if value is True:
                data[f"kriteria-{i}-{key}"] = "on"
            elif value is not False:
                data[f"kriteria-{i}-{key}"] = value
    if extra:
        for key, value in extra.items():
            data[f"kriteria-{len(rows)}-{key}"] = value
    return data


def test_komisi_changes_weights_and_adds_a_criterion(client_as, komisi):
    data = kriteria_data(
        changes={0: {"bobot": "50"}, 3: {"aktif": False}},
        extra={
            "nama": "Dampak terhadap sertifikasi nasional",
            "bobot": "15",
            "urutan": "5",
            "aktif": "on",
        },
    )
    response = client_as(komisi).post(KRITERIA, data)
    assert response.status_code == 302
    rows = kriteria()
    assert [(k.bobot, k.aktif) for k in rows] == [
        (50, True),
        (25, True),
        (25, True),
        (10, False),
        (15, True),
    ]
    assert rows[0].history.latest().history_user == komisi


@pytest.mark.parametrize(
    ("bobot", "message"),
    [("0", "Bobot paling kecil 1."), ("101", "Bobot paling besar 100."), ("", "Isi bobot 1–100.")],
)
def test_a_weight_outside_1_to_100_is_refused_beside_it(client_as, komisi, bobot, message):
    response = client_as(komisi).post(KRITERIA, kriteria_data(changes={1: {"bobot": bobot}}))
    assert response.status_code == 200
    assert response.context["formset"].forms[1].errors["bobot"] == [message]
    assert message in response.content.decode()
    assert [k.bobot for k in kriteria()] == [40, 25, 25, 10]


def test_switching_off_every_criterion_is_refused(client_as, komisi):
    changes = {i: {"aktif": False} for i in range(4)}
    response = client_as(komisi).post(KRITERIA, kriteria_data(changes=changes))
    assert response.status_code == 200
    assert "Sedikitnya satu kriteria harus aktif" in response.content.decode()
    assert KriteriaPrioritas.objects.filter(aktif=True).count() == 4


def test_two_criteria_with_the_same_name_are_refused(client_as, komisi):
    response = client_as(komisi).post(
        KRITERIA, kriteria_data(extra={"nama": "Lain-lain", "bobot": "5", "urutan": "9"})
    )
    assert response.status_code == 200
    assert KriteriaPrioritas.objects.count() == 4


def test_readers_see_the_criteria_with_their_share_but_no_form(client_as, pimpinan):
    response = client_as(pimpinan).get(KRITERIA)
    html = response.content.decode()
    assert response.context["formset"] is None
    assert "Tingkat keakutan masalah" in html
    assert "40,0%" in html
    assert RUMUS in html
    assert '<form method="post"' not in html.split("<main", 1)[1].split("</main>")[0]


# --- groups: create and edit -------------------------------------------------------------------


def group_data(world, **overrides):
    data = {
        "tim": world.tim.pk,
        "nama": "Kekurangan asesor kompetensi di Jawa Barat",
        "uraian": "Dua LSP kekurangan asesor bersertifikat",
        "tahun": "2026",
        "fgd": world.fgd.pk,
        "jenis_sasaran": KelompokMasalah.JenisSasaran.KELOMPOK_LSP,
        "permasalahan": [world.masalah.pk, world.masalah2.pk],
        "sasaran": [],
    }
    data.update(overrides)
    return data


def _new_groups(world):
    return KelompokMasalah.objects.exclude(pk__in=[world.kelompok.pk, world.kelompok_lain.pk])


def test_fasilitator_creates_a_group_whose_targets_default_to_its_problems(
    client_as, world, fasilitator
):
    response = client_as(fasilitator).post(CREATE, group_data(world, tahun="2025"))
    group = _new_groups(world).get()
    assert response.status_code == 302
    assert response.url == url("detail", group)
    assert group.nomor == "PRI-2025-0001"
    assert set(group.sasaran.all()) == {world.lsp1, world.lsp2}
    assert set(group.permasalahan.all()) == {world.masalah, world.masalah2}
    assert group.fgd == world.fgd
    assert group.dibuat_oleh == fasilitator
    assert group.history.get().history_user == fasilitator


def test_grouping_moves_problems_to_diprioritaskan_but_never_back(client_as, world, fasilitator):
    world.masalah2.status = Permasalahan.Status.DALAM_BIMBINGAN
    world.masalah2.save()
    client_as(fasilitator).post(CREATE, group_data(world))
    group = _new_groups(world).get()
    world.masalah.refresh_from_db()
    world.masalah2.refresh_from_db()
    assert world.masalah.status == Permasalahan.Status.DIPRIORITASKAN
    assert world.masalah2.status == Permasalahan.Status.DALAM_BIMBINGAN
    step = TransisiMasalah.objects.get(permasalahan=world.masalah)
    assert (step.ke, step.sumber, step.oleh) == ("diprioritaskan", group.nomor, fasilitator)
    assert group.nomor.startswith("PRI-2026-")


def test_a_discussed_problem_moves_on_from_dibahas(client_as, world, fasilitator):
    world.masalah.status = Permasalahan.Status.DIBAHAS
    world.masalah.save()
    client_as(fasilitator).post(CREATE, group_data(world))
    world.masalah.refresh_from_db()
    assert world.masalah.status == Permasalahan.Status.DIPRIORITASKAN
    assert TransisiMasalah.objects.get(permasalahan=world.masalah).dari == "dibahas"


@pytest.mark.parametrize(
    ("jenis", "targets", "ok"),
    [
        ("lsp", ["lsp1"], True),
        ("lsp", ["lsp1", "lsp2"], False),
        ("lsp", ["bksp"], False),
        ("kelompok_lsp", ["lsp1", "lsp2"], True),
        ("kelompok_lsp", ["lsp1"], False),
        ("kelompok_lsp", ["lsp1", "bksp"], False),
        ("bksp", ["bksp"], True),
        ("bksp", ["lsp1"], False),
        ("pendukung", ["asosiasi"], True),
        ("pendukung", ["asosiasi", "lsp1"], False),
    ],
)
def test_targets_must_fit_the_kind_of_target(client_as, world, komisi, jenis, targets, ok):
    available = {
        "lsp1": world.lsp1,
        "lsp2": world.lsp2,
        "bksp": bksp("Jawa Barat"),
        "asosiasi": SasaranFactory(jenis=Sasaran.Jenis.ASOSIASI_PROFESI),
    }
    data = group_data(world, jenis_sasaran=jenis, sasaran=[available[t].pk for t in targets])
    response = client_as(komisi).post(CREATE, data)
    if ok:
        assert response.status_code == 302
        assert {s.pk for s in _new_groups(world).get().sasaran.all()} == set(data["sasaran"])
    else:
        assert response.status_code == 200
        assert "sasaran" in response.context["form"].errors
        assert not _new_groups(world).exists()


def test_defaulted_targets_that_do_not_fit_are_explained(client_as, world, fasilitator):
    data = group_data(world, jenis_sasaran=KelompokMasalah.JenisSasaran.LSP)
    response = client_as(fasilitator).post(CREATE, data)
    [error] = response.context["form"].errors["sasaran"]
    assert "tepat satu sasaran" in error
    assert "LSP Teknik Bandung" in error and "LSP Tekstil Cimahi" in error
    assert not _new_groups(world).exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"permasalahan": []}, "permasalahan"),
        ({"nama": ""}, "nama"),
        ({"tahun": "2011"}, "tahun"),
        ({"tahun": "dua ribu"}, "tahun"),
        ({"jenis_sasaran": ""}, "jenis_sasaran"),
        ({"jenis_sasaran": "tuk"}, "jenis_sasaran"),
    ],
)
def test_bad_group_input_is_refused_beside_the_field(
    client_as, world, fasilitator, overrides, field
):
    response = client_as(fasilitator).post(CREATE, group_data(world, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not _new_groups(world).exists()
    world.masalah.refresh_from_db()
    assert world.masalah.status == Permasalahan.Status.TERIDENTIFIKASI


def test_fasilitator_cannot_group_another_teams_problem_or_fgd(client_as, world, fasilitator):
    data = group_data(
        world, permasalahan=[world.masalah.pk, world.masalah_lain.pk], fgd=world.fgd_lain.pk
    )
    response = client_as(fasilitator).post(CREATE, data)
    errors = response.context["form"].errors
    assert "permasalahan" in errors and "fgd" in errors
    assert not _new_groups(world).exists()


def test_the_source_fgd_must_belong_to_the_groups_team(client_as, world, komisi):
    response = client_as(komisi).post(CREATE, group_data(world, fgd=world.fgd_lain.pk))
    assert response.context["form"].errors["fgd"] == [
        "FGD ini diselenggarakan oleh tim lain; pilih FGD tim ini."
    ]


def test_fasilitator_edits_their_group(client_as, world, fasilitator):
    data = group_data(
        world,
        nama="Nama baru",
        jenis_sasaran=KelompokMasalah.JenisSasaran.LSP,
        permasalahan=[world.masalah.pk],
        sasaran=[world.lsp1.pk],
    )
    response = client_as(fasilitator).post(url("update", world.kelompok), data)
    assert response.status_code == 302
    world.kelompok.refresh_from_db()
    assert world.kelompok.nama == "Nama baru"
    assert list(world.kelompok.sasaran.all()) == [world.lsp1]
    assert world.kelompok.nomor.startswith("PRI-2026-")
    assert world.kelompok.history.latest().history_user == fasilitator


# --- the decision --------------------------------------------------------------------------


def test_komisi_decides_and_revises_the_strategy_with_history(client_as, world, komisi):
    client = client_as(komisi)
    client.post(url("keputusan", world.kelompok), {"strategi": "Bimtek kelompok LSP §5.1"})
    world.kelompok.refresh_from_db()
    first_time = world.kelompok.disetujui_pada
    assert world.kelompok.strategi == "Bimtek kelompok LSP §5.1"
    assert world.kelompok.disetujui_oleh == komisi
    assert first_time is not None
    client.post(url("keputusan", world.kelompok), {"strategi": "Bimtek LSP satu per satu §5.2"})
    world.kelompok.refresh_from_db()
    assert world.kelompok.strategi == "Bimtek LSP satu per satu §5.2"
    assert world.kelompok.disetujui_pada > first_time
    html = client.get(url("detail", world.kelompok)).content.decode()
    assert "Riwayat keputusan" in html
    assert "Bimtek kelompok LSP §5.1" in html
    assert "Bimtek LSP satu per satu §5.2" in html
    assert "Revisi strategi" in html
    assert world.kelompok.history.filter(disetujui_pada__isnull=False).count() == 2


@pytest.mark.parametrize("strategi", ["", "   "])
def test_a_decision_without_strategy_is_refused_beside_the_field(
    client_as, world, komisi, strategi
):
    response = client_as(komisi).post(url("keputusan", world.kelompok), {"strategi": strategi})
    assert response.status_code == 200
    assert response.context["keputusan_form"].errors["strategi"] == [
        "Tuliskan strategi advokasi yang ditetapkan."
    ]
    world.kelompok.refresh_from_db()
    assert world.kelompok.disetujui_pada is None


def test_ranking_shows_the_decision_state(client_as, world, komisi):
    client = client_as(komisi)
    client.post(url("keputusan", world.kelompok), {"strategi": "Bimtek kelompok"})
    html = client.get(LIST).content.decode()
    assert "Disetujui" in html
    assert "Belum diputuskan" in html


def test_bksp_user_sees_only_the_problems_of_their_province_in_a_group(client_as, world, bksp_user):
    world.kelompok.permasalahan.add(world.masalah_lain)
    html = client_as(bksp_user).get(url("detail", world.kelompok)).content.decode()
    assert world.masalah.nomor in html
    assert world.masalah_lain.nomor not in html
    assert "1 permasalahan lain di luar wilayah Anda tidak ditampilkan" in html


# --- constant query counts ---------------------------------------------------------------------


def _count_queries(client, target):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(target).status_code == 200
    return len(ctx)


def _populate(team, n):
    lsp = LspFactory(sasaran__provinsi=provinsi("Jawa Barat")).sasaran
    survei = SurveiFactory(tim=team, sasaran=[lsp])
    for i in range(n):
        group = KelompokFactory(
            tim=team, permasalahan=[PermasalahanFactory(survei=survei, sasaran=lsp)]
        )
        score(group, 1 + i % 5, 2, None, 4)


@pytest.mark.parametrize("role", ["komisi", "fasilitator", "bksp_user"])
def test_ranking_query_count_does_not_grow_with_groups(request, client_as, tim, role):
    client = client_as(request.getfixturevalue(role))
    _populate(tim, 3)
    small = _count_queries(client, LIST)
    _populate(tim, 30)
    assert _count_queries(client, LIST) == small
    assert small <= 20


def test_detail_query_count_does_not_grow_with_problems_targets_or_decisions(
    client_as, world, komisi
):
    client = client_as(komisi)
    target = url("detail", world.kelompok)
    score(world.kelompok, 5, 3, 4, 1)
    small = _count_queries(client, target)
    for i in range(12):
        lsp = LspFactory(sasaran__provinsi=provinsi("Jawa Barat")).sasaran
        problem = PermasalahanFactory(survei=world.masalah.survei, sasaran=lsp)
        world.kelompok.permasalahan.add(problem)
        world.kelompok.sasaran.add(lsp)
        client.post(url("keputusan", world.kelompok), {"strategi": f"Strategi versi {i}"})
    assert _count_queries(client, target) == small
    assert small <= 24


def test_form_pages_query_counts_do_not_grow(client_as, world, fasilitator, komisi):
    fasilitator_client = client_as(fasilitator)
    pages = [url("update", world.kelompok), url("skor", world.kelompok), CREATE]
    small = [_count_queries(fasilitator_client, p) for p in pages]
    for _i in range(12):
        lsp = LspFactory(sasaran__provinsi=provinsi("Jawa Barat")).sasaran
        world.kelompok.permasalahan.add(
            PermasalahanFactory(survei=world.masalah.survei, sasaran=lsp)
        )
        FgdFactory(tim=world.tim)
    assert [_count_queries(fasilitator_client, p) for p in pages] == small
    komisi_client = client_as(komisi)
    kriteria_small = _count_queries(komisi_client, KRITERIA)
    for i in range(10):
        KriteriaPrioritas.objects.create(nama=f"Kriteria tambahan {i}", bobot=5, urutan=10 + i)
    assert _count_queries(komisi_client, KRITERIA) == kriteria_small
