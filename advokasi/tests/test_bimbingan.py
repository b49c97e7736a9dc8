"""Technical guidance sessions (§5): who may do what, the rules of each kind of session, the
carrying over of problems and unfinished RTL, and constant query counts."""

from datetime import date, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advokasi.models import (
    AlternatifTindakan,
    Bimbingan,
    BimbinganMasalah,
    Penomoran,
    Permasalahan,
    PesertaBimbingan,
    Rtl,
    TransisiMasalah,
)
from advokasi.pedoman import JenisBimbingan
from advokasi.tests.factories import (
    AlternatifFactory,
    BimbinganFactory,
    KelompokFactory,
    PermasalahanFactory,
    RtlFactory,
    SurveiFactory,
)
from lsp.tests.factories import LspFactory, bksp, provinsi

pytestmark = pytest.mark.django_db

LIST = reverse("advokasi:bimbingan-list")
# Due dates that are never overdue, whatever day the suite runs on.
LATER = date.today() + timedelta(days=90)
CREATE = reverse("advokasi:bimbingan-create")


# --- building blocks (test_rtl.py uses them too) ------------------------------------------------


def lsp_in(nama_provinsi: str, nama: str | None = None):
    kwargs = {"sasaran__provinsi": provinsi(nama_provinsi)}
    if nama:
        kwargs["sasaran__nama"] = nama
    return LspFactory(**kwargs).sasaran


def problem_of(sasaran, tim, **kwargs):
    return PermasalahanFactory(survei=SurveiFactory(tim=tim), sasaran=sasaran, **kwargs)


def session(tim, targets, *, fasilitator=(), problems=(), **kwargs):
    """A session as the service would leave it: targets, facilitators, problems addressed."""
    b = BimbinganFactory(tim=tim, sasaran=list(targets), **kwargs)
    if fasilitator:
        b.fasilitator.add(*fasilitator)
    for problem in problems:
        BimbinganMasalah.objects.create(bimbingan=b, permasalahan=problem)
    return b


@pytest.fixture
def jabar(tim, fasilitator):
    """A §5.2 session of the fasilitator's team for an LSP in Jawa Barat, with one open problem
    and one RTL item."""
    lsp = lsp_in("Jawa Barat", "LSP Manufaktur Bekasi")
    problem = problem_of(lsp, tim)
    b = session(tim, [lsp], fasilitator=[fasilitator], problems=[problem])
    rtl = RtlFactory(bimbingan=b, pemilik_sasaran=lsp, permasalahan=problem, batas_waktu=LATER)
    return {"lsp": lsp, "problem": problem, "bimbingan": b, "rtl": rtl}


@pytest.fixture
def jatim(tim, fasilitator):
    """A session of the same team for an LSP in Jawa Timur (outside the BKSP user's province)."""
    lsp = lsp_in("Jawa Timur", "LSP Pelabuhan Surabaya")
    problem = problem_of(lsp, tim)
    b = session(tim, [lsp], fasilitator=[fasilitator], problems=[problem])
    rtl = RtlFactory(bimbingan=b, pemilik_sasaran=lsp, permasalahan=problem, batas_waktu=LATER)
    return {"lsp": lsp, "problem": problem, "bimbingan": b, "rtl": rtl}


def peserta_data(rows=(), prefix="peserta", initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def session_data(*, tim, targets, fasilitator, problems, peserta=None, **overrides):
    data = {
        "tim": tim.pk,
        "kelompok_masalah": "",
        "tanggal": "2026-05-12",
        "waktu_mulai": "09:00",
        "waktu_selesai": "12:00",
        "tempat": "Ruang Rapat LSP, Bandung",
        "tautan_daring": "",
        "sasaran": [s.pk for s in targets],
        "fasilitator": [u.pk for u in fasilitator],
        "status": "terlaksana",
        "kesimpulan": "LSP menyepakati penyusunan ulang panduan mutu.",
        "notulen": "Sesi dibuka pukul 09.00 oleh fasilitator.",
        "permasalahan": [p.pk for p in problems],
        "langkah-langkah_a": "on",
        "langkah-catatan_a": "Permasalahan hasil survei dibahas ulang",
    }
    if peserta is None:
        peserta = [
            {
                "nama": "Dewi Lestari",
                "jabatan": "Ketua LSP",
                "sasaran": targets[0].pk if targets else "",
                "kontak": "0812-1111-2222",
                "hadir": "on",
            }
        ]
    data.update(peserta_data(peserta))
    data.update(overrides)
    return data


def create_url(jenis, **params):
    query = "&".join(
        f"{k}={v}" for k, vs in {"jenis": jenis, **params}.items() for v in _listify(vs)
    )
    return f"{CREATE}?{query}"


def _listify(value):
    return value if isinstance(value, (list, tuple)) else [value]


def count_queries(client, url, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx)


# --- who may open what ------------------------------------------------------------------------

READ_ROLES = [
    # role, status of the Jawa Barat session page, status of the Jawa Timur one
    ("komisi", 200, 200),
    ("admin_user", 200, 200),
    ("fasilitator", 200, 200),
    ("fasilitator_lain", 404, 404),
    ("bksp_user", 200, 404),
    ("bksp_lain", 404, 200),
    ("pimpinan", 200, 200),
    ("no_role", 404, 404),
]


@pytest.mark.parametrize(("role", "jabar_status", "jatim_status"), READ_ROLES)
def test_session_page_opens_only_for_those_who_may_read_it(
    request, client_as, jabar, jatim, role, jabar_status, jatim_status
):
    client = client_as(request.getfixturevalue(role))
    assert client.get(jabar["bimbingan"].get_absolute_url()).status_code == jabar_status
    assert client.get(jatim["bimbingan"].get_absolute_url()).status_code == jatim_status


@pytest.mark.parametrize(
    ("role", "seen"),
    [
        ("komisi", {"jabar", "jatim"}),
        ("fasilitator", {"jabar", "jatim"}),
        ("fasilitator_lain", set()),
        ("bksp_user", {"jabar"}),
        ("pimpinan", {"jabar", "jatim"}),
        ("no_role", set()),
    ],
)
def test_session_list_shows_what_each_role_may_read(request, client_as, jabar, jatim, role, seen):
    response = client_as(request.getfixturevalue(role)).get(LIST)
    assert response.status_code == 200
    listed = {b.pk for b in response.context["page"]}
    expected = {{"jabar": jabar, "jatim": jatim}[k]["bimbingan"].pk for k in seen}
    assert listed == expected


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("komisi", 200),
        ("fasilitator", 200),
        ("fasilitator_lain", 200),  # for their own team
        ("bksp_user", 403),
        ("pimpinan", 403),
        ("no_role", 403),
    ],
)
def test_create_page_is_for_komisi_and_team_fasilitators(
    request, client_as, tim, tim_lain, role, status
):
    client = client_as(request.getfixturevalue(role))
    assert client.get(create_url("lsp")).status_code == status
    assert client.get(CREATE).status_code == status


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
def test_edit_page_opens_for_editors_and_refuses_the_rest(
    request, client_as, jabar, jatim, role, jabar_status, jatim_status
):
    client = client_as(request.getfixturevalue(role))
    url = reverse("advokasi:bimbingan-update", args=[jabar["bimbingan"].pk])
    assert client.get(url).status_code == jabar_status
    url = reverse("advokasi:bimbingan-update", args=[jatim["bimbingan"].pk])
    assert client.get(url).status_code == jatim_status


