"""The mapping matrix (§4.1): problems per target and category, counted by hand here."""

from datetime import date
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advokasi.models import Permasalahan
from advokasi.tests.factories import PermasalahanFactory, SurveiFactory
from lsp.tests.factories import LspFactory, SasaranFactory, provinsi

pytestmark = pytest.mark.django_db

URL = reverse("advokasi:pemetaan")
LIST = reverse("advokasi:permasalahan-list")
S = Permasalahan.Status


@pytest.fixture
def world(tim, tim_lain):
    """Four targets and thirteen problems; the expected matrices below are counted by hand.

    alfa (LSP P1, Jawa Barat):  a open (Jan), a open (Feb), d ditutup (Jan), b dibahas (Feb)
    bravo (LSP P3, Jawa Barat): c open (Jan), c selesai (Jan)
    cakra (LSP P1, Jawa Timur): d open ×3 (Mar, the other team)
    delta (asosiasi, Jawa Barat): a open (Jan)
    """
    alfa = LspFactory(
        sasaran__nama="LSP Alfa", sasaran__provinsi=provinsi("Jawa Barat"), jenis_lsp="P1"
    ).sasaran
    bravo = LspFactory(
        sasaran__nama="LSP Bravo", sasaran__provinsi=provinsi("Jawa Barat"), jenis_lsp="P3"
    ).sasaran
    cakra = LspFactory(
        sasaran__nama="LSP Cakra", sasaran__provinsi=provinsi("Jawa Timur"), jenis_lsp="P1"
    ).sasaran
    delta = SasaranFactory(nama="Asosiasi Delta", provinsi=provinsi("Jawa Barat"))
    january = SurveiFactory(tim=tim, tanggal=date(2026, 1, 10), sasaran=[alfa, bravo, delta])
    february = SurveiFactory(tim=tim, tanggal=date(2026, 2, 15), sasaran=[alfa])
    march = SurveiFactory(tim=tim_lain, tanggal=date(2026, 3, 10), sasaran=[cakra])

    def problem(survei, target, kategori, status=S.TERIDENTIFIKASI, **extra):
        return PermasalahanFactory(
            survei=survei, sasaran=target, kategori=kategori, status=status, **extra
        )

    problem(january, alfa, "a")
    problem(february, alfa, "a")
    problem(january, alfa, "d", S.DITUTUP, alasan_penutupan="tidak_relevan")
    problem(february, alfa, "b", S.DIBAHAS)
    problem(january, bravo, "c")
    problem(january, bravo, "c", S.SELESAI)
    for _ in range(3):
        problem(march, cakra, "d")
    problem(january, delta, "a")
    return {"alfa": alfa, "bravo": bravo, "cakra": cakra, "delta": delta}


def matrix(response):
    """{target name: [a, b, c, d, total]} and the totals row, as the page shows them."""
    assert response.status_code == 200
    ctx = response.context
    rows = {
        row["sasaran__nama"]: [count for count, _url in row["cells"]] + [row["total"]]
        for row in ctx["rows"]
    }
    totals = [count for count, _url in ctx["totals"]] + [ctx["total"][0]]
    return rows, totals


def test_open_problems_are_counted_per_target_and_category_by_default(client_as, komisi, world):
    rows, totals = matrix(client_as(komisi).get(URL))
    assert rows == {
        "LSP Alfa": [2, 1, 0, 0, 3],
        "LSP Cakra": [0, 0, 0, 3, 3],
        "Asosiasi Delta": [1, 0, 0, 0, 1],
        "LSP Bravo": [0, 0, 1, 0, 1],
    }
    # Most problems first, then by name.
    assert list(rows) == ["LSP Alfa", "LSP Cakra", "Asosiasi Delta", "LSP Bravo"]
    assert totals == [3, 1, 1, 3, 8]


def test_all_statuses_can_be_counted(client_as, komisi, world):
    rows, totals = matrix(client_as(komisi).get(URL, {"status": "semua"}))
    assert rows == {
        "LSP Alfa": [2, 1, 0, 1, 4],
        "LSP Cakra": [0, 0, 0, 3, 3],
        "LSP Bravo": [0, 0, 2, 0, 2],
        "Asosiasi Delta": [1, 0, 0, 0, 1],
    }
    assert totals == [3, 1, 2, 4, 10]


def test_filters_by_province_lsp_kind_and_survey_period(client_as, komisi, world):
    client = client_as(komisi)
    rows, totals = matrix(client.get(URL, {"provinsi": provinsi("Jawa Barat").pk}))
    assert set(rows) == {"LSP Alfa", "LSP Bravo", "Asosiasi Delta"}
    assert totals == [3, 1, 1, 0, 5]

    rows, totals = matrix(client.get(URL, {"jenis_lsp": "P1"}))
    assert rows == {"LSP Alfa": [2, 1, 0, 0, 3], "LSP Cakra": [0, 0, 0, 3, 3]}
    assert totals == [2, 1, 0, 3, 6]

    period = {"tanggal_dari": "2026-02-01", "tanggal_sampai": "2026-02-28"}
    rows, totals = matrix(client.get(URL, period))
    assert rows == {"LSP Alfa": [1, 1, 0, 0, 2]}
    assert totals == [1, 1, 0, 0, 2]


