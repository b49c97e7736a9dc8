"""FGD (§4.2): who may list, read, record and edit a discussion; what it stores; what it moves."""

import re
from datetime import date
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from advokasi.models import (
    AlternatifTindakan,
    BimbinganMasalah,
    Fgd,
    Permasalahan,
    PesertaFgd,
    TransisiMasalah,
)
from advokasi.pedoman import LANGKAH_FGD
from advokasi.tests.factories import (
    AlternatifFactory,
    BimbinganFactory,
    FgdFactory,
    PermasalahanFactory,
    SurveiFactory,
)
from lsp.tests.factories import LspFactory, provinsi

pytestmark = pytest.mark.django_db

LIST = reverse("advokasi:fgd-list")
CREATE = reverse("advokasi:fgd-create")


def detail_url(fgd):
    return reverse("advokasi:fgd-detail", args=[fgd.pk])


def update_url(fgd):
    return reverse("advokasi:fgd-update", args=[fgd.pk])


@pytest.fixture
def world(tim, tim_lain):
    """tim works in Jawa Barat, tim_lain in Jawa Timur; each has surveyed problems and an FGD."""
    lsp_jabar = LspFactory(
        sasaran__nama="LSP Teknik Bandung", sasaran__provinsi=provinsi("Jawa Barat")
    )
    lsp_jatim = LspFactory(
        sasaran__nama="LSP Maritim Surabaya", sasaran__provinsi=provinsi("Jawa Timur")
    )
    survei = SurveiFactory(tim=tim, sasaran=[lsp_jabar.sasaran])
    survei_lain = SurveiFactory(tim=tim_lain, sasaran=[lsp_jatim.sasaran])
    masalah = PermasalahanFactory(
        survei=survei, sasaran=lsp_jabar.sasaran, uraian="Jumlah asesor kompetensi kurang"
    )
    masalah2 = PermasalahanFactory(
        survei=survei, sasaran=lsp_jabar.sasaran, uraian="Panduan mutu belum diperbarui"
    )
    masalah_lain = PermasalahanFactory(
        survei=survei_lain, sasaran=lsp_jatim.sasaran, uraian="TUK belum terverifikasi"
    )
    fgd = FgdFactory(tim=tim, permasalahan=[masalah])
    fgd_lain = FgdFactory(tim=tim_lain, permasalahan=[masalah_lain], tempat="Surabaya")
    return SimpleNamespace(
        tim=tim,
        tim_lain=tim_lain,
        lsp_jabar=lsp_jabar.sasaran,
        masalah=masalah,
        masalah2=masalah2,
        masalah_lain=masalah_lain,
        fgd=fgd,
        fgd_lain=fgd_lain,
    )


def formset(prefix, rows, *, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            if value is True:
                value = "on"
            if value is False or value is None:
                continue
            data[f"{prefix}-{i}-{key}"] = value
    return data


PESERTA = [
    {"nama": "Dr. Rina Wulandari", "peran": "fasilitator", "instansi": "BNSP", "hadir": True},
    {"nama": "Ir. Agus Salim", "peran": "pembina", "instansi": "BKSP Jawa Barat", "hadir": False},
]


def fgd_data(*, tim, problems, peserta=None, alternatif=None, langkah=None, **overrides):
    data = {
        "tim": tim.pk,
        "tanggal": "2026-04-14",
        "waktu_mulai": "09:00",
        "tempat": "Ruang Rapat Lt. 3 BNSP, Jakarta",
        "tautan_daring": "",
        "kesimpulan": "Perlu pelatihan asesor bersama dan pendampingan penyusunan panduan mutu.",
        "permasalahan": [p.pk for p in problems],
    }
    data.update(formset("peserta", PESERTA if peserta is None else peserta))
    data.update(formset("alternatif", alternatif or []))
    for kode, (done, note) in (langkah or {}).items():
        if done:
            data[f"langkah-langkah_{kode}"] = "on"
        data[f"langkah-catatan_{kode}"] = note
    data.update(overrides)
    return data


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


@pytest.mark.parametrize(("role", "status"), READERS)
def test_fgd_page_is_shown_to_those_who_may_read_it_and_hidden_from_others(
    request, client_as, world, role, status
):
    response = client_as(request.getfixturevalue(role)).get(detail_url(world.fgd))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("komisi", 200),
        ("admin_user", 200),
        ("fasilitator", 200),
        ("pimpinan", 403),
        ("bksp_user", 403),
        ("fasilitator_lain", 404),
        ("bksp_lain", 404),
        ("no_role", 404),
    ],
)
def test_fgd_edit_form_opens_for_its_team_and_the_komisi_only(
    request, client_as, world, role, status
):
    response = client_as(request.getfixturevalue(role)).get(update_url(world.fgd))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [("pimpinan", 403), ("bksp_user", 403), ("fasilitator_lain", 404), ("no_role", 404)],
)
def test_fgd_cannot_be_changed_by_post_from_outside_its_team(
    request, client_as, world, role, status
):
    data = fgd_data(tim=world.tim, problems=[world.masalah], kesimpulan="Diubah orang lain")
    response = client_as(request.getfixturevalue(role)).post(update_url(world.fgd), data)
    assert response.status_code == status
    world.fgd.refresh_from_db()
    assert world.fgd.kesimpulan == ""


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
def test_only_the_komisi_and_team_fasilitators_may_record_an_fgd(
    request, client_as, world, role, status
):
    assert client_as(request.getfixturevalue(role)).get(CREATE).status_code == status


