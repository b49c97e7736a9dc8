"""The advocacy demo tells one whole case per team, as an office that has used the product for
most of a year would have it: every stage present, in time order, valid, and readable by role."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Min

from advokasi.models import Bimbingan, Fgd, KelompokMasalah, Permasalahan, Rtl, Survei, Tim
from monitoring.models import CatatanMonitoring, RencanaMonitoring

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out)
    return out.getvalue()


def test_demo_covers_every_stage_of_the_case_and_says_so(seeded):
    for model in (Tim, Survei, Permasalahan, Fgd, KelompokMasalah, Bimbingan, Rtl):
        assert model.objects.exists(), model
    assert RencanaMonitoring.objects.exists() and CatatanMonitoring.objects.exists()
    assert f"{Rtl.objects.count()} RTL" in seeded

    statuses = set(Permasalahan.objects.values_list("status", flat=True))
    assert {Permasalahan.Status.TERIDENTIFIKASI, Permasalahan.Status.SELESAI} <= statuses
    assert set(Rtl.objects.values_list("status", flat=True)) >= {
        Rtl.Status.RENCANA,
        Rtl.Status.BERJALAN,
        Rtl.Status.SELESAI,
    }
    assert any(rtl.terlambat() for rtl in Rtl.objects.all()), "an overdue item to act on"


def test_demo_records_are_valid_and_dated_in_order(seeded):
    for model in (Survei, Permasalahan, Fgd, Bimbingan, Rtl):
        for record in model.objects.all():
            record.full_clean()
    first_survey = Survei.objects.aggregate(first=Min("tanggal"))["first"]
    for tim in Tim.objects.all():
        assert tim.dibuat.date() < first_survey, "teams are formed before they survey"
    for rtl in Rtl.objects.select_related("bimbingan"):
        assert rtl.tanggal_disepakati >= rtl.bimbingan.tanggal


def test_demo_runs_once(seeded):
    counts = [model.objects.count() for model in (Tim, Permasalahan, Rtl)]
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out)
    assert [model.objects.count() for model in (Tim, Permasalahan, Rtl)] == counts
    assert "dilewati" in out.getvalue()
