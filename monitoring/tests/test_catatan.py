"""Monitoring records (§6.1g): the plan carried out. Recording updates the RTL items in scope,
with history, and can confirm the problems behind them solved."""

import re
import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advokasi.models import Permasalahan, Rtl
from advokasi.services.masalah import efektivitas_terkonfirmasi, permasalahan_ubah_status
from advokasi.tests.factories import RtlFactory
from monitoring import services
from monitoring.models import (
    CatatanMonitoring,
    Indikator,
    JawabanIndikator,
    KonfirmasiMasalah,
    ProgresRtl,
    RencanaMonitoring,
)
from monitoring.services import ProgresInput, jawaban_key, konfirmasi_key, progres_key
from monitoring.tests.test_instrumen import indikator_of
from monitoring.tests.test_rencana import PENULIS_TIM, buat_rencana

pytestmark = pytest.mark.django_db

LIST = reverse("monitoring:catatan-list")
Tipe = Indikator.Tipe
S = Rtl.Status
TANGGAL = "2026-06-20"


def catat_url(rencana):
    return reverse("monitoring:catatan-create", args=[rencana.pk])


def jawaban_baik(rencana) -> dict:
    """Valid answers to every indicator of the plan's instrument (see buat_instrumen)."""
    values = {
        Tipe.YA_TIDAK: "1",
        Tipe.ANGKA: "12",
        Tipe.PERSEN: "75,5",
        Tipe.SKALA: "4",
        Tipe.TEKS: "Dokumen lengkap",
    }
    return {
        jawaban_key(i.pk): values[i.tipe]
        for i in Indikator.objects.filter(fokus__aspek__instrumen=rencana.instrumen)
    }


def post_data(rencana, *, selesai=(), **overrides) -> dict:
    """A full form: valid answers; every RTL item in scope as it is, except those in `selesai`,
    marked done."""
    data = {
        "tanggal": TANGGAL,
        "temuan": "Panduan mutu sudah disahkan ketua LSP",
        "faktor_pendorong": "Komitmen pimpinan LSP",
        "faktor_penghambat": "Asesor sibuk",
        **jawaban_baik(rencana),
    }
    for rtl in rencana.rtl.all():
        done = rtl in selesai
        data[progres_key(rtl.pk, "status")] = S.SELESAI if done else rtl.status
        data[progres_key(rtl.pk, "progres")] = "100" if done else str(rtl.progres)
        data[progres_key(rtl.pk, "realisasi")] = "1" if done else ""
        data[progres_key(rtl.pk, "keterangan")] = "Terverifikasi" if done else ""
    data.update(overrides)
    return data


@pytest.fixture
def rencana(tim, komisi):
    return buat_rencana(tim=tim, user=komisi)


# --- the form ---------------------------------------------------------------------------------


def test_the_form_offers_an_input_suited_to_each_indicator_type(client_as, fasilitator, rencana):
    response = client_as(fasilitator).get(catat_url(rencana))
    html = response.content.decode()
    instrumen = rencana.instrumen
    assert response.status_code == 200
    ya_tidak = jawaban_key(indikator_of(instrumen, Tipe.YA_TIDAK).pk)
    assert re.search(rf'type="radio"[^>]* name="{ya_tidak}" value="1"', html)
    assert re.search(rf'<select name="{jawaban_key(indikator_of(instrumen, Tipe.SKALA).pk)}"', html)
    persen = jawaban_key(indikator_of(instrumen, Tipe.PERSEN).pk)
    assert re.search(rf'type="number" name="{persen}"[^>]* min="0" max="100"', html)
    assert re.search(
        rf'<textarea name="{jawaban_key(indikator_of(instrumen, Tipe.TEKS).pk)}"', html
    )
    assert "benchmark: 80%" in html
    for rtl in rencana.rtl.all():
        assert rtl.nomor in html
        assert f'name="{progres_key(rtl.pk, "status")}"' in html
    problem = rencana.rtl.first().permasalahan
    assert f'name="{konfirmasi_key(problem.pk, "teratasi")}"' in html


# --- recording --------------------------------------------------------------------------------