def test_pimpinan_cannot_create_an_fgd_by_post(client_as, world, pimpinan):
    response = client_as(pimpinan).post(CREATE, fgd_data(tim=world.tim, problems=[world.masalah]))
    assert response.status_code == 403
    assert Fgd.objects.count() == 2


def test_fasilitator_without_a_team_cannot_record_an_fgd(client_as, django_user_model):
    from conftest import make_user

    loner = make_user(django_user_model, "tanpa_tim", "Fasilitator")
    assert client_as(loner).get(CREATE).status_code == 403


@pytest.mark.parametrize("url_name", ["list", "create", "detail", "update"])
def test_anonymous_user_is_sent_to_login(client, world, url_name):
    url = {
        "list": LIST,
        "create": CREATE,
        "detail": detail_url(world.fgd),
        "update": update_url(world.fgd),
    }[url_name]
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_wrong_http_methods_are_refused(client_as, world, komisi):
    client = client_as(komisi)
    assert client.post(LIST).status_code == 405
    assert client.post(detail_url(world.fgd)).status_code == 405
    assert client.put(CREATE).status_code == 405
    assert client.delete(update_url(world.fgd)).status_code == 405


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
def test_list_shows_each_role_the_fgds_it_may_read(request, client_as, world, role, seen):
    response = client_as(request.getfixturevalue(role)).get(LIST)
    assert response.status_code == 200
    listed = {f.pk for f in response.context["page"]}
    expected = {"mine": world.fgd.pk, "other": world.fgd_lain.pk}
    assert listed == {expected[key] for key in seen}


def test_edit_links_are_shown_only_to_those_who_may_edit(client_as, world, fasilitator, pimpinan):
    edit = update_url(world.fgd)
    assert edit in client_as(fasilitator).get(detail_url(world.fgd)).content.decode()
    assert edit not in client_as(pimpinan).get(detail_url(world.fgd)).content.decode()
    assert CREATE not in client_as(pimpinan).get(LIST).content.decode()


def test_bksp_user_sees_only_the_problems_of_their_province_in_a_shared_fgd(
    client_as, world, bksp_user
):
    world.fgd.permasalahan.add(world.masalah_lain)
    html = client_as(bksp_user).get(detail_url(world.fgd)).content.decode()
    assert world.masalah.nomor in html
    assert world.masalah_lain.nomor not in html
    assert "1 permasalahan lain di luar wilayah Anda tidak ditampilkan" in html


# --- recording an FGD ------------------------------------------------------------------------


def test_a_claimed_million_rows_is_refused_at_the_table_without_building_them(
    client_as, world, fasilitator
):
    """TOTAL_FORMS is the client's word: a hostile or broken submission claiming a million
    participant rows gets the form back with a message, nothing saved and no 2,000 forms built."""
    from advokasi.forms.fgd import PESERTA_MAKS

    data = fgd_data(tim=world.tim, problems=[world.masalah])
    data["peserta-TOTAL_FORMS"] = "1000000"
    before = Fgd.objects.count()
    response = client_as(fasilitator).post(CREATE, data)
    assert response.status_code == 200
    formset = response.context["peserta_formset"]
    assert len(formset.forms) == PESERTA_MAKS
    assert formset.non_form_errors() and f"{PESERTA_MAKS}" in str(formset.non_form_errors())
    assert "Peserta:" in response.content.decode()
    assert Fgd.objects.count() == before


