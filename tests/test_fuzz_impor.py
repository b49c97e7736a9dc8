"""The LSP import (XLSX and CSV), fed generated bad files through its real views: upload, preview,
save. Never a 500; an upload saves no LSP; a file with any error saves nothing; a clean file saves
exactly its rows.

Files are a template-shaped table whose header may lose, repeat or misspell a column and whose
cells may carry the payloads of the form fuzzing (formulas, SQL, HTML, 100,000 characters,
impossible dates and numbers), or plain random bytes under an .xlsx or .csv name. FUZZ_EXAMPLES
sets the number of files (100 in `make test`, 300 in CI), as for the forms.
"""

import os
from collections import Counter

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from lsp.models import Impor, Lsp, Sasaran
from lsp.tests.test_impor import HEADERS, good_row, make_csv, make_xlsx, upload
from tests.akses.fuzz import PAYLOADS

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))


bad_cell = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(max_size=30),
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
)

# A row: the good values of row n, with up to three cells replaced by bad ones.
row = st.builds(
    lambda n, bad: {**good_row(n), **bad},
    st.integers(min_value=1, max_value=40),
    st.dictionaries(st.sampled_from(HEADERS), bad_cell, max_size=3),
)


@st.composite
def header(draw):
    names = list(HEADERS)
    change = draw(st.sampled_from(["as is", "as is", "drop", "repeat", "misspell", "shuffle"]))
    index = draw(st.integers(min_value=0, max_value=len(names) - 1))
    if change == "drop":
        names.pop(index)
    elif change == "repeat":
        names.insert(index, names[index])
    elif change == "misspell":
        names[index] = draw(bad_cell)
    elif change == "shuffle":
        names = draw(st.permutations(names))
    return names


def table_bytes(fmt: str, names: list, rows: list[dict]) -> bytes:
    if fmt == "csv":
        return make_csv(rows, headers=names)

    # Characters a workbook cannot hold at all (NUL and friends) are left out, as Excel would.
    def clean(value):
        return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value

    rows = [{clean(k): clean(v) for k, v in r.items()} for r in rows]
    return make_xlsx(rows, headers=[clean(name) for name in names])


uploads = st.one_of(
    st.builds(
        lambda fmt, names, rows: (f"lsp.{fmt}", table_bytes(fmt, names, rows)),
        st.sampled_from(["csv", "xlsx"]),
        header(),
        st.lists(row, max_size=4),
    ),
    st.tuples(st.sampled_from(["lsp.csv", "lsp.xlsx", "../../lsp.xlsx"]), st.binary(max_size=300)),
)


def registry() -> tuple[int, int]:
    return Sasaran.objects.count(), Lsp.objects.count()


def test_generated_bad_files_never_fail_and_save_only_a_clean_file(client_as, komisi):
    client = client_as(komisi)
    outcomes = Counter()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(berkas=uploads)
    # One file of each outcome always runs, whatever the generated ones reach.
    @example(berkas=("lsp.csv", table_bytes("csv", HEADERS, [good_row(1), good_row(2)])))
    @example(berkas=("lsp.xlsx", table_bytes("xlsx", HEADERS, [{**good_row(1), "Provinsi": "x"}])))
    @example(berkas=("lsp.xlsx", b"PK\x03\x04 bukan buku kerja"))
    def import_(berkas):
        name, content = berkas
        with transaction.atomic():
            before = registry()
            response = upload(client, content, name)
            assert response.status_code in (200, 302), response.status_code
            assert registry() == before, "an upload alone saved something"
            if response.status_code == 200:
                outcomes["file refused at upload"] += 1
            else:
                impor = Impor.objects.latest("pk")
                assert client.get(response.url).status_code == 200
                saved = client.post(reverse("lsp:impor-commit", args=[impor.pk]))
                impor.refresh_from_db()
                if saved.status_code == 302:
                    outcomes["saved"] += 1
                    assert impor.jumlah_galat == 0 and impor.jumlah_baris > 0
                    assert registry() == (
                        before[0] + impor.jumlah_baris,
                        before[1] + impor.jumlah_baris,
                    )
                else:
                    outcomes["refused at saving"] += 1
                    assert saved.status_code == 200, saved.status_code
                    assert registry() == before, "a refused file saved something"
            transaction.set_rollback(True)

    import_()
    # The generated files reach every outcome, so each assertion above was exercised.
    assert set(outcomes) == {"file refused at upload", "saved", "refused at saving"}, outcomes