def test_a_record_updates_its_rtl_items_with_history_by_the_user(client_as, fasilitator, rencana):
    first, second = rencana.rtl.order_by("pk")
    response = client_as(fasilitator).post(catat_url(rencana), post_data(rencana, selesai=[first]))
    catatan = CatatanMonitoring.objects.get()
    assert response.status_code == 302
    assert response.url == catatan.get_absolute_url()
    assert catatan.nomor == "CMN-2026-0001"
    assert catatan.dibuat_oleh == fasilitator
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.progres) == (S.SELESAI, 100)
    assert first.tanggal_selesai == first.tanggal_ditutup == date(2026, 6, 20)
    assert first.tanggal_mulai == date(2026, 6, 20)
    latest = first.history.first()
    assert latest.history_user == fasilitator
    assert latest.status == S.SELESAI
    # An item found unchanged is not rewritten.
    assert second.status == S.RENCANA and second.history.count() == 1


def test_a_record_stores_answers_progress_and_findings(client_as, fasilitator, rencana):
    first, second = rencana.rtl.order_by("pk")
    data = post_data(
        rencana,
        selesai=[first],
        **{
            progres_key(second.pk, "status"): S.BERJALAN,
            progres_key(second.pk, "progres"): "40",
            progres_key(second.pk, "realisasi"): "0,4",
        },
    )
    client_as(fasilitator).post(catat_url(rencana), data)
    catatan = CatatanMonitoring.objects.get()
    answers = {j.indikator.tipe: j for j in catatan.jawaban.select_related("indikator")}
    assert answers[Tipe.YA_TIDAK].nilai == 1
    assert answers[Tipe.PERSEN].nilai == Decimal("75.50")
    assert answers[Tipe.SKALA].nilai == 4
    assert answers[Tipe.TEKS].teks == "Dokumen lengkap"
    assert answers[Tipe.TEKS].nilai is None
    progress = {p.rtl_id: p for p in catatan.progres_rtl.all()}
    assert (progress[first.pk].status, progress[first.pk].progres) == (S.SELESAI, 100)
    assert progress[second.pk].realisasi == Decimal("0.40")
    second.refresh_from_db()
    assert (second.status, second.progres, second.tanggal_mulai) == (
        S.BERJALAN,
        40,
        date(2026, 6, 20),
    )
    assert catatan.faktor_penghambat == "Asesor sibuk"
    assert ProgresRtl.history.filter(history_user=fasilitator).count() == 2
    rencana.refresh_from_db()
    assert rencana.status == RencanaMonitoring.Status.TERLAKSANA


def test_monitoring_confirms_a_problem_solved_so_it_can_be_closed(client_as, fasilitator, rencana):
    problem = rencana.rtl.first().permasalahan
    data = post_data(
        rencana,
        selesai=list(rencana.rtl.all()),
        **{
            konfirmasi_key(problem.pk, "teratasi"): "ya",
            konfirmasi_key(problem.pk, "keterangan"): "Asesor baru sudah bertugas",
        },
    )
    client_as(fasilitator).post(catat_url(rencana), data)
    konfirmasi = KonfirmasiMasalah.objects.get()
    assert konfirmasi.teratasi is True
    assert konfirmasi.keterangan == "Asesor baru sudah bertugas"
    problem.refresh_from_db()
    assert efektivitas_terkonfirmasi(problem)
    permasalahan_ubah_status(
        problem=problem, ke=Permasalahan.Status.SELESAI, alasan="Terverifikasi", user=fasilitator
    )
    assert problem.status == Permasalahan.Status.SELESAI


def test_an_unanswered_problem_gets_no_verdict(client_as, fasilitator, rencana):
    client_as(fasilitator).post(catat_url(rencana), post_data(rencana))
    assert CatatanMonitoring.objects.count() == 1
    assert not KonfirmasiMasalah.objects.exists()


def _nothing_saved(rencana, before):
    assert not CatatanMonitoring.objects.exists()
    assert not JawabanIndikator.objects.exists()
    assert not ProgresRtl.objects.exists()
    after = {r.pk: (r.status, r.progres, r.tanggal_selesai) for r in rencana.rtl.all()}
    assert after == before
    rencana.refresh_from_db()
    assert rencana.status == RencanaMonitoring.Status.DIRENCANAKAN