def test_fasilitator_records_an_fgd_with_participants_alternatives_and_checklist(
    client_as, world, fasilitator
):
    data = fgd_data(
        tim=world.tim,
        problems=[world.masalah, world.masalah2],
        peserta=[
            *PESERTA,
            {
                "nama": "Fasilitator Tim",
                "peran": "fasilitator",
                "user": fasilitator.pk,
                "hadir": True,
            },
        ],
        alternatif=[
            {"permasalahan": world.masalah.pk, "uraian": "Pelatihan asesor bersama LSP sejenis"},
            {"permasalahan": world.masalah.pk, "uraian": "Rekrut asesor dari asosiasi profesi"},
            {"permasalahan": world.masalah2.pk, "uraian": "Pendampingan revisi panduan mutu"},
        ],
        langkah={"a": (True, "Semua fasilitator tim hadir"), "c": (True, ""), "e": (False, "")},
    )
    response = client_as(fasilitator).post(CREATE, data)
    fgd = Fgd.objects.exclude(pk__in=[world.fgd.pk, world.fgd_lain.pk]).get()
    assert response.status_code == 302
    assert response.url == detail_url(fgd)
    assert fgd.tim == world.tim
    assert fgd.tanggal == date(2026, 4, 14)
    assert fgd.dibuat_oleh == fasilitator
    assert set(fgd.permasalahan.all()) == {world.masalah, world.masalah2}
    assert [(p.nama, p.hadir, p.user) for p in fgd.peserta.all()] == [
        ("Dr. Rina Wulandari", True, None),
        ("Ir. Agus Salim", False, None),
        ("Fasilitator Tim", True, fasilitator),
    ]
    alternatives = list(fgd.alternatif.order_by("pk"))
    assert [a.permasalahan for a in alternatives] == [world.masalah, world.masalah, world.masalah2]
    assert {a.dibuat_oleh for a in alternatives} == {fasilitator}
    assert fgd.langkah["a"] == {"dilaksanakan": True, "catatan": "Semua fasilitator tim hadir"}
    assert fgd.langkah["c"] == {"dilaksanakan": True, "catatan": ""}
    assert fgd.langkah["b"]["dilaksanakan"] is False
    assert fgd.history.get().history_user == fasilitator


def test_fgd_page_shows_participants_problems_alternatives_and_checklist(
    client_as, world, fasilitator, pimpinan
):
    client_as(fasilitator).post(
        CREATE,
        fgd_data(
            tim=world.tim,
            problems=[world.masalah],
            alternatif=[{"permasalahan": world.masalah.pk, "uraian": "Pelatihan asesor bersama"}],
            langkah={"a": (True, "Semua fasilitator tim hadir"), "d": (True, "Dipimpin ketua tim")},
        ),
    )
    fgd = Fgd.objects.order_by("-pk").first()
    response = client_as(pimpinan).get(detail_url(fgd))
    html = response.content.decode()
    assert "Dr. Rina Wulandari" in html
    assert "1 dari 2 hadir" in html
    assert world.masalah.nomor in html
    assert "Pelatihan asesor bersama" in html
    assert "Perlu pelatihan asesor bersama dan pendampingan" in html
    assert str(LANGKAH_FGD[0][1]) in html
    assert "Semua fasilitator tim hadir" in html
    assert "Dipimpin ketua tim" in html
    # Two steps carried out, three not.
    assert html.count("bi-check-circle-fill") == 2
    assert [row["dilaksanakan"] for row in response.context["langkah"]] == [
        True,
        False,
        False,
        True,
        False,
    ]
    assert "Lampiran" in html


def test_paper_links_appear_only_when_the_papers_exist(client_as, world, komisi):
    html = client_as(komisi).get(detail_url(world.fgd)).content.decode()
    for name in ("advokasi:fgd-daftar-hadir", "advokasi:fgd-notulen"):
        try:
            url = reverse(name, args=[world.fgd.pk])
        except NoReverseMatch:
            assert f"/fgd/{world.fgd.pk}/" in html  # the page still renders without them
        else:
            assert f'href="{url}"' in html


