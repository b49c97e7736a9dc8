"""Printable papers of FGDs and guidance sessions, as PDF (rendered in the request: 1–3 pages).

Each paper is read through the session's read door (404 otherwise) and fetched with everything it
prints in a fixed number of queries, however many participants, problems or RTL items it has.
"""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from advokasi import pedoman
from advokasi.dokumen import pdf_response, render_pdf, tanggal_id, waktu_id
from advokasi.langkah import langkah_rows
from advokasi.models import (
    AlternatifTindakan,
    Bimbingan,
    BimbinganMasalah,
    Permasalahan,
    PesertaBimbingan,
    PesertaFgd,
    Rtl,
)
from advokasi.selectors import bimbingan_for_user, fgd_for_user

# Blank rows under the registered participants, for those who come without registering; a
# short list is padded to a full first page (8 rows leave room for the signature).
BARIS_KOSONG_MIN = 5
BARIS_HADIR_MIN = 8

BAGIAN_PEDOMAN = {
    pedoman.JenisBimbingan.KELOMPOK_LSP: "§5.1",
    pedoman.JenisBimbingan.LSP: "§5.2",
    pedoman.JenisBimbingan.BKSP: "§5.3",
}


def _nama(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.username


def _komisi() -> str:
    return _("Komisi Harmonisasi dan Kelembagaan")


def _kolom_komisi(tim) -> dict:
    return {
        "peran": _("Mengetahui,\nKomisi Harmonisasi dan Kelembagaan"),
        "nama": _nama(tim.koordinator),
    }


def _baris_hadir(rows: list[dict]) -> list[dict]:
    """Number the participants and add the blank rows to sign in."""
    blank = max(BARIS_KOSONG_MIN, BARIS_HADIR_MIN - len(rows))
    rows = rows + [{"nama": "", "jabatan_instansi": "", "mewakili": ""} for _i in range(blank)]
    for no, row in enumerate(rows, start=1):
        row["no"] = no
    return rows


def _sesi_context(sesi, *, waktu: str) -> dict:
    return {
        "sesi": sesi,
        "komisi": _komisi(),
        "hari_tanggal": tanggal_id(sesi.tanggal, "l, j F Y"),
        "nama_hari": tanggal_id(sesi.tanggal, "l"),
        "tanggal": tanggal_id(sesi.tanggal),
        "waktu": waktu,
    }


# --- FGD ------------------------------------------------------------------------------------


def _fgd(request, pk):
    queryset = fgd_for_user(request.user).select_related("tim__koordinator")
    queryset = queryset.prefetch_related(
        "tim__anggota",
        Prefetch("peserta", queryset=PesertaFgd.objects.order_by("pk")),
        Prefetch(
            "permasalahan",
            queryset=Permasalahan.objects.select_related("sasaran").order_by("nomor"),
        ),
    )
    fgd = get_object_or_404(queryset, pk=pk)
    anggota = sorted(fgd.tim.anggota.all(), key=_nama)
    masalah = list(fgd.permasalahan.all())
    context = _sesi_context(fgd, waktu=_waktu_fgd(fgd))
    context.update(
        {
            "fasilitator_nama": [_nama(u) for u in anggota],
            "sasaran_nama": sorted({p.sasaran.nama for p in masalah}),
            "peserta": list(fgd.peserta.all()),
            "masalah_list": masalah,
            "anggota": anggota,
        }
    )
    return fgd, context


def _waktu_fgd(fgd) -> str:
    if not fgd.waktu_mulai:
        return ""
    return _("%(mulai)s WIB – selesai") % {"mulai": waktu_id(fgd.waktu_mulai)}


def _fasilitator_fgd(context) -> str:
    peserta = context["peserta"]
    named = next((p.nama for p in peserta if p.peran == PesertaFgd.Peran.FASILITATOR), "")
    return named or (_nama(context["anggota"][0]) if context["anggota"] else "")


@require_safe
@login_required
def fgd_daftar_hadir(request, pk):
    fgd, context = _fgd(request, pk)
    rows = [
        {"nama": p.nama, "jabatan_instansi": p.instansi, "mewakili": p.get_peran_display()}
        for p in context["peserta"]
    ]
    context.update(
        {
            "kegiatan": _("Focus Group Discussion (FGD) Advokasi LSP"),
            "baris_hadir": _baris_hadir(rows),
            "jumlah_peserta": len(rows),
            "tanda_tangan": [
                {"kosong": True},
                {"peran": _("Fasilitator,"), "nama": _fasilitator_fgd(context)},
            ],
        }
    )
    pdf = render_pdf("advokasi/dokumen/daftar_hadir.html", context)
    return pdf_response(pdf, f"daftar-hadir-{fgd.nomor}.pdf")


@require_safe
@login_required
def fgd_notulen(request, pk):
    fgd, context = _fgd(request, pk)
    by_problem: dict[int, list] = {}
    for alt in AlternatifTindakan.objects.filter(fgd=fgd).order_by("pk"):
        by_problem.setdefault(alt.permasalahan_id, []).append(alt)
    notulis = next((p.nama for p in context["peserta"] if p.peran == PesertaFgd.Peran.NOTULIS), "")
    context.update(
        {
            "masalah": [
                {"permasalahan": p, "alternatif": by_problem.get(p.pk, [])}
                for p in context["masalah_list"]
            ],
            "langkah": langkah_rows(pedoman.LANGKAH_FGD, fgd.langkah),
            "tanda_tangan": [
                {"peran": _("Notulis,"), "nama": notulis},
                {"peran": _("Fasilitator,\npemimpin diskusi"), "nama": _fasilitator_fgd(context)},
                _kolom_komisi(fgd.tim),
            ],
        }
    )
    pdf = render_pdf("advokasi/dokumen/notulen_fgd.html", context)
    return pdf_response(pdf, f"notulen-{fgd.nomor}.pdf")


# --- guidance sessions ----------------------------------------------------------------------


def _bimbingan(request, pk, *, lengkap: bool):
    queryset = bimbingan_for_user(request.user).select_related("tim__koordinator")
    prefetch = [
        "fasilitator",
        "sasaran",
        Prefetch(
            "peserta", queryset=PesertaBimbingan.objects.select_related("sasaran").order_by("pk")
        ),
    ]
    if lengkap:
        prefetch += [
            Prefetch(
                "masalah",
                queryset=BimbinganMasalah.objects.select_related(
                    "permasalahan__sasaran", "alternatif_dipilih"
                )
                .prefetch_related("alternatif_disajikan")
                .order_by("pk"),
            ),
            Prefetch(
                "rtl", queryset=Rtl.objects.select_related("pemilik_sasaran").order_by("nomor")
            ),
        ]
    bimbingan = get_object_or_404(queryset.prefetch_related(*prefetch), pk=pk)
    fasilitator = sorted(bimbingan.fasilitator.all(), key=_nama)
    waktu = _("%(mulai)s–%(selesai)s WIB") % {
        "mulai": waktu_id(bimbingan.waktu_mulai),
        "selesai": waktu_id(bimbingan.waktu_selesai),
    }
    context = _sesi_context(bimbingan, waktu=waktu)
    context.update(
        {
            "jenis_label": bimbingan.get_jenis_display(),
            "status_label": bimbingan.get_status_display(),
            "fasilitator_nama": [_nama(u) for u in fasilitator],
            "sasaran_nama": sorted(s.nama for s in bimbingan.sasaran.all()),
            "peserta": list(bimbingan.peserta.all()),
            "fasilitator": fasilitator,
        }
    )
    return bimbingan, context


def _kolom_fasilitator(context) -> dict:
    first = context["fasilitator"][0] if context["fasilitator"] else None
    return {"peran": _("Fasilitator,"), "nama": _nama(first)}


@require_safe
@login_required
def bimbingan_daftar_hadir(request, pk):
    bimbingan, context = _bimbingan(request, pk, lengkap=False)
    rows = [
        {
            "nama": p.nama,
            "jabatan_instansi": p.jabatan,
            "mewakili": p.sasaran.nama if p.sasaran else "",
        }
        for p in context["peserta"]
    ]
    context.update(
        {
            "kegiatan": _("Bimbingan Teknis Advokasi LSP"),
            "baris_hadir": _baris_hadir(rows),
            "jumlah_peserta": len(rows),
            "tanda_tangan": [{"kosong": True}, _kolom_fasilitator(context)],
        }
    )
    pdf = render_pdf("advokasi/dokumen/daftar_hadir.html", context)
    return pdf_response(pdf, f"daftar-hadir-{bimbingan.nomor}.pdf")


def _alternatif(bm: BimbinganMasalah) -> list:
    shown = list(bm.alternatif_disajikan.all())
    if bm.alternatif_dipilih and all(a.pk != bm.alternatif_dipilih_id for a in shown):
        shown.append(bm.alternatif_dipilih)
    return sorted(shown, key=lambda a: a.pk)


def _perwakilan_sasaran(bimbingan: Bimbingan, context) -> dict:
    wakil = next((p for p in context["peserta"] if p.sasaran_id and p.hadir), None)
    sasaran = context["sasaran_nama"]
    keterangan = sasaran[0] if len(sasaran) == 1 else _("mewakili para peserta")
    if wakil and len(sasaran) != 1:
        keterangan = wakil.sasaran.nama
    return {
        "peran": _("Perwakilan sasaran,"),
        "nama": wakil.nama if wakil else "",
        "keterangan": keterangan,
    }


@require_safe
@login_required
def bimbingan_berita_acara(request, pk):
    bimbingan, context = _bimbingan(request, pk, lengkap=True)
    steps = pedoman.LANGKAH_BIMBINGAN.get(bimbingan.jenis, [])
    context.update(
        {
            "bagian_pedoman": BAGIAN_PEDOMAN.get(bimbingan.jenis, "§5"),
            "jumlah_peserta": len(context["peserta"]),
            "jumlah_hadir": sum(1 for p in context["peserta"] if p.hadir),
            "masalah": [
                {
                    "permasalahan": bm.permasalahan,
                    "alternatif": _alternatif(bm),
                    "alternatif_dipilih_id": bm.alternatif_dipilih_id,
                    "selesai_di_tempat": bm.selesai_di_tempat,
                    "catatan": bm.catatan,
                }
                for bm in bimbingan.masalah.all()
            ],
            "langkah": langkah_rows(steps, bimbingan.langkah),
            "rtl": list(bimbingan.rtl.all()),
            "tanda_tangan": [
                _kolom_fasilitator(context),
                _perwakilan_sasaran(bimbingan, context),
                _kolom_komisi(bimbingan.tim),
            ],
        }
    )
    pdf = render_pdf("advokasi/dokumen/berita_acara_bimbingan.html", context)
    return pdf_response(pdf, f"berita-acara-{bimbingan.nomor}.pdf")


urlpatterns = [
    path("fgd/<int:pk>/daftar-hadir.pdf", fgd_daftar_hadir, name="fgd-daftar-hadir"),
    path("fgd/<int:pk>/notulen.pdf", fgd_notulen, name="fgd-notulen"),
    path(
        "bimbingan/<int:pk>/daftar-hadir.pdf",
        bimbingan_daftar_hadir,
        name="bimbingan-daftar-hadir",
    ),
    path(
        "bimbingan/<int:pk>/berita-acara.pdf",
        bimbingan_berita_acara,
        name="bimbingan-berita-acara",
    ),
]
