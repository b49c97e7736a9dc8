"""Monitoring plans (§6.1 a–f), built from the RTL of one or more guidance sessions."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advokasi.models import Rtl
from advokasi.services.nomor import nomor_berikut
from advokasi.tests.factories import (
    BimbinganFactory,
    PermasalahanFactory,
    RtlFactory,
    SurveiFactory,
    TimFactory,
)
from lsp.tests.factories import LspFactory, provinsi
from monitoring.models import RencanaMonitoring
from monitoring.tests.test_instrumen import buat_instrumen

pytestmark = pytest.mark.django_db

LIST = reverse("monitoring:rencana-list")
CREATE = reverse("monitoring:rencana-create")
PILIHAN = reverse("monitoring:rencana-rtl-pilihan")
Status = RencanaMonitoring.Status


def buat_sesi(tim, *, provinsi_nama="Jawa Barat", rtl_count=2, tanggal=date(2026, 5, 12)):
    """A session of `tim` at one LSP, with a problem and `rtl_count` open RTL items."""
    lsp = LspFactory(sasaran__provinsi=provinsi(provinsi_nama)).sasaran
    survei = SurveiFactory(tim=tim, sasaran=[lsp])
    problem = PermasalahanFactory(survei=survei, sasaran=lsp)
    sesi = BimbinganFactory(tim=tim, sasaran=[lsp], tanggal=tanggal)
    for _ in range(rtl_count):
        RtlFactory(bimbingan=sesi, pemilik_sasaran=lsp, permasalahan=problem)
    return sesi


def buat_rencana(
    *,
    tim=None,
    user=None,
    provinsi_nama="Jawa Barat",
    instrumen=None,
    rtl_count=2,
    status=Status.DIRENCANAKAN,
    tanggal=date(2026, 6, 15),
    metode=RencanaMonitoring.Metode.VISITASI,
) -> RencanaMonitoring:
    """A plan of `tim` over the RTL of one session at an LSP of the province."""
    tim = tim or TimFactory()
    user = user or tim.koordinator
    sesi = buat_sesi(tim, provinsi_nama=provinsi_nama, rtl_count=rtl_count)
    rencana = RencanaMonitoring.objects.create(
        nomor=nomor_berikut(kode="MON", tahun=2026),
        tim=tim,
        tujuan="Memastikan RTL panduan mutu dilaksanakan",
        ruang_lingkup="Dokumen mutu dan pelaksanaan asesmen",
        metode=metode,
        instrumen=instrumen or buat_instrumen(user),
        tanggal_rencana=tanggal,
        status=status,
        dibuat_oleh=user,
    )
    rencana.sasaran.set(sesi.sasaran.all())
    rencana.bimbingan.add(sesi)
    rencana.rtl.set(sesi.rtl.all())
    return rencana


def form_data(*, tim, sesi, rtl, instrumen, **overrides):
    data = {
        "tim": tim.pk,
        "bimbingan": [s.pk for s in sesi],
        "rtl": [r.pk for r in rtl],
        "tujuan": "Memastikan RTL panduan mutu dilaksanakan",
        "ruang_lingkup": "Dokumen mutu LSP",
        "metode": "visitasi",
        "instrumen": instrumen.pk,
        "benchmark": "Target pada tiap RTL",
        "tanggal_rencana": "2026-12-10",
        "tanggal_dikomunikasikan": "2026-12-01",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def plans(tim, tim_lain, komisi):
    """A plan of `tim` in Jawa Barat and one of `tim_lain` in Jawa Timur."""
    return {
        "mine": buat_rencana(tim=tim, user=komisi, provinsi_nama="Jawa Barat"),
        "other": buat_rencana(tim=tim_lain, user=komisi, provinsi_nama="Jawa Timur"),
    }


# --- list -------------------------------------------------------------------------------------

READERS = [
    ("komisi", {"mine", "other"}),
    ("admin_user", {"mine", "other"}),
    ("pimpinan", {"mine", "other"}),
    ("fasilitator", {"mine"}),
    ("fasilitator_lain", {"other"}),
    ("bksp_user", {"mine"}),
    ("bksp_lain", {"other"}),
    ("no_role", set()),
]


@pytest.mark.parametrize(("role", "sees"), READERS)
def test_each_role_lists_exactly_the_plans_it_may_read(request, client_as, plans, role, sees):
    response = client_as(request.getfixturevalue(role)).get(LIST)
    listed = {r.pk for r in response.context["page"]}
    assert response.status_code == 200
    assert listed == {plans[key].pk for key in sees}


def test_anonymous_user_is_sent_to_login_and_post_is_refused(client, client_as, komisi):
    assert client.get(LIST).url.startswith(reverse("login"))
    assert client_as(komisi).post(LIST).status_code == 405


def test_list_filters_by_status_team_method_and_date(client_as, komisi, tim, tim_lain):
    done = buat_rencana(tim=tim, status=Status.TERLAKSANA, tanggal=date(2026, 7, 1))
    fgd = buat_rencana(tim=tim_lain, metode="fgd", tanggal=date(2026, 9, 1))
    planned = buat_rencana(tim=tim, tanggal=date(2026, 12, 20))
    client = client_as(komisi)

    def nomor(**params):
        return sorted(r.nomor for r in client.get(LIST, params).context["page"])

    assert nomor(status="terlaksana") == [done.nomor]
    assert nomor(tim=tim_lain.pk) == [fgd.nomor]
    assert nomor(metode="fgd") == [fgd.nomor]
    assert nomor(tanggal_dari="2026-08-01", tanggal_sampai="2026-10-01") == [fgd.nomor]
    assert nomor(q=planned.nomor) == [planned.nomor]


def test_list_sorts_and_paginates(client_as, komisi, tim, settings):
    settings.PAGE_SIZE = 2
    for month in (7, 9, 8):
        buat_rencana(tim=tim, tanggal=date(2026, month, 1))
    client = client_as(komisi)
    first = client.get(LIST, {"urut": "tanggal"}).context["page"]
    assert [r.tanggal_rencana.month for r in first] == [7, 8]
    assert client.get(LIST, {"urut": "tanggal", "halaman": 2}).context["page"].number == 2
    assert client.get(LIST, {"tim": "999999", "tanggal_dari": "x"}).status_code == 200


def test_fasilitator_cannot_filter_into_another_team(client_as, fasilitator, plans, tim_lain):
    response = client_as(fasilitator).get(LIST, {"tim": tim_lain.pk})
    assert response.status_code == 200
    assert plans["other"].nomor not in response.content.decode()


def test_a_plan_whose_date_passed_without_record_is_flagged(client_as, komisi, tim):
    buat_rencana(tim=tim, tanggal=date(2026, 6, 1))
    assert "terlewat" in client_as(komisi).get(LIST).content.decode()


@pytest.mark.parametrize("role", ["komisi", "fasilitator", "bksp_user"])
def test_list_query_count_does_not_grow_with_rows(request, client_as, tim, role):
    client = client_as(request.getfixturevalue(role))

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST, {"urut": "tim"}).status_code == 200
        return len(ctx)

    buat_rencana(tim=tim)
    small = count()
    for _ in range(12):
        buat_rencana(tim=tim)
    assert count() == small
    assert small <= 16


# --- detail -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "sees"), READERS)
def test_each_role_opens_exactly_the_plans_it_may_read(request, client_as, plans, role, sees):
    client = client_as(request.getfixturevalue(role))
    for key, rencana in plans.items():
        expected = 200 if key in sees else 404
        assert client.get(rencana.get_absolute_url()).status_code == expected


def test_detail_shows_the_plan_its_rtl_and_their_achievement(client_as, fasilitator, tim):
    rencana = buat_rencana(tim=tim)
    first, second = rencana.rtl.order_by("pk")
    first.status, first.tanggal_selesai, first.progres = Rtl.Status.SELESAI, date(2026, 6, 1), 100
    first.save()
    html = client_as(fasilitator).get(rencana.get_absolute_url()).content.decode()
    assert "Memastikan RTL panduan mutu dilaksanakan" in html
    assert first.nomor in html and second.nomor in html
    assert "50%" in html  # (100 + 0) / 2
    assert reverse("monitoring:catatan-create", args=[rencana.pk]) in html
    assert reverse("monitoring:rencana-update", args=[rencana.pk]) in html


def test_read_only_roles_see_no_edit_or_record_buttons(client_as, pimpinan, bksp_user, tim):
    rencana = buat_rencana(tim=tim)
    for user in (pimpinan, bksp_user):
        html = client_as(user).get(rencana.get_absolute_url()).content.decode()
        assert reverse("monitoring:catatan-create", args=[rencana.pk]) not in html
        assert reverse("monitoring:rencana-update", args=[rencana.pk]) not in html


def test_detail_refuses_post(client_as, komisi, tim):
    rencana = buat_rencana(tim=tim)
    assert client_as(komisi).post(rencana.get_absolute_url()).status_code == 405


def test_detail_query_count_does_not_grow_with_rtl_or_records(client_as, komisi, tim):
    from monitoring.models import CatatanMonitoring

    rencana = buat_rencana(tim=tim, rtl_count=1)
    client = client_as(komisi)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(rencana.get_absolute_url()).status_code == 200
        return len(ctx)

    small = count()
    for i in range(8):
        sesi = buat_sesi(tim, rtl_count=3)
        rencana.bimbingan.add(sesi)
        rencana.rtl.add(*sesi.rtl.all())
        rencana.sasaran.add(*sesi.sasaran.all())
        CatatanMonitoring.objects.create(
            nomor=f"CMN-2026-09{i:02d}",
            rencana=rencana,
            tanggal=date(2026, 7, 1),
            dibuat_oleh=komisi,
        )
    assert count() == small
    assert small <= 19


# --- create -----------------------------------------------------------------------------------


def test_create_without_sessions_asks_for_them_first(client_as, fasilitator, tim, tim_lain):
    mine, other = buat_sesi(tim), buat_sesi(tim_lain)
    response = client_as(fasilitator).get(CREATE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Langkah 1 dari 2" in html
    assert mine.nomor in html
    assert other.nomor not in html


def test_opened_from_a_session_the_form_comes_preselected(client_as, fasilitator, tim, komisi):
    buat_instrumen(komisi)
    sesi = buat_sesi(tim, rtl_count=2)
    done = RtlFactory(
        bimbingan=sesi,
        pemilik_sasaran=sesi.sasaran.get(),
        status=Rtl.Status.SELESAI,
        progres=100,
        tanggal_selesai=date(2026, 6, 1),
    )
    response = client_as(fasilitator).get(CREATE, {"bimbingan": sesi.pk})
    form = response.context["form"]
    assert form.initial["tim"] == tim.pk
    assert form.initial["bimbingan"] == [sesi.pk]
    assert set(form.initial["sasaran"]) == {sesi.sasaran.get().pk}
    checked = {item["rtl"].pk for g in form.rtl_groups() for item in g["items"] if item["checked"]}
    assert checked == set(sesi.rtl.exclude(pk=done.pk).values_list("pk", flat=True))
    html = response.content.decode()
    assert f'value="{done.pk}" id="rtl-pilih-{done.pk}">' in html  # offered, not ticked


def test_fasilitator_plans_monitoring_from_the_rtl_of_a_session(client_as, fasilitator, tim):
    instrumen = buat_instrumen(fasilitator)
    sesi = buat_sesi(tim)
    items = list(sesi.rtl.all())
    response = client_as(fasilitator).post(
        CREATE, form_data(tim=tim, sesi=[sesi], rtl=items[:1], instrumen=instrumen)
    )
    rencana = RencanaMonitoring.objects.get()
    assert response.status_code == 302
    assert response.url == rencana.get_absolute_url()
    assert rencana.nomor == "MON-2026-0001"
    assert rencana.status == Status.DIRENCANAKAN
    assert list(rencana.rtl.all()) == items[:1]
    assert list(rencana.bimbingan.all()) == [sesi]
    # No target chosen: the plan takes the session's targets.
    assert list(rencana.sasaran.all()) == list(sesi.sasaran.all())
    assert rencana.dibuat_oleh == fasilitator
    assert rencana.history.get().history_user == fasilitator


def test_fasilitator_cannot_use_another_teams_session(client_as, fasilitator, tim, tim_lain):
    instrumen = buat_instrumen(fasilitator)
    other = buat_sesi(tim_lain)
    response = client_as(fasilitator).post(
        CREATE, form_data(tim=tim, sesi=[other], rtl=other.rtl.all(), instrumen=instrumen)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Bimbingan ini tidak ada atau tidak dapat Anda pakai." in errors["bimbingan"][0]
    assert not RencanaMonitoring.objects.exists()


def test_fasilitator_cannot_file_under_another_team(client_as, fasilitator, tim, tim_lain):
    instrumen = buat_instrumen(fasilitator)
    sesi = buat_sesi(tim)
    response = client_as(fasilitator).post(
        CREATE, form_data(tim=tim_lain, sesi=[sesi], rtl=sesi.rtl.all(), instrumen=instrumen)
    )
    assert "tim" in response.context["form"].errors
    assert not RencanaMonitoring.objects.exists()


def test_sessions_must_belong_to_the_chosen_team(client_as, komisi, tim, tim_lain):
    instrumen = buat_instrumen(komisi)
    sesi = buat_sesi(tim)
    response = client_as(komisi).post(
        CREATE, form_data(tim=tim_lain, sesi=[sesi], rtl=sesi.rtl.all(), instrumen=instrumen)
    )
    message = f"Bimbingan {sesi.nomor} bukan bimbingan tim yang dipilih."
    assert message in response.context["form"].errors["bimbingan"]
    assert message in response.content.decode()
    assert not RencanaMonitoring.objects.exists()


def test_rtl_must_come_from_the_chosen_sessions(client_as, komisi, tim):
    instrumen = buat_instrumen(komisi)
    sesi, lain = buat_sesi(tim), buat_sesi(tim)
    response = client_as(komisi).post(
        CREATE, form_data(tim=tim, sesi=[sesi], rtl=lain.rtl.all(), instrumen=instrumen)
    )
    assert "Pilih RTL dari bimbingan yang dipilih." in response.context["form"].errors["rtl"][0]
    response = client_as(komisi).post(
        CREATE, form_data(tim=tim, sesi=[sesi], rtl=[], instrumen=instrumen)
    )
    assert "Pilih minimal satu RTL" in response.context["form"].errors["rtl"][0]
    assert not RencanaMonitoring.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"tujuan": ""}, "tujuan", "Tuliskan tujuan monitoring (§6.1a)."),
        ({"metode": "telepati"}, "metode", "telepati"),
        ({"tanggal_rencana": "besok"}, "tanggal_rencana", "Tanggal harus berformat TTTT-BB-HH."),
        (
            {"tanggal_rencana": "2026-05-01"},
            "tanggal_rencana",
            "Tanggal pelaksanaan tidak boleh sebelum bimbingan",
        ),
        (
            {"tanggal_dikomunikasikan": "2026-12-20"},
            "tanggal_dikomunikasikan",
            "paling lambat pada tanggal pelaksanaan",
        ),
    ],
)
def test_bad_input_is_refused_beside_the_field(client_as, komisi, tim, overrides, field, message):
    instrumen = buat_instrumen(komisi)
    sesi = buat_sesi(tim)
    data = form_data(tim=tim, sesi=[sesi], rtl=sesi.rtl.all(), instrumen=instrumen, **overrides)
    response = client_as(komisi).post(CREATE, data)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert not RencanaMonitoring.objects.exists()


def test_an_inactive_or_empty_instrument_cannot_be_chosen(client_as, komisi, tim):
    from monitoring.models import Instrumen

    sesi = buat_sesi(tim)
    client = client_as(komisi)
    inactive = buat_instrumen(komisi, aktif=False)
    response = client.post(
        CREATE, form_data(tim=tim, sesi=[sesi], rtl=sesi.rtl.all(), instrumen=inactive)
    )
    assert "Pilih instrumen yang aktif." in response.context["form"].errors["instrumen"]
    empty = Instrumen.objects.create(nama="Kosong", dibuat_oleh=komisi)
    response = client.post(
        CREATE, form_data(tim=tim, sesi=[sesi], rtl=sesi.rtl.all(), instrumen=empty)
    )
    assert "belum punya indikator" in response.context["form"].errors["instrumen"][0]
    assert not RencanaMonitoring.objects.exists()


@pytest.mark.parametrize("role", ["bksp_user", "pimpinan", "no_role"])
def test_read_only_roles_cannot_plan(request, client_as, komisi, tim, role):
    instrumen = buat_instrumen(komisi)
    sesi = buat_sesi(tim)
    client = client_as(request.getfixturevalue(role))
    assert client.get(CREATE).status_code == 403
    data = form_data(tim=tim, sesi=[sesi], rtl=sesi.rtl.all(), instrumen=instrumen)
    assert client.post(CREATE, data).status_code == 403
    assert not RencanaMonitoring.objects.exists()


def test_create_sends_anonymous_users_to_login_and_refuses_put(client, komisi):
    assert client.get(CREATE).status_code == 302
    client.force_login(komisi)
    assert client.put(CREATE).status_code == 405


# --- update -----------------------------------------------------------------------------------


# Who may change a plan of `tim` and record or correct its visits (status of the form page).
PENULIS_TIM = [
    ("komisi", 200),
    ("admin_user", 200),
    ("fasilitator", 200),
    ("fasilitator_lain", 404),
    ("bksp_user", 403),
    ("bksp_lain", 404),
    ("pimpinan", 403),
    ("no_role", 404),
]


@pytest.mark.parametrize(("role", "status"), PENULIS_TIM)
def test_who_may_open_the_edit_page(request, client_as, plans, role, status):
    url = reverse("monitoring:rencana-update", args=[plans["mine"].pk])
    assert client_as(request.getfixturevalue(role)).get(url).status_code == status


def test_fasilitator_changes_and_cancels_their_plan(client_as, fasilitator, tim):
    rencana = buat_rencana(tim=tim)
    sesi = rencana.bimbingan.get()
    url = reverse("monitoring:rencana-update", args=[rencana.pk])
    data = form_data(
        tim=tim,
        sesi=[sesi],
        rtl=sesi.rtl.all(),
        instrumen=rencana.instrumen,
        tujuan="Tujuan baru",
        status="dibatalkan",
    )
    response = client_as(fasilitator).post(url, data)
    rencana.refresh_from_db()
    assert response.status_code == 302
    assert (rencana.tujuan, rencana.status) == ("Tujuan baru", Status.DIBATALKAN)
    assert rencana.history.first().history_user == fasilitator


def test_other_team_cannot_change_a_plan_by_post(client_as, fasilitator_lain, tim):
    rencana = buat_rencana(tim=tim)
    sesi = rencana.bimbingan.get()
    url = reverse("monitoring:rencana-update", args=[rencana.pk])
    data = form_data(tim=tim, sesi=[sesi], rtl=sesi.rtl.all(), instrumen=rencana.instrumen)
    assert client_as(fasilitator_lain).post(url, data).status_code == 404
    rencana.refresh_from_db()
    assert rencana.tujuan == "Memastikan RTL panduan mutu dilaksanakan"


def test_terlaksana_is_not_set_by_hand(client_as, komisi, tim):
    rencana = buat_rencana(tim=tim)
    sesi = rencana.bimbingan.get()
    url = reverse("monitoring:rencana-update", args=[rencana.pk])
    data = form_data(
        tim=tim, sesi=[sesi], rtl=sesi.rtl.all(), instrumen=rencana.instrumen, status="terlaksana"
    )
    response = client_as(komisi).post(url, data)
    assert "status" in response.context["form"].errors
    rencana.refresh_from_db()
    assert rencana.status == Status.DIRENCANAKAN


def test_a_recorded_plan_keeps_its_status_and_instrument(client_as, komisi, tim):
    from monitoring.models import CatatanMonitoring

    rencana = buat_rencana(tim=tim, status=Status.TERLAKSANA)
    CatatanMonitoring.objects.create(
        nomor="CMN-2026-0777", rencana=rencana, tanggal=date(2026, 7, 1), dibuat_oleh=komisi
    )
    sesi = rencana.bimbingan.get()
    other = buat_instrumen(komisi)
    url = reverse("monitoring:rencana-update", args=[rencana.pk])
    data = form_data(tim=tim, sesi=[sesi], rtl=sesi.rtl.all(), instrumen=other)
    response = client_as(komisi).post(url, data)
    assert "Instrumen tidak dapat diganti" in response.context["form"].errors["instrumen"][0]
    data["instrumen"] = rencana.instrumen_id
    data["tujuan"] = "Tujuan diperjelas"
    assert client_as(komisi).post(url, data).status_code == 302
    rencana.refresh_from_db()
    assert (rencana.status, rencana.tujuan) == (Status.TERLAKSANA, "Tujuan diperjelas")


def test_update_refuses_put(client_as, komisi, tim):
    rencana = buat_rencana(tim=tim)
    url = reverse("monitoring:rencana-update", args=[rencana.pk])
    assert client_as(komisi).put(url).status_code == 405


# --- the RTL choices, reloaded by htmx --------------------------------------------------------


def test_rtl_choices_follow_the_sessions_chosen(client_as, fasilitator, tim, tim_lain):
    mine, other = buat_sesi(tim), buat_sesi(tim_lain)
    response = client_as(fasilitator).get(PILIHAN, {"bimbingan": [mine.pk, other.pk]})
    html = response.content.decode()
    assert response.status_code == 200
    for item in mine.rtl.all():
        assert f'value="{item.pk}" id="rtl-pilih-{item.pk}" checked' in html
    for item in other.rtl.all():
        assert item.nomor not in html


def test_rtl_choices_keep_what_was_ticked(client_as, komisi, tim):
    sesi = buat_sesi(tim, rtl_count=2)
    first, second = sesi.rtl.order_by("pk")
    html = client_as(komisi).get(PILIHAN, {"bimbingan": sesi.pk, "rtl": first.pk}).content.decode()
    assert f'id="rtl-pilih-{first.pk}" checked' in html
    assert f'id="rtl-pilih-{second.pk}">' in html


@pytest.mark.parametrize("role", ["pimpinan", "bksp_user"])
def test_rtl_choices_are_for_planners_only(request, client_as, role, tim):
    sesi = buat_sesi(tim)
    assert (
        client_as(request.getfixturevalue(role)).get(PILIHAN, {"bimbingan": sesi.pk}).status_code
        == 403
    )


def test_rtl_choices_ignore_garbage(client_as, komisi):
    response = client_as(komisi).get(PILIHAN, {"bimbingan": ["abc", "999999"], "rencana": "x"})
    assert response.status_code == 200
    assert "Pilih bimbingan dulu" in response.content.decode()


def test_the_session_chooser_searches_and_paginates(client_as, komisi, tim, settings):
    settings.PAGE_SIZE = 2
    sessions = [buat_sesi(tim) for _ in range(3)]
    client = client_as(komisi)
    page = client.get(CREATE).context["page"]
    assert len(page) == 2 and page.paginator.count == 3
    target = sessions[0].sasaran.get().nama
    found = client.get(CREATE, {"q": target}).context["page"]
    assert [b.pk for b in found] == [sessions[0].pk]
    assert client.get(CREATE, {"q": "tidak-ada", "halaman": "x"}).status_code == 200


def test_the_session_chooser_query_count_does_not_grow(client_as, komisi, tim):
    client = client_as(komisi)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(CREATE).status_code == 200
        return len(ctx)

    buat_sesi(tim)
    small = count()
    for _ in range(10):
        buat_sesi(tim)
    assert count() == small
    assert small <= 14


def test_all_mistakes_are_shown_in_one_round(client_as, komisi, tim):
    instrumen = buat_instrumen(komisi)
    sesi = buat_sesi(tim)
    data = form_data(
        tim=tim,
        sesi=[sesi],
        rtl=sesi.rtl.all(),
        instrumen=instrumen,
        tujuan="",
        tanggal_rencana="2026-04-01",
        tanggal_dikomunikasikan="2026-04-05",
    )
    errors = client_as(komisi).post(CREATE, data).context["form"].errors
    assert set(errors) >= {"tujuan", "tanggal_rencana", "tanggal_dikomunikasikan"}


@pytest.mark.parametrize("halaman", ["create", "update"])
def test_the_plan_form_query_count_does_not_grow(client_as, komisi, tim, halaman):
    rencana = buat_rencana(tim=tim, user=komisi)
    sesi = rencana.bimbingan.get()
    client = client_as(komisi)

    def url():
        if halaman == "update":
            return reverse("monitoring:rencana-update", args=[rencana.pk])
        return f"{CREATE}?bimbingan={sesi.pk}"

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url()).status_code == 200
        return len(ctx)

    small = count()
    for _ in range(6):
        RtlFactory(bimbingan=sesi, pemilik_sasaran=sesi.sasaran.first())
        other = buat_sesi(tim)
        sesi.sasaran.add(*other.sasaran.all())
    rencana.rtl.set(sesi.rtl.all())
    rencana.sasaran.set(sesi.sasaran.all())
    assert count() == small
    assert small <= 25
