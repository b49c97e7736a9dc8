"""The change history shown on record pages: readable values, and a fixed number of queries."""

from datetime import date

import pytest

from advokasi.models import Rtl, Tim
from advokasi.services.tim import tim_save
from advokasi.tests.factories import RtlFactory, TimFactory
from akun.riwayat import riwayat
from lsp.tests.factories import LspFactory

pytestmark = pytest.mark.django_db


def _change(entries, label):
    return next(c for e in entries for c in e["changes"] if c["label"] == label)


def test_changed_link_date_and_choice_are_shown_as_people_read_them(komisi):
    rtl = RtlFactory(batas_waktu=date(2026, 8, 31))
    old_owner = rtl.pemilik_sasaran
    new_owner = LspFactory(sasaran__nama="LSP Pariwisata Nusantara").sasaran
    rtl.pemilik_sasaran = new_owner
    rtl.batas_waktu = date(2026, 9, 30)
    rtl.status = Rtl.Status.BERJALAN
    rtl.save()

    entries = riwayat((rtl.history.all(), Rtl))

    owner = _change(entries, Rtl._meta.get_field("pemilik_sasaran").verbose_name)
    assert (owner["old"], owner["new"]) == (str(old_owner), "LSP Pariwisata Nusantara")
    due = _change(entries, Rtl._meta.get_field("batas_waktu").verbose_name)
    assert (due["old"], due["new"]) == ("31 Agustus 2026", "30 September 2026")
    status = _change(entries, Rtl._meta.get_field("status").verbose_name)
    assert status["new"] == Rtl.Status.BERJALAN.label


def test_team_membership_changes_name_the_members(komisi, fasilitator, django_user_model):
    tim = TimFactory(anggota=[fasilitator])
    rina = django_user_model.objects.create_user("rina", first_name="Rina", last_name="Wulandari")
    tim_save(tim=tim, anggota=[fasilitator, rina], sasaran=[], user=komisi)

    members = _change(
        riwayat((tim.history.all(), Tim)), Tim._meta.get_field("anggota").verbose_name
    )

    assert "Rina Wulandari" in members["new"]
    assert "Rina Wulandari" not in members["old"]


def test_history_costs_the_same_queries_for_two_changes_or_twenty(
    komisi, django_assert_num_queries
):
    def edit(rtl, times):
        for i in range(times):
            rtl.pemilik_sasaran = LspFactory().sasaran
            rtl.progres = i
            rtl.save()

    few, many = RtlFactory(), RtlFactory()
    edit(few, 2)
    edit(many, 20)

    # One query for the history rows (their links joined in), whatever the number of changes.
    with django_assert_num_queries(1):
        riwayat((few.history.all(), Rtl))
    with django_assert_num_queries(1):
        assert len(riwayat((many.history.all(), Rtl))) == 21
