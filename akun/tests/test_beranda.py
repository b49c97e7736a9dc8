from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, translation

from lsp.tests.factories import LspFactory, SasaranFactory, bksp, provinsi

pytestmark = pytest.mark.django_db
HOME = reverse("beranda")


def test_dates_read_as_bnsp_writes_them():
    with translation.override("id"):
        assert formats.date_format(date(2012, 6, 11)) == "11 Juni 2012"


def test_home_shows_real_figures_from_the_registry(client_as, komisi):
    today = date.today()
    LspFactory.create_batch(3, jenis_lsp="P1")
    LspFactory(
        tanggal_lisensi=today - timedelta(days=1800),
        tanggal_kedaluwarsa=today + timedelta(days=30),
        sasaran__nama="LSP Hampir Habis",
    )
    bksp("Aceh")
    SasaranFactory()
    response = client_as(komisi).get(HOME)
    summary = response.context["ringkasan"]
    assert summary["total"] == 6
    assert summary["lsp"]["total"] == 4
    assert summary["lsp"]["p1"] == 3
    assert summary["lsp"]["segera_habis"] == 1
    assert "LSP Hampir Habis" in response.content.decode()


def test_bksp_home_counts_only_their_province(client_as, bksp_user):
    LspFactory(sasaran__provinsi=provinsi("Jawa Barat"))
    LspFactory(sasaran__provinsi=provinsi("Bali"))
    summary = client_as(bksp_user).get(HOME).context["ringkasan"]
    assert summary["lsp"]["total"] == 1


def test_home_query_count_does_not_grow_with_rows(client_as, komisi):
    client = client_as(komisi)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(HOME).status_code == 200
        return len(ctx)

    LspFactory.create_batch(3)
    small = count()
    LspFactory.create_batch(
        60,
        tanggal_kedaluwarsa=date.today() + timedelta(days=10),
        tanggal_lisensi=date.today() - timedelta(days=1000),
    )
    assert count() == small
    assert small <= 14


def test_home_requires_login(client):
    assert client.get(HOME).status_code == 302
