"""The report's tables as an Excel workbook (monitoring.ekspor's writer: formula-safe text cells).

Item-level lists (every LSP with an open case) go here in full, as the PDF summarises.
"""

from laporan.models import Laporan
from monitoring.ekspor import ANGKA, PERSEN, Kolom, Lembar, workbook_bytes


def _hitung(nama: str, rows: list[dict]) -> Lembar:
    return Lembar(
        nama=nama,
        kolom=[Kolom("Uraian", 40), Kolom("Jumlah", 12, ANGKA)],
        baris=[[r["label"], r["jumlah"]] for r in rows],
        penutup=["Jumlah", sum(r["jumlah"] for r in rows)],
    )


def _capaian(nama: str, kolom: str, rows: list[dict]) -> Lembar:
    return Lembar(
        nama=nama,
        kolom=[
            Kolom(kolom, 40),
            Kolom("RTL dihitung", 13, ANGKA),
            Kolom("Selesai", 10, ANGKA),
            Kolom("Terlambat", 11, ANGKA),
            Kolom("Capaian (%)", 12, PERSEN),
            Kolom("Kategori", 16),
        ],
        baris=[
            [r["label"], r["jumlah"], r["selesai"], r["terlambat"], r["capaian"], r["band_label"]]
            for r in rows
        ],
    )


def excel_laporan(laporan: Laporan, angka: dict) -> bytes:
    pr, pl, mo, ev = (
        angka["perencanaan"],
        angka["pelaksanaan"],
        angka["monitoring"],
        angka["evaluasi"],
    )
    lembar = [
        _hitung("Masalah per kategori", pr["masalah_per_kategori"]),
        _hitung("Masalah per tingkat", pr["masalah_per_tingkat"]),
        Lembar(
            nama="Kelompok prioritas",
            kolom=[
                Kolom("Nomor", 16),
                Kolom("Kelompok masalah", 40),
                Kolom("Tim", 28),
                Kolom("Jenis sasaran", 22),
                Kolom("Jumlah permasalahan", 12, ANGKA),
                Kolom("Strategi", 60),
                Kolom("Disetujui Komisi", 12),
            ],
            baris=[
                [
                    k["nomor"],
                    k["nama"],
                    k["tim"],
                    k["jenis_sasaran"],
                    k["jumlah_masalah"],
                    k["strategi"],
                    "ya" if k["disetujui"] else "belum",
                ]
                for k in pr["kelompok"]
            ],
        ),
        _hitung("Bimbingan per status", pl["bimbingan_per_status"]),
        _hitung("RTL per status", pl["rtl_per_status"]),
        _hitung("Rencana monitoring", mo["rencana_per_status"]),
        _capaian("Capaian per kategori", "Kategori permasalahan", ev["kategori"]),
        _capaian("Capaian per jenis sasaran", "Jenis sasaran", ev["jenis_sasaran"]),
        _capaian("Capaian per tim", "Tim", ev["tim"]),
        _capaian("Capaian per fasilitator", "Fasilitator", ev["fasilitator"]),
        _capaian("Capaian per provinsi", "Provinsi", ev["provinsi"]),
        Lembar(
            nama="LSP kasus terbuka",
            kolom=[
                Kolom("LSP", 40),
                Kolom("Provinsi", 22),
                Kolom("Masalah terbuka", 12, ANGKA),
                Kolom("Kritis", 9, ANGKA),
                Kolom("RTL", 9, ANGKA),
                Kolom("RTL selesai", 11, ANGKA),
                Kolom("RTL terlambat", 12, ANGKA),
                Kolom("Capaian (%)", 12, PERSEN),
                Kolom("Kategori", 16),
            ],
            baris=[
                [
                    r["nama"],
                    r["provinsi"],
                    r["masalah_terbuka"],
                    r["kritis"],
                    r["rtl"],
                    r["rtl_selesai"],
                    r["rtl_terlambat"],
                    r["capaian"],
                    r["band_label"],
                ]
                for r in angka["lsp_terbuka"]
            ],
        ),
    ]
    return workbook_bytes(
        lembar=lembar,
        judul=f"{laporan.judul} ({laporan.nomor} versi {laporan.versi})",
        keterangan=[
            (
                "Laporan",
                [
                    ("Nomor", f"{laporan.nomor} versi {laporan.versi}"),
                    ("Periode", f"{angka['periode']['mulai']} s.d. {angka['periode']['selesai']}"),
                    ("Angka dihitung", angka["dihitung"]),
                    ("Status", str(laporan.get_status_display())),
                ],
            )
        ],
    )
