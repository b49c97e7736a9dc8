"""The e-monev view: target, realisasi, persen capaian, traffic light and the factors of the latest
monitoring record, per RTL item and per instrument indicator. Dates are relative to today, so the
expected progress of each item (harapan) is known: agreed 50 days ago and due in 50 days = 50 %."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from advokasi.models import Rtl
from advokasi.services.nomor import nomor_berikut
from lsp.models import Sasaran
from monitoring.models import (
    Aspek,
    CatatanMonitoring,
    Fokus,
    Indikator,
    Instrumen,
    JawabanIndikator,
    PengaturanEvaluasi,
    ProgresRtl,
    RencanaMonitoring,
)
from monitoring.tests.test_views_evaluasi import (
    JABAR,
    JATIM,
    count_queries,
    item,
    pemilik,
    sesi,
    today,
)

pytestmark = pytest.mark.django_db

EMONEV = reverse("monitoring:emonev")
S = Rtl.Status
T = Indikator.Tipe


# --- monitoring data helpers, shared with test_ekspor_evaluasi.py ---------------------------------


def instrumen(*specs, nama=None) -> list[Indikator]:
    """Indicators of a new instrument, one per (nama, tipe, benchmark)."""
    inst = _instrumen_baru(nama)
    aspek = Aspek.objects.create(instrumen=inst, nama="Kelembagaan LSP")
    fokus = Fokus.objects.create(aspek=aspek, nama="Sistem manajemen mutu")
    return [
        Indikator.objects.create(fokus=fokus, nama=n, tipe=t, benchmark=b, urutan=i)
        for i, (n, t, b) in enumerate(specs)
    ]


def _instrumen_baru(nama=None) -> Instrumen:
    author = get_user_model().objects.get_or_create(username="penyusun_instrumen")[0]
    return Instrumen.objects.create(
        nama=nama or f"Instrumen {Instrumen.objects.count() + 1}", dibuat_oleh=author
    )


def rencana(tim, *rtl, sasaran=None, indikator=None) -> RencanaMonitoring:
    """A plan of `tim` over these RTL items, visiting their owners (or `sasaran`)."""
    inst = indikator[0].fokus.aspek.instrumen if indikator else _instrumen_baru()
    plan = RencanaMonitoring.objects.create(
        nomor=nomor_berikut(kode="MON", tahun=2026),
        tim=tim,
        tujuan="Memantau pelaksanaan RTL",
        ruang_lingkup="RTL bimbingan teknis",
        metode=RencanaMonitoring.Metode.VISITASI,
        instrumen=inst,
        tanggal_rencana=today(),
        dibuat_oleh=tim.koordinator,
    )
    plan.rtl.add(*rtl)
    plan.sasaran.add(*(sasaran or {r.pemilik_sasaran for r in rtl}))
    return plan


def catatan(plan, days_ago=0, pendorong="", penghambat="") -> CatatanMonitoring:
    return CatatanMonitoring.objects.create(
        nomor=nomor_berikut(kode="CMN", tahun=2026),
        rencana=plan,
        tanggal=today() - timedelta(days=days_ago),
        faktor_pendorong=pendorong,
        faktor_penghambat=penghambat,
        dibuat_oleh=plan.tim.koordinator,
    )


def progres(record, rtl, progres_=0, realisasi=None) -> ProgresRtl:
    return ProgresRtl.objects.create(
        catatan=record,
        rtl=rtl,
        status=rtl.status,
        progres=progres_,
        realisasi=None if realisasi is None else Decimal(str(realisasi)),
    )


def jawab(record, indikator, nilai) -> JawabanIndikator:
    return JawabanIndikator.objects.create(
        catatan=record, indikator=indikator, nilai=None if nilai is None else Decimal(str(nilai))
    )


def half_way(session, progres_=0, status=S.BERJALAN, **kw) -> Rtl:
    """Agreed 50 days ago, due in 50 days: 50 % is expected today."""
    return item(
        session,
        status,
        progres_,
        disepakati=today() - timedelta(days=50),
        batas=today() + timedelta(days=50),
        **kw,
    )


def rtl_rows(response) -> dict:
    return {row["rtl"].nomor: row for row in response.context["baris"]}


# --- RTL items --------------------------------------------------------------------------------


def test_rtl_lights_compare_progress_with_what_is_expected_today(client_as, komisi, tim):
    session = sesi(tim)
    on_track = half_way(session, 50)  # 50 ≥ 50: hijau
    within = half_way(session, 40)  # 10 points short, tolerance 15: kuning
    behind = half_way(session, 30)  # 20 points short: merah
    done = half_way(session, 100, S.SELESAI)
    late = item(session, S.BERJALAN, 90, batas=today() - timedelta(days=1))  # 100 expected
    not_started = item(session, S.RENCANA, 0, disepakati=today() + timedelta(days=2))
    rows = rtl_rows(client_as(komisi).get(EMONEV))
    assert rows[on_track.nomor]["harapan"] == pytest.approx(50.0)
    assert {nomor: row["lampu"] for nomor, row in rows.items()} == {
        on_track.nomor: "hijau",
        within.nomor: "kuning",
        behind.nomor: "merah",
        done.nomor: "hijau",
        late.nomor: "kuning",  # 90 against 100, within 15 points
        not_started.nomor: "hijau",  # nothing expected yet
    }
    assert rows[behind.nomor]["persen"] == pytest.approx(30.0)
    assert rows[behind.nomor]["ukuran"] == "progres"


def test_realisasi_is_the_latest_recorded_and_capaian_its_share_of_the_target(
    client_as, komisi, tim
):
    rtl = half_way(sesi(tim), 20, target_nilai=Decimal("10"), satuan="asesor")
    plan = rencana(tim, rtl)
    progres(catatan(plan, days_ago=20), rtl, 10, realisasi=2)
    progres(catatan(plan, days_ago=5), rtl, 20, realisasi=6)
    progres(catatan(plan, days_ago=1), rtl, 20)  # no realisasi this time: 6 still stands
    row = rtl_rows(client_as(komisi).get(EMONEV))[rtl.nomor]
    assert row["rtl"].realisasi_terakhir == Decimal("6")
    assert row["persen"] == pytest.approx(60.0)  # 6 / 10 × 100
    assert row["ukuran"] == "realisasi"
    assert row["lampu"] == "hijau"  # 60 against 50 expected


def test_realisasi_above_target_shows_over_achievement(client_as, komisi, tim):
    rtl = half_way(sesi(tim), 100, S.BERJALAN, target_nilai=Decimal("4"))
    progres(catatan(rencana(tim, rtl)), rtl, 100, realisasi=5)
    row = rtl_rows(client_as(komisi).get(EMONEV))[rtl.nomor]
    assert row["persen"] == pytest.approx(125.0)


def test_factors_come_from_the_latest_record_covering_the_item(client_as, komisi, tim):
    rtl = half_way(sesi(tim), 40)
    plan = rencana(tim, rtl)
    progres(catatan(plan, 30, "Dukungan asosiasi lama", "Anggaran lama"), rtl, 20)
    latest = catatan(plan, 2, "Komitmen pimpinan LSP", "Asesor belum bersertifikat")
    progres(latest, rtl, 40)
    catatan(plan, 0, "Catatan tanpa RTL ini", "—")  # does not cover the item
    response = client_as(komisi).get(EMONEV)
    row = rtl_rows(response)[rtl.nomor]
    assert row["rtl"].faktor_pendorong == "Komitmen pimpinan LSP"
    assert row["rtl"].faktor_penghambat == "Asesor belum bersertifikat"
    assert row["catatan_url"] == reverse("monitoring:catatan-detail", args=[latest.pk])
    html = response.content.decode()
    assert "Komitmen pimpinan LSP" in html
    assert "Anggaran lama" not in html


def test_tolerance_set_by_the_komisi_moves_the_lights(client_as, komisi, tim):
    rtl = half_way(sesi(tim), 40)
    client = client_as(komisi)
    assert rtl_rows(client.get(EMONEV))[rtl.nomor]["lampu"] == "kuning"
    PengaturanEvaluasi.objects.filter(pk=1).update(toleransi_emonev=5)
    assert rtl_rows(client.get(EMONEV))[rtl.nomor]["lampu"] == "merah"


def test_cancelled_items_are_left_out(client_as, komisi, tim):
    session = sesi(tim)
    shown = half_way(session, 10)
    cancelled = half_way(session, 10, S.DIBATALKAN)
    rows = rtl_rows(client_as(komisi).get(EMONEV))
    assert shown.nomor in rows
    assert cancelled.nomor not in rows


def test_legend_explains_the_colours_and_the_tolerance(client_as, pimpinan):
    PengaturanEvaluasi.objects.filter(pk=1).update(toleransi_emonev=12)
    html = client_as(pimpinan).get(EMONEV).content.decode()
    assert "Arti lampu" in html
    for word in ("Hijau", "Kuning", "Merah", "Belum terukur"):
        assert word in html
    assert "paling banyak 12 poin persen" in html
    assert "Persen capaian = realisasi ÷ target × 100" in html


def test_emonev_filters_like_the_evaluation_page(client_as, komisi, tim, tim_lain):
    mine = half_way(sesi(tim), 10, pemilik_sasaran=pemilik(JABAR))
    theirs = half_way(sesi(tim_lain), 10, pemilik_sasaran=pemilik(JATIM, Sasaran.Jenis.BKSP))
    client = client_as(komisi)
    assert set(rtl_rows(client.get(EMONEV, {"tim": tim.pk}))) == {mine.nomor}
    assert set(rtl_rows(client.get(EMONEV, {"jenis_sasaran": "bksp"}))) == {theirs.nomor}


def test_emonev_rtl_rows_sort_by_due_date_and_number(client_as, komisi, tim):
    session = sesi(tim)
    later = item(session, batas=today() + timedelta(days=90))
    sooner = item(session, batas=today() + timedelta(days=10))
    client = client_as(komisi)
    default = [r["rtl"].nomor for r in client.get(EMONEV).context["baris"]]
    by_number_desc = [
        r["rtl"].nomor for r in client.get(EMONEV, {"urut": "-nomor"}).context["baris"]
    ]
    assert default == [sooner.nomor, later.nomor]
    assert by_number_desc == sorted([sooner.nomor, later.nomor], reverse=True)


# --- instrument indicators ------------------------------------------------------------------------


def test_indicator_lights_compare_the_latest_answer_with_the_benchmark(client_as, komisi, tim):
    angka, ya_tidak, skala, teks = instrumen(
        ("Jumlah asesor aktif", T.ANGKA, 10),
        ("Panduan mutu disahkan", T.YA_TIDAK, 1),
        ("Kepuasan peserta", T.SKALA, 4),
        ("Catatan umum", T.TEKS, None),
    )
    rtl = half_way(sesi(tim), 10)
    plan = rencana(tim, rtl, indikator=[angka])
    old = catatan(plan, 10, "Lama", "Lama")
    jawab(old, angka, 5)
    new = catatan(plan, 1, "Pelatihan asesor", "Biaya uji")
    jawab(new, angka, 9)  # 90 %: kuning
    jawab(new, ya_tidak, 0)  # 0 %: merah
    jawab(new, skala, 4)  # 100 %: hijau
    jawab(new, teks, None)
    response = client_as(komisi).get(EMONEV, {"bagian": "indikator"})
    rows = {r["indikator"].nama: r for r in response.context["baris"]}
    assert set(rows) == {"Jumlah asesor aktif", "Panduan mutu disahkan", "Kepuasan peserta"}
    assert rows["Jumlah asesor aktif"]["persen"] == pytest.approx(90.0)
    assert rows["Jumlah asesor aktif"]["lampu"] == "kuning"
    assert rows["Jumlah asesor aktif"]["catatan"] == new
    assert rows["Panduan mutu disahkan"]["lampu"] == "merah"
    assert rows["Panduan mutu disahkan"]["nilai_teks"] == "Tidak"
    assert rows["Kepuasan peserta"]["lampu"] == "hijau"
    html = response.content.decode()
    assert "Pelatihan asesor" in html
    assert "Biaya uji" in html


def test_each_plan_has_its_own_indicator_row(client_as, komisi, tim):
    (angka,) = instrumen(("Jumlah asesor aktif", T.ANGKA, 10))
    first = rencana(tim, half_way(sesi(tim)), indikator=[angka])
    second = rencana(tim, half_way(sesi(tim)), indikator=[angka])
    jawab(catatan(first, 1), angka, 10)
    jawab(catatan(second, 1), angka, 2)
    rows = client_as(komisi).get(EMONEV, {"bagian": "indikator"}).context["baris"]
    assert {(r["catatan"].rencana_id, r["lampu"]) for r in rows} == {
        (first.pk, "hijau"),
        (second.pk, "merah"),
    }


def test_indicator_answers_follow_the_date_range(client_as, komisi, tim):
    (angka,) = instrumen(("Jumlah asesor aktif", T.ANGKA, 10))
    plan = rencana(tim, half_way(sesi(tim)), indikator=[angka])
    jawab(catatan(plan, 40), angka, 10)
    jawab(catatan(plan, 1), angka, 3)
    client = client_as(komisi)
    until = (today() - timedelta(days=30)).isoformat()
    rows = client.get(EMONEV, {"bagian": "indikator", "tanggal_sampai": until}).context["baris"]
    assert [r["jawaban"].nilai for r in rows] == [Decimal("10")]


# --- who sees what ----------------------------------------------------------------------------


@pytest.fixture
def dua_tim(tim, tim_lain):
    (angka,) = instrumen(("Jumlah asesor aktif", T.ANGKA, 10))
    mine = half_way(sesi(tim), 50, pemilik_sasaran=pemilik(JABAR))
    theirs = half_way(sesi(tim_lain), 50, pemilik_sasaran=pemilik(JATIM))
    for rtl, team, nilai in ((mine, tim, 10), (theirs, tim_lain, 4)):
        record = catatan(rencana(team, rtl, indikator=[angka]), 1, f"Pendorong {rtl.nomor}")
        progres(record, rtl, 50)
        jawab(record, angka, nilai)
    return mine, theirs


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("komisi", {"mine", "theirs"}),
        ("pimpinan", {"mine", "theirs"}),
        ("fasilitator", {"mine"}),
        ("fasilitator_lain", {"theirs"}),
        ("bksp_user", {"mine"}),
        ("no_role", set()),
    ],
)
def test_each_role_sees_the_rows_it_may_read(request, client_as, dua_tim, role, sees):
    items = dict(zip(("mine", "theirs"), dua_tim, strict=True))
    client = client_as(request.getfixturevalue(role))
    response = client.get(EMONEV)
    assert response.status_code == 200
    assert set(rtl_rows(response)) == {items[name].nomor for name in sees}
    indikator = client.get(EMONEV, {"bagian": "indikator"}).context["baris"]
    assert {r["jawaban"].nilai for r in indikator} == {
        {"mine": Decimal("10"), "theirs": Decimal("4")}[name] for name in sees
    }


def test_bksp_user_does_not_read_factors_of_a_record_outside_their_province(
    client_as, bksp_user, tim
):
    rtl = half_way(sesi(tim), 30, pemilik_sasaran=pemilik(JABAR))
    plan = rencana(tim, rtl, sasaran=[pemilik(JATIM)])  # the visit was to a Jawa Timur target
    progres(catatan(plan, 1, "Rahasia tim lain", "Rahasia"), rtl, 30, realisasi=Decimal("0.3"))
    response = client_as(bksp_user).get(EMONEV)
    row = rtl_rows(response)[rtl.nomor]
    assert row["rtl"].realisasi_terakhir == Decimal("0.3")  # the item's own measure
    assert row["rtl"].faktor_pendorong is None
    assert row["catatan_url"] is None
    assert "Rahasia" not in response.content.decode()


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(EMONEV)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_emonev_refuses_post(client_as, komisi):
    assert client_as(komisi).post(EMONEV).status_code == 405


# --- queries ----------------------------------------------------------------------------------


def populate(n, tim, tim_lain):
    indikator = instrumen(
        ("Jumlah asesor aktif", T.ANGKA, 10),
        ("Panduan mutu disahkan", T.YA_TIDAK, 1),
        ("Kepuasan peserta", T.SKALA, 4),
    )
    for i in range(n):
        team = tim if i % 2 else tim_lain
        rtl = half_way(
            sesi(team), (i * 13) % 101, pemilik_sasaran=pemilik(JABAR if i % 3 else JATIM)
        )
        record = catatan(
            rencana(team, rtl, indikator=indikator), i % 9, f"Pendorong {i}", "Hambatan"
        )
        progres(record, rtl, rtl.progres, realisasi=i % 4 or None)
        for j, ind in enumerate(indikator):
            jawab(record, ind, (i + j) % 2 if ind.tipe == T.YA_TIDAK else 1 + (i + j) % 4)


@pytest.mark.parametrize("bagian", ["rtl", "indikator"])
@pytest.mark.parametrize("role", ["komisi", "fasilitator", "bksp_user"])
def test_query_count_does_not_grow_with_rows(
    request, client_as, tim, tim_lain, role, bagian, settings
):
    settings.PAGE_SIZE = 100
    client = client_as(request.getfixturevalue(role))
    params = {"bagian": bagian, "provinsi": "", "jenis_sasaran": "lsp"}
    populate(5, tim, tim_lain)
    small = count_queries(client, EMONEV, params)
    populate(55, tim, tim_lain)
    assert count_queries(client, EMONEV, params) == small
    assert small <= 16