@pytest.mark.parametrize(
    ("tipe", "value", "message"),
    [
        (Tipe.SKALA, "6", "Skala harus bilangan bulat 1 sampai 5."),
        (Tipe.SKALA, "3.5", "Skala harus bilangan bulat 1 sampai 5."),
        (Tipe.PERSEN, "120", "Persentase harus antara 0 dan 100."),
        (Tipe.ANGKA, "sepuluh", "Jawaban harus berupa angka, mis. 12 atau 12,5."),
        (Tipe.YA_TIDAK, "mungkin", "Jawab ya atau tidak."),
        (Tipe.ANGKA, "", "Isi jawaban indikator ini."),
    ],
)
def test_answers_are_checked_by_type_and_nothing_is_saved(
    client_as, fasilitator, rencana, tipe, value, message
):
    before = {r.pk: (r.status, r.progres, r.tanggal_selesai) for r in rencana.rtl.all()}
    key = jawaban_key(indikator_of(rencana.instrumen, tipe).pk)
    first = rencana.rtl.first()
    data = post_data(rencana, selesai=[first], **{key: value})
    response = client_as(fasilitator).post(catat_url(rencana), data)
    assert response.status_code == 200
    assert message in response.context["form"].errors[key]
    assert message in response.content.decode()
    _nothing_saved(rencana, before)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("progres", "150", "Progres harus bilangan bulat 0 sampai 100."),
        ("progres", "banyak", "Progres harus bilangan bulat 0 sampai 100."),
        ("status", "hilang", "Pilih status RTL."),
        ("realisasi", "satu", "Realisasi harus berupa angka."),
    ],
)
def test_rtl_progress_is_checked_beside_its_field(
    client_as, fasilitator, rencana, field, value, message
):
    before = {r.pk: (r.status, r.progres, r.tanggal_selesai) for r in rencana.rtl.all()}
    rtl = rencana.rtl.first()
    key = progres_key(rtl.pk, field)
    response = client_as(fasilitator).post(catat_url(rencana), post_data(rencana, **{key: value}))
    assert message in response.context["form"].errors[key]
    assert "is-invalid" in response.content.decode()
    _nothing_saved(rencana, before)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2027-01-01", "Tanggal monitoring tidak boleh di masa depan."),
        ("2026-05-01", "Tanggal monitoring tidak boleh sebelum bimbingan"),
        ("kemarin", "Tanggal harus berformat TTTT-BB-HH."),
    ],
)
def test_the_date_must_be_after_the_session_and_not_in_the_future(
    client_as, fasilitator, rencana, value, message
):
    before = {r.pk: (r.status, r.progres, r.tanggal_selesai) for r in rencana.rtl.all()}
    response = client_as(fasilitator).post(catat_url(rencana), post_data(rencana, tanggal=value))
    assert any(message in error for error in response.context["form"].errors["tanggal"])
    _nothing_saved(rencana, before)


def test_service_refuses_an_rtl_outside_the_plans_scope(fasilitator, rencana, tim):
    outside = RtlFactory(bimbingan=rencana.bimbingan.get())  # same session, not in scope
    before = {r.pk: (r.status, r.progres, r.tanggal_selesai) for r in rencana.rtl.all()}
    inside = rencana.rtl.first()
    with pytest.raises(ValidationError) as exc:
        services.catatan_record(
            user=fasilitator,
            rencana=rencana,
            tanggal=date(2026, 6, 20),
            jawaban={int(k.split("_")[1]): v for k, v in jawaban_baik(rencana).items()},
            progres=[
                ProgresInput(rtl_id=inside.pk, status=S.SELESAI, progres=100),
                ProgresInput(rtl_id=outside.pk, status=S.SELESAI, progres=100),
            ],
        )
    assert (
        f"RTL {outside.nomor} tidak termasuk lingkup rencana monitoring ini." in exc.value.messages
    )
    outside.refresh_from_db()
    assert outside.status == S.RENCANA
    _nothing_saved(rencana, before)


def test_the_form_ignores_fields_of_an_rtl_outside_the_scope(client_as, fasilitator, rencana):
    outside = RtlFactory(bimbingan=rencana.bimbingan.get())
    data = post_data(
        rencana,
        **{progres_key(outside.pk, "status"): S.SELESAI, progres_key(outside.pk, "progres"): "100"},
    )
    client_as(fasilitator).post(catat_url(rencana), data)
    outside.refresh_from_db()
    assert outside.status == S.RENCANA
    assert not ProgresRtl.objects.filter(rtl=outside).exists()


