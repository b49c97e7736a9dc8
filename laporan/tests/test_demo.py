"""The demo office has reports at two points of their life, written through the services."""

from io import StringIO

import pytest
from django.core.management import call_command

from laporan.models import Laporan

pytestmark = pytest.mark.django_db


def test_demo_reports_show_a_draft_and_an_approved_report_once():
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out)
    reports = {r.status: r for r in Laporan.objects.all()}
    assert set(reports) == {Laporan.Status.DRAFT, Laporan.Status.DISETUJUI}
    approved = reports[Laporan.Status.DISETUJUI]
    assert approved.tanggal_pembahasan and approved.disetujui_oleh.username == "komisi"
    assert approved.history.count() == 3, "created, discussed, approved: each in the history"
    assert "Laporan demo: 2 laporan" in out.getvalue()
    for report in reports.values():
        report.full_clean()

    call_command("seed_demo", force=True, stdout=StringIO())
    assert Laporan.objects.count() == 2
