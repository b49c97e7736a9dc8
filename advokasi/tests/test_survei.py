"""Surveys (§4.1): who records them, what a survey must say, and how they are numbered."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advokasi.models import Survei
from advokasi.services.survei import survei_create
from advokasi.tests.factories import PermasalahanFactory, SurveiFactory
from lsp.tests.factories import LspFactory, SasaranFactory, provinsi

pytestmark = pytest.mark.django_db

LIST = reverse("advokasi:survei-list")
CREATE = reverse("advokasi:survei-create")


def detail(survei):
    return reverse("advokasi:survei-detail", args=[survei.pk])


def update(survei):
    return reverse("advokasi:survei-update", args=[survei.pk])


def lsp(nama, prov):
    return LspFactory(sasaran__nama=nama, sasaran__provinsi=provinsi(prov)).sasaran


@pytest.fixture
def surveys(tim, tim_lain):
    """One survey per team: `tim` surveyed a Jawa Barat LSP, `tim_lain` a Jawa Timur one."""
    return {
        "mine": SurveiFactory(tim=tim, sasaran=[lsp("LSP Jabar", "Jawa Barat")]),
        "other": SurveiFactory(tim=tim_lain, sasaran=[lsp("LSP Jatim", "Jawa Timur")]),
    }


def form_data(team, targets, **overrides):
    data = {
        "tim": team.pk,
        "tanggal": "2026-03-02",
        "sasaran": [t.pk for t in targets],
        "ringkasan": "LSP belum memiliki asesor cukup untuk skema baru.",
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
def test_each_role_lists_exactly_the_surveys_it_may_read(request, client_as, surveys, role, seen):
    response = client_as(request.getfixturevalue(role)).get(LIST)
    assert response.status_code == 200
    assert {key for key, s in surveys.items() if s in response.context["page"]} == seen


def test_anonymous_user_is_sent_to_login(client, surveys):
    for url in [LIST, CREATE, detail(surveys["mine"]), update(surveys["mine"])]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_survey_pages_refuse_wrong_methods(client_as, komisi, surveys):
    client = client_as(komisi)
    assert client.post(LIST).status_code == 405
    assert client.post(detail(surveys["mine"])).status_code == 405
    assert client.put(CREATE).status_code == 405


def test_list_filters_by_search_team_province_and_dates(client_as, komisi, tim, tim_lain):
    bandung = lsp("LSP Kuliner Bandung", "Jawa Barat")
    surabaya = lsp("LSP Maritim Surabaya", "Jawa Timur")
    first = SurveiFactory(tim=tim, tanggal=date(2026, 1, 5), sasaran=[bandung, surabaya])
    second = SurveiFactory(tim=tim_lain, tanggal=date(2026, 2, 20), sasaran=[surabaya])
    third = SurveiFactory(tim=tim, tanggal=date(2026, 3, 1), ringkasan="Kunjungan TUK mandiri")
    client = client_as(komisi)

    def found(**params):
        return [s.pk for s in client.get(LIST, params).context["page"]]

    assert found(q="kuliner") == [first.pk]
    assert found(q="tuk mandiri") == [third.pk]
    assert found(q=second.nomor) == [second.pk]
    assert found(tim=tim_lain.pk) == [second.pk]
    # A survey of two targets in the province is listed once.
    assert found(provinsi=provinsi("Jawa Timur").pk) == [second.pk, first.pk]
    assert found(tanggal_dari="2026-02-01", tanggal_sampai="2026-02-28") == [second.pk]
    assert found(urut="tanggal") == [first.pk, second.pk, third.pk]


def test_list_counts_problems_and_open_problems(client_as, komisi, surveys):
    survei = surveys["mine"]
    target = survei.sasaran.get()
    PermasalahanFactory.create_batch(2, survei=survei, sasaran=target)
    PermasalahanFactory(
        survei=survei, sasaran=target, status="ditutup", alasan_penutupan="dialihkan"
    )
    row = next(s for s in client_as(komisi).get(LIST).context["page"] if s.pk == survei.pk)
    assert (row.jumlah_masalah, row.masalah_terbuka) == (3, 2)


def test_bksp_user_cannot_filter_their_way_into_another_province(client_as, bksp_user, surveys):
    response = client_as(bksp_user).get(LIST, {"provinsi": provinsi("Jawa Timur").pk})
    assert response.status_code == 200
    assert surveys["other"] not in response.context["page"]


def test_list_is_paginated_and_a_bad_page_shows_the_last(client_as, komisi, tim, settings):
    settings.PAGE_SIZE = 5
    SurveiFactory.create_batch(11, tim=tim)
    client = client_as(komisi)
    assert len(client.get(LIST).context["page"]) == 5
    assert client.get(LIST, {"halaman": "99"}).context["page"].number == 3


def test_an_unknown_filter_value_does_not_break_the_list(client_as, komisi):
    response = client_as(komisi).get(LIST, {"tim": "999999", "tanggal_dari": "kemarin"})
    assert response.status_code == 200


@pytest.mark.parametrize("role", ["komisi", "fasilitator", "bksp_user"])
def test_list_query_count_does_not_grow_with_rows(request, client_as, tim, role):
    client = client_as(request.getfixturevalue(role))

    def populate(n):
        for _ in range(n):
            targets = [lsp(f"LSP {i}", "Jawa Barat") for i in range(3)]
            survei = SurveiFactory(tim=tim, sasaran=targets)
            PermasalahanFactory(survei=survei, sasaran=targets[0])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST, {"urut": "-masalah"}).status_code == 200
        return len(ctx)

    populate(2)
    small = count()
    populate(20)
    assert count() == small
    assert small <= 18


# --- detail ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "mine", "other"),
    [
        ("komisi", 200, 200),
        ("pimpinan", 200, 200),
        ("fasilitator", 200, 404),
        ("fasilitator_lain", 404, 200),
        ("bksp_user", 200, 404),
        ("bksp_lain", 404, 200),
        ("no_role", 404, 404),
    ],
)
def test_survey_page_is_readable_by_exactly_its_readers(
    request, client_as, surveys, role, mine, other
):
    client = client_as(request.getfixturevalue(role))
    assert client.get(detail(surveys["mine"])).status_code == mine
    assert client.get(detail(surveys["other"])).status_code == other


def test_survey_page_lists_its_problems_and_offers_to_add_one(client_as, fasilitator, surveys):
    survei = surveys["mine"]
    problem = PermasalahanFactory(
        survei=survei, sasaran=survei.sasaran.get(), uraian="Asesor kompetensi kurang"
    )
    html = client_as(fasilitator).get(detail(survei)).content.decode()
    assert problem.nomor in html
    assert "Asesor kompetensi kurang" in html
    assert "LSP Jabar" in html
    assert reverse("advokasi:permasalahan-create", args=[survei.pk]) in html
    assert update(survei) in html


@pytest.mark.parametrize("role", ["pimpinan", "bksp_user"])
def test_read_only_roles_see_no_add_or_edit_buttons(request, client_as, surveys, role):
    survei = surveys["mine"]
    html = client_as(request.getfixturevalue(role)).get(detail(survei)).content.decode()
    assert reverse("advokasi:permasalahan-create", args=[survei.pk]) not in html
    assert update(survei) not in html


def test_detail_query_count_does_not_grow_with_targets_or_problems(client_as, komisi, tim):
    survei = SurveiFactory(tim=tim)
    client = client_as(komisi)

    def populate(n):
        for i in range(n):
            target = lsp(f"LSP {i}", "Bali")
            survei.sasaran.add(target)
            PermasalahanFactory(survei=survei, sasaran=target)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(detail(survei)).status_code == 200
        return len(ctx)

    populate(1)
    small = count()
    populate(25)
    assert count() == small
    assert small <= 16


# --- create / update ------------------------------------------------------------------------


def test_fasilitator_records_a_survey_of_their_team(client_as, fasilitator, tim):
    targets = [lsp("LSP Pariwisata Bandung", "Jawa Barat"), lsp("LSP Tekstil", "Jawa Barat")]
    response = client_as(fasilitator).post(CREATE, form_data(tim, targets))
    survei = Survei.objects.get()
    assert response.status_code == 302
    assert response.url == detail(survei)
    assert survei.nomor == "SRV-2026-0001"
    assert survei.tim == tim
    assert set(survei.sasaran.all()) == set(targets)
    assert survei.dibuat_oleh == fasilitator
    assert survei.history.get().history_user == fasilitator


def test_komisi_records_a_survey_for_any_active_team(client_as, komisi, tim_lain):
    response = client_as(komisi).post(CREATE, form_data(tim_lain, [SasaranFactory()]))
    assert response.status_code == 302
    assert Survei.objects.get().tim == tim_lain


def test_fasilitator_cannot_file_a_survey_under_another_team(client_as, fasilitator, tim, tim_lain):
    response = client_as(fasilitator).post(CREATE, form_data(tim_lain, [SasaranFactory()]))
    assert response.status_code == 200
    assert "pilihan yang valid" in str(response.context["form"].errors["tim"])
    assert not Survei.objects.exists()


def test_an_inactive_team_is_not_offered_for_new_surveys(client_as, komisi, tim):
    tim.aktif = False
    tim.save()
    response = client_as(komisi).post(CREATE, form_data(tim, [SasaranFactory()]))
    assert "pilihan yang valid" in str(response.context["form"].errors["tim"])
    assert not Survei.objects.exists()


@pytest.mark.parametrize("role", ["bksp_user", "pimpinan", "no_role"])
def test_read_only_roles_cannot_record_surveys(request, client_as, tim, role):
    client = client_as(request.getfixturevalue(role))
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, form_data(tim, [SasaranFactory()])).status_code == 403
    assert not Survei.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"tanggal": ""}, "tanggal", "tidak boleh kosong"),
        ({"tanggal": "31/02/2026"}, "tanggal", "tanggal yang valid"),
        ({"sasaran": []}, "sasaran", "minimal satu sasaran"),
        ({"sasaran": ["999999"]}, "sasaran", "pilihan yang valid"),
        ({"tim": ""}, "tim", "tidak boleh kosong"),
    ],
)
def test_bad_input_is_shown_beside_the_field_and_nothing_is_saved(
    client_as, fasilitator, tim, overrides, field, message
):
    response = client_as(fasilitator).post(CREATE, form_data(tim, [SasaranFactory()], **overrides))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field]).lower()
    assert not Survei.objects.exists()


def test_a_survey_date_in_the_future_is_refused(client_as, fasilitator, tim):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_as(fasilitator).post(
        CREATE, form_data(tim, [SasaranFactory()], tanggal=tomorrow)
    )
    assert response.status_code == 200
    assert "masa depan" in str(response.context["form"].errors["tanggal"])
    assert not Survei.objects.exists()


def test_numbers_follow_the_survey_year_and_are_never_reused(fasilitator, tim):
    target = SasaranFactory()
    first = survei_create(user=fasilitator, tim=tim, tanggal=date(2026, 1, 3), sasaran=[target])
    second = survei_create(user=fasilitator, tim=tim, tanggal=date(2026, 2, 3), sasaran=[target])
    older = survei_create(user=fasilitator, tim=tim, tanggal=date(2025, 12, 1), sasaran=[target])
    assert [first.nomor, second.nomor, older.nomor] == [
        "SRV-2026-0001",
        "SRV-2026-0002",
        "SRV-2025-0001",
    ]
    second.sasaran.clear()
    Survei.objects.filter(pk=second.pk).delete()
    third = survei_create(user=fasilitator, tim=tim, tanggal=date(2026, 3, 3), sasaran=[target])
    assert third.nomor == "SRV-2026-0003"


def test_fasilitator_edits_a_survey_of_their_team(client_as, fasilitator, surveys):
    survei = surveys["mine"]
    added = lsp("LSP Baru", "Jawa Barat")
    data = form_data(survei.tim, [*survei.sasaran.all(), added], ringkasan="Ringkasan diperbarui")
    response = client_as(fasilitator).post(update(survei), data)
    assert response.status_code == 302
    survei.refresh_from_db()
    assert survei.ringkasan == "Ringkasan diperbarui"
    assert survei.nomor.startswith("SRV-2026-")
    assert added in survei.sasaran.all()
    assert survei.history.first().history_user == fasilitator


def test_edit_form_is_prefilled(client_as, komisi, surveys):
    html = client_as(komisi).get(update(surveys["mine"])).content.decode()
    assert 'value="2026-03-10"' in html


@pytest.mark.parametrize(
    ("role", "mine", "other"),
    [
        ("fasilitator", 200, 404),
        ("fasilitator_lain", 404, 200),
        ("bksp_user", 403, 404),
        ("pimpinan", 403, 403),
        ("no_role", 404, 404),
    ],
)
def test_only_the_team_and_the_komisi_may_edit_a_survey(
    request, client_as, surveys, role, mine, other
):
    client = client_as(request.getfixturevalue(role))
    assert client.get(update(surveys["mine"])).status_code == mine
    assert client.get(update(surveys["other"])).status_code == other


def test_refused_edit_changes_nothing(client_as, fasilitator_lain, bksp_user, surveys):
    survei = surveys["mine"]
    data = form_data(survei.tim, survei.sasaran.all(), ringkasan="Diubah orang lain")
    assert client_as(fasilitator_lain).post(update(survei), data).status_code == 404
    assert client_as(bksp_user).post(update(survei), data).status_code == 403
    survei.refresh_from_db()
    assert survei.ringkasan != "Diubah orang lain"


def test_a_target_with_problems_cannot_be_removed_from_its_survey(client_as, komisi, surveys):
    survei = surveys["mine"]
    kept = survei.sasaran.get()
    PermasalahanFactory(survei=survei, sasaran=kept)
    other = lsp("LSP Pengganti", "Jawa Barat")
    response = client_as(komisi).post(update(survei), form_data(survei.tim, [other]))
    assert response.status_code == 200
    assert "LSP Jabar" in str(response.context["form"].errors["sasaran"])
    assert list(survei.sasaran.all()) == [kept]
