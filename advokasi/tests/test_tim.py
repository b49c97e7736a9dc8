"""Advocacy teams (§3): the Komisi forms them; members and readers see their work."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advokasi.models import Tim
from advokasi.pedoman import JenisTim
from advokasi.tests.factories import (
    BimbinganFactory,
    FgdFactory,
    PermasalahanFactory,
    SurveiFactory,
    TimFactory,
)
from akun.roles import Role
from conftest import make_user
from lsp.tests.factories import LspFactory, provinsi

pytestmark = pytest.mark.django_db

LIST = reverse("advokasi:tim-list")
CREATE = reverse("advokasi:tim-create")


def detail(tim):
    return reverse("advokasi:tim-detail", args=[tim.pk])


def update(tim):
    return reverse("advokasi:tim-update", args=[tim.pk])


@pytest.fixture
def teams(tim, tim_lain):
    """`tim` works in Jawa Barat, `tim_lain` in Jawa Timur."""
    tim.sasaran.add(LspFactory(sasaran__provinsi=provinsi("Jawa Barat")).sasaran)
    tim_lain.sasaran.add(LspFactory(sasaran__provinsi=provinsi("Jawa Timur")).sasaran)
    return {"mine": tim, "other": tim_lain}


def form_data(komisi, members, targets=(), **overrides):
    data = {
        "nama": "Tim Advokasi LSP Pariwisata",
        "jenis": JenisTim.KELOMPOK_LSP,
        "koordinator": komisi.pk,
        "anggota": [a.pk for a in members],
        "sasaran": [s.pk for s in targets],
        "keterangan": "Pendampingan LSP P1 sektor pariwisata",
        "aktif": "on",
    }
    data.update(overrides)
    return data


# --- list -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "seen"),
    [
        ("komisi", {"mine", "other"}),
        ("admin_user", {"mine", "other"}),
        ("pimpinan", {"mine", "other"}),
        ("fasilitator", {"mine"}),
        ("fasilitator_lain", {"other"}),
        ("bksp_user", {"mine"}),
        ("bksp_lain", {"other"}),
        ("no_role", set()),
    ],
)
def test_each_role_lists_exactly_the_teams_it_may_read(request, client_as, teams, role, seen):
    response = client_as(request.getfixturevalue(role)).get(LIST)
    assert response.status_code == 200
    assert {key for key, team in teams.items() if team in response.context["page"]} == seen


def test_anonymous_user_is_sent_to_login(client):
    for url in [LIST, CREATE]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_team_pages_refuse_wrong_methods(client_as, komisi, tim):
    client = client_as(komisi)
    assert client.post(LIST).status_code == 405
    assert client.post(detail(tim)).status_code == 405
    assert client.delete(update(tim)).status_code == 405


def test_list_searches_filters_and_sorts(client_as, komisi, tim, tim_lain, fasilitator):
    fasilitator.first_name = "Rina"
    fasilitator.save()
    TimFactory(nama="Tim BKSP Sumatera", jenis=JenisTim.BKSP, aktif=False, koordinator=komisi)
    client = client_as(komisi)

    def names(**params):
        return [t.nama for t in client.get(LIST, params).context["page"]]

    assert names(q="rina") == ["Tim Advokasi Jawa Barat"]
    assert names(jenis="bksp") == ["Tim BKSP Sumatera"]
    assert names(aktif="tidak") == ["Tim BKSP Sumatera"]
    assert names(urut="-nama") == [
        "Tim BKSP Sumatera",
        "Tim Advokasi Jawa Timur",
        "Tim Advokasi Jawa Barat",
    ]


def test_list_is_paginated(client_as, komisi, settings):
    settings.PAGE_SIZE = 4
    TimFactory.create_batch(9, koordinator=komisi)
    client = client_as(komisi)
    assert len(client.get(LIST).context["page"]) == 4
    assert client.get(LIST, {"halaman": "99"}).context["page"].number == 3


def test_list_counts_each_teams_surveys_and_targets(client_as, komisi, tim):
    targets = [LspFactory().sasaran for _ in range(3)]
    tim.sasaran.add(*targets)
    SurveiFactory(tim=tim, sasaran=targets)
    SurveiFactory(tim=tim, sasaran=targets[:1])
    row = next(t for t in client_as(komisi).get(LIST).context["page"] if t.pk == tim.pk)
    assert (row.jumlah_survei, row.jumlah_sasaran) == (2, 3)


def test_list_query_count_does_not_grow_with_teams(client_as, komisi, fasilitator):
    client = client_as(komisi)

    def populate(n):
        for _ in range(n):
            team = TimFactory(koordinator=komisi, anggota=[fasilitator])
            team.sasaran.add(LspFactory().sasaran)
            SurveiFactory(tim=team)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST, {"urut": "survei"}).status_code == 200
        return len(ctx)

    populate(2)
    small = count()
    populate(20)
    assert count() == small
    assert small <= 14


# --- detail ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "mine", "other"),
    [
        ("komisi", 200, 200),
        ("pimpinan", 200, 200),
        ("fasilitator", 200, 404),
        ("fasilitator_lain", 404, 200),
        ("bksp_user", 200, 404),
        ("no_role", 404, 404),
    ],
)
def test_team_page_is_readable_by_exactly_its_readers(request, client_as, teams, role, mine, other):
    client = client_as(request.getfixturevalue(role))
    assert client.get(detail(teams["mine"])).status_code == mine
    assert client.get(detail(teams["other"])).status_code == other


def test_team_page_lists_members_targets_and_the_work_done(client_as, komisi, tim, fasilitator):
    fasilitator.first_name, fasilitator.last_name = "Rina", "Marlina"
    fasilitator.save()
    target = LspFactory(sasaran__nama="LSP Pariwisata Bandung").sasaran
    tim.sasaran.add(target)
    survei = SurveiFactory(tim=tim, sasaran=[target])
    PermasalahanFactory(survei=survei, sasaran=target)
    FgdFactory(tim=tim)
    BimbinganFactory.create_batch(2, tim=tim, sasaran=[target])
    response = client_as(komisi).get(detail(tim))
    html = response.content.decode()
    assert "Rina Marlina" in html
    assert "LSP Pariwisata Bandung" in html
    assert survei.nomor in html
    shown = response.context["tim"]
    assert (shown.jumlah_survei, shown.jumlah_masalah_terbuka) == (1, 1)
    assert (shown.jumlah_fgd, shown.jumlah_bimbingan) == (1, 2)
    assert update(tim) in html


def test_read_only_roles_see_no_edit_button(client_as, pimpinan, fasilitator, tim):
    for user in [pimpinan, fasilitator]:
        html = client_as(user).get(detail(tim)).content.decode()
        assert update(tim) not in html


def test_bksp_user_sees_only_the_targets_of_their_province_on_a_team_page(
    client_as, bksp_user, tim
):
    tim.sasaran.add(
        LspFactory(sasaran__nama="LSP Jabar", sasaran__provinsi=provinsi("Jawa Barat")).sasaran,
        LspFactory(sasaran__nama="LSP Jatim", sasaran__provinsi=provinsi("Jawa Timur")).sasaran,
    )
    html = client_as(bksp_user).get(detail(tim)).content.decode()
    assert "LSP Jabar" in html
    assert "LSP Jatim" not in html


def test_a_team_with_many_targets_shows_the_first_and_links_to_all_of_them(
    client_as, komisi, bksp_user, tim
):
    jabar = provinsi("Jawa Barat")
    for i in range(12):
        tim.sasaran.add(LspFactory(sasaran__nama=f"LSP {i:02d}", sasaran__provinsi=jabar).sasaran)
    tim.sasaran.add(LspFactory(sasaran__provinsi=provinsi("Jawa Timur")).sasaran)
    response = client_as(komisi).get(detail(tim))
    html = response.content.decode()
    assert [s.nama for s in response.context["sasaran"]] == [f"LSP {i:02d}" for i in range(10)]
    assert "LSP 10" not in html
    all_of_them = f"{reverse('lsp:sasaran-list')}?tim={tim.pk}"
    assert all_of_them in html and "Semua 13 sasaran tim" in html

    listed = client_as(komisi).get(all_of_them)
    assert listed.context["page"].paginator.count == 13
    # A BKSP user counts and follows only the targets of their province.
    bksp_page = client_as(bksp_user).get(detail(tim))
    assert bksp_page.context["tim"].jumlah_sasaran == 12
    assert client_as(bksp_user).get(all_of_them).context["page"].paginator.count == 12


def test_a_team_with_few_targets_lists_them_all_without_a_link(client_as, komisi, teams):
    html = client_as(komisi).get(detail(teams["mine"])).content.decode()
    assert f"/sasaran/?tim={teams['mine'].pk}" not in html


def test_detail_query_count_does_not_grow_with_members_targets_or_surveys(
    client_as, komisi, tim, django_user_model
):
    client = client_as(komisi)

    def populate(n, start):
        for i in range(n):
            tim.anggota.add(make_user(django_user_model, f"fas{start + i}", Role.FASILITATOR))
            target = LspFactory().sasaran
            tim.sasaran.add(target)
            PermasalahanFactory(survei=SurveiFactory(tim=tim, sasaran=[target]), sasaran=target)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(detail(tim)).status_code == 200
        return len(ctx)

    populate(1, 0)
    small = count()
    populate(15, 100)
    assert count() == small
    assert small <= 18


# --- create / update ------------------------------------------------------------------------


def test_komisi_forms_a_team_with_members_and_targets(client_as, komisi, fasilitator):
    target = LspFactory().sasaran
    response = client_as(komisi).post(CREATE, form_data(komisi, [fasilitator], [target]))
    tim = Tim.objects.get(nama="Tim Advokasi LSP Pariwisata")
    assert response.status_code == 302
    assert response.url == detail(tim)
    assert list(tim.anggota.all()) == [fasilitator]
    assert list(tim.sasaran.all()) == [target]
    assert tim.koordinator == komisi
    assert tim.history.first().history_user == komisi


def test_komisi_edits_a_team(client_as, komisi, tim, fasilitator, fasilitator_lain):
    data = form_data(komisi, [fasilitator, fasilitator_lain], nama="Tim Jabar Baru", aktif="")
    response = client_as(komisi).post(update(tim), data)
    assert response.status_code == 302
    tim.refresh_from_db()
    assert tim.nama == "Tim Jabar Baru"
    assert not tim.aktif
    assert set(tim.anggota.all()) == {fasilitator, fasilitator_lain}


def test_edit_form_is_prefilled(client_as, komisi, tim):
    html = client_as(komisi).get(update(tim)).content.decode()
    assert 'value="Tim Advokasi Jawa Barat"' in html


@pytest.mark.parametrize("role", ["fasilitator", "bksp_user", "pimpinan", "no_role"])
def test_only_the_komisi_may_form_a_team(request, client_as, komisi, fasilitator, role):
    client = client_as(request.getfixturevalue(role))
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, form_data(komisi, [fasilitator])).status_code == 403
    assert not Tim.objects.exists()


@pytest.mark.parametrize(
    ("role", "mine", "other"),
    [
        ("fasilitator", 403, 404),
        ("fasilitator_lain", 404, 403),
        ("bksp_user", 403, 404),
        ("pimpinan", 403, 403),
        ("no_role", 404, 404),
    ],
)
def test_only_the_komisi_may_edit_a_team(request, client_as, komisi, teams, role, mine, other):
    client = client_as(request.getfixturevalue(role))
    for key, expected in [("mine", mine), ("other", other)]:
        team = teams[key]
        data = form_data(komisi, team.anggota.all(), nama="Diambil alih")
        assert client.get(update(team)).status_code == expected
        assert client.post(update(team), data).status_code == expected
    assert not Tim.objects.filter(nama="Diambil alih").exists()


def test_anonymous_user_cannot_edit_a_team(client, tim):
    response = client.post(update(tim), {"nama": "x"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"nama": ""}, "nama", "tidak boleh kosong"),
        ({"jenis": "rahasia"}, "jenis", "pilihan yang valid"),
        ({"anggota": []}, "anggota", "minimal satu fasilitator"),
        ({"koordinator": ""}, "koordinator", "tidak boleh kosong"),
        ({"sasaran": ["999999"]}, "sasaran", "pilihan yang valid"),
    ],
)
def test_bad_input_is_shown_beside_the_field_and_nothing_is_saved(
    client_as, komisi, fasilitator, overrides, field, message
):
    response = client_as(komisi).post(CREATE, form_data(komisi, [fasilitator], **overrides))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field]).lower()
    assert not Tim.objects.exists()


def test_only_fasilitators_can_be_members_and_only_komisi_staff_coordinate(
    client_as, komisi, pimpinan, fasilitator
):
    client = client_as(komisi)
    response = client.post(CREATE, form_data(komisi, [pimpinan]))
    assert "pilihan yang valid" in str(response.context["form"].errors["anggota"])
    response = client.post(CREATE, form_data(komisi, [fasilitator], koordinator=fasilitator.pk))
    assert "pilihan yang valid" in str(response.context["form"].errors["koordinator"])
    assert not Tim.objects.exists()


def test_a_team_name_already_in_use_is_refused(client_as, komisi, tim, fasilitator):
    response = client_as(komisi).post(
        CREATE, form_data(komisi, [fasilitator], nama="Tim Advokasi Jawa Barat")
    )
    assert response.status_code == 200
    assert "sudah dipakai" in str(response.context["form"].errors["nama"])
    assert Tim.objects.count() == 1
