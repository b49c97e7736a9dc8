"""Every form of the product, posted with generated bad input: never a 500, nothing saved.

Each form's fields are read from its own page; hypothesis then posts submissions in which every
field is left out or given a hostile value (unicode, 100,000 characters, SQL, HTML, template and
spreadsheet-formula payloads, impossible dates and numbers, ids of another team's records). A
rejected submission must change no row of any table of the product (history included); an
accepted one made by a fasilitator must not link their team's records to another team's.
FUZZ_EXAMPLES sets the number of submissions per form: 100 in `make test` (under two minutes of CPU
for all forms), 300 in CI (`FUZZ_EXAMPLES=300 make test PYTEST_ARGS=tests/test_fuzz_formulir.py`).
"""

import os

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.akses.fixtures import (  # noqa: F401 (fixtures)
    _media_in_tmp,
    _media_modul,
    clients,
    dunia,
    request_as,
)
from tests.akses.fuzz import formulir_dari, kiriman, tautan_lintas_tim

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _pk(path):
    def build(w):
        obj = w
        for part in path.split("."):
            obj = getattr(obj, part)
        return {"pk": obj.pk}

    return build


# (URL name, kwargs, query, role, page holding the form: (URL name, kwargs), None for itself)
FORMULIR = [
    ("lsp:sasaran-create", lambda w: {"jenis": "lsp"}, "", "komisi", None),
    ("lsp:sasaran-create", lambda w: {"jenis": "tuk"}, "", "komisi", None),
    ("lsp:sasaran-create", lambda w: {"jenis": "bksp"}, "", "komisi", None),
    ("lsp:sasaran-update", _pk("kami.lsp"), "", "komisi", None),
    ("advokasi:tim-create", lambda w: {}, "", "komisi", None),
    ("advokasi:tim-update", _pk("kami.tim"), "", "komisi", None),
    ("advokasi:survei-create", lambda w: {}, "", "fasilitator", None),
    ("advokasi:survei-update", _pk("kami.survei"), "", "fasilitator", None),
    (
        "advokasi:permasalahan-create",
        lambda w: {"survei_pk": w.kami.survei.pk},
        "",
        "fasilitator",
        None,
    ),
    ("advokasi:permasalahan-update", _pk("kami.permasalahan"), "", "fasilitator", None),
    (
        "advokasi:permasalahan-status",
        _pk("kami.permasalahan"),
        "",
        "fasilitator",
        ("advokasi:permasalahan-detail", _pk("kami.permasalahan")),
    ),
    ("advokasi:fgd-create", lambda w: {}, "", "fasilitator", None),
    ("advokasi:fgd-update", _pk("kami.fgd"), "", "fasilitator", None),
    ("advokasi:kriteria-list", lambda w: {}, "", "komisi", None),
    ("advokasi:prioritas-create", lambda w: {}, "", "fasilitator", None),
    ("advokasi:prioritas-update", _pk("kami.kelompok"), "", "fasilitator", None),
    ("advokasi:prioritas-skor", _pk("kami.kelompok"), "", "fasilitator", None),
    (
        "advokasi:prioritas-keputusan",
        _pk("kami.kelompok"),
        "",
        "komisi",
        ("advokasi:prioritas-detail", _pk("kami.kelompok")),
    ),
    ("advokasi:bimbingan-create", lambda w: {}, "?jenis=lsp", "fasilitator", None),
    ("advokasi:bimbingan-update", _pk("kami.bimbingan"), "", "fasilitator", None),
    ("advokasi:rtl-create", _pk("kami.bimbingan"), "", "fasilitator", None),
    ("advokasi:rtl-update", _pk("kami.rtl"), "", "fasilitator", None),
    ("monitoring:instrumen-create", lambda w: {}, "", "komisi", None),
    ("monitoring:instrumen-update", _pk("instrumen"), "", "komisi", None),
    ("monitoring:aspek-create", lambda w: {"instrumen_pk": w.instrumen.pk}, "", "komisi", None),
    ("monitoring:fokus-create", lambda w: {"aspek_pk": w.aspek.pk}, "", "komisi", None),
    ("monitoring:indikator-create", lambda w: {"fokus_pk": w.fokus.pk}, "", "komisi", None),
    ("monitoring:indikator-update", _pk("indikator"), "", "komisi", None),
    (
        "monitoring:rencana-create",
        lambda w: {},
        lambda w: f"?bimbingan={w.kami.bimbingan.pk}",
        "fasilitator",
        None,
    ),
    ("monitoring:rencana-update", _pk("kami.rencana"), "", "fasilitator", None),
    ("monitoring:catatan-create", _pk("kami.rencana"), "", "fasilitator", None),
    ("monitoring:catatan-update", _pk("kami.catatan"), "", "fasilitator", None),
    ("monitoring:pengaturan-evaluasi", lambda w: {}, "", "komisi", None),
    ("password_change", lambda w: {}, "", "fasilitator", None),
]