def test_fgd_numbers_follow_the_year_of_the_fgd_date(client_as, tim, fasilitator):
    lsp = LspFactory().sasaran
    problem = PermasalahanFactory(survei=SurveiFactory(tim=tim, sasaran=[lsp]), sasaran=lsp)
    client = client_as(fasilitator)
    client.post(CREATE, fgd_data(tim=tim, problems=[problem]))
    client.post(CREATE, fgd_data(tim=tim, problems=[problem]))
    client.post(CREATE, fgd_data(tim=tim, problems=[problem], tanggal="2025-12-30"))
    numbers = list(Fgd.objects.order_by("pk").values_list("nomor", flat=True))
    assert numbers == ["FGD-2026-0001", "FGD-2026-0002", "FGD-2025-0001"]
    assert all(re.fullmatch(r"FGD-\d{4}-\d{4}", n) for n in numbers)


def test_fgd_moves_discussed_problems_to_dibahas_but_never_back(client_as, world, fasilitator):
    in_guidance = world.masalah2
    in_guidance.status = Permasalahan.Status.DALAM_BIMBINGAN
    in_guidance.save()
    client_as(fasilitator).post(
        CREATE, fgd_data(tim=world.tim, problems=[world.masalah, in_guidance])
    )
    fgd = Fgd.objects.order_by("-pk").first()
    world.masalah.refresh_from_db()
    in_guidance.refresh_from_db()
    assert world.masalah.status == Permasalahan.Status.DIBAHAS
    assert in_guidance.status == Permasalahan.Status.DALAM_BIMBINGAN
    step = TransisiMasalah.objects.get(permasalahan=world.masalah)
    assert (step.dari, step.ke, step.sumber, step.oleh) == (
        "teridentifikasi",
        "dibahas",
        fgd.nomor,
        fasilitator,
    )
    assert not TransisiMasalah.objects.filter(permasalahan=in_guidance).exists()


def test_a_single_team_is_chosen_for_the_fasilitator(client_as, world, fasilitator):
    form = client_as(fasilitator).get(CREATE).context["form"]
    assert form.initial["tim"] == world.tim.pk
    assert list(form.fields["tim"].queryset) == [world.tim]


def test_problem_choices_are_open_problems_the_user_may_read(client_as, world, fasilitator):
    closed = PermasalahanFactory(
        survei=world.masalah.survei,
        sasaran=world.lsp_jabar,
        status=Permasalahan.Status.DITUTUP,
        alasan_penutupan=Permasalahan.AlasanPenutupan.TIDAK_RELEVAN,
    )
    choices = set(
        client_as(fasilitator).get(CREATE).context["form"].fields["permasalahan"].queryset
    )
    assert choices == {world.masalah, world.masalah2}
    assert closed not in choices and world.masalah_lain not in choices


# --- bad input: a message beside the field, nothing saved -----------------------------------


def _refused(response, count_before):
    assert response.status_code == 200
    assert Fgd.objects.count() == count_before
    return response.context


def test_fgd_without_place_or_link_is_refused_beside_the_place_field(client_as, world, fasilitator):
    response = client_as(fasilitator).post(
        CREATE, fgd_data(tim=world.tim, problems=[world.masalah], tempat="", tautan_daring="")
    )
    context = _refused(response, 2)
    assert context["form"].errors["tempat"] == ["Isi tempat atau tautan daring."]
    assert "Isi tempat atau tautan daring." in response.content.decode()
    assert PesertaFgd.objects.count() == 0


def test_fgd_held_online_only_is_accepted(client_as, world, fasilitator):
    data = fgd_data(
        tim=world.tim,
        problems=[world.masalah],
        tempat="",
        tautan_daring="https://zoom.us/j/123456789",
    )
    assert client_as(fasilitator).post(CREATE, data).status_code == 302
    assert Fgd.objects.filter(tautan_daring="https://zoom.us/j/123456789").exists()