@pytest.mark.parametrize(
    ("role", "expected_rows", "expected_totals"),
    [
        ("fasilitator", {"LSP Alfa", "Asosiasi Delta", "LSP Bravo"}, [3, 1, 1, 0, 5]),
        ("fasilitator_lain", {"LSP Cakra"}, [0, 0, 0, 3, 3]),
        ("bksp_user", {"LSP Alfa", "Asosiasi Delta", "LSP Bravo"}, [3, 1, 1, 0, 5]),
        ("bksp_lain", {"LSP Cakra"}, [0, 0, 0, 3, 3]),
        ("pimpinan", {"LSP Alfa", "LSP Cakra", "Asosiasi Delta", "LSP Bravo"}, [3, 1, 1, 3, 8]),
        ("no_role", set(), [0, 0, 0, 0, 0]),
    ],
)
def test_each_role_maps_only_the_problems_it_may_read(
    request, client_as, world, role, expected_rows, expected_totals
):
    rows, totals = matrix(client_as(request.getfixturevalue(role)).get(URL))
    assert set(rows) == expected_rows
    assert totals == expected_totals


def test_bksp_user_cannot_map_another_province_by_filtering(client_as, bksp_user, world):
    response = client_as(bksp_user).get(URL, {"provinsi": provinsi("Jawa Timur").pk})
    rows, _totals = matrix(response)
    assert "LSP Cakra" not in rows
    assert "LSP Cakra" not in response.content.decode()


def _listed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.context["page"].paginator.count


def test_every_non_zero_cell_links_to_exactly_its_problems(client_as, komisi, world):
    client = client_as(komisi)
    response = client.get(URL)
    html = response.content.decode()
    for row in response.context["rows"]:
        for count, url in row["cells"]:
            query = parse_qs(urlparse(url).query)
            assert urlparse(url).path == LIST
            assert query["sasaran"] == [str(row["sasaran"])]
            assert query["status"] == ["terbuka"]
            if count:
                assert url.replace("&", "&amp;") in html
                assert _listed(client, url) == count
        assert _listed(client, row["total_url"]) == row["total"]
    for count, url in response.context["totals"]:
        assert _listed(client, url) == count


def test_links_keep_the_period_status_and_scope_of_the_matrix(client_as, komisi, world):
    client = client_as(komisi)
    params = {
        "status": "semua",
        "tanggal_dari": "2026-01-01",
        "tanggal_sampai": "2026-01-31",
        "provinsi": provinsi("Jawa Barat").pk,
    }
    response = client.get(URL, params)
    rows, totals = matrix(response)
    assert rows["LSP Alfa"] == [1, 0, 0, 1, 2]
    assert rows["LSP Bravo"] == [0, 0, 2, 0, 2]
    alfa = next(r for r in response.context["rows"] if r["sasaran__nama"] == "LSP Alfa")
    closed_cell = alfa["cells"][3][1]
    assert "status" not in parse_qs(urlparse(closed_cell).query)
    assert _listed(client, closed_cell) == 1
    assert totals == [2, 0, 2, 1, 5]
    for count, url in response.context["totals"]:
        assert parse_qs(urlparse(url).query)["provinsi"] == [str(provinsi("Jawa Barat").pk)]
        assert _listed(client, url) == count


def test_zero_cells_are_not_links(client_as, komisi, world):
    response = client_as(komisi).get(URL)
    cakra = next(r for r in response.context["rows"] if r["sasaran__nama"] == "LSP Cakra")
    empty_url = cakra["cells"][0][1]
    assert empty_url.replace("&", "&amp;") not in response.content.decode()


def test_rows_are_paginated_and_the_totals_cover_every_page(client_as, komisi, world, settings):
    settings.PAGE_SIZE = 3
    client = client_as(komisi)
    first, totals = matrix(client.get(URL))
    second, totals_again = matrix(client.get(URL, {"halaman": "2"}))
    assert list(first) == ["LSP Alfa", "LSP Cakra", "Asosiasi Delta"]
    assert list(second) == ["LSP Bravo"]
    assert totals == totals_again == [3, 1, 1, 3, 8]


def test_a_backwards_period_is_refused_beside_the_field_and_the_defaults_apply(
    client_as, komisi, world
):
    response = client_as(komisi).get(
        URL, {"tanggal_dari": "2026-03-01", "tanggal_sampai": "2026-01-01"}
    )
    assert "setelah awal" in str(response.context["form"].errors["tanggal_sampai"])
    _rows, totals = matrix(response)
    assert totals == [3, 1, 1, 3, 8]


def test_unknown_filter_values_do_not_break_the_page(client_as, komisi, world):
    response = client_as(komisi).get(
        URL, {"provinsi": "999999", "jenis_lsp": "P9", "tanggal_dari": "x", "halaman": "abc"}
    )
    assert response.status_code == 200


def test_empty_map_says_so(client_as, komisi):
    response = client_as(komisi).get(URL)
    assert response.status_code == 200
    assert "Tidak ada permasalahan" in response.content.decode()


def test_anonymous_user_is_sent_to_login_and_post_is_refused(client, client_as, komisi):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert client_as(komisi).post(URL).status_code == 405


@pytest.mark.parametrize("role", ["komisi", "fasilitator", "bksp_user"])
def test_query_count_does_not_grow_with_targets_or_problems(request, client_as, tim, role):
    client = client_as(request.getfixturevalue(role))

    def populate(n):
        for i in range(n):
            target = LspFactory(sasaran__provinsi=provinsi("Jawa Barat")).sasaran
            survei = SurveiFactory(tim=tim, sasaran=[target])
            for kategori in "abcd"[: 1 + i % 4]:
                PermasalahanFactory(survei=survei, sasaran=target, kategori=kategori)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL, {"jenis_lsp": "P3", "status": "semua"}).status_code == 200
        return len(ctx)

    populate(2)
    small = count()
    populate(30)
    assert count() == small
    assert small <= 15