def test_service_refuses_answers_and_verdicts_outside_the_plan(fasilitator, rencana, komisi):
    from advokasi.tests.factories import PermasalahanFactory
    from monitoring.tests.test_instrumen import buat_instrumen

    stranger = indikator_of(buat_instrumen(komisi), Tipe.ANGKA)
    inside = rencana.rtl.first()
    common = {
        "user": fasilitator,
        "rencana": rencana,
        "tanggal": date(2026, 6, 20),
        "progres": [ProgresInput(rtl_id=inside.pk, status=S.BERJALAN, progres=10)],
    }
    answers = {int(k.split("_")[1]): v for k, v in jawaban_baik(rencana).items()}
    with pytest.raises(ValidationError, match="di luar instrumen"):
        services.catatan_record(jawaban={**answers, stranger.pk: "3"}, **common)
    with pytest.raises(ValidationError, match="permasalahan di balik RTL"):
        services.catatan_record(
            jawaban=answers,
            konfirmasi=[
                services.KonfirmasiInput(permasalahan_id=PermasalahanFactory().pk, teratasi=True)
            ],
            **common,
        )
    assert not CatatanMonitoring.objects.exists()


def test_a_cancelled_plan_cannot_be_recorded(client_as, fasilitator, tim):
    rencana = buat_rencana(tim=tim, status=RencanaMonitoring.Status.DIBATALKAN)
    client = client_as(fasilitator)
    response = client.get(catat_url(rencana), follow=True)
    assert "yang dibatalkan tidak dapat dicatat" in response.content.decode()
    client.post(catat_url(rencana), post_data(rencana))
    assert not CatatanMonitoring.objects.exists()


@pytest.mark.parametrize(("role", "status"), PENULIS_TIM)
def test_who_may_record_a_plan(request, client_as, rencana, role, status):
    client = client_as(request.getfixturevalue(role))
    assert client.get(catat_url(rencana)).status_code == status
    response = client.post(catat_url(rencana), post_data(rencana))
    assert response.status_code == (302 if status == 200 else status)
    assert CatatanMonitoring.objects.exists() == (status == 200)


def test_recording_sends_anonymous_users_to_login_and_refuses_put(client, rencana, komisi):
    assert client.get(catat_url(rencana)).status_code == 302
    client.force_login(komisi)
    assert client.put(catat_url(rencana)).status_code == 405


def test_form_query_count_does_not_grow_with_rtl_and_indicators(client_as, komisi, rencana):
    from monitoring.models import Fokus

    client = client_as(komisi)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(catat_url(rencana)).status_code == 200
        return len(ctx)

    small = count()
    sesi = rencana.bimbingan.get()
    rencana.rtl.add(*[RtlFactory(bimbingan=sesi) for _ in range(10)])
    fokus = Fokus.objects.get(aspek__instrumen=rencana.instrumen)
    for i in range(10):
        Indikator.objects.create(fokus=fokus, nama=f"Tambahan {i}", tipe=Tipe.ANGKA, benchmark=1)
    assert count() == small
    assert small <= 16


# --- list and detail --------------------------------------------------------------------------


@pytest.fixture
def records(tim, tim_lain, komisi):
    """A record of a plan of `tim` (Jawa Barat) and one of `tim_lain` (Jawa Timur)."""
    built = {}
    for key, team, prov in [("mine", tim, "Jawa Barat"), ("other", tim_lain, "Jawa Timur")]:
        plan = buat_rencana(tim=team, user=komisi, provinsi_nama=prov)
        first = plan.rtl.first()
        built[key] = services.catatan_record(
            user=komisi,
            rencana=plan,
            tanggal=date(2026, 6, 20),
            jawaban=jawaban_id_of(plan),
            progres=[ProgresInput(rtl_id=first.pk, status=S.SELESAI, progres=100)],
            konfirmasi=[
                services.KonfirmasiInput(permasalahan_id=first.permasalahan_id, teratasi=True)
            ],
            temuan=f"Temuan {key}",
        )
    return built


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
def test_each_role_lists_and_opens_exactly_the_records_it_may_read(
    request, client_as, records, role, sees
):
    client = client_as(request.getfixturevalue(role))
    listed = {c.pk for c in client.get(LIST).context["page"]}
    assert listed == {records[key].pk for key in sees}
    for key, catatan in records.items():
        assert client.get(catatan.get_absolute_url()).status_code == (200 if key in sees else 404)


