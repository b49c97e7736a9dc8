"""Problems found by surveys (§4.1): recording, the list, the page and the lifecycle by hand."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advokasi.models import BimbinganMasalah, Lampiran, Permasalahan, Rtl, TransisiMasalah
from advokasi.pedoman import KategoriMasalah, RuangLingkup
from advokasi.services.survei import permasalahan_create
from advokasi.tests.factories import (
    AlternatifFactory,
    BimbinganFactory,
    FgdFactory,
    KelompokFactory,
    PermasalahanFactory,
    RtlFactory,
    SurveiFactory,
    TimFactory,
)
from lsp.tests.factories import LspFactory, SasaranFactory, provinsi

pytestmark = pytest.mark.django_db

LIST = reverse("advokasi:permasalahan-list")
Status = Permasalahan.Status


def detail(problem):
    return reverse("advokasi:permasalahan-detail", args=[problem.pk])


def update(problem):
    return reverse("advokasi:permasalahan-update", args=[problem.pk])


def create(survei):
    return reverse("advokasi:permasalahan-create", args=[survei.pk])


def status_url(problem):
    return reverse("advokasi:permasalahan-status", args=[problem.pk])


def lsp(nama, prov, jenis_lsp="P3"):
    return LspFactory(
        sasaran__nama=nama, sasaran__provinsi=provinsi(prov), jenis_lsp=jenis_lsp
    ).sasaran


@pytest.fixture
def problems(tim, tim_lain):
    """One problem per team: `tim` found one in Jawa Barat, `tim_lain` one in Jawa Timur."""
    built = {}
    for key, team, nama, prov in [
        ("mine", tim, "LSP Jabar", "Jawa Barat"),
        ("other", tim_lain, "LSP Jatim", "Jawa Timur"),
    ]:
        target = lsp(nama, prov)
        built[key] = PermasalahanFactory(
            survei=SurveiFactory(tim=team, sasaran=[target]), sasaran=target
        )
    return built


def problem_data(target, **overrides):
    data = {
        "sasaran": target.pk,
        "kategori": KategoriMasalah.KAPASITAS_PELAYANAN,
        "ruang_lingkup": RuangLingkup.ASESMEN,
        "tingkat": Permasalahan.Tingkat.TINGGI,
        "uraian": "Jumlah asesor kompetensi tidak cukup untuk 12 skema yang dilisensi.",
    }
    data.update(overrides)
    return data


def confirm_solved(problem, user, teratasi=True):
    """A monitoring record that looked at the problem and found it solved (or not)."""
    from monitoring.models import (
        CatatanMonitoring,
        Instrumen,
        KonfirmasiMasalah,
        RencanaMonitoring,
    )

    instrumen = Instrumen.objects.create(nama=f"Daftar isian {problem.pk}", dibuat_oleh=user)
    rencana = RencanaMonitoring.objects.create(
        nomor=f"MON-2026-{problem.pk:04d}",
        tim=problem.survei.tim,
        tujuan="Memeriksa kemajuan RTL",
        ruang_lingkup="RTL bimbingan",
        metode=RencanaMonitoring.Metode.VISITASI,
        instrumen=instrumen,
        tanggal_rencana=date(2026, 9, 1),
        dibuat_oleh=user,
    )
    catatan = CatatanMonitoring.objects.create(
        nomor=f"CMN-2026-{problem.pk:04d}",
        rencana=rencana,
        tanggal=date(2026, 9, 1),
        dibuat_oleh=user,
    )
    KonfirmasiMasalah.objects.create(catatan=catatan, permasalahan=problem, teratasi=teratasi)


# --- create ---------------------------------------------------------------------------------


def test_fasilitator_records_a_problem_found_by_their_survey(client_as, fasilitator, problems):
    survei = problems["mine"].survei
    target = survei.sasaran.get()
    before = Permasalahan.objects.count()
    response = client_as(fasilitator).post(create(survei), problem_data(target))
    problem = Permasalahan.objects.latest("pk")
    assert response.status_code == 302
    assert response.url == detail(problem)
    assert Permasalahan.objects.count() == before + 1
    assert problem.nomor.startswith("MSL-2026-")
    assert problem.status == Status.TERIDENTIFIKASI
    assert problem.dibuat_oleh == fasilitator
    assert problem.history.get().history_user == fasilitator


def test_problem_numbers_follow_the_survey_year_in_order(fasilitator, tim):
    target = SasaranFactory()
    old = SurveiFactory(tim=tim, tanggal=date(2025, 11, 4), sasaran=[target])
    new = SurveiFactory(tim=tim, tanggal=date(2026, 1, 4), sasaran=[target])
    fields = {
        "user": fasilitator,
        "sasaran": target,
        "kategori": "a",
        "ruang_lingkup": "b",
        "uraian": "Asosiasi profesi belum mendukung LSP",
        "tingkat": Permasalahan.Tingkat.SEDANG,
    }
    numbers = [
        permasalahan_create(survei=old, **fields).nomor,
        permasalahan_create(survei=new, **fields).nomor,
        permasalahan_create(survei=new, **fields).nomor,
    ]
    assert numbers == ["MSL-2025-0001", "MSL-2026-0001", "MSL-2026-0002"]


def test_the_target_must_be_one_of_the_surveys_targets(client_as, fasilitator, problems):
    survei = problems["mine"].survei
    stranger = lsp("LSP Tidak Disurvei", "Jawa Barat")
    before = Permasalahan.objects.count()
    response = client_as(fasilitator).post(create(survei), problem_data(stranger))
    assert response.status_code == 200
    assert "pilihan yang valid" in str(response.context["form"].errors["sasaran"])
    assert Permasalahan.objects.count() == before
    with pytest.raises(ValidationError) as refused:
        permasalahan_create(
            user=fasilitator,
            survei=survei,
            sasaran=stranger,
            kategori="a",
            ruang_lingkup="a",
            uraian="x",
            tingkat=Permasalahan.Tingkat.RENDAH,
        )
    assert "sasaran" in refused.value.message_dict


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"uraian": ""}, "uraian", "tidak boleh kosong"),
        ({"kategori": "z"}, "kategori", "pilihan yang valid"),
        ({"ruang_lingkup": ""}, "ruang_lingkup", "tidak boleh kosong"),
        ({"tingkat": "parah"}, "tingkat", "pilihan yang valid"),
        ({"sasaran": ""}, "sasaran", "tidak boleh kosong"),
    ],
)
def test_bad_input_is_shown_beside_the_field_and_nothing_is_saved(
    client_as, fasilitator, problems, overrides, field, message
):
    survei = problems["mine"].survei
    before = Permasalahan.objects.count()
    response = client_as(fasilitator).post(
        create(survei), problem_data(survei.sasaran.get(), **overrides)
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field]).lower()
    assert Permasalahan.objects.count() == before


@pytest.mark.parametrize(
    ("role", "mine", "other"),
    [
        ("komisi", 200, 200),
        ("fasilitator", 200, 404),
        ("fasilitator_lain", 404, 200),
        ("bksp_user", 403, 404),
        ("pimpinan", 403, 403),
        ("no_role", 404, 404),
    ],
)
def test_only_the_team_and_the_komisi_may_add_problems_to_a_survey(
    request, client_as, problems, role, mine, other
):
    client = client_as(request.getfixturevalue(role))
    before = Permasalahan.objects.count()
    for key, expected in [("mine", mine), ("other", other)]:
        survei = problems[key].survei
        assert client.get(create(survei)).status_code == expected
        response = client.post(create(survei), problem_data(survei.sasaran.get()))
        assert response.status_code == (302 if expected == 200 else expected)
    added = 2 if role == "komisi" else (1 if role.startswith("fasilitator") else 0)
    assert Permasalahan.objects.count() == before + added


def test_anonymous_user_is_sent_to_login(client, problems):
    problem = problems["mine"]
    for url in [LIST, detail(problem), update(problem), create(problem.survei)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    response = client.post(status_url(problem), {"ke": "dibahas", "alasan": "x"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# --- update ---------------------------------------------------------------------------------


def test_fasilitator_corrects_a_problem_of_their_team(client_as, fasilitator, problems):
    problem = problems["mine"]
    data = problem_data(problem.sasaran, uraian="Uraian yang diperbaiki", tingkat="4_kritis")
    response = client_as(fasilitator).post(update(problem), data)
    assert response.status_code == 302
    problem.refresh_from_db()
    assert (problem.uraian, problem.tingkat) == ("Uraian yang diperbaiki", "4_kritis")
    assert problem.status == Status.TERIDENTIFIKASI


def test_edit_form_is_prefilled(client_as, komisi, problems):
    problem = problems["mine"]
    html = client_as(komisi).get(update(problem)).content.decode()
    assert problem.uraian in html


@pytest.mark.parametrize(
    ("role", "mine", "other"),
    [
        ("komisi", 200, 200),
        ("fasilitator", 200, 404),
        ("fasilitator_lain", 404, 200),
        ("bksp_user", 403, 404),
        ("bksp_lain", 404, 403),
        ("pimpinan", 403, 403),
        ("no_role", 404, 404),
    ],
)
def test_only_the_team_and_the_komisi_may_edit_a_problem(
    request, client_as, problems, role, mine, other
):
    client = client_as(request.getfixturevalue(role))
    for key, expected in [("mine", mine), ("other", other)]:
        problem = problems[key]
        assert client.get(update(problem)).status_code == expected
        data = problem_data(problem.sasaran, uraian="Diubah")
        assert client.post(update(problem), data).status_code == (
            302 if expected == 200 else expected
        )
        problem.refresh_from_db()
        assert (problem.uraian == "Diubah") == (expected == 200)


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
def test_each_role_lists_exactly_the_problems_it_may_read(request, client_as, problems, role, seen):
    response = client_as(request.getfixturevalue(role)).get(LIST)
    assert response.status_code == 200
    assert {key for key, p in problems.items() if p in response.context["page"]} == seen


def test_list_refuses_post(client_as, komisi):
    assert client_as(komisi).post(LIST).status_code == 405


def test_list_filters_by_every_field(client_as, komisi, tim, tim_lain):
    bandung = lsp("LSP Kuliner Bandung", "Jawa Barat", "P1")
    surabaya = lsp("LSP Maritim Surabaya", "Jawa Timur", "P3")
    asosiasi = SasaranFactory(nama="Asosiasi Chef Indonesia", provinsi=provinsi("Jawa Barat"))
    january = SurveiFactory(tim=tim, tanggal=date(2026, 1, 10), sasaran=[bandung, asosiasi])
    march = SurveiFactory(tim=tim_lain, tanggal=date(2026, 3, 10), sasaran=[surabaya])
    a = PermasalahanFactory(
        survei=january,
        sasaran=bandung,
        kategori="a",
        ruang_lingkup="a",
        tingkat="1_rendah",
        uraian="Asosiasi industri belum mengakui sertifikat",
    )
    b = PermasalahanFactory(
        survei=january,
        sasaran=asosiasi,
        kategori="b",
        ruang_lingkup="b",
        tingkat="2_sedang",
        status=Status.DIBAHAS,
    )
    c = PermasalahanFactory(
        survei=march,
        sasaran=surabaya,
        kategori="c",
        ruang_lingkup="c",
        tingkat="4_kritis",
        status=Status.DITUTUP,
        alasan_penutupan="dialihkan",
    )
    client = client_as(komisi)

    def found(**params):
        response = client.get(LIST, params)
        assert response.status_code == 200
        return {p.pk for p in response.context["page"]}

    assert found(q="mengakui") == {a.pk}
    assert found(q="maritim") == {c.pk}
    assert found(q=b.nomor) == {b.pk}
    assert found(status="terbuka") == {a.pk, b.pk}
    assert found(status="ditutup") == {c.pk}
    assert found(kategori="b") == {b.pk}
    assert found(ruang_lingkup="c") == {c.pk}
    assert found(tingkat="4_kritis") == {c.pk}
    assert found(provinsi=provinsi("Jawa Barat").pk) == {a.pk, b.pk}
    assert found(tim=tim_lain.pk) == {c.pk}
    assert found(jenis_sasaran="asosiasi_profesi") == {b.pk}
    assert found(jenis_lsp="P1") == {a.pk}
    assert found(sasaran=bandung.pk) == {a.pk}
    assert found(tanggal_dari="2026-02-01") == {c.pk}
    assert found(tanggal_sampai="2026-02-01") == {a.pk, b.pk}


def test_list_names_the_chosen_target_with_a_way_to_remove_it(client_as, komisi, problems):
    target = problems["mine"].sasaran
    html = client_as(komisi).get(LIST, {"sasaran": target.pk, "kategori": "d"}).content.decode()
    assert "Sasaran: LSP Jabar" in html
    assert "?kategori=d" in html


def test_list_sorts_by_the_chosen_column(client_as, komisi, tim):
    survei = SurveiFactory(tim=tim)
    for tingkat in ["2_sedang", "4_kritis", "1_rendah"]:
        PermasalahanFactory(survei=survei, tingkat=tingkat)
    client = client_as(komisi)
    ascending = [p.tingkat for p in client.get(LIST, {"urut": "tingkat"}).context["page"]]
    descending = [p.tingkat for p in client.get(LIST, {"urut": "-tingkat"}).context["page"]]
    assert ascending == ["1_rendah", "2_sedang", "4_kritis"]
    assert descending == list(reversed(ascending))


def test_list_is_paginated(client_as, komisi, tim, settings):
    settings.PAGE_SIZE = 4
    survei = SurveiFactory(tim=tim)
    PermasalahanFactory.create_batch(10, survei=survei)
    client = client_as(komisi)
    assert len(client.get(LIST).context["page"]) == 4
    assert client.get(LIST, {"halaman": "3"}).context["page"].number == 3
    assert client.get(LIST, {"halaman": "x"}).context["page"].number == 1


def test_bksp_user_cannot_filter_or_link_their_way_into_another_province(
    client_as, bksp_user, problems
):
    client = client_as(bksp_user)
    other = problems["other"]
    for params in [{"provinsi": provinsi("Jawa Timur").pk}, {"sasaran": other.sasaran.pk}]:
        response = client.get(LIST, params)
        assert response.status_code == 200
        assert other not in response.context["page"]
        assert "LSP Jatim" not in response.content.decode()


def test_an_unknown_filter_value_does_not_break_the_list(client_as, komisi):
    params = {"status": "hilang", "sasaran": "999999", "tim": "abc", "tanggal_dari": "kemarin"}
    assert client_as(komisi).get(LIST, params).status_code == 200


@pytest.mark.parametrize("role", ["komisi", "fasilitator", "bksp_user"])
def test_list_query_count_does_not_grow_with_rows(request, client_as, tim, role):
    client = client_as(request.getfixturevalue(role))

    def populate(n):
        for i in range(n):
            target = lsp(f"LSP {i}", "Jawa Barat")
            PermasalahanFactory(survei=SurveiFactory(tim=tim, sasaran=[target]), sasaran=target)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST, {"urut": "sasaran", "status": "terbuka"}).status_code == 200
        return len(ctx)

    populate(2)
    small = count()
    populate(25)
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
        ("bksp_lain", 404, 200),
        ("no_role", 404, 404),
    ],
)
def test_problem_page_is_readable_by_exactly_its_readers(
    request, client_as, problems, role, mine, other
):
    client = client_as(request.getfixturevalue(role))
    assert client.get(detail(problems["mine"])).status_code == mine
    assert client.get(detail(problems["other"])).status_code == other


def _story(problem, user):
    """An FGD that discussed the problem, an alternative, a priority group, a session, an RTL."""
    tim = problem.survei.tim
    fgd = FgdFactory(tim=tim, permasalahan=[problem])
    alternatif = AlternatifFactory(
        permasalahan=problem, fgd=fgd, uraian="Magang asesor di LSP mitra", dibuat_oleh=user
    )
    kelompok = KelompokFactory(tim=tim, permasalahan=[problem], nama="Kekurangan asesor")
    session = BimbinganFactory(tim=tim, sasaran=[problem.sasaran])
    BimbinganMasalah.objects.create(
        bimbingan=session, permasalahan=problem, alternatif_dipilih=alternatif
    )
    rtl = RtlFactory(
        bimbingan=session,
        permasalahan=problem,
        pemilik_sasaran=problem.sasaran,
        tindakan="Merekrut dua asesor baru",
    )
    lampiran = Lampiran(
        nama_asli="foto-temuan.jpg",
        jenis=Lampiran.Jenis.FOTO,
        tipe_mime="image/jpeg",
        ukuran=4,
        diunggah_oleh=user,
        permasalahan=problem,
    )
    lampiran.berkas.save("foto-temuan.jpg", ContentFile(b"\xff\xd8\xff\xe0"), save=True)
    return {"fgd": fgd, "kelompok": kelompok, "bimbingan": session, "rtl": rtl}


def test_problem_page_tells_the_whole_story(client_as, fasilitator, problems):
    problem = problems["mine"]
    story = _story(problem, fasilitator)
    client = client_as(fasilitator)
    client.post(status_url(problem), {"ke": "dibahas", "alasan": "Dibahas di rapat tim"})
    html = client.get(detail(problem)).content.decode()
    for text in [
        problem.nomor,
        problem.uraian,
        problem.survei.nomor,
        "LSP Jabar",
        story["fgd"].nomor,
        "Magang asesor di LSP mitra",
        story["kelompok"].nomor,
        story["bimbingan"].nomor,
        story["rtl"].nomor,
        "Merekrut dua asesor baru",
        "foto-temuan.jpg",
        "Dibahas di rapat tim",
        reverse("advokasi:lampiran-upload", args=["permasalahan", problem.pk]),
        status_url(problem),
    ]:
        assert text in html, text


def test_read_only_roles_see_neither_edit_button_nor_status_form(
    client_as, pimpinan, bksp_user, problems
):
    problem = problems["mine"]
    for user in [pimpinan, bksp_user]:
        html = client_as(user).get(detail(problem)).content.decode()
        assert update(problem) not in html
        assert status_url(problem) not in html


def test_status_choices_for_merging_are_only_problems_the_user_may_read(
    client_as, fasilitator, problems
):
    mine = problems["mine"]
    sibling = PermasalahanFactory(survei=mine.survei, sasaran=mine.sasaran)
    response = client_as(fasilitator).get(detail(mine))
    choices = set(response.context["status_form"].fields["digabung_ke"].queryset)
    assert choices == {sibling}


def test_merging_offers_only_problems_of_the_same_target(client_as, fasilitator, problems):
    mine = problems["mine"]
    sibling = PermasalahanFactory(survei=mine.survei, sasaran=mine.sasaran)
    elsewhere = lsp("LSP Jabar Lain", "Jawa Barat")
    PermasalahanFactory(
        survei=SurveiFactory(tim=mine.survei.tim, sasaran=[elsewhere]), sasaran=elsewhere
    )
    response = client_as(fasilitator).get(detail(mine))
    choices = set(response.context["status_form"].fields["digabung_ke"].queryset)
    assert choices == {sibling}


def test_detail_query_count_does_not_grow_with_its_story(client_as, komisi, problems):
    problem = problems["mine"]
    client = client_as(komisi)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(detail(problem)).status_code == 200
        return len(ctx)

    _story(problem, komisi)
    small = count()
    for _ in range(6):
        _story(problem, komisi)
        TransisiMasalah.objects.create(
            permasalahan=problem, dari="dibahas", ke="dibahas", alasan="catatan", oleh=komisi
        )
    assert count() == small
    assert small <= 24


# --- lifecycle by hand --------------------------------------------------------------------


def test_status_change_is_recorded_with_who_when_and_why(client_as, fasilitator, problems):
    problem = problems["mine"]
    response = client_as(fasilitator).post(
        status_url(problem), {"ke": "diprioritaskan", "alasan": "Disepakati rapat Komisi"}
    )
    assert response.status_code == 302
    assert response.url == detail(problem)
    problem.refresh_from_db()
    assert problem.status == Status.DIPRIORITASKAN
    transisi = problem.transisi.get()
    assert (transisi.dari, transisi.ke) == (Status.TERIDENTIFIKASI, Status.DIPRIORITASKAN)
    assert transisi.oleh == fasilitator
    assert transisi.alasan == "Disepakati rapat Komisi"
    assert timezone.localtime(transisi.pada).date() == timezone.localdate()
    assert problem.history.first().history_user == fasilitator


def test_status_change_accepts_only_post(client_as, komisi, problems):
    assert client_as(komisi).get(status_url(problems["mine"])).status_code == 405


def _refused(response, problem, field, message):
    assert response.status_code == 200
    errors = " ".join(response.context["status_form"].errors.get(field, []))
    assert message in errors, errors
    assert message in response.content.decode()
    fresh = Permasalahan.objects.get(pk=problem.pk)
    assert fresh.status == problem.status
    assert not fresh.transisi.exists()


def test_a_status_change_without_a_reason_is_refused(client_as, fasilitator, problems):
    problem = problems["mine"]
    response = client_as(fasilitator).post(status_url(problem), {"ke": "dibahas", "alasan": " "})
    _refused(response, problem, "alasan", "Tuliskan alasan perubahan status.")


def test_closing_needs_a_reason_from_the_list(client_as, fasilitator, problems):
    problem = problems["mine"]
    client = client_as(fasilitator)
    response = client.post(status_url(problem), {"ke": "ditutup", "alasan": "Tidak lagi relevan"})
    _refused(response, problem, "alasan_penutupan", "Pilih alasan penutupan.")
    response = client.post(
        status_url(problem),
        {"ke": "ditutup", "alasan": "x", "alasan_penutupan": "bosan"},
    )
    _refused(response, problem, "alasan_penutupan", "pilihan yang valid")


def test_closing_without_any_reason_is_refused_on_both_fields(client_as, fasilitator, problems):
    problem = problems["mine"]
    response = client_as(fasilitator).post(status_url(problem), {"ke": "ditutup", "alasan": ""})
    _refused(response, problem, "alasan", "Tuliskan alasan perubahan status.")
    assert "Pilih alasan penutupan." in response.context["status_form"].errors["alasan_penutupan"]


def test_closing_with_a_reason_from_the_list_is_recorded(client_as, fasilitator, problems):
    problem = problems["mine"]
    response = client_as(fasilitator).post(
        status_url(problem),
        {"ke": "ditutup", "alasan": "LSP dicabut oleh BNSP", "alasan_penutupan": "lisensi_dicabut"},
    )
    assert response.status_code == 302
    problem.refresh_from_db()
    assert (problem.status, problem.alasan_penutupan) == (Status.DITUTUP, "lisensi_dicabut")
    html = client_as(fasilitator).get(detail(problem)).content.decode()
    assert "LSP dicabut lisensinya" in html
    assert "LSP dicabut oleh BNSP" in html


def test_merging_needs_the_problem_it_is_merged_into(client_as, fasilitator, problems):
    problem = problems["mine"]
    sibling = PermasalahanFactory(survei=problem.survei, sasaran=problem.sasaran)
    client = client_as(fasilitator)
    data = {"ke": "ditutup", "alasan": "Sama dengan temuan lain", "alasan_penutupan": "digabung"}
    response = client.post(status_url(problem), data)
    _refused(response, problem, "digabung_ke", "Pilih permasalahan tujuan penggabungan.")
    response = client.post(status_url(problem), {**data, "digabung_ke": problems["other"].pk})
    _refused(response, problem, "digabung_ke", "pilihan yang valid")
    response = client.post(status_url(problem), {**data, "digabung_ke": problem.pk})
    _refused(response, problem, "digabung_ke", "pilihan yang valid")
    response = client.post(status_url(problem), {**data, "digabung_ke": sibling.pk})
    assert response.status_code == 302
    problem.refresh_from_db()
    assert problem.digabung_ke == sibling


def test_selesai_is_refused_while_an_rtl_item_is_open(client_as, fasilitator, problems):
    problem = problems["mine"]
    session = BimbinganFactory(tim=problem.survei.tim)
    RtlFactory(
        bimbingan=session,
        permasalahan=problem,
        status=Rtl.Status.SELESAI,
        tanggal_selesai=date(2026, 6, 1),
        progres=100,
    )
    RtlFactory(bimbingan=session, permasalahan=problem, status=Rtl.Status.BERJALAN)
    confirm_solved(problem, fasilitator)
    response = client_as(fasilitator).post(
        status_url(problem), {"ke": "selesai", "alasan": "Sudah beres"}
    )
    _refused(response, problem, "ke", "semua RTL permasalahan ini harus selesai")


def test_selesai_is_refused_without_any_rtl(client_as, fasilitator, problems):
    problem = problems["mine"]
    response = client_as(fasilitator).post(
        status_url(problem), {"ke": "selesai", "alasan": "Sudah beres"}
    )
    _refused(response, problem, "ke", "semua RTL permasalahan ini harus selesai")


def test_selesai_is_refused_without_a_monitoring_confirmation(client_as, fasilitator, problems):
    problem = problems["mine"]
    session = BimbinganFactory(tim=problem.survei.tim)
    RtlFactory(
        bimbingan=session,
        permasalahan=problem,
        status=Rtl.Status.SELESAI,
        tanggal_selesai=date(2026, 6, 1),
        progres=100,
    )
    RtlFactory(bimbingan=session, permasalahan=problem, status=Rtl.Status.DIBATALKAN)
    client = client_as(fasilitator)
    response = client.post(status_url(problem), {"ke": "selesai", "alasan": "Sudah beres"})
    _refused(response, problem, "ke", "belum ada catatan monitoring")
    confirm_solved(problem, fasilitator, teratasi=False)
    response = client.post(status_url(problem), {"ke": "selesai", "alasan": "Sudah beres"})
    _refused(response, problem, "ke", "belum ada catatan monitoring")


def test_selesai_is_accepted_when_rtl_are_done_and_monitoring_confirms(
    client_as, fasilitator, problems
):
    problem = problems["mine"]
    session = BimbinganFactory(tim=problem.survei.tim)
    RtlFactory(
        bimbingan=session,
        permasalahan=problem,
        status=Rtl.Status.SELESAI,
        tanggal_selesai=date(2026, 6, 1),
        progres=100,
    )
    confirm_solved(problem, fasilitator)
    response = client_as(fasilitator).post(
        status_url(problem), {"ke": "selesai", "alasan": "Monitoring September mengonfirmasi"}
    )
    assert response.status_code == 302
    problem.refresh_from_db()
    assert problem.status == Status.SELESAI
    assert problem.transisi.get().ke == Status.SELESAI


def test_an_ended_problem_cannot_change_status_again(client_as, fasilitator, problems):
    problem = problems["mine"]
    Permasalahan.objects.filter(pk=problem.pk).update(
        status=Status.DITUTUP, alasan_penutupan="dialihkan"
    )
    problem.refresh_from_db()
    client = client_as(fasilitator)
    response = client.get(detail(problem))
    assert response.context["status_form"] is None
    response = client.post(status_url(problem), {"ke": "dibahas", "alasan": "Dibuka lagi"})
    _refused(response, problem, "ke", "tidak dapat diubah lagi")


@pytest.mark.parametrize(
    ("role", "expected"),
    [("fasilitator_lain", 404), ("bksp_user", 403), ("pimpinan", 403), ("no_role", 404)],
)
def test_only_the_team_and_the_komisi_may_change_a_status(
    request, client_as, problems, role, expected
):
    problem = problems["mine"]
    client = client_as(request.getfixturevalue(role))
    response = client.post(status_url(problem), {"ke": "dibahas", "alasan": "Diambil alih"})
    assert response.status_code == expected
    problem.refresh_from_db()
    assert problem.status == Status.TERIDENTIFIKASI
    assert not problem.transisi.exists()


def test_komisi_may_change_any_teams_problem(client_as, komisi, problems):
    problem = problems["other"]
    response = client_as(komisi).post(
        status_url(problem), {"ke": "dibahas", "alasan": "Dibahas Komisi"}
    )
    assert response.status_code == 302
    problem.refresh_from_db()
    assert problem.status == Status.DIBAHAS
    assert problem.transisi.get().oleh == komisi
    other_team = TimFactory()
    assert other_team != problem.survei.tim
