"""The doors: who reads and who writes which advocacy records."""

import pytest

from advokasi import selectors
from advokasi.tests.factories import (
    BimbinganFactory,
    FgdFactory,
    KelompokFactory,
    PermasalahanFactory,
    RtlFactory,
    SurveiFactory,
)
from lsp.tests.factories import LspFactory, provinsi

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(tim, tim_lain):
    """One chain of records per team: tim works in Jawa Barat, tim_lain in Jawa Timur."""
    built = {}
    for key, team, prov in [("mine", tim, "Jawa Barat"), ("other", tim_lain, "Jawa Timur")]:
        lsp = LspFactory(sasaran__provinsi=provinsi(prov)).sasaran
        survei = SurveiFactory(tim=team, sasaran=[lsp])
        problem = PermasalahanFactory(survei=survei, sasaran=lsp)
        fgd = FgdFactory(tim=team, permasalahan=[problem])
        group = KelompokFactory(tim=team, permasalahan=[problem])
        session = BimbinganFactory(tim=team, sasaran=[lsp])
        rtl = RtlFactory(bimbingan=session, pemilik_sasaran=lsp, permasalahan=problem)
        built[key] = {
            "survei": survei,
            "permasalahan": problem,
            "fgd": fgd,
            "kelompok": group,
            "bimbingan": session,
            "rtl": rtl,
        }
    return built


READ = {
    "survei": selectors.survei_for_user,
    "permasalahan": selectors.permasalahan_for_user,
    "fgd": selectors.fgd_for_user,
    "kelompok": selectors.kelompok_for_user,
    "bimbingan": selectors.bimbingan_for_user,
    "rtl": selectors.rtl_for_user,
}
WRITE = {
    "survei": selectors.survei_editable_by,
    "permasalahan": selectors.permasalahan_editable_by,
    "fgd": selectors.fgd_editable_by,
    "kelompok": selectors.kelompok_editable_by,
    "bimbingan": selectors.bimbingan_editable_by,
    "rtl": selectors.rtl_editable_by,
}


def visible(door, user, records):
    ids = set(door(user).values_list("pk", flat=True))
    return {key for key in ("mine", "other") if records[key]["pk"] in ids}


def _pks(records, kind):
    return {key: {"pk": records[key][kind].pk} for key in records}


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
def test_each_role_reads_and_writes_exactly_its_records(
    request, records, kind, role, reads, writes
):
    user = request.getfixturevalue(role)
    by_kind = _pks(records, kind)
    assert visible(READ[kind], user, by_kind) == reads
    assert visible(WRITE[kind], user, by_kind) == writes


def test_read_doors_never_duplicate_a_record_with_several_targets(tim, bksp_user):
    targets = [LspFactory(sasaran__provinsi=provinsi("Jawa Barat")).sasaran for _ in range(3)]
    survei = SurveiFactory(tim=tim, sasaran=targets)
    session = BimbinganFactory(tim=tim, sasaran=targets)
    assert list(selectors.survei_for_user(bksp_user)) == [survei]
    assert list(selectors.bimbingan_for_user(bksp_user)) == [session]


def test_anonymous_users_see_nothing(records):
    from django.contrib.auth.models import AnonymousUser

    for door in [*READ.values(), *WRITE.values()]:
        assert not door(AnonymousUser()).exists()


def test_only_the_komisi_may_file_records_under_any_team(komisi, fasilitator, tim, tim_lain):
    assert set(selectors.tim_for_records(komisi)) == {tim, tim_lain}
    assert list(selectors.tim_for_records(fasilitator)) == [tim]


def test_evidence_files_follow_their_records(records, fasilitator, fasilitator_lain, tmp_path):
    from django.core.files.base import ContentFile

    from advokasi.models import Lampiran

    file = Lampiran(
        nama_asli="notulen.pdf",
        jenis=Lampiran.Jenis.NOTULEN,
        tipe_mime="application/pdf",
        ukuran=4,
        diunggah_oleh=fasilitator,
        bimbingan=records["mine"]["bimbingan"],
    )
    file.berkas.save("notulen.pdf", ContentFile(b"%PDF"), save=True)
    assert list(selectors.lampiran_for_user(fasilitator)) == [file]
    assert not selectors.lampiran_for_user(fasilitator_lain).exists()