def alternative_options(html: str, row: str = "0") -> list[str]:
    """The problem ids an alternative's row offers (its empty choice left out)."""
    pattern = rf'<select[^>]*name="alternatif-{re.escape(row)}-permasalahan".*?</select>'
    select = re.search(pattern, html, re.S)
    return [v for v in re.findall(r'<option value="([^"]*)"', select.group(0)) if v]


def test_alternative_rows_offer_the_problems_ticked_not_every_candidate(client_as, world, komisi):
    client = client_as(komisi)
    blank = client.get(CREATE).content.decode()
    # Every open problem is a checkbox; the rows start empty and the page adds what is ticked.
    assert f'value="{world.masalah_lain.pk}"' in blank
    assert alternative_options(blank, "__prefix__") == []
    edit = client.get(update_url(world.fgd)).content.decode()
    assert alternative_options(edit, "__prefix__") == [str(world.masalah.pk)]
    # Sent back with an error: the problems ticked, and the one a row named (with its message).
    data = fgd_data(
        tim=world.tim,
        problems=[world.masalah],
        alternatif=[{"permasalahan": world.masalah2.pk, "uraian": "Revisi panduan mutu"}],
    )
    refused = client.post(CREATE, data).content.decode()
    assert sorted(alternative_options(refused)) == sorted(
        [str(world.masalah.pk), str(world.masalah2.pk)]
    )


def test_alternative_for_a_problem_not_discussed_is_refused_beside_it(
    client_as, world, fasilitator
):
    data = fgd_data(
        tim=world.tim,
        problems=[world.masalah],
        alternatif=[{"permasalahan": world.masalah2.pk, "uraian": "Revisi panduan mutu"}],
    )
    response = client_as(fasilitator).post(CREATE, data)
    context = _refused(response, 2)
    row = context["alternatif_formset"].forms[0]
    assert row.errors["permasalahan"] == [
        "Permasalahan ini tidak termasuk yang dibahas dalam FGD ini."
    ]
    assert "is-invalid" in row.fields["permasalahan"].widget.attrs["class"]
    assert AlternatifTindakan.objects.count() == 0
    world.masalah.refresh_from_db()
    assert world.masalah.status == Permasalahan.Status.TERIDENTIFIKASI


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"permasalahan": []}, "permasalahan", "Pilih minimal satu permasalahan yang dibahas."),
        ({"tanggal": ""}, "tanggal", "Isi tanggal FGD."),
        ({"waktu_mulai": ""}, "waktu_mulai", "Isi waktu mulai FGD."),
        ({"tim": ""}, "tim", "Pilih tim yang menyelenggarakan FGD."),
        (
            {"tautan_daring": "bukan tautan", "tempat": ""},
            "tautan_daring",
            "Tautan daring harus berupa alamat web lengkap.",
        ),
    ],
)
def test_missing_or_wrong_session_fields_are_refused_beside_them(
    client_as, world, fasilitator, overrides, field, message
):
    data = {**fgd_data(tim=world.tim, problems=[world.masalah]), **overrides}
    response = client_as(fasilitator).post(CREATE, data)
    assert message in _refused(response, 2)["form"].errors[field]


def test_fgd_without_participants_is_refused(client_as, world, fasilitator):
    response = client_as(fasilitator).post(
        CREATE, fgd_data(tim=world.tim, problems=[world.masalah], peserta=[])
    )
    context = _refused(response, 2)
    assert context["peserta_formset"].non_form_errors() == ["Catat sedikitnya satu peserta FGD."]
    assert "Catat sedikitnya satu peserta FGD." in response.content.decode()


def test_participant_without_name_or_role_is_refused_beside_the_field(
    client_as, world, fasilitator
):
    data = fgd_data(
        tim=world.tim,
        problems=[world.masalah],
        peserta=[{"nama": "", "peran": "", "instansi": "BNSP", "hadir": True}],
    )
    context = _refused(client_as(fasilitator).post(CREATE, data), 2)
    errors = context["peserta_formset"].forms[0].errors
    assert errors["nama"] == ["Isi nama peserta."]
    assert errors["peran"] == ["Pilih peran peserta."]


def test_participant_account_must_belong_to_the_team(client_as, world, komisi, fasilitator_lain):
    data = fgd_data(
        tim=world.tim,
        problems=[world.masalah],
        peserta=[{"nama": "Orang tim lain", "peran": "fasilitator", "user": fasilitator_lain.pk}],
    )
    context = _refused(client_as(komisi).post(CREATE, data), 2)
    assert context["peserta_formset"].forms[0].errors["user"] == [
        "fasilitator_lain bukan anggota Tim Advokasi Jawa Barat."
    ]