def test_list_and_detail_send_anonymous_users_to_login_and_refuse_post(client, records, komisi):
    detail = records["mine"].get_absolute_url()
    assert client.get(LIST).status_code == 302
    assert client.get(detail).status_code == 302
    client.force_login(komisi)
    assert client.post(LIST).status_code == 405
    assert client.post(detail).status_code == 405


def test_list_filters_searches_and_sorts(client_as, komisi, records, tim_lain):
    client = client_as(komisi)

    def nomor(**params):
        return [c.nomor for c in client.get(LIST, params).context["page"]]

    assert nomor(tim=tim_lain.pk) == [records["other"].nomor]
    assert nomor(q="Temuan mine") == [records["mine"].nomor]
    assert nomor(tanggal_dari="2026-07-01") == []
    assert nomor(urut="nomor") == [records["mine"].nomor, records["other"].nomor]
    assert nomor(urut="-nomor") == [records["other"].nomor, records["mine"].nomor]
    assert client.get(LIST, {"tim": "abc", "halaman": "x"}).status_code == 200


def test_detail_shows_answers_progress_and_the_verdict(client_as, fasilitator, records):
    catatan = records["mine"]
    html = client_as(fasilitator).get(catatan.get_absolute_url()).content.decode()
    progres = catatan.progres_rtl.get()
    assert progres.rtl.nomor in html
    assert "Selesai" in html
    assert "Temuan mine" in html
    assert "Indikator Skala 1–5" in html
    assert "Teratasi" in html
    assert catatan.rencana.nomor in html


@pytest.mark.parametrize("url_kind", ["list", "detail"])
def test_list_and_detail_query_counts_do_not_grow(client_as, komisi, tim, url_kind):
    client = client_as(komisi)
    plan = buat_rencana(tim=tim, user=komisi, rtl_count=1)

    def record(plan):
        return services.catatan_record(
            user=komisi,
            rencana=plan,
            tanggal=date(2026, 6, 20),
            jawaban=jawaban_id_of(plan),
            progres=[
                ProgresInput(rtl_id=r.pk, status=S.BERJALAN, progres=30) for r in plan.rtl.all()
            ],
            konfirmasi=[
                services.KonfirmasiInput(permasalahan_id=p, teratasi=False)
                for p in set(plan.rtl.values_list("permasalahan_id", flat=True))
            ],
        )

    first = record(plan)

    def count():
        url = LIST if url_kind == "list" else first.get_absolute_url()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    small = count()
    if url_kind == "list":
        for _ in range(10):
            record(buat_rencana(tim=tim, user=komisi))
    else:
        sesi = plan.bimbingan.get()
        extra = [
            RtlFactory(bimbingan=sesi, permasalahan=plan.rtl.get().permasalahan) for _ in range(6)
        ]
        plan.rtl.add(*extra)
        CatatanMonitoring.objects.all().delete()
        first = record(plan)
    assert count() == small
    assert small <= 17


# --- correction -------------------------------------------------------------------------------


def koreksi_url(catatan):
    return reverse("monitoring:catatan-update", args=[catatan.pk])


def hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no hidden {name}"
    return found.group(1)


def koreksi_data(client, catatan, **overrides) -> dict:
    """The correction form as the page fills it, with `overrides`, and its version."""
    html = client.get(koreksi_url(catatan)).content.decode()
    form = client.get(koreksi_url(catatan)).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(versi=hidden(html, "versi"), kirim_id=hidden(html, "kirim_id"))
    data.update(overrides)
    return data


