"""The target's story on its LSP/BKSP/TUK page: what happened, in order, as the viewer may see."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advokasi import selectors_cerita
from advokasi.models import Bimbingan, Permasalahan, Rtl
from advokasi.selectors_cerita import sasaran_cerita
from advokasi.tests.factories import (
    BimbinganFactory,
    FgdFactory,
    KelompokFactory,
    PermasalahanFactory,
    RtlFactory,
    SurveiFactory,
)
from lsp.tests.factories import LspFactory, bksp, provinsi

pytestmark = pytest.mark.django_db


@pytest.fixture
def lsp():
    return LspFactory(
        sasaran__nama="LSP Energi Parahyangan", sasaran__provinsi=provinsi("Jawa Barat")
    ).sasaran


def build_chain(team, sasaran, *, start: date, label: str) -> dict:
    """Survey → problem → FGD → priority group → session → RTL item, a few weeks apart."""
    survei = SurveiFactory(tim=team, sasaran=[sasaran], tanggal=start, ringkasan=f"Survei {label}")
    problem = PermasalahanFactory(
        survei=survei, sasaran=sasaran, uraian=f"Masalah {label}", status="dibahas"
    )
    fgd = FgdFactory(tim=team, permasalahan=[problem], tanggal=start.replace(day=20))
    group = KelompokFactory(tim=team, permasalahan=[problem], nama=f"Kelompok {label}")
    session = BimbinganFactory(
        tim=team,
        sasaran=[sasaran],
        tanggal=date(start.year, start.month + 1, 5),
        status=Bimbingan.Status.TERLAKSANA,
    )
    rtl = RtlFactory(
        bimbingan=session,
        permasalahan=problem,
        pemilik_sasaran=sasaran,
        tindakan=f"Tindakan {label}",
        tanggal_disepakati=session.tanggal,
        batas_waktu=date(2020, 1, 31),  # long past: overdue while open
    )
    return {
        "survei": survei,
        "permasalahan": problem,
        "fgd": fgd,
        "kelompok": group,
        "bimbingan": session,
        "rtl": rtl,
    }


def numbers(entries) -> list[str]:
    return [e["nomor"] for e in entries]


def test_story_lists_every_kind_oldest_first_with_links_and_badges(komisi, tim, lsp):
    chain = build_chain(tim, lsp, start=date(2026, 3, 2), label="A")
    entries = sasaran_cerita(user=komisi, sasaran=lsp)
    kinds = [e["jenis"] for e in entries]
    assert kinds[:3] == ["survei", "permasalahan", "fgd"]
    assert set(kinds) == {"survei", "permasalahan", "fgd", "kelompok", "bimbingan", "rtl"}
    dates = [e["tanggal"] for e in entries]
    assert dates == sorted(dates)
    by_kind = {e["jenis"]: e for e in entries}
    problem = by_kind["permasalahan"]
    assert problem["nomor"] == chain["permasalahan"].nomor
    assert problem["url"] == chain["permasalahan"].get_absolute_url()
    assert problem["ringkasan"] == "Masalah A"
    assert problem["lencana"][0] == {"teks": "Dibahas (FGD)", "kelas": "text-bg-info"}
    assert "membahas 1 permasalahan sasaran ini" in by_kind["fgd"]["ringkasan"]
    rtl = by_kind["rtl"]
    assert [b["teks"] for b in rtl["lencana"]] == ["Rencana", "Terlambat"]
    assert rtl["batas_waktu"] == date(2020, 1, 31)


def test_closed_rtl_is_not_overdue(komisi, tim, lsp):
    chain = build_chain(tim, lsp, start=date(2026, 3, 2), label="A")
    Rtl.objects.filter(pk=chain["rtl"].pk).update(
        status=Rtl.Status.SELESAI, tanggal_selesai=date(2026, 6, 1), progres=100
    )
    [rtl] = [e for e in sasaran_cerita(user=komisi, sasaran=lsp) if e["jenis"] == "rtl"]
    assert [b["teks"] for b in rtl["lencana"]] == ["Selesai"]


def test_fgd_counts_only_the_problems_of_this_target(komisi, tim, lsp):
    other = LspFactory().sasaran
    survei = SurveiFactory(tim=tim, sasaran=[lsp, other])
    mine = PermasalahanFactory.create_batch(2, survei=survei, sasaran=lsp)
    theirs = PermasalahanFactory.create_batch(3, survei=survei, sasaran=other)
    FgdFactory(tim=tim, permasalahan=[*mine, *theirs])
    [fgd] = [e for e in sasaran_cerita(user=komisi, sasaran=lsp) if e["jenis"] == "fgd"]
    assert "membahas 2 permasalahan" in fgd["ringkasan"]


def test_fasilitator_of_another_team_sees_only_their_own_teams_records(
    fasilitator, fasilitator_lain, tim, tim_lain, lsp
):
    mine = build_chain(tim, lsp, start=date(2026, 3, 2), label="Tim A")
    theirs = build_chain(tim_lain, lsp, start=date(2026, 4, 2), label="Tim B")
    seen_by_other = numbers(sasaran_cerita(user=fasilitator_lain, sasaran=lsp))
    assert sorted(seen_by_other) == sorted(r.nomor for r in theirs.values())
    assert not set(seen_by_other) & {r.nomor for r in mine.values()}
    seen_by_mine = numbers(sasaran_cerita(user=fasilitator, sasaran=lsp))
    assert sorted(seen_by_mine) == sorted(r.nomor for r in mine.values())


def test_fasilitator_of_another_team_does_not_see_them_on_the_page(
    client_as, fasilitator_lain, tim, lsp
):
    chain = build_chain(tim, lsp, start=date(2026, 3, 2), label="A")
    html = client_as(fasilitator_lain).get(lsp.get_absolute_url()).content.decode()
    assert "Riwayat advokasi" in html
    assert chain["bimbingan"].nomor not in html
    assert chain["permasalahan"].nomor not in html
    assert "Belum ada catatan advokasi untuk sasaran ini yang dapat Anda lihat." in html


def test_bksp_user_sees_the_story_of_targets_in_their_province_only(client_as, bksp_user, tim, lsp):
    build_chain(tim, lsp, start=date(2026, 3, 2), label="Jabar")
    jatim = LspFactory(sasaran__provinsi=provinsi("Jawa Timur")).sasaran
    build_chain(tim, jatim, start=date(2026, 3, 2), label="Jatim")
    assert len(sasaran_cerita(user=bksp_user, sasaran=lsp)) == 6
    assert sasaran_cerita(user=bksp_user, sasaran=jatim) == []
    client = client_as(bksp_user)
    assert "Masalah Jabar" in client.get(lsp.get_absolute_url()).content.decode()
    assert client.get(jatim.get_absolute_url()).status_code == 404


def test_bksp_target_page_shows_its_own_guidance_sessions(client_as, komisi, tim):
    target = bksp("Jawa Barat")
    session = BimbinganFactory(tim=tim, sasaran=[target], jenis="bksp", tempat="Kantor BKSP")
    html = client_as(komisi).get(target.get_absolute_url()).content.decode()
    assert session.nomor in html
    assert "Kantor BKSP" in html


def test_user_without_role_sees_no_story(no_role, tim, lsp):
    build_chain(tim, lsp, start=date(2026, 3, 2), label="A")
    assert sasaran_cerita(user=no_role, sasaran=lsp) == []


def test_page_shows_the_story_in_order_with_links_to_the_lists(client_as, komisi, tim, lsp):
    early = build_chain(tim, lsp, start=date(2026, 1, 5), label="Awal")
    late = build_chain(tim, lsp, start=date(2026, 6, 5), label="Akhir")
    html = client_as(komisi).get(lsp.get_absolute_url()).content.decode()
    assert "Riwayat advokasi" in html
    assert html.index(early["survei"].nomor) < html.index(late["survei"].nomor)
    assert html.index(early["rtl"].nomor) < html.index(late["survei"].nomor)
    assert "5 Januari 2026" in html
    assert "Terlambat" in html
    assert f'href="{early["permasalahan"].get_absolute_url()}"' in html
    assert f"?sasaran={lsp.pk}" in html  # "lihat semua permasalahan"


def test_story_keeps_only_the_latest_entries(komisi, tim, lsp, monkeypatch):
    monkeypatch.setattr(selectors_cerita, "BATAS", 4)
    session = BimbinganFactory(tim=tim, sasaran=[lsp], tanggal=date(2026, 1, 2))
    items = [
        RtlFactory(bimbingan=session, pemilik_sasaran=lsp, tanggal_disepakati=date(2026, 2, day))
        for day in range(1, 8)
    ]
    entries = sasaran_cerita(user=komisi, sasaran=lsp)
    assert numbers(entries) == [r.nomor for r in items[-4:]]


def test_story_runs_one_query_per_kind(komisi, tim, lsp, django_assert_num_queries):
    build_chain(tim, lsp, start=date(2026, 3, 2), label="A")
    sasaran_cerita(user=komisi, sasaran=lsp)  # the user's roles are then cached on the user
    with django_assert_num_queries(6):
        sasaran_cerita(user=komisi, sasaran=lsp)


@pytest.mark.parametrize("role", ["komisi", "fasilitator", "bksp_user"])
def test_page_query_count_is_the_same_for_2_and_30_records(request, client_as, role, tim, lsp):
    client = client_as(request.getfixturevalue(role))

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(lsp.get_absolute_url()).status_code == 200
        return len(ctx)

    survei = SurveiFactory(tim=tim, sasaran=[lsp])
    PermasalahanFactory(survei=survei, sasaran=lsp, status=Permasalahan.Status.SELESAI)
    assert len(sasaran_cerita(user=request.getfixturevalue(role), sasaran=lsp)) == 2
    small = count()
    for i in range(1, 6):
        build_chain(tim, lsp, start=date(2026, 3, 2 + i), label=str(i))
    assert len(sasaran_cerita(user=request.getfixturevalue(role), sasaran=lsp)) == 32
    assert count() == small


def test_page_reads_the_story_once_until_a_record_changes(client_as, komisi, tim, lsp):
    chain = build_chain(tim, lsp, start=date(2026, 3, 2), label="A")
    client = client_as(komisi)

    def visit():
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(lsp.get_absolute_url()).content.decode()
        return html, len(ctx)

    _html, first = visit()
    html, second = visit()
    assert second == first - 6  # the six reads of the story come from the cache
    assert chain["rtl"].nomor in html
    late = RtlFactory(
        bimbingan=chain["bimbingan"], pemilik_sasaran=lsp, tanggal_disepakati=date(2026, 5, 1)
    )
    html, third = visit()
    assert late.nomor in html  # a saved record shows on the next request
    assert third == first


def test_a_cached_story_is_never_shown_to_a_user_who_may_not_read_it(
    client_as, komisi, fasilitator, fasilitator_lain, tim, lsp
):
    chain = build_chain(tim, lsp, start=date(2026, 3, 2), label="A")
    for user in (komisi, fasilitator):  # the story of everything, and of team A, now cached
        assert chain["rtl"].nomor in client_as(user).get(lsp.get_absolute_url()).content.decode()
    html = client_as(fasilitator_lain).get(lsp.get_absolute_url()).content.decode()
    assert chain["rtl"].nomor not in html
    assert chain["permasalahan"].nomor not in html