def test_read_only_roles_cannot_post_changes(client_as, pimpinan, bksp_user, jabar, tim):
    url = reverse("advokasi:bimbingan-update", args=[jabar["bimbingan"].pk])
    for user in (pimpinan, bksp_user):
        client = client_as(user)
        assert client.post(url, {"tempat": "x"}).status_code == 403
        assert client.post(create_url("lsp"), {"tempat": "x"}).status_code == 403
    assert Bimbingan.objects.count() == 1


def test_fasilitator_of_another_team_gets_404_when_guessing_ids(
    client_as, fasilitator_lain, tim_lain, jabar
):
    client = client_as(fasilitator_lain)
    pk = jabar["bimbingan"].pk
    assert client.get(reverse("advokasi:bimbingan-detail", args=[pk])).status_code == 404
    assert client.post(reverse("advokasi:bimbingan-update", args=[pk]), {}).status_code == 404


@pytest.mark.parametrize(
    "url_name", ["bimbingan-list", "bimbingan-create", "bimbingan-detail", "bimbingan-update"]
)
def test_anonymous_user_is_sent_to_login(client, jabar, url_name):
    args = [jabar["bimbingan"].pk] if url_name in ("bimbingan-detail", "bimbingan-update") else []
    response = client.get(reverse(f"advokasi:{url_name}", args=args))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_wrong_http_methods_are_refused(client_as, komisi, jabar):
    client = client_as(komisi)
    pk = jabar["bimbingan"].pk
    assert client.post(LIST).status_code == 405
    assert client.post(reverse("advokasi:bimbingan-detail", args=[pk])).status_code == 405
    assert client.delete(reverse("advokasi:bimbingan-update", args=[pk])).status_code == 405
    assert client.put(create_url("lsp")).status_code == 405


def test_create_without_a_kind_offers_the_three_kinds(client_as, fasilitator, tim):
    html = client_as(fasilitator).get(CREATE).content.decode()
    for jenis in JenisBimbingan.values:
        assert f"?jenis={jenis}" in html
    html = client_as(fasilitator).get(create_url("tidak_ada")).content.decode()
    assert "Jenis bimbingan tidak dikenal" in html


# --- recording a session ------------------------------------------------------------------------


def test_fasilitator_records_a_single_lsp_session_with_everything(client_as, fasilitator, tim):
    lsp = lsp_in("Jawa Barat", "LSP Kimia Cikampek")
    problem = problem_of(lsp, tim)
    alternatif = AlternatifFactory(permasalahan=problem, uraian="Magang asesor di LSP mitra")
    other_alt = AlternatifFactory(permasalahan=problem, uraian="Rekrut asesor baru")
    data = session_data(
        tim=tim,
        targets=[lsp],
        fasilitator=[fasilitator],
        problems=[problem],
        **{
            f"masalah-{problem.pk}-alternatif_disajikan": [alternatif.pk, other_alt.pk],
            f"masalah-{problem.pk}-alternatif_dipilih": str(alternatif.pk),
            f"masalah-{problem.pk}-selesai_di_tempat": "on",
            f"masalah-{problem.pk}-catatan": "Disepakati magang dua minggu",
        },
    )
    response = client_as(fasilitator).post(create_url("lsp"), data)

    b = Bimbingan.objects.get()
    assert response.status_code == 302
    assert response.url == b.get_absolute_url()
    assert b.nomor == "BMT-2026-0001"
    assert b.jenis == JenisBimbingan.LSP
    assert list(b.sasaran.all()) == [lsp]
    assert list(b.fasilitator.all()) == [fasilitator]
    assert b.langkah["a"] == {
        "dilaksanakan": True,
        "catatan": "Permasalahan hasil survei dibahas ulang",
    }
    assert b.langkah["b"]["dilaksanakan"] is False
    bm = b.masalah.get()
    assert set(bm.alternatif_disajikan.all()) == {alternatif, other_alt}
    assert bm.alternatif_dipilih == alternatif
    assert bm.selesai_di_tempat is True
    assert bm.catatan == "Disepakati magang dua minggu"
    peserta = b.peserta.get()
    assert (peserta.nama, peserta.sasaran, peserta.hadir) == ("Dewi Lestari", lsp, True)
    assert b.history.get().history_user == fasilitator


