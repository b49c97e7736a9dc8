import pytest

from laporan.tests.factories import catatan_tahun, laporan_baru


@pytest.fixture
def catatan(tim):
    """A year of one team's records: 3 RTL done, 2 at 40 % → capaian 76 %."""
    return catatan_tahun(tim)


@pytest.fixture
def laporan(komisi, catatan):
    return laporan_baru(komisi)