def test_fasilitator_cannot_file_an_fgd_under_another_team(client_as, world, fasilitator):
    data = fgd_data(tim=world.tim_lain, problems=[world.masalah])
    context = _refused(client_as(fasilitator).post(CREATE, data), 2)
    assert "tim" in context["form"].errors


def test_fasilitator_cannot_link_another_teams_problem(client_as, world, fasilitator):
    data = fgd_data(tim=world.tim, problems=[world.masalah, world.masalah_lain])
    context = _refused(client_as(fasilitator).post(CREATE, data), 2)
    assert "permasalahan" in context["form"].errors
    world.masalah_lain.refresh_from_db()
    assert world.masalah_lain.status == Permasalahan.Status.TERIDENTIFIKASI


def test_an_overlong_checklist_note_is_refused(client_as, world, fasilitator):
    data = fgd_data(tim=world.tim, problems=[world.masalah], langkah={"a": (True, "x" * 1001)})
    context = _refused(client_as(fasilitator).post(CREATE, data), 2)
    assert "catatan_a" in context["langkah_form"].errors


# --- editing ---------------------------------------------------------------------------------


def _existing_rows(fgd):
    peserta = [
        {"id": p.pk, "nama": p.nama, "peran": p.peran, "instansi": p.instansi, "hadir": p.hadir}
        for p in fgd.peserta.all()
    ]
    alternatif = [
        {"id": a.pk, "permasalahan": a.permasalahan_id, "uraian": a.uraian}
        for a in fgd.alternatif.all()
    ]
    return peserta, alternatif


def _edit_data(fgd, *, peserta, alternatif, problems, **overrides):
    data = fgd_data(tim=fgd.tim, problems=problems, **overrides)
    data.update(formset("peserta", peserta, initial=fgd.peserta.count()))
    data.update(formset("alternatif", alternatif, initial=fgd.alternatif.count()))
    return data


def test_fasilitator_edits_their_fgd_rows_and_conclusion(client_as, world, fasilitator):
    PesertaFgd.objects.create(fgd=world.fgd, nama="Peserta Lama", peran="pembina")
    PesertaFgd.objects.create(fgd=world.fgd, nama="Peserta Dihapus", peran="narasumber")
    AlternatifFactory(fgd=world.fgd, permasalahan=world.masalah, uraian="Alternatif lama")
    peserta, alternatif = _existing_rows(world.fgd)
    peserta[1]["DELETE"] = True
    alternatif.append({"permasalahan": world.masalah2.pk, "uraian": "Alternatif baru"})
    data = _edit_data(
        world.fgd,
        peserta=peserta,
        alternatif=alternatif,
        problems=[world.masalah, world.masalah2],
        kesimpulan="Kesimpulan yang diperbarui",
        langkah={"e": (True, "Bahan advokasi disusun")},
    )
    response = client_as(fasilitator).post(update_url(world.fgd), data)
    assert response.status_code == 302
    world.fgd.refresh_from_db()
    assert world.fgd.kesimpulan == "Kesimpulan yang diperbarui"
    assert world.fgd.nomor.startswith("FGD-2026-")
    assert list(world.fgd.peserta.values_list("nama", flat=True)) == ["Peserta Lama"]
    assert sorted(world.fgd.alternatif.values_list("uraian", flat=True)) == [
        "Alternatif baru",
        "Alternatif lama",
    ]
    assert world.fgd.langkah["e"] == {"dilaksanakan": True, "catatan": "Bahan advokasi disusun"}
    assert world.fgd.history.latest().history_user == fasilitator
    world.masalah2.refresh_from_db()
    assert world.masalah2.status == Permasalahan.Status.DIBAHAS