def test_saved_session_moves_its_problems_to_dalam_bimbingan(client_as, fasilitator, tim):
    lsp = lsp_in("Jawa Barat")
    problem = problem_of(lsp, tim, status=Permasalahan.Status.DIPRIORITASKAN)
    data = session_data(tim=tim, targets=[lsp], fasilitator=[fasilitator], problems=[problem])
    assert client_as(fasilitator).post(create_url("lsp"), data).status_code == 302
    problem.refresh_from_db()
    assert problem.status == Permasalahan.Status.DALAM_BIMBINGAN
    transisi = TransisiMasalah.objects.get(permasalahan=problem)
    assert (transisi.dari, transisi.ke) == ("diprioritaskan", "dalam_bimbingan")
    assert transisi.sumber == "BMT-2026-0001"
    assert transisi.oleh == fasilitator


def test_a_cancelled_session_leaves_its_problems_where_they_were(client_as, fasilitator, tim):
    lsp = lsp_in("Jawa Barat")
    problem = problem_of(lsp, tim)
    data = session_data(
        tim=tim, targets=[lsp], fasilitator=[fasilitator], problems=[problem], status="dibatalkan"
    )
    assert client_as(fasilitator).post(create_url("lsp"), data).status_code == 302
    problem.refresh_from_db()
    assert problem.status == Permasalahan.Status.TERIDENTIFIKASI


def test_numbers_follow_the_year_of_the_session_date(client_as, komisi, tim, fasilitator):
    client = client_as(komisi)
    for tanggal in ("2026-03-01", "2026-04-01", "2027-01-15"):
        lsp = lsp_in("Bali")
        problem = problem_of(lsp, tim)
        data = session_data(
            tim=tim, targets=[lsp], fasilitator=[fasilitator], problems=[problem], tanggal=tanggal
        )
        assert client.post(create_url("lsp"), data).status_code == 302
    assert sorted(Bimbingan.objects.values_list("nomor", flat=True)) == [
        "BMT-2026-0001",
        "BMT-2026-0002",
        "BMT-2027-0001",
    ]


def test_a_new_alternative_written_in_the_session_can_be_the_one_chosen(
    client_as, fasilitator, tim
):
    lsp = lsp_in("Jawa Barat")
    problem = problem_of(lsp, tim)
    data = session_data(
        tim=tim,
        targets=[lsp],
        fasilitator=[fasilitator],
        problems=[problem],
        **{
            f"masalah-{problem.pk}-alternatif_baru": "Kerja sama asesor dengan LSP sektor sejenis",
            f"masalah-{problem.pk}-alternatif_dipilih": "baru",
        },
    )
    assert client_as(fasilitator).post(create_url("lsp"), data).status_code == 302
    alternatif = AlternatifTindakan.objects.get(permasalahan=problem)
    assert alternatif.uraian == "Kerja sama asesor dengan LSP sektor sejenis"
    assert alternatif.fgd is None
    bm = BimbinganMasalah.objects.get()
    assert bm.alternatif_dipilih == alternatif
    assert list(bm.alternatif_disajikan.all()) == [alternatif]


def test_the_alternative_chosen_must_be_among_those_presented(client_as, fasilitator, tim):
    lsp = lsp_in("Jawa Barat")
    problem = problem_of(lsp, tim)
    shown = AlternatifFactory(permasalahan=problem, uraian="Pelatihan asesor")
    not_shown = AlternatifFactory(permasalahan=problem, uraian="Rekrut asesor")
    data = session_data(
        tim=tim,
        targets=[lsp],
        fasilitator=[fasilitator],
        problems=[problem],
        **{
            f"masalah-{problem.pk}-alternatif_disajikan": [shown.pk],
            f"masalah-{problem.pk}-alternatif_dipilih": str(not_shown.pk),
        },
    )
    response = client_as(fasilitator).post(create_url("lsp"), data)
    assert response.status_code == 200
    entry = next(e for e in response.context["masalah_entries"] if e["problem"] == problem)
    assert "harus salah satu yang disajikan" in str(entry["form"].errors["alternatif_dipilih"])
    assert not Bimbingan.objects.exists()


def test_an_alternative_of_another_problem_is_refused(client_as, fasilitator, tim):
    lsp = lsp_in("Jawa Barat")
    problem = problem_of(lsp, tim)
    foreign = AlternatifFactory(uraian="Alternatif masalah lain")
    data = session_data(
        tim=tim,
        targets=[lsp],
        fasilitator=[fasilitator],
        problems=[problem],
        **{f"masalah-{problem.pk}-alternatif_disajikan": [foreign.pk]},
    )
    response = client_as(fasilitator).post(create_url("lsp"), data)
    assert response.status_code == 200
    assert not Bimbingan.objects.exists()


# --- the rules of each kind -----------------------------------------------------------------------


