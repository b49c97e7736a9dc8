from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from lsp.models import Lsp, Sasaran
from lsp.tests.factories import LspFactory, SasaranFactory, TukFactory, bksp, provinsi

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 26)


def test_the_38_provinces_are_loaded_by_migration():
    from lsp.models import Provinsi

    assert Provinsi.objects.count() == 38
    assert Provinsi.objects.get(kode="96").nama == "Papua Barat Daya"


@pytest.mark.parametrize(
    ("expires", "status"),
    [
        (TODAY - timedelta(days=1), Lsp.StatusLisensi.KEDALUWARSA),
        (TODAY, Lsp.StatusLisensi.SEGERA_HABIS),
        (TODAY + timedelta(days=90), Lsp.StatusLisensi.SEGERA_HABIS),
        (TODAY + timedelta(days=91), Lsp.StatusLisensi.AKTIF),
    ],
)
def test_license_status_is_derived_from_expiry_in_python_and_sql(expires, status):
    lsp = LspFactory(tanggal_lisensi=date(2020, 1, 1), tanggal_kedaluwarsa=expires)
    assert lsp.status_lisensi(TODAY) == status
    annotated = Sasaran.objects.with_status_lisensi(TODAY).get(pk=lsp.pk)
    assert annotated.status_lisensi_kode == status
    assert list(Sasaran.objects.status_lisensi(status, TODAY)) == [lsp.sasaran]


def test_a_province_has_at_most_one_bksp():
    bksp("Jawa Barat")
    duplicate = Sasaran(jenis=Sasaran.Jenis.BKSP, nama="BKSP Lain", provinsi=provinsi("Jawa Barat"))
    with pytest.raises(ValidationError, match="sudah memiliki BKSP"):
        duplicate.full_clean()
    with pytest.raises(IntegrityError):
        duplicate.save()


def test_other_kinds_may_share_a_province_with_its_bksp():
    bksp("Jawa Barat")
    SasaranFactory(provinsi=provinsi("Jawa Barat"))
    SasaranFactory(provinsi=provinsi("Jawa Barat"))
    assert Sasaran.objects.filter(provinsi__nama="Jawa Barat").count() == 3


def test_license_must_end_after_it_starts_in_the_database():
    lsp = LspFactory.build(
        sasaran=SasaranFactory(jenis=Sasaran.Jenis.LSP),
        tanggal_lisensi=date(2025, 1, 1),
        tanggal_kedaluwarsa=date(2025, 1, 1),
    )
    with pytest.raises(IntegrityError):
        lsp.save()


def test_license_numbers_are_unique():
    LspFactory(nomor_lisensi="BNSP-LSP-0001-ID")
    with pytest.raises(IntegrityError):
        LspFactory(nomor_lisensi="BNSP-LSP-0001-ID")


def test_every_change_is_kept_in_history_with_its_author(komisi):
    lsp = LspFactory()
    sasaran = lsp.sasaran
    sasaran._history_user = komisi
    sasaran.nama = "LSP Nama Baru"
    sasaran.save()
    latest = sasaran.history.latest()
    assert latest.nama == "LSP Nama Baru"
    assert latest.history_user == komisi
    assert sasaran.history.count() == 2


def test_tuk_belongs_to_an_lsp():
    tuk = TukFactory()
    assert tuk.lsp.tuks.get() == tuk