def test_the_correction_form_shows_the_record_as_saved(client_as, fasilitator, records):
    catatan = records["mine"]
    response = client_as(fasilitator).get(koreksi_url(catatan))
    form = response.context["form"]
    persen = indikator_of(catatan.rencana.instrumen, Tipe.PERSEN)
    ya_tidak = indikator_of(catatan.rencana.instrumen, Tipe.YA_TIDAK)
    assert form[jawaban_key(persen.pk)].value() == "75.5"
    assert form[jawaban_key(ya_tidak.pk)].value() == "1"
    assert form["temuan"].value() == "Temuan mine"
    assert "tanggal" not in form.fields
    assert not any(name.startswith("progres") for name in form.fields)
    html = response.content.decode()
    assert "Tanggal pelaksanaan dan progres RTL tidak dikoreksi di sini" in html
    assert f'data-draf="catatan-{catatan.pk}"' in html


def test_a_correction_changes_answers_and_findings_with_history_not_the_rtl(
    client_as, fasilitator, records
):
    catatan = records["mine"]
    client = client_as(fasilitator)
    angka = indikator_of(catatan.rencana.instrumen, Tipe.ANGKA)
    rtl_before = {(p.rtl_id, p.rtl.status, p.rtl.progres) for p in catatan.progres_rtl.all()}
    data = koreksi_data(
        client, catatan, **{jawaban_key(angka.pk): "15", "temuan": "Temuan dikoreksi"}
    )
    response = client.post(koreksi_url(catatan), data)
    assert response.status_code == 302 and response.url == catatan.get_absolute_url()
    answer = JawabanIndikator.objects.get(catatan=catatan, indikator=angka)
    assert answer.nilai == Decimal("15")
    assert answer.history.latest().history_user == fasilitator
    assert answer.history.count() == 2  # recorded, then corrected
    catatan.refresh_from_db()
    assert catatan.temuan == "Temuan dikoreksi"
    assert catatan.history.latest().history_user == fasilitator
    # Nothing else moved: the other answers, the RTL items and their progress rows.
    assert JawabanIndikator.history.filter(history_type="~").count() == 1
    assert {(p.rtl_id, p.rtl.status, p.rtl.progres) for p in catatan.progres_rtl.all()} == (
        rtl_before
    )
    detail = client.get(catatan.get_absolute_url())
    html = detail.content.decode()
    assert "Temuan dikoreksi" in html
    assert f"Koreksi catatan monitoring {catatan.nomor} tersimpan." in html
    # The record's history: the correction of that one answer, beside the record's own changes;
    # the answers given with the record are not listed one by one.
    answers = [e for e in detail.context["history"] if str(e["model"]).startswith("jawaban")]
    assert [(str(e["model"]), e["user_name"]) for e in answers] == [
        (f"jawaban indikator {angka.nama}", fasilitator.get_full_name() or fasilitator.username)
    ]
    assert [(str(c["label"]), c["old"], c["new"]) for c in answers[0]["changes"]] == [
        ("nilai", Decimal("12.00"), Decimal("15.00"))
    ]


def test_an_indicator_added_after_the_visit_is_not_asked_for(client_as, fasilitator, records):
    catatan = records["mine"]
    angka = indikator_of(catatan.rencana.instrumen, Tipe.ANGKA)
    later = Indikator.objects.create(
        fokus=angka.fokus, nama="Indikator baru", tipe=Tipe.ANGKA, benchmark=5
    )
    client = client_as(fasilitator)
    data = koreksi_data(client, catatan, temuan="Dikoreksi setelah instrumen bertambah")
    assert jawaban_key(later.pk) not in data
    assert client.post(koreksi_url(catatan), data).status_code == 302
    catatan.refresh_from_db()
    assert catatan.temuan == "Dikoreksi setelah instrumen bertambah"
    assert not JawabanIndikator.objects.filter(indikator=later).exists()


def test_a_bad_answer_is_refused_beside_its_field_and_nothing_is_saved(
    client_as, fasilitator, records
):
    catatan = records["mine"]
    client = client_as(fasilitator)
    skala = indikator_of(catatan.rencana.instrumen, Tipe.SKALA)
    key = jawaban_key(skala.pk)
    data = koreksi_data(client, catatan, **{key: "9", "temuan": "Tidak boleh tersimpan"})
    response = client.post(koreksi_url(catatan), data)
    assert response.status_code == 200
    assert "Skala harus bilangan bulat 1 sampai 5." in response.context["form"].errors[key]
    assert "Koreksi belum disimpan" in response.content.decode()
    catatan.refresh_from_db()
    assert catatan.temuan == "Temuan mine"
    assert JawabanIndikator.objects.get(catatan=catatan, indikator=skala).nilai == 4
    assert not JawabanIndikator.history.filter(history_type="~").exists()