def test_group_session_requires_every_lsp_to_share_a_problem_and_names_those_that_do_not(
    client_as, fasilitator, tim
):
    lsp_a = lsp_in("Jawa Barat", "LSP Garmen Bandung")
    lsp_b = lsp_in("Jawa Barat", "LSP Tekstil Cimahi")
    lsp_c = lsp_in("Jawa Barat", "LSP Batik Cirebon")
    problem_a = problem_of(lsp_a, tim)
    problem_of(lsp_b, tim)  # open, but not chosen for this session
    data = session_data(
        tim=tim,
        targets=[lsp_a, lsp_b, lsp_c],
        fasilitator=[fasilitator],
        problems=[problem_a],
    )
    response = client_as(fasilitator).post(create_url("kelompok_lsp"), data)

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["sasaran"])
    assert "LSP Tekstil Cimahi" in errors
    assert "LSP Batik Cirebon" in errors
    assert "LSP Garmen Bandung" not in errors
    assert "LSP Tekstil Cimahi" in response.content.decode()
    assert not Bimbingan.objects.exists()
    assert not BimbinganMasalah.objects.exists()
    assert not PesertaBimbingan.objects.exists()
    assert not Penomoran.objects.filter(kode="BMT").exists()
    problem_a.refresh_from_db()
    assert problem_a.status == Permasalahan.Status.TERIDENTIFIKASI


def test_group_session_is_saved_when_each_lsp_has_a_chosen_problem(client_as, fasilitator, tim):
    lsp_a, lsp_b = lsp_in("Jawa Barat"), lsp_in("Banten")
    problems = [problem_of(lsp_a, tim), problem_of(lsp_b, tim)]
    data = session_data(
        tim=tim, targets=[lsp_a, lsp_b], fasilitator=[fasilitator], problems=problems
    )
    response = client_as(fasilitator).post(create_url("kelompok_lsp"), data)
    assert response.status_code == 302
    b = Bimbingan.objects.get()
    assert b.jenis == JenisBimbingan.KELOMPOK_LSP
    assert set(b.sasaran.all()) == {lsp_a, lsp_b}
    assert b.masalah.count() == 2


def test_group_session_needs_at_least_two_lsps(client_as, fasilitator, tim):
    lsp = lsp_in("Jawa Barat")
    problem = problem_of(lsp, tim)
    data = session_data(tim=tim, targets=[lsp], fasilitator=[fasilitator], problems=[problem])
    response = client_as(fasilitator).post(create_url("kelompok_lsp"), data)
    assert response.status_code == 200
    assert "sedikitnya dua LSP" in " ".join(response.context["form"].errors["sasaran"])
    assert not Bimbingan.objects.exists()


def test_single_lsp_session_takes_exactly_one_lsp(client_as, fasilitator, tim):
    lsp_a, lsp_b = lsp_in("Jawa Barat"), lsp_in("Jawa Barat")
    problems = [problem_of(lsp_a, tim), problem_of(lsp_b, tim)]
    data = session_data(
        tim=tim, targets=[lsp_a, lsp_b], fasilitator=[fasilitator], problems=problems
    )
    response = client_as(fasilitator).post(create_url("lsp"), data)
    assert response.status_code == 200
    assert "tepat satu LSP" in " ".join(response.context["form"].errors["sasaran"])
    data = session_data(tim=tim, targets=[], fasilitator=[fasilitator], problems=problems)
    response = client_as(fasilitator).post(create_url("lsp"), data)
    assert "Pilih sasaran bimbingan." in response.context["form"].errors["sasaran"]
    assert not Bimbingan.objects.exists()


def test_bksp_session_takes_exactly_one_bksp_and_no_lsp(client_as, komisi, fasilitator, tim):
    jabar_bksp, banten_bksp = bksp("Jawa Barat"), bksp("Banten")
    lsp = lsp_in("Jawa Barat")
    problem = problem_of(jabar_bksp, tim)
    client = client_as(komisi)

    two = session_data(
        tim=tim, targets=[jabar_bksp, banten_bksp], fasilitator=[fasilitator], problems=[problem]
    )
    response = client.post(create_url("bksp"), two)
    assert "tepat satu BKSP" in " ".join(response.context["form"].errors["sasaran"])

    an_lsp = session_data(tim=tim, targets=[lsp], fasilitator=[fasilitator], problems=[problem])
    response = client.post(create_url("bksp"), an_lsp)
    assert response.context["form"].errors["sasaran"] == ["Sasaran ini tidak dapat dipilih."]
    assert not Bimbingan.objects.exists()

    one = session_data(tim=tim, targets=[jabar_bksp], fasilitator=[fasilitator], problems=[problem])
    assert client.post(create_url("bksp"), one).status_code == 302
    assert Bimbingan.objects.get().jenis == JenisBimbingan.BKSP


