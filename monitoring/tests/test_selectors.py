"""The doors of monitoring: who reads and who writes instruments, plans and records."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from advokasi.models import Rtl
from lsp.tests.factories import LspFactory, provinsi
from monitoring import selectors, services
from monitoring.tests.test_instrumen import buat_instrumen
from monitoring.tests.test_rencana import buat_rencana

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(tim, tim_lain, komisi):
    """One plan and one record per team: tim works in Jawa Barat, tim_lain in Jawa Timur."""
    built = {}
    for key, team, prov in [("mine", tim, "Jawa Barat"), ("other", tim_lain, "Jawa Timur")]:
        rencana = buat_rencana(tim=team, user=komisi, provinsi_nama=prov)
        rtl = rencana.rtl.first()
        catatan = services.catatan_record(
            user=komisi,
            rencana=rencana,
            tanggal=date(2026, 6, 20),
            jawaban={
                i.pk: "1" if i.tipe == "ya_tidak" else "3"
                for i in rencana.instrumen.aspek.get().fokus.get().indikator.all()
            },
            progres=[services.ProgresInput(rtl_id=rtl.pk, status=Rtl.Status.BERJALAN, progres=20)],
        )
        built[key] = {"rencana": rencana, "catatan": catatan}
    return built


READ = {"rencana": selectors.rencana_for_user, "catatan": selectors.catatan_for_user}
WRITE = {"rencana": selectors.rencana_editable_by, "catatan": selectors.catatan_editable_by}


def visible(door, user, records, kind):
    ids = set(door(user).values_list("pk", flat=True))
    return {key for key in ("mine", "other") if records[key][kind].pk in ids}


@pytest.mark.parametrize("kind", list(READ))
@pytest.mark.parametrize(
    ("role", "reads", "writes"),
    [
        ("komisi", {"mine", "other"}, {"mine", "other"}),
        ("admin_user", {"mine", "other"}, {"mine", "other"}),
        ("pimpinan", {"mine", "other"}, set()),
        ("fasilitator", {"mine"}, {"mine"}),
        ("fasilitator_lain", {"other"}, {"other"}),
        ("bksp_user", {"mine"}, set()),
        ("bksp_lain", {"other"}, set()),
        ("no_role", set(), set()),
    ],
)
def test_each_role_reads_and_writes_exactly_its_plans_and_records(
    request, records, kind, role, reads, writes
):
    user = request.getfixturevalue(role)
    assert visible(READ[kind], user, records, kind) == reads
    assert visible(WRITE[kind], user, records, kind) == writes


@pytest.mark.parametrize(
    ("role", "reads", "writes"),
    [
        ("komisi", True, True),
        ("admin_user", True, True),
        ("pimpinan", True, False),
        ("fasilitator", True, False),
        ("bksp_user", True, False),
        ("no_role", False, False),
    ],
)
def test_instruments_are_read_by_every_role_and_written_by_the_komisi(
    request, komisi, role, reads, writes
):
    instrumen = buat_instrumen(komisi)
    user = request.getfixturevalue(role)
    assert selectors.instrumen_for_user(user).filter(pk=instrumen.pk).exists() == reads
    assert selectors.instrumen_editable_by(user).filter(pk=instrumen.pk).exists() == writes


def test_anonymous_users_see_nothing(records):
    anonymous = AnonymousUser()
    doors = [*READ.values(), *WRITE.values()]
    doors += [selectors.instrumen_for_user, selectors.instrumen_editable_by]
    for door in doors:
        assert not door(anonymous).exists()


def test_a_plan_with_targets_in_two_provinces_is_read_by_both_bksp_once(
    records, bksp_user, bksp_lain
):
    rencana = records["mine"]["rencana"]
    rencana.sasaran.add(
        LspFactory(sasaran__provinsi=provinsi("Jawa Barat")).sasaran,
        LspFactory(sasaran__provinsi=provinsi("Jawa Timur")).sasaran,
    )
    assert list(selectors.rencana_for_user(bksp_user)) == [rencana]
    assert rencana in selectors.rencana_for_user(bksp_lain)
    assert records["mine"]["catatan"] in selectors.catatan_for_user(bksp_lain)
    assert selectors.catatan_for_user(bksp_user).count() == 1
