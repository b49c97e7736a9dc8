"""The data version (akun.versi) that cached figures are keyed on: it moves with every save,
delete and many-to-many change of the product's records, and with nothing else."""

import pytest
from django.core.cache import cache

from advokasi.tests.factories import BimbinganFactory, RtlFactory
from akun.models import Notifikasi
from akun.versi import versi_data
from lsp.tests.factories import LspFactory

pytestmark = pytest.mark.django_db


def test_saving_changing_and_deleting_a_record_moves_the_version(fasilitator):
    before = versi_data()
    rtl = RtlFactory()
    after_create = versi_data()
    assert after_create != before
    rtl.progres = 55
    rtl.save()
    after_save = versi_data()
    assert after_save != after_create
    rtl.delete()
    assert versi_data() != after_save


def test_a_many_to_many_change_moves_the_version(fasilitator):
    bimbingan = BimbinganFactory()
    before = versi_data()
    bimbingan.fasilitator.add(fasilitator)
    assert versi_data() != before


def test_registry_records_move_it_and_notifications_do_not(fasilitator):
    before = versi_data()
    LspFactory()
    moved = versi_data()
    assert moved != before
    Notifikasi.objects.create(
        user=fasilitator,
        jenis=Notifikasi.Jenis.choices[0][0],
        kunci="uji",
        tanggal="2026-11-27",
        pesan="RTL jatuh tempo",
    )
    assert versi_data() == moved


def test_a_fresh_cache_starts_a_new_version():
    first = versi_data()
    cache.clear()
    assert versi_data() != first


def test_the_version_moves_again_when_the_save_is_committed(django_capture_on_commit_callbacks):
    """A page read between a save and its commit saw the old data: what it cached under the
    moved number must not outlive the commit."""
    with django_capture_on_commit_callbacks(execute=True):  # the test's own transaction
        rtl = RtlFactory()
        rtl.progres = 40
        rtl.save()
        at_save = versi_data()
    assert versi_data() != at_save


def test_a_transaction_saving_many_records_moves_it_once_more_at_its_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        RtlFactory.create_batch(3)
    assert len(callbacks) == 1
