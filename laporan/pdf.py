"""The report's documents: the full report, the ringkasan and the meeting pack as PDF.

Rendered from templates/laporan/pdf/*.html with WeasyPrint through advokasi.dokumen (its
StaticOnlyFetcher fetches only our static files: a report text carrying `file:///etc/passwd`, a
remote URL or an internal address fetches nothing). Charts are inline SVG (laporan.grafik).

Long documents: WeasyPrint holds the whole document in memory (~3.3 MB a page), so a report whose
appendix would run past about BATAS_HALAMAN pages is laid out in parts — the body, then the
appendix in chunks of BARIS_PER_BAGIAN rows, each numbered on from where the previous part ended —
and the parts are merged with pypdf, checking the merged page count against the parts.

`render_laporan(laporan)` is the entry point the benchmark times.
"""

from __future__ import annotations

import io
import time
from datetime import date

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from advokasi import dokumen
from laporan import data, grafik
from laporan.models import Laporan

# Rows of an appendix table per page, measured on the template (conservative).
BARIS_PER_HALAMAN = 28
# Beyond this estimate the appendix is rendered in parts.
BATAS_HALAMAN = 300
BARIS_PER_BAGIAN = 4000


class PdfError(RuntimeError):
    pass


def _tanggal(value) -> str:
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return dokumen.tanggal_id(value)


def tanggal_dokumen(laporan: Laporan) -> date:
    """The date on the cover: submission, else approval, else today."""
    if laporan.tanggal_disampaikan:
        return laporan.tanggal_disampaikan
    if laporan.disetujui_pada:
        return timezone.localtime(laporan.disetujui_pada).date()
    return timezone.localdate()


def konteks(laporan: Laporan, angka: dict) -> dict:
    """What the templates read. Scope names come from the report (fixed once approved)."""
    ev = angka["evaluasi"]
    pr = angka["perencanaan"]
    pl = angka["pelaksanaan"]
    mo = angka["monitoring"]
    pct = {"nilai": "capaian", "maks": 100, "satuan": "%"}
    return {
        "laporan": laporan,
        "angka": angka,
        "css": f"/{settings.STATIC_URL.strip('/')}/css/laporan.css",
        "tanggal": _tanggal(tanggal_dokumen(laporan)),
        "periode": " – ".join(_tanggal(angka["periode"][k]) for k in ("mulai", "selesai")),
        "dihitung": _tanggal(angka["dihitung"]),
        "provinsi": [p.nama for p in laporan.provinsi.order_by("nama")],
        "tim": [t.nama for t in laporan.tim.order_by("nama")],
        "jenis_sasaran": laporan.jenis_sasaran,
        "final": laporan.status in (Laporan.Status.DISETUJUI, Laporan.Status.DISAMPAIKAN),
        "grafik": {
            "kategori": grafik.batang(pr["masalah_per_kategori"], nilai="jumlah"),
            "rtl_status": grafik.batang(pl["rtl_per_status"], nilai="jumlah"),
            "rencana_status": grafik.batang(mo["rencana_per_status"], nilai="jumlah"),
            "ev_kategori": grafik.batang(ev["kategori"], **pct),
            "ev_jenis": grafik.batang(ev["jenis_sasaran"], **pct),
            "ev_tim": grafik.batang(ev["tim"][:25], **pct),
            "ev_provinsi": grafik.batang(ev["provinsi"][:40], **pct),
        },
    }


def _html(template: str, context: dict) -> str:
    with translation.override(dokumen.BAHASA_DOKUMEN):
        return render_to_string(template, context)


def _tulis(html: str) -> tuple[bytes, int]:
    """Lay out one HTML document; (pdf bytes, page count)."""
    from weasyprint import HTML

    document = HTML(
        string=html,
        base_url=dokumen.BASE_URL,
        url_fetcher=dokumen._fetcher_class()(),
        media_type="print",
    ).render()
    return document.write_pdf(), len(document.pages)


def gabung(bagian: list[tuple[bytes, int]]) -> tuple[bytes, int]:
    """Merge PDFs laid out separately; the merged page count must equal the sum of the parts."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for pdf, _pages in bagian:
        writer.append(PdfReader(io.BytesIO(pdf)))
    out = io.BytesIO()
    writer.write(out)
    merged = out.getvalue()
    expected = sum(pages for _pdf, pages in bagian)
    actual = len(PdfReader(io.BytesIO(merged)).pages)
    if actual != expected:
        raise PdfError(f"Merged PDF has {actual} pages, the parts {expected}.")
    return merged, actual


def _chunks(rows: list, size: int) -> list[list]:
    return [rows[i : i + size] for i in range(0, len(rows), size)] or [[]]


def pdf_utama(laporan: Laporan, angka: dict, kemajuan=None) -> tuple[bytes, int]:
    """The full report. `kemajuan(tahap, persen)` is told of each stage."""
    kemajuan = kemajuan or (lambda tahap, persen: None)
    context = konteks(laporan, angka)
    lampiran = angka["lsp_terbuka"]
    if len(lampiran) / BARIS_PER_HALAMAN <= BATAS_HALAMAN:
        kemajuan("Menata halaman PDF", 40)
        return _tulis(_html("laporan/pdf/laporan.html", {**context, "lampiran_rows": lampiran}))

    # In parts: the body (with the appendix's first page number in its contents), then the
    # appendix in chunks, each numbered on from the last page of the part before it.
    kemajuan("Menata halaman PDF (bagian 1)", 30)
    body_context = {**context, "lampiran_rows": [], "lampiran_terpisah": True}
    body, body_pages = _tulis(_html("laporan/pdf/laporan.html", body_context))
    body_context["lampiran_halaman"] = body_pages + 1
    body, again = _tulis(_html("laporan/pdf/laporan.html", body_context))
    if again != body_pages:
        raise PdfError("The table of contents changed the body's page count.")
    bagian = [(body, body_pages)]
    chunks = _chunks(lampiran, BARIS_PER_BAGIAN)
    start = body_pages + 1
    nomor_awal = 1
    for index, rows in enumerate(chunks, start=1):
        kemajuan(
            f"Menata halaman PDF (bagian {index + 1} dari {len(chunks) + 1})",
            30 + int(55 * index / len(chunks)),
        )
        part = _tulis(
            _html(
                "laporan/pdf/lampiran.html",
                {
                    **context,
                    "rows": rows,
                    "halaman_awal": start,
                    "nomor_awal": nomor_awal,
                    "pertama": index == 1,
                },
            )
        )
        bagian.append(part)
        start += part[1]
        nomor_awal += len(rows)
    kemajuan("Menggabungkan bagian PDF", 90)
    return gabung(bagian)


def pdf_ringkasan(laporan: Laporan, angka: dict, kemajuan=None) -> tuple[bytes, int]:
    return _tulis(_html("laporan/pdf/ringkasan.html", konteks(laporan, angka)))


def pdf_paket_rapat(laporan: Laporan, angka: dict, kemajuan=None) -> tuple[bytes, int]:
    return _tulis(_html("laporan/pdf/paket_rapat.html", konteks(laporan, angka)))


def render_laporan(laporan: Laporan) -> tuple[bytes, dict]:
    """The annual report's PDF and how long each step took: {"data": s, "render": s, "halaman": n}.

    For the benchmark: figures gathered live (or the frozen ones), then the full report laid out.
    """
    started = time.perf_counter()
    angka = data.angka(laporan)
    gathered = time.perf_counter()
    pdf, pages = pdf_utama(laporan, angka)
    done = time.perf_counter()
    return pdf, {"data": gathered - started, "render": done - gathered, "halaman": pages}