def test_dropping_a_problem_that_still_has_alternatives_is_refused(client_as, world, fasilitator):
    world.fgd.permasalahan.add(world.masalah2)
    PesertaFgd.objects.create(fgd=world.fgd, nama="Peserta", peran="fasilitator")
    AlternatifFactory(fgd=world.fgd, permasalahan=world.masalah2, uraian="Untuk masalah 2")
    peserta, alternatif = _existing_rows(world.fgd)
    data = _edit_data(world.fgd, peserta=peserta, alternatif=alternatif, problems=[world.masalah])
    response = client_as(fasilitator).post(update_url(world.fgd), data)
    assert response.status_code == 200
    row = response.context["alternatif_formset"].forms[0]
    assert row.errors["permasalahan"] == [
        "Permasalahan ini tidak termasuk yang dibahas dalam FGD ini."
    ]
    assert set(world.fgd.permasalahan.all()) == {world.masalah, world.masalah2}


def test_an_alternative_used_in_guidance_cannot_be_deleted(client_as, world, fasilitator):
    PesertaFgd.objects.create(fgd=world.fgd, nama="Peserta", peran="fasilitator")
    alternatif_obj = AlternatifFactory(fgd=world.fgd, permasalahan=world.masalah)
    BimbinganMasalah.objects.create(
        bimbingan=BimbinganFactory(tim=world.tim),
        permasalahan=world.masalah,
        alternatif_dipilih=alternatif_obj,
    )
    peserta, alternatif = _existing_rows(world.fgd)
    alternatif[0]["DELETE"] = True
    data = _edit_data(world.fgd, peserta=peserta, alternatif=alternatif, problems=[world.masalah])
    response = client_as(fasilitator).post(update_url(world.fgd), data)
    assert response.status_code == 200
    assert "sudah dipakai dalam bimbingan teknis" in response.content.decode()
    assert AlternatifTindakan.objects.filter(pk=alternatif_obj.pk).exists()


def test_edit_form_keeps_a_closed_problem_already_discussed(client_as, world, fasilitator):
    world.masalah.status = Permasalahan.Status.DITUTUP
    world.masalah.alasan_penutupan = Permasalahan.AlasanPenutupan.TIDAK_RELEVAN
    world.masalah.save()
    form = client_as(fasilitator).get(update_url(world.fgd)).context["form"]
    assert world.masalah in form.fields["permasalahan"].queryset
    assert form.initial["permasalahan"] == [world.masalah.pk]


# --- list: search, filters, sorting, pages -----------------------------------------------------


def test_list_searches_filters_by_team_and_date_and_sorts(client_as, world, komisi):
    FgdFactory(tim=world.tim, tanggal=date(2026, 1, 20), tempat="Hotel Savoy Homann, Bandung")
    client = client_as(komisi)

    def numbers(**params):
        return [f.nomor for f in client.get(LIST, params).context["page"]]

    assert numbers(q="Savoy") == [Fgd.objects.get(tempat__contains="Savoy").nomor]
    assert numbers(q="TUK belum") == [world.fgd_lain.nomor]
    assert set(numbers(tim=world.tim.pk)) == set(
        Fgd.objects.filter(tim=world.tim).values_list("nomor", flat=True)
    )
    assert numbers(tanggal_dari="2026-03-01", tanggal_sampai="2026-04-30", urut="nomor") == [
        world.fgd.nomor,
        world.fgd_lain.nomor,
    ]
    dates = [f.tanggal for f in client.get(LIST, {"urut": "tanggal"}).context["page"]]
    assert dates == sorted(dates)


def test_a_date_range_ending_before_it_starts_is_explained(client_as, world, komisi):
    response = client_as(komisi).get(
        LIST, {"tanggal_dari": "2026-05-01", "tanggal_sampai": "2026-04-01"}
    )
    assert response.status_code == 200
    assert "Tanggal akhir harus sama dengan atau setelah tanggal awal." in (
        response.content.decode()
    )


def test_fasilitator_cannot_filter_their_way_into_another_team(client_as, world, fasilitator):
    response = client_as(fasilitator).get(LIST, {"tim": world.tim_lain.pk})
    assert response.status_code == 200
    assert world.fgd_lain.nomor not in response.content.decode()


def test_list_is_paginated(client_as, tim, komisi, settings):
    settings.PAGE_SIZE = 5
    FgdFactory.create_batch(12, tim=tim)
    client = client_as(komisi)
    assert len(client.get(LIST).context["page"]) == 5
    assert client.get(LIST, {"halaman": "99"}).context["page"].number == 3


