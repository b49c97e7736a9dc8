"""The Excel downloads of the evaluation table and the e-monev rows (monitoring.ekspor writes the
workbook): the same rows as the pages, unpaginated, for the same filters and the same user."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from advokasi.models import Rtl
from lsp.models import Sasaran
from monitoring import ekspor, evaluasi
from monitoring.ekspor import ANGKA, PERSEN, TANGGAL, Kolom, Lembar
from monitoring.forms.evaluasi import EvaluasiFilterForm
from monitoring.models import PengaturanEvaluasi
from monitoring.views.evaluasi.capaian import (
    baris_kelompok,
    kelompok_dari,
    ringkasan_capaian,
    rows_kelompok,
    rumus_emonev,
    rumus_evaluasi,
    saringan_dari,
)
from monitoring.views.evaluasi.emonev import (
    emonev_indikator_baris,
    emonev_indikator_qs,
    emonev_rtl_baris,
    emonev_rtl_qs,
)

KOLOM_EMONEV_RTL = [
    Kolom(gettext_lazy("Nomor RTL"), 16),
    Kolom(gettext_lazy("Tindakan"), 50),
    Kolom(gettext_lazy("Indikator keberhasilan"), 40),
    Kolom(gettext_lazy("Target"), 10, ANGKA),
    Kolom(gettext_lazy("Satuan"), 12),
    Kolom(gettext_lazy("Realisasi"), 10, ANGKA),
    Kolom(gettext_lazy("Progres (%)"), 10, ANGKA),
    Kolom(gettext_lazy("Persen capaian (%)"), 12, PERSEN),
    Kolom(gettext_lazy("Diukur dari"), 12),
    Kolom(gettext_lazy("Harapan hari ini (%)"), 12, PERSEN),
    Kolom(gettext_lazy("Lampu"), 12),
    Kolom(gettext_lazy("Faktor pendorong"), 50),
    Kolom(gettext_lazy("Faktor penghambat"), 50),
    Kolom(gettext_lazy("Catatan monitoring"), 16),
    Kolom(gettext_lazy("Status"), 12),
    Kolom(gettext_lazy("Tanggal disepakati"), 12, TANGGAL),
    Kolom(gettext_lazy("Batas waktu"), 12, TANGGAL),
    Kolom(gettext_lazy("Penanggung jawab"), 36),
    Kolom(gettext_lazy("Tim"), 28),
]
KOLOM_EMONEV_INDIKATOR = [
    Kolom(gettext_lazy("Rencana monitoring"), 16),
    Kolom(gettext_lazy("Instrumen"), 30),
    Kolom(gettext_lazy("Aspek"), 28),
    Kolom(gettext_lazy("Fokus"), 28),
    Kolom(gettext_lazy("Indikator"), 44),
    Kolom(gettext_lazy("Tipe"), 12),
    Kolom(gettext_lazy("Target (benchmark)"), 12, ANGKA),
    Kolom(gettext_lazy("Realisasi"), 12, ANGKA),
    Kolom(gettext_lazy("Persen capaian (%)"), 12, PERSEN),
    Kolom(gettext_lazy("Lampu"), 12),
    Kolom(gettext_lazy("Faktor pendorong"), 50),
    Kolom(gettext_lazy("Faktor penghambat"), 50),
    Kolom(gettext_lazy("Catatan monitoring"), 16),
    Kolom(gettext_lazy("Tanggal"), 12, TANGGAL),
    Kolom(gettext_lazy("Tim"), 28),
]


def _lembar_emonev(user, rtl: QuerySet[Rtl], chosen: dict, pengaturan, today: date) -> list[Lembar]:
    def rtl_rows():
        qs = emonev_rtl_qs(user, rtl).order_by("batas_waktu", "nomor", "pk")
        for item in qs.iterator(chunk_size=500):
            row = emonev_rtl_baris(item, pengaturan, today)
            yield [
                item.nomor,
                item.tindakan,
                item.indikator,
                item.target_nilai,
                item.satuan,
                item.realisasi_terakhir,
                item.progres,
                row["persen"],
                _("Realisasi") if row["ukuran"] == "realisasi" else _("Progres"),
                row["harapan"],
                row["lampu_label"],
                item.faktor_pendorong,
                item.faktor_penghambat,
                item.catatan_terakhir_nomor,
                item.get_status_display(),
                item.tanggal_disepakati,
                item.batas_waktu,
                f"{item.pemilik_nama} ({item.pemilik_sasaran.nama})",
                item.bimbingan.tim.nama,
            ]

    def indikator_rows():
        qs = emonev_indikator_qs(user, chosen).order_by(
            "catatan__rencana__nomor",
            "indikator__fokus__aspek__urutan",
            "indikator__fokus__urutan",
            "indikator__urutan",
            "pk",
        )
        for jawaban in qs.iterator(chunk_size=500):
            row = emonev_indikator_baris(jawaban, pengaturan)
            indikator = jawaban.indikator
            yield [
                jawaban.catatan.rencana.nomor,
                indikator.fokus.aspek.instrumen.nama,
                indikator.fokus.aspek.nama,
                indikator.fokus.nama,
                indikator.nama,
                indikator.get_tipe_display(),
                indikator.benchmark,
                jawaban.nilai,
                row["persen"],
                row["lampu_label"],
                jawaban.catatan.faktor_pendorong,
                jawaban.catatan.faktor_penghambat,
                jawaban.catatan.nomor,
                jawaban.catatan.tanggal,
                jawaban.catatan.rencana.tim.nama,
            ]

    return [
        Lembar(_("e-Monev RTL"), KOLOM_EMONEV_RTL, rtl_rows()),
        Lembar(_("e-Monev indikator"), KOLOM_EMONEV_INDIKATOR, indikator_rows()),
    ]


def _keterangan(request, form, chosen, pengaturan, *, kelompok=None, ringkasan=None) -> list:
    saringan = [(_("Pengelompokan"), str(kelompok.label))] if kelompok else []
    for name in EvaluasiFilterForm.FIELDS:
        value = chosen.get(name)
        if value in (None, ""):
            continue
        if name == "jenis_sasaran":
            value = Sasaran.Jenis(value).label
        elif isinstance(value, date):
            value = date_format(value)
        saringan.append((str(form.fields[name].label), str(value)))
    saringan += [(str(label), text) for _name, label, text in form.chips()]
    if len(saringan) == (1 if kelompok else 0):
        saringan.append((_("Saringan"), _("Tanpa saringan: semua RTL yang boleh Anda lihat")))
    bagian = [
        (_("Rumus capaian (Pedoman 604 §6.2)"), rumus_evaluasi(pengaturan)),
        (_("Lampu e-monev"), rumus_emonev(pengaturan)),
        (
            _("Pengaturan saat ini"),
            [
                (_("Sangat baik mulai (%)"), pengaturan.batas_sangat_baik),
                (_("Baik mulai (%)"), pengaturan.batas_baik),
                (_("Cukup mulai (%)"), pengaturan.batas_cukup),
                (_("Toleransi e-monev (poin persen)"), pengaturan.toleransi_emonev),
            ],
        ),
        (_("Saringan"), saringan),
    ]
    if ringkasan is not None:
        capaian = ringkasan["capaian"]
        bagian.append(
            (
                _("Ringkasan"),
                [
                    (
                        _("Capaian keseluruhan (%)"),
                        round(capaian, 1) if capaian is not None else _("Belum ada RTL"),
                    ),
                    (_("Kategori"), str(ringkasan["band"].label)),
                    (_("RTL dihitung"), ringkasan["jumlah"]),
                    (_("RTL selesai"), ringkasan["selesai"]),
                    (_("RTL terlambat"), ringkasan["terlambat"]),
                    (_("RTL dibatalkan (tidak dihitung)"), ringkasan["dibatalkan"]),
                ],
            )
        )
    user = request.user
    bagian.append(
        (
            _("Unduhan"),
            [
                (_("Diunduh oleh"), user.get_full_name() or user.username),
                (_("Tanggal"), date_format(timezone.localdate())),
            ],
        )
    )
    return bagian


def _tanpa_kapital(label: str) -> str:
    """ "Per RTL" → "per RTL": only the first letter, so abbreviations keep their capitals."""
    return label[:1].lower() + label[1:]


@require_safe
@login_required
def evaluasi_ekspor(request):
    today = timezone.localdate()
    form, chosen, rtl = saringan_dari(request)
    kelompok = kelompok_dari(request)
    pengaturan = PengaturanEvaluasi.current()
    rows = rows_kelompok(rtl, kelompok, request.GET.get("urut", ""), today)
    is_rtl = kelompok.kode == "rtl"
    kolom = [
        Kolom(str(kelompok.kolom), 24),
        Kolom(_("Keterangan"), 60),
        *([Kolom(_("Status"), 12), Kolom(_("Batas waktu"), 12, TANGGAL)] if is_rtl else []),
        Kolom(_("RTL dihitung"), 12, ANGKA),
        Kolom(_("Selesai"), 10, ANGKA),
        Kolom(_("Terlambat"), 10, ANGKA),
        Kolom(_("Capaian (%)"), 12, PERSEN),
        Kolom(_("Kategori"), 16),
    ]

    def lines():
        for row in rows.iterator(chunk_size=500):
            b = baris_kelompok(kelompok, row, pengaturan, chosen)
            extra = [b["status"], b["batas_waktu"]] if is_rtl else []
            yield [
                b["nama"],
                b["keterangan"],
                *extra,
                b["jumlah"],
                b["selesai"],
                b["terlambat"],
                b["capaian"],
                str(b["band"].label),
            ]

    ringkasan = ringkasan_capaian(evaluasi.aggregate(rtl, today=today), pengaturan, chosen)
    penutup = [
        _("Keseluruhan"),
        "",
        *(["", None] if is_rtl else []),
        ringkasan["jumlah"],
        ringkasan["selesai"],
        ringkasan["terlambat"],
        ringkasan["capaian"],
        str(ringkasan["band"].label),
    ]
    sheets = [
        Lembar(
            _("Evaluasi %(per)s") % {"per": _tanpa_kapital(str(kelompok.label))},
            kolom,
            lines(),
            penutup,
        ),
        *_lembar_emonev(request.user, rtl, chosen, pengaturan, today),
    ]
    return ekspor.workbook_response(
        lembar=sheets,
        judul=_("Evaluasi capaian kinerja advokasi (Pedoman 604 §6.2)"),
        keterangan=_keterangan(
            request, form, chosen, pengaturan, kelompok=kelompok, ringkasan=ringkasan
        ),
        nama_berkas=f"evaluasi-{kelompok.kode}",
    )


@require_safe
@login_required
def emonev_ekspor(request):
    today = timezone.localdate()
    form, chosen, rtl = saringan_dari(request)
    pengaturan = PengaturanEvaluasi.current()
    return ekspor.workbook_response(
        lembar=_lembar_emonev(request.user, rtl, chosen, pengaturan, today),
        judul=_("e-Monev: target, realisasi dan capaian RTL dan indikator"),
        keterangan=_keterangan(request, form, chosen, pengaturan),
        nama_berkas="e-monev",
    )
