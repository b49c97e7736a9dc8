"""RTL items: who may do what, the §2 asas (specific, measurable, time-bound, accountable), the
status date bookkeeping, overdue items, the list's filters and constant query counts."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from advokasi.models import Penomoran, Rtl
from advokasi.services.rtl import rtl_catat_tanggal_status, rtl_save
from advokasi.tests import test_bimbingan as sesi
from advokasi.tests.factories import BimbinganFactory, RtlFactory
from advokasi.tests.test_bimbingan import LATER, count_queries, lsp_in, problem_of, session
from lsp.tests.factories import provinsi

pytestmark = pytest.mark.django_db

# The session fixtures of test_bimbingan.py, under the same names.
jabar = sesi.jabar
jatim = sesi.jatim

LIST = reverse("advokasi:rtl-list")
TODAY = date.today()


def rtl_data(*, owner, problem=None, **overrides):
    data = {
        "tindakan": "Menyusun ulang panduan mutu LSP sesuai Pedoman BNSP 201",
        "jenis": "korektif",
        "permasalahan": problem.pk if problem else "",
        "pemilik_sasaran": owner.pk,
        "pemilik_nama": "Ir. Bambang Susilo (Ketua LSP)",
        "batas_waktu": LATER.isoformat(),
        "indikator": "Panduan mutu disahkan rapat pleno LSP",
        "target_nilai": "1",
        "satuan": "dokumen",
        "status": "rencana",
        "progres": "0",
        "langkah_berikut": "sasaran",
        "tanggal_disepakati": "",
        "tanggal_mulai": "",
        "tanggal_selesai": "",
        "tanggal_ditutup": "",
        "catatan": "",
    }
    data.update(overrides)
    return data


def create_url(bimbingan):
    return reverse("advokasi:rtl-create", args=[bimbingan.pk])


def update_url(rtl):
    return reverse("advokasi:rtl-update", args=[rtl.pk])


# --- who may open what ------------------------------------------------------------------------

RTL_ROLES = [
    # role, detail of the Jawa Barat item, of the Jawa Timur item, edit of each
    ("komisi", 200, 200, 200, 200),
    ("admin_user", 200, 200, 200, 200),
    ("fasilitator", 200, 200, 200, 200),
    ("fasilitator_lain", 404, 404, 404, 404),
    ("bksp_user", 200, 404, 403, 404),
    ("bksp_lain", 404, 200, 404, 403),
    ("pimpinan", 200, 200, 403, 403),
    ("no_role", 404, 404, 404, 404),
]


@pytest.mark.parametrize(("role", "detail_jb", "detail_jt", "edit_jb", "edit_jt"), RTL_ROLES)
def test_rtl_pages_open_for_readers_and_editors_only(
    request, client_as, jabar, jatim, role, detail_jb, detail_jt, edit_jb, edit_jt
):
    client = client_as(request.getfixturevalue(role))
    assert client.get(jabar["rtl"].get_absolute_url()).status_code == detail_jb
    assert client.get(jatim["rtl"].get_absolute_url()).status_code == detail_jt
    assert client.get(update_url(jabar["rtl"])).status_code == edit_jb
    assert client.get(update_url(jatim["rtl"])).status_code == edit_jt


@pytest.mark.parametrize(
    ("role", "jabar_status", "jatim_status"),
    [
        ("komisi", 200, 200),
        ("fasilitator", 200, 200),
        ("fasilitator_lain", 404, 404),
        ("bksp_user", 403, 404),
        ("pimpinan", 403, 403),
        ("no_role", 404, 404),
    ],
)
def test_adding_rtl_to_a_session_is_for_its_editors(
    request, client_as, jabar, jatim, role, jabar_status, jatim_status
):
    client = client_as(request.getfixturevalue(role))
    assert client.get(create_url(jabar["bimbingan"])).status_code == jabar_status
    assert client.get(create_url(jatim["bimbingan"])).status_code == jatim_status


@pytest.mark.parametrize(
    ("role", "seen"),
    [
        ("komisi", {"jabar", "jatim"}),
        ("fasilitator", {"jabar", "jatim"}),
        ("fasilitator_lain", set()),
        ("bksp_user", {"jabar"}),
        ("bksp_lain", {"jatim"}),
        ("pimpinan", {"jabar", "jatim"}),
        ("no_role", set()),
    ],
)
def test_rtl_list_shows_what_each_role_may_read(request, client_as, jabar, jatim, role, seen):
    response = client_as(request.getfixturevalue(role)).get(LIST)
    assert response.status_code == 200
    expected = {{"jabar": jabar, "jatim": jatim}[k]["rtl"].pk for k in seen}
    assert {r.pk for r in response.context["page"]} == expected


def test_read_only_users_cannot_post_rtl(client_as, pimpinan, bksp_user, jabar):
    for user in (pimpinan, bksp_user):
        client = client_as(user)
        data = rtl_data(owner=jabar["lsp"])
        assert client.post(create_url(jabar["bimbingan"]), data).status_code == 403
        assert client.post(update_url(jabar["rtl"]), data).status_code == 403
    assert Rtl.objects.count() == 1


def test_fasilitator_of_another_team_gets_404_for_guessed_ids(
    client_as, fasilitator_lain, tim_lain, jabar
):
    client = client_as(fasilitator_lain)
    data = rtl_data(owner=jabar["lsp"])
    assert client.post(create_url(jabar["bimbingan"]), data).status_code == 404
    assert client.post(update_url(jabar["rtl"]), data).status_code == 404
    assert Rtl.objects.count() == 1


@pytest.mark.parametrize("name", ["rtl-list", "rtl-detail", "rtl-update", "rtl-create"])
def test_anonymous_user_is_sent_to_login(client, jabar, name):
    pk = jabar["bimbingan"].pk if name == "rtl-create" else jabar["rtl"].pk
    response = client.get(reverse(f"advokasi:{name}", args=[] if name == "rtl-list" else [pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_wrong_http_methods_are_refused(client_as, komisi, jabar):
    client = client_as(komisi)
    assert client.post(LIST).status_code == 405
    assert client.post(jabar["rtl"].get_absolute_url()).status_code == 405
    assert client.delete(update_url(jabar["rtl"])).status_code == 405
    assert client.put(create_url(jabar["bimbingan"])).status_code == 405


# --- recording an item ------------------------------------------------------------------------


def test_fasilitator_adds_an_rtl_item_to_a_session(client_as, fasilitator, jabar):
    b = jabar["bimbingan"]
    data = rtl_data(owner=jabar["lsp"], problem=jabar["problem"])
    response = client_as(fasilitator).post(create_url(b), data)
    rtl = Rtl.objects.exclude(pk=jabar["rtl"].pk).get()
    assert response.status_code == 302
    assert response.url == rtl.get_absolute_url()
    assert rtl.bimbingan == b
    assert rtl.permasalahan == jabar["problem"]
    assert rtl.tanggal_disepakati == b.tanggal
    assert rtl.target_nilai == Decimal("1")
    assert rtl.dibuat_oleh == fasilitator
    assert rtl.history.get().history_user == fasilitator


def test_rtl_numbers_follow_the_year_of_the_session(client_as, komisi, tim, fasilitator):
    Penomoran.objects.all().delete()
    lsp = lsp_in("Jawa Barat")
    old = session(tim, [lsp], tanggal=date(2025, 11, 3), nomor="BMT-2025-0009")
    new = session(tim, [lsp], tanggal=date(2026, 1, 5), nomor="BMT-2026-0009")
    client = client_as(komisi)
    for b in (old, old, new):
        assert client.post(create_url(b), rtl_data(owner=lsp)).status_code == 302
    assert sorted(Rtl.objects.values_list("nomor", flat=True)) == [
        "RTL-2025-0001",
        "RTL-2025-0002",
        "RTL-2026-0001",
    ]


def test_save_and_add_another_returns_to_a_blank_form(client_as, fasilitator, jabar):
    b = jabar["bimbingan"]
    data = rtl_data(owner=jabar["lsp"], tambah_lagi="1")
    response = client_as(fasilitator).post(create_url(b), data)
    assert response.status_code == 302
    assert response.url == create_url(b)


def test_the_only_target_is_offered_as_owner(client_as, fasilitator, jabar):
    form = client_as(fasilitator).get(create_url(jabar["bimbingan"])).context["form"]
    assert form.initial["pemilik_sasaran"] == jabar["lsp"].pk
    assert form.initial["tanggal_disepakati"] == jabar["bimbingan"].tanggal


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("tindakan", "   ", "Tuliskan tindakan yang spesifik"),
        ("pemilik_sasaran", "", "Pilih sasaran penanggung jawab"),
        ("pemilik_nama", "", "Tuliskan nama penanggung jawab"),
        ("batas_waktu", "", "Tentukan batas waktu"),
        ("indikator", "", "Tuliskan indikator keberhasilan yang terukur"),
        ("target_nilai", "", "Isi target nilai"),
        ("target_nilai", "0", "Target nilai harus lebih besar dari nol"),
        ("target_nilai", "-3", "Target nilai harus lebih besar dari nol"),
        ("satuan", "", "Isi satuan target"),
        ("jenis", "", "Pilih jenis tindakan"),
        ("batas_waktu", "2026-05-01", "tidak boleh sebelum tanggal bimbingan"),
        ("progres", "120", "Progres paling besar 100 persen"),
    ],
)
def test_an_rtl_item_missing_a_part_is_refused_beside_the_field(
    client_as, fasilitator, jabar, field, value, message
):
    counter = list(Penomoran.objects.filter(kode="RTL").values_list("terakhir", flat=True))
    data = rtl_data(owner=jabar["lsp"], **{field: value})
    response = client_as(fasilitator).post(create_url(jabar["bimbingan"]), data)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    assert message in response.content.decode()
    assert Rtl.objects.count() == 1
    assert list(Penomoran.objects.filter(kode="RTL").values_list("terakhir", flat=True)) == counter


def test_owner_must_be_one_of_the_sessions_targets(client_as, fasilitator, jabar):
    stranger = lsp_in("Jawa Barat")
    data = rtl_data(owner=stranger)
    response = client_as(fasilitator).post(create_url(jabar["bimbingan"]), data)
    assert response.context["form"].errors["pemilik_sasaran"] == [
        "Penanggung jawab harus salah satu sasaran bimbingan ini."
    ]
    assert Rtl.objects.count() == 1


def test_problem_must_be_one_the_session_addressed(client_as, fasilitator, tim, jabar):
    other = problem_of(jabar["lsp"], tim)
    data = rtl_data(owner=jabar["lsp"], problem=other)
    response = client_as(fasilitator).post(create_url(jabar["bimbingan"]), data)
    assert "permasalahan" in response.context["form"].errors
    assert Rtl.objects.count() == 1


def test_the_service_refuses_the_same_without_the_form(komisi, jabar):
    rtl = Rtl(
        tindakan="",
        jenis=Rtl.Jenis.SEGERA,
        pemilik_sasaran=lsp_in("Bali"),
        pemilik_nama="",
        batas_waktu=date(2026, 1, 1),
        indikator="",
        target_nilai=Decimal("0"),
        satuan="",
    )
    with pytest.raises(ValidationError) as exc:
        rtl_save(user=komisi, rtl=rtl, bimbingan=jabar["bimbingan"])
    assert set(exc.value.message_dict) >= {
        "tindakan",
        "pemilik_nama",
        "indikator",
        "target_nilai",
        "satuan",
        "batas_waktu",
        "pemilik_sasaran",
    }
    assert Rtl.objects.count() == 1


@pytest.mark.parametrize("field", ["tindakan", "indikator", "pemilik_nama"])
def test_the_database_refuses_an_item_without_action_indicator_or_owner(jabar, field):
    with pytest.raises(IntegrityError), transaction.atomic():
        RtlFactory(bimbingan=jabar["bimbingan"], pemilik_sasaran=jabar["lsp"], **{field: ""})


def test_the_database_refuses_a_finished_item_without_its_finish_date(jabar):
    with pytest.raises(IntegrityError), transaction.atomic():
        RtlFactory(
            bimbingan=jabar["bimbingan"],
            pemilik_sasaran=jabar["lsp"],
            status=Rtl.Status.SELESAI,
            tanggal_selesai=None,
        )


# --- status dates -------------------------------------------------------------------------------


def test_moving_to_berjalan_sets_the_start_date_once(komisi, jabar):
    rtl = jabar["rtl"]
    rtl.status = Rtl.Status.BERJALAN
    rtl_save(user=komisi, rtl=rtl)
    assert rtl.tanggal_mulai == TODAY
    assert rtl.tanggal_ditutup is None
    rtl.tanggal_mulai = date(2026, 5, 20)
    rtl_save(user=komisi, rtl=rtl)
    rtl.refresh_from_db()
    assert rtl.tanggal_mulai == date(2026, 5, 20)


def test_selesai_sets_finish_and_close_dates_and_full_progress(komisi, jabar):
    rtl = jabar["rtl"]
    rtl.status = Rtl.Status.SELESAI
    rtl.progres = 40
    rtl_save(user=komisi, rtl=rtl)
    rtl.refresh_from_db()
    assert (rtl.tanggal_selesai, rtl.tanggal_ditutup, rtl.progres) == (TODAY, TODAY, 100)
    assert rtl.tanggal_mulai == TODAY


def test_a_given_finish_date_is_kept(komisi, jabar):
    rtl = jabar["rtl"]
    rtl.status = Rtl.Status.SELESAI
    rtl.tanggal_mulai = date(2026, 5, 15)
    rtl.tanggal_selesai = date(2026, 6, 30)
    rtl_save(user=komisi, rtl=rtl)
    assert rtl.tanggal_selesai == date(2026, 6, 30)
    assert rtl.tanggal_ditutup == TODAY


def test_dibatalkan_sets_the_close_date_and_reopening_clears_it(komisi, jabar):
    rtl = jabar["rtl"]
    rtl.status = Rtl.Status.DIBATALKAN
    rtl_save(user=komisi, rtl=rtl)
    assert rtl.tanggal_ditutup == TODAY
    assert rtl.tanggal_selesai is None
    rtl.status = Rtl.Status.BERJALAN
    rtl_save(user=komisi, rtl=rtl)
    assert rtl.tanggal_ditutup is None


def test_bookkeeping_works_on_given_dates():
    from types import SimpleNamespace

    item = SimpleNamespace(
        status="selesai", progres=10, tanggal_mulai=None, tanggal_selesai=None, tanggal_ditutup=None
    )
    rtl_catat_tanggal_status(rtl=item, today=date(2026, 3, 4))
    assert (item.tanggal_mulai, item.tanggal_selesai, item.tanggal_ditutup, item.progres) == (
        date(2026, 3, 4),
        date(2026, 3, 4),
        date(2026, 3, 4),
        100,
    )


def test_the_edit_form_finishes_an_item_without_asking_for_its_dates(client_as, fasilitator, jabar):
    rtl = jabar["rtl"]
    data = rtl_data(owner=jabar["lsp"], status="selesai", progres="60")
    response = client_as(fasilitator).post(update_url(rtl), data)
    assert response.status_code == 302
    rtl.refresh_from_db()
    assert rtl.status == Rtl.Status.SELESAI
    assert (rtl.tanggal_selesai, rtl.tanggal_ditutup, rtl.progres) == (TODAY, TODAY, 100)
    assert rtl.nomor == jabar["rtl"].nomor


def test_finish_before_start_is_refused(client_as, fasilitator, jabar):
    data = rtl_data(
        owner=jabar["lsp"],
        status="selesai",
        tanggal_mulai="2026-06-10",
        tanggal_selesai="2026-06-01",
    )
    response = client_as(fasilitator).post(update_url(jabar["rtl"]), data)
    assert response.context["form"].errors["tanggal_selesai"] == [
        "Tanggal selesai tidak boleh sebelum tanggal mulai."
    ]


# --- overdue ----------------------------------------------------------------------------------


@pytest.fixture
def due_items(jabar):
    """Four items of one session, relative to today: overdue, due later, done late, cancelled."""
    b, owner = jabar["bimbingan"], jabar["lsp"]
    Rtl.objects.all().delete()
    yesterday = TODAY - timedelta(days=1)
    return {
        "overdue": RtlFactory(bimbingan=b, pemilik_sasaran=owner, batas_waktu=yesterday),
        "later": RtlFactory(bimbingan=b, pemilik_sasaran=owner, batas_waktu=TODAY),
        "done": RtlFactory(
            bimbingan=b,
            pemilik_sasaran=owner,
            batas_waktu=yesterday,
            status=Rtl.Status.SELESAI,
            tanggal_selesai=yesterday,
        ),
        "cancelled": RtlFactory(
            bimbingan=b,
            pemilik_sasaran=owner,
            batas_waktu=yesterday,
            status=Rtl.Status.DIBATALKAN,
        ),
    }


def test_overdue_is_open_and_past_its_due_date(due_items):
    assert set(Rtl.objects.terlambat()) == {due_items["overdue"]}
    # The same items seen from a fixed day: two days ago nothing was overdue yet.
    assert not Rtl.objects.terlambat(TODAY - timedelta(days=2)).exists()
    assert set(Rtl.objects.terlambat(TODAY + timedelta(days=1))) == {
        due_items["overdue"],
        due_items["later"],
    }


def test_overdue_filter_yes_and_no(client_as, komisi, due_items):
    client = client_as(komisi)

    def listed(**params):
        return {r.pk for r in client.get(LIST, params).context["page"]}

    assert listed(terlambat="1") == {due_items["overdue"].pk}
    assert listed(terlambat="0") == {due_items[k].pk for k in ("later", "done", "cancelled")}


def test_overdue_rows_are_marked(client_as, komisi, due_items):
    html = client_as(komisi).get(LIST, {"urut": "nomor"}).content.decode()
    assert html.count("rtl-terlambat") == 1
    assert "Terlambat" in html
    response = client_as(komisi).get(LIST)
    assert response.context["ringkasan"]["terlambat"] == 1


# --- the list ---------------------------------------------------------------------------------


def test_rtl_list_filters(client_as, komisi, tim, tim_lain, fasilitator, fasilitator_lain):
    jabar_lsp = lsp_in("Jawa Barat", "LSP Otomotif Karawang")
    jatim_lsp = lsp_in("Jawa Timur", "LSP Perikanan Gresik")
    b1 = session(tim, [jabar_lsp], fasilitator=[fasilitator])
    b2 = session(tim_lain, [jatim_lsp], fasilitator=[fasilitator_lain])
    a = RtlFactory(
        bimbingan=b1,
        pemilik_sasaran=jabar_lsp,
        tindakan="Rekrut asesor otomotif",
        jenis=Rtl.Jenis.SEGERA,
        batas_waktu=date(2026, 6, 30),
    )
    c = RtlFactory(
        bimbingan=b2,
        pemilik_sasaran=jatim_lsp,
        status=Rtl.Status.BERJALAN,
        batas_waktu=date(2026, 12, 31),
        jenis=Rtl.Jenis.PENINGKATAN,
    )
    client = client_as(komisi)

    def listed(**params):
        response = client.get(LIST, params)
        assert response.status_code == 200
        return {r.pk for r in response.context["page"]}

    assert listed(q="otomotif") == {a.pk}
    assert listed(q="gresik") == {c.pk}
    assert listed(status="berjalan") == {c.pk}
    assert listed(status="terbuka") == {a.pk, c.pk}
    assert listed(jenis="segera") == {a.pk}
    assert listed(pemilik_sasaran=jatim_lsp.pk) == {c.pk}
    assert listed(provinsi=provinsi("Jawa Barat").pk) == {a.pk}
    assert listed(tim=tim_lain.pk) == {c.pk}
    assert listed(fasilitator=fasilitator.pk) == {a.pk}
    assert listed(batas_dari="2026-07-01") == {c.pk}
    assert listed(batas_sampai="2026-07-01") == {a.pk}
    assert listed(bimbingan=b2.pk) == {c.pk}
    assert listed(batas_dari="2026-12-01", batas_sampai="2026-01-01") == {a.pk, c.pk}


def test_rtl_list_sorts_by_due_date_status_and_number(client_as, komisi, jabar):
    b, owner = jabar["bimbingan"], jabar["lsp"]
    Rtl.objects.all().delete()
    for nomor, batas, status in [
        ("RTL-2026-0102", date(2026, 9, 1), Rtl.Status.RENCANA),
        ("RTL-2026-0101", date(2026, 7, 1), Rtl.Status.BERJALAN),
        ("RTL-2026-0103", date(2026, 8, 1), Rtl.Status.DIBATALKAN),
    ]:
        RtlFactory(
            bimbingan=b, pemilik_sasaran=owner, nomor=nomor, batas_waktu=batas, status=status
        )
    client = client_as(komisi)

    def order(urut):
        return [r.nomor[-3:] for r in client.get(LIST, {"urut": urut}).context["page"]]

    assert order("batas") == ["101", "103", "102"]
    assert order("-batas") == ["102", "103", "101"]
    assert order("nomor") == ["101", "102", "103"]
    assert order("status") == ["101", "103", "102"]  # berjalan, dibatalkan, rencana


def test_rtl_list_is_paginated(client_as, komisi, jabar, settings):
    settings.PAGE_SIZE = 5
    for _i in range(11):
        RtlFactory(bimbingan=jabar["bimbingan"], pemilik_sasaran=jabar["lsp"])
    client = client_as(komisi)
    assert len(client.get(LIST).context["page"]) == 5
    assert client.get(LIST, {"halaman": "3"}).context["page"].number == 3
    assert client.get(LIST, {"halaman": "x"}).context["page"].number == 1


def test_bksp_user_cannot_filter_into_another_province(client_as, bksp_user, jabar, jatim):
    response = client_as(bksp_user).get(LIST, {"provinsi": provinsi("Jawa Timur").pk})
    assert response.status_code == 200
    assert jatim["rtl"].pk not in {r.pk for r in response.context["page"]}


@pytest.mark.parametrize("role", ["komisi", "fasilitator", "bksp_user"])
def test_rtl_list_query_count_does_not_grow(request, client_as, tim, fasilitator, role):
    client = client_as(request.getfixturevalue(role))

    def populate(n):
        for i in range(n):
            lsp = lsp_in("Jawa Barat" if i % 2 else "Jawa Timur")
            problem = problem_of(lsp, tim)
            b = session(tim, [lsp], fasilitator=[fasilitator], problems=[problem])
            RtlFactory(
                bimbingan=b,
                pemilik_sasaran=lsp,
                permasalahan=problem,
                batas_waktu=TODAY - timedelta(days=i % 3),
            )

    populate(5)
    small = count_queries(client, LIST, urut="status")
    populate(55)
    assert Rtl.objects.count() == 60
    assert count_queries(client, LIST, urut="status") == small
    assert small <= 20


# --- the item's page ----------------------------------------------------------------------------


def test_rtl_page_shows_the_item_its_history_and_evidence(client_as, fasilitator, jabar):
    rtl = jabar["rtl"]
    client = client_as(fasilitator)
    data = rtl_data(
        owner=jabar["lsp"],
        problem=jabar["problem"],
        status="berjalan",
        progres="30",
        tindakan=rtl.tindakan,
    )
    assert client.post(update_url(rtl), data).status_code == 302
    html = client.get(rtl.get_absolute_url()).content.decode()
    for text in (
        rtl.nomor,
        rtl.tindakan,
        "Panduan mutu disahkan rapat pleno LSP",
        "Riwayat perubahan",
        "Rencana",
        "Berjalan",
        "fasilitator",
        "Lampiran",
        jabar["bimbingan"].nomor,
        jabar["problem"].nomor,
    ):
        assert text in html, text


def test_history_names_the_linked_records(client_as, komisi, jabar):
    rtl = jabar["rtl"]
    other = lsp_in("Jawa Barat", "LSP Pengganti")
    jabar["bimbingan"].sasaran.add(other)
    rtl.pemilik_sasaran = other
    rtl.save()
    html = client_as(komisi).get(rtl.get_absolute_url()).content.decode()
    assert "LSP Manufaktur Bekasi" in html
    assert "LSP Pengganti" in html


def test_rtl_page_shows_where_an_item_came_from_and_goes_on(client_as, komisi, tim, jabar):
    later = session(tim, [jabar["lsp"]], tanggal=date(2026, 8, 1))
    continued = RtlFactory(
        bimbingan=later, pemilik_sasaran=jabar["lsp"], lanjutan_dari=jabar["rtl"], batas_waktu=LATER
    )
    client = client_as(komisi)
    html = client.get(jabar["rtl"].get_absolute_url()).content.decode()
    assert continued.nomor in html
    assert later.nomor in html
    html = client.get(continued.get_absolute_url()).content.decode()
    assert "Lanjutan dari" in html and jabar["rtl"].nomor in html


def test_read_only_users_see_no_edit_button(client_as, pimpinan, jabar):
    html = client_as(pimpinan).get(jabar["rtl"].get_absolute_url()).content.decode()
    assert update_url(jabar["rtl"]) not in html


def test_rtl_page_query_count_does_not_grow_with_history(client_as, komisi, tim, jabar):
    rtl = jabar["rtl"]
    client = client_as(komisi)
    small = count_queries(client, rtl.get_absolute_url())
    for i in range(15):
        rtl.progres = i
        rtl.catatan = f"Catatan ke-{i}"
        rtl.save()
        later = session(tim, [jabar["lsp"]])
        RtlFactory(bimbingan=later, pemilik_sasaran=jabar["lsp"], lanjutan_dari=rtl)
    assert count_queries(client, rtl.get_absolute_url()) == small
    assert small <= 20


def test_a_session_dated_years_ago_still_takes_rtl(client_as, komisi, tim):
    lsp = lsp_in("Aceh")
    b = BimbinganFactory(tim=tim, sasaran=[lsp], tanggal=date(2024, 2, 2), nomor="BMT-2024-0001")
    data = rtl_data(owner=lsp, batas_waktu="2024-03-01")
    assert client_as(komisi).post(create_url(b), data).status_code == 302
    assert Rtl.objects.get().nomor == "RTL-2024-0001"


def test_a_link_for_a_target_without_rtl_lists_nothing(client_as, komisi, jabar):
    no_rtl = lsp_in("Jawa Barat")
    response = client_as(komisi).get(LIST, {"pemilik_sasaran": no_rtl.pk})
    assert response.status_code == 200
    assert list(response.context["page"]) == []


# --- the owner filter: searched as one types, never all listed (issue 7) ----------------------

PEMILIK = reverse("advokasi:rtl-pemilik")


def offered(response) -> list[str]:
    assert response.status_code == 200
    html = response.content.decode()
    return [
        line
        for line in html.splitlines()
        if line.startswith('<option value="') and 'value=""' not in line
    ]


def test_the_list_writes_only_the_chosen_owner_into_the_owner_filter(
    client_as, komisi, jabar, jatim
):
    client = client_as(komisi)
    html = client.get(LIST).content.decode()
    assert 'id="id_pemilik_sasaran"' in html
    assert (
        "LSP Manufaktur Bekasi"
        not in html.split('id="id_pemilik_sasaran"')[1].split("</select>")[0]
    )
    chosen = client.get(LIST, {"pemilik_sasaran": jatim["lsp"].pk}).content.decode()
    select = chosen.split('id="id_pemilik_sasaran"')[1].split("</select>")[0]
    assert "LSP Pelabuhan Surabaya" in select
    assert "LSP Manufaktur Bekasi" not in select
    assert {
        r.pk for r in client.get(LIST, {"pemilik_sasaran": jatim["lsp"].pk}).context["page"]
    } == {jatim["rtl"].pk}


def test_owner_search_offers_matching_targets_that_own_rtl(client_as, komisi, jabar, jatim):
    lsp_in("Jawa Barat", "LSP Manufaktur Tanpa RTL")
    client = client_as(komisi)
    lines = offered(client.get(PEMILIK, {"cari_pemilik": "manufaktur"}))
    assert len(lines) == 1 and "LSP Manufaktur Bekasi" in lines[0]
    both = offered(client.get(PEMILIK, {"cari_pemilik": ""}))
    assert [("Bekasi" in x, "Surabaya" in x) for x in both] == [(True, False), (False, True)]


def test_owner_search_keeps_the_current_choice_first_and_selected(client_as, komisi, jabar, jatim):
    response = client_as(komisi).get(
        PEMILIK, {"cari_pemilik": "bekasi", "pemilik_sasaran": jatim["lsp"].pk}
    )
    lines = offered(response)
    assert "Surabaya" in lines[0] and "selected" in lines[0]
    assert "Bekasi" in lines[1]
    assert "1 sasaran cocok" in response.content.decode()


def test_owner_search_tells_when_nothing_matches(client_as, komisi, jabar):
    response = client_as(komisi).get(PEMILIK, {"cari_pemilik": "tidak ada"})
    assert offered(response) == []
    assert "Tidak ada sasaran penanggung jawab RTL yang cocok" in response.content.decode()


def test_owner_search_offers_at_most_thirty_and_says_so(client_as, komisi, tim, fasilitator):
    for i in range(32):
        lsp = lsp_in("Jawa Barat", f"LSP Uji Pemilik {i:02d}")
        b = session(tim, [lsp], fasilitator=[fasilitator])
        RtlFactory(bimbingan=b, pemilik_sasaran=lsp)
    response = client_as(komisi).get(PEMILIK, {"cari_pemilik": "uji pemilik"})
    assert len(offered(response)) == 30
    assert "30 sasaran pertama ditampilkan" in response.content.decode()


def test_bksp_user_is_offered_owners_of_their_province_only(client_as, bksp_user, jabar, jatim):
    client = client_as(bksp_user)
    lines = offered(client.get(PEMILIK, {"cari_pemilik": "lsp"}))
    assert len(lines) == 1 and "Bekasi" in lines[0]
    # Another province's target asked for by id is not offered either.
    lines = offered(client.get(PEMILIK, {"pemilik_sasaran": jatim["lsp"].pk}))
    assert all("Surabaya" not in line for line in lines)


def test_fasilitator_of_another_team_is_offered_no_owner(client_as, fasilitator_lain, jabar):
    assert offered(client_as(fasilitator_lain).get(PEMILIK, {"cari_pemilik": ""})) == []


def test_owner_search_box_filters_the_list_by_name_without_javascript(
    client_as, komisi, jabar, jatim
):
    response = client_as(komisi).get(LIST, {"cari_pemilik": "surabaya"})
    assert {r.pk for r in response.context["page"]} == {jatim["rtl"].pk}


@pytest.mark.parametrize(
    "params",
    [
        {"pemilik_sasaran": "9223372036854775808"},
        {"pemilik_sasaran": "abc"},
        {"pemilik_sasaran": "-1"},
        {"cari_pemilik": "x" * 5000},
        {"cari_pemilik": "%_\\'\""},
    ],
)
def test_owner_search_survives_bad_input(client_as, komisi, jabar, params):
    assert client_as(komisi).get(PEMILIK, params).status_code == 200


def test_owner_search_refuses_post_and_anonymous_users(client_as, komisi):
    assert client_as(komisi).post(PEMILIK, {"cari_pemilik": "a"}).status_code == 405
    response = Client().get(PEMILIK)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_owner_search_query_count_is_the_same_for_few_and_many_targets(
    client_as, komisi, tim, fasilitator, django_assert_num_queries, jabar
):
    client = client_as(komisi)
    params = {"cari_pemilik": "lsp", "pemilik_sasaran": jabar["lsp"].pk}
    client.get(PEMILIK, params)
    # session, user, groups, the options, the chosen target; and the savepoints of the
    # request's transaction (the session is not written again: IdleSessionMiddleware)
    with django_assert_num_queries(7):
        client.get(PEMILIK, params)
    for i in range(40):
        lsp = lsp_in("Jawa Timur", f"LSP Banyak {i:02d}")
        RtlFactory(bimbingan=session(tim, [lsp], fasilitator=[fasilitator]), pemilik_sasaran=lsp)
    with django_assert_num_queries(7):
        assert len(offered(client.get(PEMILIK, params))) == 31
