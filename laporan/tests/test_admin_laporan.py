import pytest
from django.urls import reverse

from laporan.models import Laporan
from laporan.tests.factories import LaporanFactory

pytestmark = pytest.mark.django_db


def test_admin_may_delete_a_draft_but_not_a_report_already_discussed(client_as, admin_user):
    client = client_as(admin_user)
    draft = LaporanFactory(status=Laporan.Status.DRAFT)
    dibahas = LaporanFactory(status=Laporan.Status.DIBAHAS)

    refused = client.post(
        reverse("admin:laporan_laporan_delete", args=[dibahas.pk]), {"post": "yes"}
    )
    allowed = client.post(reverse("admin:laporan_laporan_delete", args=[draft.pk]), {"post": "yes"})

    assert refused.status_code == 403
    assert allowed.status_code == 302
    assert list(Laporan.objects.values_list("pk", flat=True)) == [dibahas.pk]
