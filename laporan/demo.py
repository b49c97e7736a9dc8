"""Demo reports for `seed_demo`: the year's report still in draft, and a report for the coming
Rapat Teknis already discussed in the team and approved, so the list shows a report's life.

Written through the services (numbers, history, validation), by the demo Staf Komisi. No file is
generated here: pressing "Buat PDF" on a report's page does that, as it would in the office.
"""

from collections.abc import Mapping
from datetime import date, timedelta

from django.db import transaction

from laporan.models import Laporan
from laporan.services import laporan_bahas, laporan_create, laporan_setujui


@transaction.atomic
def seed_laporan(*, today: date, users: Mapping[str, object]) -> int:
    """Create the demo reports once (none when any report exists); returns how many."""
    if Laporan.objects.exists():
        return 0
    komisi = users["komisi"]
    laporan_create(
        user=komisi,
        judul=f"Laporan Advokasi BNSP Tahun {today.year}",
        tahun=today.year,
        untuk_rapat_teknis=True,
        untuk_pleno=True,
        ringkasan=(
            "Sepanjang tahun berjalan tim advokasi memetakan permasalahan LSP, TUK dan BKSP, "
            "membahasnya dalam FGD, lalu memberikan bimbingan teknis beserta rencana tindak "
            "lanjut yang dipantau."
        ),
        agenda_rapat=(
            "1. Pembukaan\n2. Paparan capaian advokasi\n3. Pembahasan LSP dengan kasus terbuka\n"
            "4. Rekomendasi tindak lanjut\n5. Penutup"
        ),
    )
    triwulan = laporan_create(
        user=komisi,
        judul="Laporan Advokasi Triwulan untuk Rapat Teknis",
        tanggal_mulai=today - timedelta(days=90),
        tanggal_selesai=today,
        untuk_rapat_teknis=True,
        ringkasan=(
            "Bimbingan teknis triwulan ini membahas permasalahan dokumen mutu dan skema "
            "sertifikasi; RTL yang terlambat umumnya menunggu pengesahan skema."
        ),
        kesimpulan=(
            "Sebagian besar RTL triwulan ini masih berjalan; capaiannya dibaca pada tabel "
            "evaluasi. Keterlambatan terpusat pada LSP yang menunggu pengesahan skema oleh BNSP."
        ),
        rekomendasi=(
            "Percepat verifikasi skema yang diajukan; jadwalkan monitoring lanjutan bagi LSP "
            "dengan RTL terlambat."
        ),
    )
    laporan_bahas(
        user=komisi,
        laporan=triwulan,
        tanggal=today - timedelta(days=3),
        peserta="Komisi Harmonisasi dan Kelembagaan; koordinator tim advokasi",
        catatan="Draf diterima dengan perbaikan pada tabel capaian per provinsi.",
    )
    laporan_setujui(user=komisi, laporan=triwulan)
    return 2