def test_end_time_before_start_is_refused_beside_the_field(client_as, fasilitator, tim):
    lsp = lsp_in("Jawa Barat")
    problem = problem_of(lsp, tim)
    data = session_data(
        tim=tim,
        targets=[lsp],
        fasilitator=[fasilitator],
        problems=[problem],
        waktu_mulai="13:00",
        waktu_selesai="10:00",
    )
    response = client_as(fasilitator).post(create_url("lsp"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["waktu_selesai"] == [
        "Waktu selesai harus setelah waktu mulai."
    ]
    assert "Waktu selesai harus setelah waktu mulai." in response.content.decode()
    assert not Bimbingan.objects.exists()


def test_the_database_refuses_a_session_ending_before_it_starts(tim):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        BimbinganFactory(tim=tim, waktu_mulai=time(14, 0), waktu_selesai=time(9, 0))


def test_a_session_needs_a_place_or_an_online_link(client_as, fasilitator, tim):
    lsp = lsp_in("Jawa Barat")
    problem = problem_of(lsp, tim)
    data = session_data(
        tim=tim, targets=[lsp], fasilitator=[fasilitator], problems=[problem], tempat=""
    )
    response = client_as(fasilitator).post(create_url("lsp"), data)
    assert response.context["form"].errors["tempat"] == ["Isi tempat atau tautan daring."]
    data["tautan_daring"] = "https://zoom.us/j/123456"
    assert client_as(fasilitator).post(create_url("lsp"), data).status_code == 302


def test_facilitators_must_belong_to_the_chosen_team(
    client_as, komisi, fasilitator, fasilitator_lain, tim, tim_lain
):
    lsp = lsp_in("Jawa Barat")
    problem = problem_of(lsp, tim)
    data = session_data(
        tim=tim, targets=[lsp], fasilitator=[fasilitator, fasilitator_lain], problems=[problem]
    )
    response = client_as(komisi).post(create_url("lsp"), data)
    assert response.status_code == 200
    assert "fasilitator_lain" in " ".join(response.context["form"].errors["fasilitator"])
    assert not Bimbingan.objects.exists()


def test_fasilitator_cannot_file_a_session_under_another_team(
    client_as, fasilitator, tim, tim_lain
):
    lsp = lsp_in("Jawa Barat")
    problem = problem_of(lsp, tim)
    data = session_data(tim=tim_lain, targets=[lsp], fasilitator=[fasilitator], problems=[problem])
    response = client_as(fasilitator).post(create_url("lsp"), data)
    assert response.context["form"].errors["tim"] == ["Pilih salah satu tim Anda."]
    assert not Bimbingan.objects.exists()


def test_a_problem_outside_the_users_door_cannot_be_chosen(client_as, fasilitator, tim, tim_lain):
    lsp = lsp_in("Jawa Barat")
    mine = problem_of(lsp, tim)
    theirs = problem_of(lsp, tim_lain)
    data = session_data(tim=tim, targets=[lsp], fasilitator=[fasilitator], problems=[mine, theirs])
    response = client_as(fasilitator).post(create_url("lsp"), data)
    assert response.status_code == 200
    assert "permasalahan" in response.context["form"].errors
    assert not Bimbingan.objects.exists()


def test_a_participant_represents_one_of_the_targets(client_as, fasilitator, tim):
    lsp, stranger = lsp_in("Jawa Barat"), lsp_in("Jawa Barat")
    problem = problem_of(lsp, tim)
    data = session_data(
        tim=tim,
        targets=[lsp],
        fasilitator=[fasilitator],
        problems=[problem],
        peserta=[{"nama": "Rina", "sasaran": stranger.pk, "hadir": "on"}],
    )
    response = client_as(fasilitator).post(create_url("lsp"), data)
    assert response.status_code == 200
    row = response.context["peserta_formset"].forms[0]
    assert row.errors["sasaran"] == ["Pilih salah satu sasaran bimbingan."]
    assert not Bimbingan.objects.exists()


def test_a_session_that_took_place_records_someone_present(client_as, fasilitator, tim):
    lsp = lsp_in("Jawa Barat")
    problem = problem_of(lsp, tim)
    data = session_data(
        tim=tim,
        targets=[lsp],
        fasilitator=[fasilitator],
        problems=[problem],
        peserta=[{"nama": "Rina", "sasaran": lsp.pk}],  # not ticked as present
    )
    response = client_as(fasilitator).post(create_url("lsp"), data)
    assert response.status_code == 200
    assert "sedikitnya satu peserta yang hadir" in str(
        response.context["peserta_formset"].non_form_errors()
    )
    data["status"] = "dijadwalkan"
    assert client_as(fasilitator).post(create_url("lsp"), data).status_code == 302


# --- carried across sessions ------------------------------------------------------------------


def test_choosing_targets_preselects_their_open_problems_and_lists_unfinished_rtl(
    client_as, fasilitator, tim, jabar
):
    lsp = jabar["lsp"]
    closed = problem_of(lsp, tim, status=Permasalahan.Status.DITUTUP, alasan_penutupan="digabung")
    open_problem = jabar["problem"]
    done = RtlFactory(
        bimbingan=jabar["bimbingan"],
        pemilik_sasaran=lsp,
        status=Rtl.Status.SELESAI,
        tanggal_selesai=date(2026, 6, 1),
    )
    response = client_as(fasilitator).get(create_url("lsp", sasaran=lsp.pk))

    assert response.status_code == 200
    entries = {e["problem"].pk: e for e in response.context["masalah_entries"]}
    assert entries[open_problem.pk]["checked"] is True
    assert closed.pk not in entries
    offered = [f.rtl for f in response.context["lanjutan_forms"]]
    assert offered == [jabar["rtl"]]
    assert done not in offered
    assert response.context["form"].initial["sasaran"] == [lsp.pk]


def test_the_problem_section_is_redrawn_alone_for_htmx(client_as, fasilitator, tim, jabar):
    response = client_as(fasilitator).get(
        create_url("lsp", sasaran=jabar["lsp"].pk), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="bagian-masalah"' in html
    assert "<html" not in html
    assert jabar["problem"].nomor in html
    assert jabar["rtl"].nomor in html


def test_a_priority_group_link_fills_team_targets_and_problems(client_as, fasilitator, tim):
    lsp_a, lsp_b = lsp_in("Jawa Barat"), lsp_in("Jawa Barat")
    problems = [problem_of(lsp_a, tim), problem_of(lsp_b, tim)]
    kelompok = KelompokFactory(tim=tim, permasalahan=problems)
    response = client_as(fasilitator).get(create_url("kelompok_lsp", kelompok=kelompok.pk))
    form = response.context["form"]
    assert form.initial["kelompok_masalah"] == kelompok.pk
    assert form.initial["tim"] == tim.pk
    assert set(form.initial["sasaran"]) == {lsp_a.pk, lsp_b.pk}
    checked = {e["problem"].pk for e in response.context["masalah_entries"] if e["checked"]}
    assert checked == {p.pk for p in problems}


def test_unfinished_rtl_is_carried_into_the_next_session(client_as, fasilitator, tim, jabar):
    earlier = jabar["rtl"]
    earlier.status = Rtl.Status.RENCANA
    earlier.catatan = "Menunggu rapat pleno LSP."
    earlier.save()
    lsp, problem = jabar["lsp"], jabar["problem"]
    data = session_data(
        tim=tim,
        targets=[lsp],
        fasilitator=[fasilitator],
        problems=[problem],
        tanggal="2026-07-01",
        **{
            f"lanjut-{earlier.pk}-lanjutkan": "on",
            f"lanjut-{earlier.pk}-batas_waktu": "2026-09-30",
            f"lanjut-{earlier.pk}-status": "berjalan",
        },
    )
    response = client_as(fasilitator).post(create_url("lsp"), data)
    assert response.status_code == 302

    later = Bimbingan.objects.exclude(pk=jabar["bimbingan"].pk).get()
    carried = Rtl.objects.get(bimbingan=later)
    assert carried.lanjutan_dari == earlier
    assert carried.status == Rtl.Status.BERJALAN
    assert carried.tanggal_mulai is not None
    assert (carried.tindakan, carried.indikator, carried.pemilik_sasaran) == (
        earlier.tindakan,
        earlier.indikator,
        lsp,
    )
    assert carried.permasalahan == problem
    assert carried.batas_waktu == date(2026, 9, 30)
    assert carried.tanggal_disepakati == date(2026, 7, 1)
    assert carried.nomor.startswith("RTL-2026-")
    earlier.refresh_from_db()
    assert earlier.status == Rtl.Status.RENCANA
    assert "Menunggu rapat pleno LSP." in earlier.catatan
    assert f"Dilanjutkan dalam bimbingan {later.nomor} sebagai {carried.nomor}" in earlier.catatan
    assert earlier.history.first().history_user == fasilitator

    # Carried once, it is not offered again; the new item is offered to the session after.
    response = client_as(fasilitator).get(create_url("lsp", sasaran=lsp.pk))
    assert [f.rtl for f in response.context["lanjutan_forms"]] == [carried]


def test_a_carried_item_can_keep_its_status(client_as, fasilitator, tim, jabar):
    earlier = jabar["rtl"]
    data = session_data(
        tim=tim,
        targets=[jabar["lsp"]],
        fasilitator=[fasilitator],
        problems=[jabar["problem"]],
        **{
            f"lanjut-{earlier.pk}-lanjutkan": "on",
            f"lanjut-{earlier.pk}-batas_waktu": "2026-09-30",
            f"lanjut-{earlier.pk}-status": "tetap",
        },
    )
    assert client_as(fasilitator).post(create_url("lsp"), data).status_code == 302
    carried = Rtl.objects.get(lanjutan_dari=earlier)
    assert carried.status == Rtl.Status.RENCANA
    assert carried.tanggal_mulai is None


def test_a_carried_item_needs_a_new_due_date_not_before_the_session(
    client_as, fasilitator, tim, jabar
):
    earlier = jabar["rtl"]
    data = session_data(
        tim=tim,
        targets=[jabar["lsp"]],
        fasilitator=[fasilitator],
        problems=[jabar["problem"]],
        tanggal="2026-07-01",
        **{
            f"lanjut-{earlier.pk}-lanjutkan": "on",
            f"lanjut-{earlier.pk}-batas_waktu": "2026-06-01",
            f"lanjut-{earlier.pk}-status": "berjalan",
        },
    )
    response = client_as(fasilitator).post(create_url("lsp"), data)
    assert response.status_code == 200
    lanjut = response.context["lanjutan_forms"][0]
    assert "tidak boleh sebelum tanggal bimbingan" in str(lanjut.errors["batas_waktu"])
    assert Bimbingan.objects.count() == 1
    assert Rtl.objects.count() == 1


def test_a_carried_item_needs_its_problem_chosen_too(client_as, fasilitator, tim, jabar):
    earlier = jabar["rtl"]
    other = problem_of(jabar["lsp"], tim)
    data = session_data(
        tim=tim,
        targets=[jabar["lsp"]],
        fasilitator=[fasilitator],
        problems=[other],
        **{
            f"lanjut-{earlier.pk}-lanjutkan": "on",
            f"lanjut-{earlier.pk}-batas_waktu": "2026-09-30",
            f"lanjut-{earlier.pk}-status": "berjalan",
        },
    )
    response = client_as(fasilitator).post(create_url("lsp"), data)
    assert response.status_code == 200
    lanjut = response.context["lanjutan_forms"][0]
    assert jabar["problem"].nomor in str(lanjut.errors["lanjutkan"])
    assert Rtl.objects.count() == 1


# --- editing ----------------------------------------------------------------------------------


def test_editing_keeps_the_number_and_replaces_problems_and_participants(
    client_as, fasilitator, tim
):
    lsp = lsp_in("Jawa Barat")
    first, second = problem_of(lsp, tim), problem_of(lsp, tim)
    client = client_as(fasilitator)
    data = session_data(tim=tim, targets=[lsp], fasilitator=[fasilitator], problems=[first])
    client.post(create_url("lsp"), data)
    b = Bimbingan.objects.get()
    peserta = b.peserta.get()

    edit = session_data(
        tim=tim,
        targets=[lsp],
        fasilitator=[fasilitator],
        problems=[second],
        peserta=[],
        tanggal="2026-05-13",
    )
    edit.update(
        peserta_data(
            [
                {
                    "id": peserta.pk,
                    "nama": "Dewi Lestari, S.T.",
                    "sasaran": lsp.pk,
                    "hadir": "on",
                }
            ],
            initial=1,
        )
    )
    response = client.post(reverse("advokasi:bimbingan-update", args=[b.pk]), edit)
    assert response.status_code == 302
    b.refresh_from_db()
    assert b.nomor == "BMT-2026-0001"
    assert b.tanggal == date(2026, 5, 13)
    assert [bm.permasalahan for bm in b.masalah.all()] == [second]
    assert b.peserta.get().nama == "Dewi Lestari, S.T."


def test_a_problem_with_rtl_in_the_session_cannot_be_dropped(client_as, fasilitator, tim, jabar):
    other = problem_of(jabar["lsp"], tim)
    b = jabar["bimbingan"]
    data = session_data(
        tim=tim, targets=[jabar["lsp"]], fasilitator=[fasilitator], problems=[other]
    )
    response = client_as(fasilitator).post(reverse("advokasi:bimbingan-update", args=[b.pk]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors["permasalahan"]
    assert f"{jabar['problem'].nomor} sudah punya RTL dalam sesi ini" in " ".join(errors)
    assert list(b.masalah.values_list("permasalahan", flat=True)) == [jabar["problem"].pk]


def test_edit_form_shows_the_stored_choices(client_as, fasilitator, tim, jabar):
    alternatif = AlternatifFactory(permasalahan=jabar["problem"])
    bm = jabar["bimbingan"].masalah.get()
    bm.alternatif_disajikan.add(alternatif)
    bm.alternatif_dipilih = alternatif
    bm.save()
    response = client_as(fasilitator).get(
        reverse("advokasi:bimbingan-update", args=[jabar["bimbingan"].pk])
    )
    entry = response.context["masalah_entries"][0]
    assert entry["checked"] is True
    assert entry["form"].initial["alternatif_dipilih"] == str(alternatif.pk)
    # Its own RTL item is not offered for carrying into itself.
    assert response.context["lanjutan_forms"] == []


# --- the session page -------------------------------------------------------------------------


def test_session_page_shows_schedule_people_problems_checklist_and_rtl(
    client_as, fasilitator, tim, jabar
):
    b = jabar["bimbingan"]
    b.kesimpulan = "LSP perlu menambah asesor."
    b.notulen = "Dibuka oleh fasilitator."
    b.langkah = {"a": {"dilaksanakan": True, "catatan": "Survei Maret"}}
    b.save()
    PesertaBimbingan.objects.create(bimbingan=b, nama="Agus Salim", sasaran=jabar["lsp"])
    alternatif = AlternatifFactory(permasalahan=jabar["problem"], uraian="Magang asesor")
    bm = b.masalah.get()
    bm.alternatif_disajikan.add(alternatif)
    bm.alternatif_dipilih = alternatif
    bm.save()
    overdue = RtlFactory(
        bimbingan=b,
        pemilik_sasaran=jabar["lsp"],
        batas_waktu=date.today() - timedelta(days=3),
    )

    response = client_as(fasilitator).get(b.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        b.nomor,
        "LSP Manufaktur Bekasi",
        "Agus Salim",
        "Magang asesor",
        "dipilih",
        "LSP perlu menambah asesor.",
        "Dibuka oleh fasilitator.",
        "Survei Maret",
        jabar["rtl"].nomor,
        overdue.nomor,
        "Terlambat",
        "Tambah RTL",
        reverse("advokasi:rtl-create", args=[b.pk]),
        "Lampiran",
    ):
        assert text in html, text
    assert reverse("advokasi:bimbingan-daftar-hadir", args=[b.pk]) in html
    assert reverse("advokasi:bimbingan-berita-acara", args=[b.pk]) in html


def test_read_only_users_see_no_edit_or_add_rtl_buttons(client_as, pimpinan, jabar):
    b = jabar["bimbingan"]
    html = client_as(pimpinan).get(b.get_absolute_url()).content.decode()
    assert reverse("advokasi:rtl-create", args=[b.pk]) not in html
    assert reverse("advokasi:bimbingan-update", args=[b.pk]) not in html


def test_bksp_user_sees_only_the_targets_and_rtl_of_their_province(
    client_as, bksp_user, tim, fasilitator
):
    lsp_jabar = lsp_in("Jawa Barat", "LSP Jabar Terlihat")
    lsp_jatim = lsp_in("Jawa Timur", "LSP Jatim Tersembunyi")
    problems = [problem_of(lsp_jabar, tim), problem_of(lsp_jatim, tim)]
    b = session(
        tim,
        [lsp_jabar, lsp_jatim],
        fasilitator=[fasilitator],
        problems=problems,
        jenis=JenisBimbingan.KELOMPOK_LSP,
    )
    RtlFactory(bimbingan=b, pemilik_sasaran=lsp_jabar, tindakan="Tindakan LSP Jabar")
    RtlFactory(bimbingan=b, pemilik_sasaran=lsp_jatim, tindakan="Tindakan LSP Jatim")
    html = client_as(bksp_user).get(b.get_absolute_url()).content.decode()
    assert "LSP Jabar Terlihat" in html
    assert "LSP Jatim Tersembunyi" not in html
    assert "Tindakan LSP Jabar" in html
    assert "Tindakan LSP Jatim" not in html
    assert "1 sasaran lain di luar wilayah Anda" in html


def test_session_page_query_count_does_not_grow(client_as, komisi, tim, fasilitator, jabar):
    b = jabar["bimbingan"]
    client = client_as(komisi)
    url = b.get_absolute_url()
    small = count_queries(client, url)
    for i in range(12):
        lsp = lsp_in("Jawa Barat" if i % 2 else "Bali")
        b.sasaran.add(lsp)
        problem = problem_of(lsp, tim)
        bm = BimbinganMasalah.objects.create(bimbingan=b, permasalahan=problem)
        bm.alternatif_disajikan.add(AlternatifFactory(permasalahan=problem))
        PesertaBimbingan.objects.create(bimbingan=b, nama=f"Peserta {i}", sasaran=lsp)
        RtlFactory(bimbingan=b, pemilik_sasaran=lsp, permasalahan=problem)
        b.tempat = f"Tempat {i}"
        b.save()
    assert count_queries(client, url) == small
    assert small <= 25


# --- the list ---------------------------------------------------------------------------------


def test_list_filters_by_search_kind_status_team_dates_and_province(
    client_as, komisi, tim, tim_lain
):
    bandung = lsp_in("Jawa Barat", "LSP Kuliner Bandung")
    surabaya = lsp_in("Jawa Timur", "LSP Maritim Surabaya")
    a = session(tim, [bandung], tanggal=date(2026, 2, 1), status=Bimbingan.Status.TERLAKSANA)
    b = session(
        tim_lain,
        [surabaya],
        tanggal=date(2026, 6, 1),
        jenis=JenisBimbingan.KELOMPOK_LSP,
        tempat="Hotel Majapahit",
    )
    client = client_as(komisi)

    def listed(**params):
        return {s.pk for s in client.get(LIST, params).context["page"]}

    assert listed(q="kuliner") == {a.pk}
    assert listed(q="majapahit") == {b.pk}
    assert listed(q=a.nomor) == {a.pk}
    assert listed(jenis="kelompok_lsp") == {b.pk}
    assert listed(status="terlaksana") == {a.pk}
    assert listed(tim=tim_lain.pk) == {b.pk}
    assert listed(tanggal_dari="2026-03-01") == {b.pk}
    assert listed(tanggal_sampai="2026-03-01") == {a.pk}
    assert listed(provinsi=provinsi("Jawa Barat").pk) == {a.pk}
    assert listed(sasaran=surabaya.pk) == {b.pk}


def test_list_sorts_and_paginates(client_as, komisi, tim, settings):
    settings.PAGE_SIZE = 5
    lsp = lsp_in("Jawa Barat")
    for day in range(1, 13):
        session(tim, [lsp], tanggal=date(2026, 1, day))
    client = client_as(komisi)
    newest = [b.tanggal.day for b in client.get(LIST).context["page"]]
    assert newest == [12, 11, 10, 9, 8]
    oldest = [b.tanggal.day for b in client.get(LIST, {"urut": "tanggal"}).context["page"]]
    assert oldest == [1, 2, 3, 4, 5]
    assert client.get(LIST, {"halaman": "3"}).context["page"].number == 3
    assert client.get(LIST, {"halaman": "99"}).context["page"].number == 3


def test_an_invalid_filter_value_does_not_break_the_list(client_as, komisi, jabar):
    response = client_as(komisi).get(
        LIST, {"provinsi": "999999", "tanggal_dari": "bukan-tanggal", "jenis": "x"}
    )
    assert response.status_code == 200


def test_list_counts_open_and_overdue_rtl(client_as, komisi, jabar):
    b = jabar["bimbingan"]
    RtlFactory(bimbingan=b, pemilik_sasaran=jabar["lsp"], batas_waktu=date.today() - timedelta(1))
    RtlFactory(
        bimbingan=b,
        pemilik_sasaran=jabar["lsp"],
        status=Rtl.Status.SELESAI,
        tanggal_selesai=date(2026, 6, 1),
    )
    row = next(iter(client_as(komisi).get(LIST).context["page"]))
    assert (row.jumlah_rtl, row.rtl_terbuka, row.rtl_terlambat) == (3, 2, 1)


@pytest.mark.parametrize("role", ["komisi", "bksp_user"])
def test_list_query_count_does_not_grow_with_rows(request, client_as, tim, fasilitator, role):
    client = client_as(request.getfixturevalue(role))

    def populate(n):
        for i in range(n):
            lsp = lsp_in("Jawa Barat" if i % 2 else "Jawa Timur")
            problem = problem_of(lsp, tim)
            b = session(tim, [lsp], fasilitator=[fasilitator], problems=[problem])
            RtlFactory(bimbingan=b, pemilik_sasaran=lsp)

    populate(5)
    small = count_queries(client, LIST, urut="tim")
    populate(55)
    assert count_queries(client, LIST, urut="tim") == small
    assert small <= 18


def test_form_page_query_count_does_not_grow_with_problems(client_as, fasilitator, tim, jabar):
    client = client_as(fasilitator)
    url = create_url("lsp", sasaran=jabar["lsp"].pk)
    small = count_queries(client, url)
    for _i in range(10):
        problem = problem_of(jabar["lsp"], tim)
        AlternatifFactory(permasalahan=problem)
        RtlFactory(bimbingan=jabar["bimbingan"], pemilik_sasaran=jabar["lsp"])
    assert count_queries(client, url) == small


def test_edit_page_query_count_does_not_grow(client_as, fasilitator, tim, jabar):
    b = jabar["bimbingan"]
    client = client_as(fasilitator)
    url = reverse("advokasi:bimbingan-update", args=[b.pk])
    small = count_queries(client, url)
    for i in range(10):
        problem = problem_of(jabar["lsp"], tim)
        bm = BimbinganMasalah.objects.create(bimbingan=b, permasalahan=problem)
        bm.alternatif_disajikan.add(AlternatifFactory(permasalahan=problem))
        PesertaBimbingan.objects.create(bimbingan=b, nama=f"Peserta {i}", sasaran=jabar["lsp"])
        earlier = session(tim, [jabar["lsp"]])
        RtlFactory(bimbingan=earlier, pemilik_sasaran=jabar["lsp"], batas_waktu=LATER)
    assert count_queries(client, url) == small