def foreign_ids(world) -> list[int]:
    lain = world.lain
    records = [lain.tim, lain.lsp, lain.survei, lain.permasalahan, lain.fgd, lain.kelompok]
    records += [lain.bimbingan, lain.rtl, lain.rencana, lain.catatan]
    return [r.pk for r in records] + [0, 10**12]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "kwargs", "query", "role", "halaman"),
    FORMULIR,
    ids=[f"{f[0]}:{i}" for i, f in enumerate(FORMULIR)],
)
def test_bad_submissions_never_fail_and_save_nothing_when_rejected(
    dunia,  # noqa: F811 (fixture)
    clients,  # noqa: F811 (fixture)
    name,
    kwargs,
    query,
    role,
    halaman,
):
    url = reverse(name, kwargs=kwargs(dunia)) + (query(dunia) if callable(query) else query)
    page_url = reverse(halaman[0], kwargs=halaman[1](dunia)) if halaman else url
    response, _ = request_as(clients, role, "get", page_url)
    assert response.status_code == 200
    formulir = formulir_dari(response.content.decode(), reverse(name, kwargs=kwargs(dunia)))
    assert formulir.fields, f"no form fields found on {page_url}"
    ids = foreign_ids(dunia)
    before_links = tautan_lintas_tim()

    @FUZZ
    @given(data=kiriman(formulir, ids))
    def post(data):
        response, changed = request_as(clients, role, "post", url, data, check_changes=True)
        assert response.status_code < 500
        if response.status_code != 302:
            assert response.status_code in (200, 400), response.status_code
            assert not changed, f"rejected ({response.status_code}) but saved: {changed}"
        elif role == "fasilitator":
            # Accepted: then it must not have reached into another team's records.
            assert tautan_lintas_tim() == before_links, data

    post()


# --- the filter forms of the lists: GET parameters ------------------------------------------

DAFTAR = [
    "lsp:sasaran-list",
    "advokasi:tim-list",
    "advokasi:survei-list",
    "advokasi:permasalahan-list",
    "advokasi:pemetaan",
    "advokasi:fgd-list",
    "advokasi:prioritas-list",
    "advokasi:bimbingan-list",
    "advokasi:rtl-list",
    "monitoring:instrumen-list",
    "monitoring:rencana-list",
    "monitoring:catatan-list",
    "monitoring:evaluasi",
    "monitoring:emonev",
    "monitoring:temuan-list",
    "monitoring:kalender",
    "notifikasi-list",
]
PARAMS = [
    "q",
    "page",
    "urut",
    "status",
    "tim",
    "provinsi",
    "jenis",
    "kategori",
    "tahun",
    "bulan",
    "tanggal",
    "dari",
    "sampai",
    "sasaran",
    "ruang_lingkup",
    "tingkat",
    "kelompok",
    "tampilan",
    "lsp",
    "bimbingan",
    "aspek",
    "periode",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", DAFTAR)
def test_list_filters_survive_any_query_string(
    dunia,  # noqa: F811 (fixture)
    clients,  # noqa: F811 (fixture)
    name,
):
    from tests.akses.fuzz import nilai

    url = reverse(name)
    value = nilai(["1", "2026"], foreign_ids(dunia))

    @settings(FUZZ, max_examples=max(EXAMPLES // 4, 10))
    @given(params=st.dictionaries(st.sampled_from(PARAMS), value, max_size=6))
    def get(params):
        response, _ = request_as(clients, "bksp", "get", url, params)
        assert response.status_code in (200, 302, 404), response.status_code

    get()


@pytest.mark.django_db
@pytest.mark.parametrize("name", [*DAFTAR, "monitoring:rencana-create"])
def test_a_search_too_long_for_the_database_is_refused_beside_the_box(
    dunia,  # noqa: F811 (fixture)
    clients,  # noqa: F811 (fixture)
    name,
):
    """100,000 characters are more than SQLite's LIKE takes: the list still answers, and a
    search box says the limit in Bahasa Indonesia instead of searching."""
    from akun.saringan import PANJANG_CARI

    response, _ = request_as(clients, "komisi", "get", reverse(name), {"q": "Ш" * 100_000})
    assert response.status_code == 200
    form = response.context.get("filter").form if response.context.get("filter") else None
    if form is not None and "q" in form.fields:
        assert f'maxlength="{PANJANG_CARI}"' in response.content.decode()
        assert f"paling banyak {PANJANG_CARI} karakter" in form.errors["q"][0]
