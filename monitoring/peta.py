"""A tile-grid map of Indonesia: each of the 38 provinces one square, roughly where it lies.

Positions are (row, column) from the north-west, west to east: Sumatra in columns 0–3, Java and
Nusa Tenggara along row 6, Kalimantan and Sulawesi in the middle, Maluku and Papua to the east.
Keys are the BPS province codes of `lsp.Provinsi.kode`.
"""

from dataclasses import dataclass

# kode BPS: (row, column, short label drawn on the tile)
PETAK: dict[str, tuple[int, int, str]] = {
    # Sumatra and its islands
    "11": (0, 0, "ACEH"),
    "12": (1, 1, "SUMUT"),
    "21": (1, 3, "KEPRI"),
    "13": (2, 1, "SUMBAR"),
    "14": (2, 2, "RIAU"),
    "17": (3, 1, "BKL"),
    "15": (3, 2, "JAMBI"),
    "16": (4, 2, "SUMSEL"),
    "19": (4, 3, "BABEL"),
    "18": (5, 2, "LPG"),
    # Java, Bali and Nusa Tenggara
    "31": (5, 4, "DKI"),
    "36": (6, 3, "BTN"),
    "32": (6, 4, "JABAR"),
    "33": (6, 5, "JATENG"),
    "35": (6, 6, "JATIM"),
    "34": (7, 5, "DIY"),
    "51": (6, 7, "BALI"),
    "52": (6, 8, "NTB"),
    "53": (6, 9, "NTT"),
    # Kalimantan
    "65": (1, 5, "KALTARA"),
    "61": (2, 4, "KALBAR"),
    "64": (2, 5, "KALTIM"),
    "62": (3, 4, "KALTENG"),
    "63": (3, 5, "KALSEL"),
    # Sulawesi
    "75": (2, 8, "GTLO"),
    "71": (2, 9, "SULUT"),
    "76": (3, 7, "SULBAR"),
    "72": (3, 8, "SULTENG"),
    "73": (4, 7, "SULSEL"),
    "74": (4, 8, "SULTRA"),
    # Maluku
    "82": (2, 10, "MALUT"),
    "81": (4, 10, "MALUKU"),
    # Papua
    "96": (2, 11, "PBD"),
    "92": (2, 12, "PABAR"),
    "91": (2, 13, "PAPUA"),
    "94": (3, 12, "PAPTENG"),
    "95": (3, 13, "PAPEG"),
    "93": (4, 13, "PAPSEL"),
}

BARIS = 1 + max(row for row, _col, _label in PETAK.values())
KOLOM = 1 + max(col for _row, col, _label in PETAK.values())


@dataclass(frozen=True)
class Petak:
    kode: str
    baris: int
    kolom: int
    singkatan: str


def petak(kode: str) -> Petak | None:
    """The tile of a province by its BPS code (None for a code not on the map)."""
    if kode not in PETAK:
        return None
    row, col, label = PETAK[kode]
    return Petak(kode, row, col, label)