def test_a_correction_over_someone_elses_is_refused_with_what_changed(
    client_as, fasilitator, komisi, records
):
    catatan = records["mine"]
    client = client_as(fasilitator)
    stale = koreksi_data(client, catatan, temuan="Versi fasilitator")
    services.catatan_koreksi(
        user=komisi, catatan=catatan, jawaban=jawaban_id_of(catatan.rencana), temuan="Versi Komisi"
    )
    response = client.post(koreksi_url(catatan), stale)
    assert response.status_code == 200
    assert "sudah diubah" in response.content.decode()
    assert response.context["form"].bentrok[0]["sekarang"] == "Versi Komisi"
    catatan.refresh_from_db()
    assert catatan.temuan == "Versi Komisi"


def jawaban_id_of(rencana) -> dict:
    """`jawaban_baik` keyed by indicator id, as the service takes it."""
    return {int(k.split("_")[1]): v for k, v in jawaban_baik(rencana).items()}


def test_a_text_answer_given_by_a_correction_shows_in_the_history(
    client_as, fasilitator, komisi, tim
):
    plan = buat_rencana(tim=tim, user=komisi)
    teks = indikator_of(plan.instrumen, Tipe.TEKS)
    catatan = services.catatan_record(
        user=komisi,
        rencana=plan,
        tanggal=date(2026, 6, 20),
        jawaban={**jawaban_id_of(plan), teks.pk: ""},  # text may be left empty
        progres=[ProgresInput(rtl_id=plan.rtl.first().pk, status=S.BERJALAN, progres=10)],
    )
    assert not JawabanIndikator.objects.filter(catatan=catatan, indikator=teks).exists()
    services.catatan_koreksi(
        user=fasilitator, catatan=catatan, jawaban={**jawaban_id_of(plan), teks.pk: "Ditambahkan"}
    )
    history = client_as(fasilitator).get(catatan.get_absolute_url()).context["history"]
    assert [(e["action"], str(e["model"])) for e in history if "jawaban" in str(e["model"])] == [
        ("dibuat", f"jawaban indikator {teks.nama}")
    ]


def test_an_emptied_text_answer_is_kept_empty(fasilitator, records):
    catatan = records["mine"]
    teks = indikator_of(catatan.rencana.instrumen, Tipe.TEKS)
    services.catatan_koreksi(
        user=fasilitator, catatan=catatan, jawaban={**jawaban_id_of(catatan.rencana), teks.pk: ""}
    )
    assert JawabanIndikator.objects.get(catatan=catatan, indikator=teks).teks == ""


@pytest.mark.parametrize(("role", "status"), PENULIS_TIM)
def test_who_may_correct_a_record(request, client_as, records, role, status):
    catatan = records["mine"]
    client = client_as(request.getfixturevalue(role))
    assert client.get(koreksi_url(catatan)).status_code == status
    detail = client.get(catatan.get_absolute_url())
    if detail.status_code == 200:
        assert (koreksi_url(catatan) in detail.content.decode()) == (status == 200)
    data = {"temuan": "Bukan haknya", **{k: v for k, v in jawaban_baik(catatan.rencana).items()}}
    response = client.post(koreksi_url(catatan), {**data, "kirim_id": str(uuid.uuid4())})
    assert response.status_code == (302 if status == 200 else status)
    catatan.refresh_from_db()
    assert (catatan.temuan == "Bukan haknya") == (status == 200)


def test_correction_page_query_count_does_not_grow_with_indicators(client_as, komisi, records):
    from monitoring.models import Fokus

    catatan = records["mine"]
    client = client_as(komisi)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(koreksi_url(catatan)).status_code == 200
        return len(ctx)

    small = count()
    fokus = Fokus.objects.filter(aspek__instrumen=catatan.rencana.instrumen).first()
    for i in range(10):
        Indikator.objects.create(fokus=fokus, nama=f"Tambahan {i}", tipe=Tipe.ANGKA, benchmark=1)
    assert count() == small
    assert small <= 16