# --- constant query counts ---------------------------------------------------------------------


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def _populate(team, n):
    lsp = LspFactory(sasaran__provinsi=provinsi("Jawa Barat")).sasaran
    survei = SurveiFactory(tim=team, sasaran=[lsp])
    for _i in range(n):
        problem = PermasalahanFactory(survei=survei, sasaran=lsp)
        fgd = FgdFactory(tim=team, permasalahan=[problem])
        PesertaFgd.objects.create(fgd=fgd, nama="Peserta", peran="fasilitator")
        AlternatifFactory(fgd=fgd, permasalahan=problem)


@pytest.mark.parametrize("role", ["komisi", "fasilitator", "bksp_user"])
def test_list_query_count_does_not_grow_with_rows(request, client_as, tim, role):
    client = client_as(request.getfixturevalue(role))
    _populate(tim, 3)
    small = _count_queries(client, LIST + "?urut=masalah")
    _populate(tim, 30)
    assert _count_queries(client, LIST + "?urut=masalah") == small
    assert small <= 18


def test_detail_query_count_does_not_grow_with_participants_problems_or_alternatives(
    client_as, world, komisi
):
    client = client_as(komisi)
    url = detail_url(world.fgd)
    PesertaFgd.objects.create(fgd=world.fgd, nama="Peserta", peran="fasilitator")
    AlternatifFactory(fgd=world.fgd, permasalahan=world.masalah)
    small = _count_queries(client, url)
    for i in range(15):
        problem = PermasalahanFactory(survei=world.masalah.survei, sasaran=world.lsp_jabar)
        world.fgd.permasalahan.add(problem)
        PesertaFgd.objects.create(fgd=world.fgd, nama=f"Peserta {i}", peran="pembina")
        AlternatifFactory(fgd=world.fgd, permasalahan=problem)
        world.fgd.kesimpulan = f"Versi {i}"
        world.fgd.save()
    assert _count_queries(client, url) == small
    assert small <= 24


def test_form_query_count_does_not_grow_with_rows_or_choices(client_as, world, fasilitator):
    client = client_as(fasilitator)
    url = update_url(world.fgd)
    PesertaFgd.objects.create(fgd=world.fgd, nama="Peserta", peran="fasilitator")
    AlternatifFactory(fgd=world.fgd, permasalahan=world.masalah)
    small = _count_queries(client, url)
    create_small = _count_queries(client, CREATE)
    for i in range(15):
        problem = PermasalahanFactory(survei=world.masalah.survei, sasaran=world.lsp_jabar)
        world.fgd.permasalahan.add(problem)
        PesertaFgd.objects.create(fgd=world.fgd, nama=f"Peserta {i}", peran="pembina")
        AlternatifFactory(fgd=world.fgd, permasalahan=problem)
    assert _count_queries(client, url) == small
    assert _count_queries(client, CREATE) == create_small
    assert small <= 24


def test_editing_keeps_a_problem_the_komisi_linked_from_another_team(client_as, world, fasilitator):
    world.fgd.permasalahan.add(world.masalah_lain)
    PesertaFgd.objects.create(fgd=world.fgd, nama="Peserta", peran="fasilitator")
    peserta, alternatif = _existing_rows(world.fgd)
    data = _edit_data(
        world.fgd,
        peserta=peserta,
        alternatif=alternatif,
        problems=[world.masalah, world.masalah_lain],
        kesimpulan="Diperbarui tim",
    )
    response = client_as(fasilitator).post(update_url(world.fgd), data)
    assert response.status_code == 302
    assert set(world.fgd.permasalahan.all()) == {world.masalah, world.masalah_lain}


def test_a_participant_linked_before_leaving_the_team_stays_linked(
    client_as, world, fasilitator, django_user_model
):
    from conftest import make_user

    former = make_user(django_user_model, "mantan_anggota", "Fasilitator")
    PesertaFgd.objects.create(
        fgd=world.fgd, nama="Mantan anggota", peran="fasilitator", user=former
    )
    peserta, alternatif = _existing_rows(world.fgd)
    peserta[0]["user"] = former.pk
    data = _edit_data(world.fgd, peserta=peserta, alternatif=alternatif, problems=[world.masalah])
    response = client_as(fasilitator).post(update_url(world.fgd), data)
    assert response.status_code == 302
    assert world.fgd.peserta.get().user == former
