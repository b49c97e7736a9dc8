"""Making one generated file of a report: the body of the Celery task, kept out of tasks.py.

Safe to run more than once for the same row, and to be cut off at any point:

* a row already *selesai* (or *gagal*) is left alone — a rerun does nothing;
* each start counts an attempt in the row, in the database: a task redelivered after its worker
  was SIGKILLed does not pass through Celery's retry logic, so only the row can know. Past
  MAKS_PERCOBAAN attempts (the first run and three redeliveries) the row turns *gagal* with the
  reason, instead of being tried for ever;
* a redelivered task finds the row *sedang dibuat* by the dead worker and takes it over;
* the file is written first and the row marked *selesai* in one locked transaction afterwards;
  if another run got there first, the new file is deleted and the row keeps the first.
"""

from __future__ import annotations

import hashlib
import logging

from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from laporan import data, excel, pdf
from laporan.models import BerkasLaporan, Laporan

logger = logging.getLogger(__name__)

MAKS_PERCOBAAN = 4  # the first delivery and at most three redeliveries
B = BerkasLaporan.Status
J = BerkasLaporan.Jenis


def _kemajuan(pk: int):
    def report(tahap: str, persen: int) -> None:
        BerkasLaporan.objects.filter(pk=pk, status=B.SEDANG).update(
            tahap=tahap[:100], persen=max(0, min(100, persen)), diperbarui=timezone.now()
        )

    return report


def _mulai(pk: int, task_id: str) -> BerkasLaporan | None:
    """Claim the row for this run; None when there is nothing (more) to do."""
    with transaction.atomic():
        berkas = BerkasLaporan.objects.select_for_update().filter(pk=pk).first()
        if berkas is None or berkas.status in (B.SELESAI, B.GAGAL):
            return None
        berkas.percobaan += 1
        if berkas.percobaan > MAKS_PERCOBAAN:
            berkas.status = B.GAGAL
            berkas.tahap = "Gagal"
            berkas.pesan_galat = (
                f"Pembuatan dihentikan setelah {MAKS_PERCOBAAN - 1} kali dikirim ulang: "
                "pekerja berhenti di tengah jalan setiap kali (kehabisan memori atau dimatikan)."
            )
            berkas.save()
            logger.error("Laporan file %s given up after %s attempts", pk, berkas.percobaan - 1)
            return None
        berkas.status = B.SEDANG
        berkas.task_id = task_id or ""
        berkas.tahap = "Mengumpulkan data"
        berkas.persen = 5
        berkas.pesan_galat = ""
        berkas.save()
        return berkas


def _isi(berkas: BerkasLaporan, laporan: Laporan, kemajuan) -> tuple[bytes, str, int | None]:
    angka = data.angka(laporan)
    kemajuan("Menyusun dokumen", 25)
    stem = slugify(f"{laporan.nomor}-v{laporan.versi}")
    if berkas.jenis == J.EXCEL:
        return excel.excel_laporan(laporan, angka), f"{stem}-tabel.xlsx", None
    render = {
        J.UTAMA: pdf.pdf_utama,
        J.RINGKASAN: pdf.pdf_ringkasan,
        J.PAKET_RAPAT: pdf.pdf_paket_rapat,
    }
    name = {J.UTAMA: "laporan", J.RINGKASAN: "ringkasan", J.PAKET_RAPAT: "paket-rapat"}
    content, pages = render[berkas.jenis](laporan, angka, kemajuan)
    return content, f"{stem}-{name[berkas.jenis]}.pdf", pages


def jalankan(pk: int, *, task_id: str = "") -> str:
    """Make the file of row `pk`. Returns what happened (for the log and the tests)."""
    berkas = _mulai(pk, task_id)
    if berkas is None:
        return "tidak ada"
    kemajuan = _kemajuan(pk)
    try:
        laporan = Laporan.objects.get(pk=berkas.laporan_id)
        content, filename, pages = _isi(berkas, laporan, kemajuan)
        kemajuan("Menyimpan berkas", 95)
    except SoftTimeLimitExceeded:
        _gagal(pk, "Melebihi batas waktu pembuatan. Persempit lingkup laporan lalu coba lagi.")
        return "gagal"
    except Exception as exc:  # noqa: BLE001 — any failure is shown to the user, with the reason
        logger.exception("Laporan file %s failed", pk)
        _gagal(pk, f"{type(exc).__name__}: {exc}"[:1000])
        return "gagal"
    return _simpan(pk, content, filename, pages)


def _simpan(pk: int, content: bytes, filename: str, pages: int | None) -> str:
    holder = BerkasLaporan.objects.get(pk=pk)
    holder.berkas.save(filename, ContentFile(content), save=False)
    name = holder.berkas.name
    with transaction.atomic():
        berkas = BerkasLaporan.objects.select_for_update().filter(pk=pk).first()
        if berkas is None or berkas.status != B.SEDANG:
            done = False
        else:
            berkas.berkas.name = name
            berkas.sha256 = hashlib.sha256(content).hexdigest()
            berkas.ukuran = len(content)
            berkas.halaman = pages
            berkas.status = B.SELESAI
            berkas.tahap = "Selesai"
            berkas.persen = 100
            berkas.selesai_pada = timezone.now()
            berkas.save()
            done = True
    if not done:
        holder.berkas.storage.delete(name)
        return "tidak ada"
    return "selesai"


def _gagal(pk: int, pesan: str) -> None:
    BerkasLaporan.objects.filter(pk=pk, status=B.SEDANG).update(
        status=B.GAGAL, tahap="Gagal", pesan_galat=pesan, diperbarui=timezone.now()
    )
