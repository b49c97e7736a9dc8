"""The evaluation page (§6.2): capaian kinerja per RTL item, problem, target, team, fasilitator
and period, with the overall figure, the formula written out, and links to the records behind
every figure.

Every figure comes from monitoring.evaluasi (the formula lives there, once) over the RTL items the
user may read (advokasi.selectors.rtl_for_user). Groups are aggregated in SQL: the page runs a fixed
number of queries whatever the number of items.
"""

from dataclasses import dataclass
from datetime import date
from hashlib import sha256
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.db.models.functions import TruncQuarter
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from advokasi.models import Rtl
from advokasi.selectors import rtl_for_user, tim_for_user
from akun.selectors import is_komisi
from akun.versi import CACHE_SECONDS, kunci_cache
from lsp.models import Sasaran
from monitoring import evaluasi
from monitoring.forms.evaluasi import EvaluasiFilterForm, rtl_saring
from monitoring.models import PengaturanEvaluasi

S = Rtl.Status
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}
# Filters the RTL list (advokasi.filters.RtlFilter) understands: a count links there when the
# items behind it can be named with these alone, and to this page's per-RTL table otherwise.
RTL_LIST_PARAMS = {"provinsi", "tim", "pemilik_sasaran", "fasilitator", "status", "terlambat"}


# --- the groups ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kelompok:
    kode: str
    label: str  # the tab
    kolom: str  # the first column's header
    fields: tuple[str, ...]  # values() of the grouping; the first is the key
    urut_nama: str  # the field "sort by name" uses (one of `fields`)

    @property
    def kunci(self) -> str:
        return self.fields[0]


KELOMPOK = {
    k.kode: k
    for k in [
        Kelompok(
            "rtl",
            gettext_lazy("Per RTL"),
            gettext_lazy("RTL"),
            ("pk", "nomor", "tindakan", "status", "batas_waktu", "bimbingan__tim__nama"),
            "nomor",
        ),
        Kelompok(
            "permasalahan",
            gettext_lazy("Per permasalahan"),
            gettext_lazy("Permasalahan"),
            ("permasalahan", "permasalahan__nomor", "permasalahan__uraian"),
            "permasalahan__nomor",
        ),
        Kelompok(
            "sasaran",
            gettext_lazy("Per sasaran"),
            gettext_lazy("Sasaran (penanggung jawab RTL)"),
            (
                "pemilik_sasaran",
                "pemilik_sasaran__nama",
                "pemilik_sasaran__jenis",
                "pemilik_sasaran__provinsi__nama",
            ),
            "pemilik_sasaran__nama",
        ),
        Kelompok(
            "tim",
            gettext_lazy("Per tim"),
            gettext_lazy("Tim"),
            ("bimbingan__tim", "bimbingan__tim__nama"),
            "bimbingan__tim__nama",
        ),
        Kelompok(
            "fasilitator",
            gettext_lazy("Per fasilitator"),
            gettext_lazy("Fasilitator"),
            (
                "bimbingan__fasilitator",
                "bimbingan__fasilitator__first_name",
                "bimbingan__fasilitator__last_name",
                "bimbingan__fasilitator__username",
            ),
            "bimbingan__fasilitator__first_name",
        ),
        Kelompok(
            "periode",
            gettext_lazy("Per periode"),
            gettext_lazy("Periode (triwulan disepakati)"),
            ("periode",),
            "periode",
        ),
    ]
}
KELOMPOK_BAWAAN = "permasalahan"
URUT = {"capaian": "capaian", "jumlah": "jumlah", "selesai": "selesai", "terlambat": "terlambat"}


def triwulan(awal: date) -> str:
    return _("Triwulan %(romawi)s %(tahun)s") % {
        "romawi": ROMAWI[(awal.month - 1) // 3 + 1],
        "tahun": awal.year,
    }


def _akhir_triwulan(awal: date) -> date:
    bulan = awal.month + 2
    return date(awal.year, bulan, 31 if bulan in (3, 12) else 30)


def rumus_evaluasi(pengaturan: PengaturanEvaluasi) -> list[str]:
    """The formula as written on the page and in the workbook (monitoring.evaluasi's rules)."""
    # "100 %" holds a literal no-break space, not a \u00a0 escape: xgettext would read the escape
    # as text, and the msgid would then never match the English catalog.
    return [
        _(
            "Capaian satu RTL = 100 % bila statusnya selesai; sama dengan progres monitoring "
            "terakhir bila statusnya rencana atau berjalan, termasuk RTL yang sudah melewati batas "
            "waktu (tidak diberi nilai tambahan maupun dihukum dua kali: progresnya saja yang "
            "belum mencapai 100 %); RTL yang dibatalkan tidak dihitung."
        ),
        _(
            "Capaian kelompok (permasalahan, sasaran, tim, fasilitator, periode) = rata-rata "
            "capaian RTL-nya yang dihitung."
        ),
        _("Kelompok yang belum punya RTL yang dihitung ditandai «Belum ada RTL»: itu bukan 0 %."),
        _(
            "Capaian fasilitator menghitung setiap RTL dari bimbingan yang ia fasilitasi: satu RTL "
            "dihitung untuk setiap fasilitator bimbingannya. Periode = triwulan tanggal RTL "
            "disepakati."
        ),
        _("Terlambat = RTL rencana atau berjalan yang batas waktunya sudah lewat."),
        _(
            "Kategori: sangat baik ≥ %(sb)s %%, baik ≥ %(b)s %%, "
            "cukup ≥ %(c)s %%, kurang < %(c)s %% (batas ditetapkan Staf Komisi)."
        )
        % {
            "sb": pengaturan.batas_sangat_baik,
            "b": pengaturan.batas_baik,
            "c": pengaturan.batas_cukup,
        },
    ]


def rumus_emonev(pengaturan: PengaturanEvaluasi) -> list[str]:
    toleransi = pengaturan.toleransi_emonev
    return [
        _("Target: nilai target indikator keberhasilan RTL, atau benchmark indikator instrumen."),
        _(
            "Realisasi: nilai realisasi terakhir yang dicatat monitoring. Bila RTL belum punya "
            "realisasi, capaian RTL (progres %, 100 bila selesai) dipakai sebagai ukuran."
        ),
        _("Persen capaian = realisasi ÷ target × 100 (bisa lebih dari 100 %)."),
        _(
            # "% sebelum" looks like a format directive to xgettext; the string is never formatted.
            # xgettext:no-python-format
            "Harapan RTL = kemajuan yang semestinya tercapai hari ini bila pekerjaan berjalan "
            "merata dari tanggal disepakati sampai batas waktu (0 % sebelum mulai, "
            "100 % sejak batas waktu). Harapan indikator instrumen = 100 % dari "
            "benchmark."
        ),
        _(
            "Hijau: persen capaian ≥ harapan. Kuning: di bawah harapan paling banyak %(t)s poin "
            "persen (toleransi). Merah: tertinggal lebih dari %(t)s poin persen. Abu-abu: belum "
            "terukur."
        )
        % {"t": toleransi},
        _("RTL yang dibatalkan tidak ditampilkan."),
    ]


# --- reading the filters --------------------------------------------------------------------------


def saringan_dari(request) -> tuple[EvaluasiFilterForm, dict, QuerySet[Rtl]]:
    form = EvaluasiFilterForm(request.GET or None, user=request.user)
    chosen = form.filters()
    return form, chosen, rtl_saring(rtl_for_user(request.user), **chosen)


def _as_params(chosen: dict) -> dict[str, str]:
    params = {}
    for key, value in chosen.items():
        if value in (None, ""):
            continue
        params[key] = (
            value.isoformat() if isinstance(value, date) else str(getattr(value, "pk", value))
        )
    return params


def chips_saringan(request, form: EvaluasiFilterForm) -> list[dict]:
    """The group filters set by a figure's link, each with the address that drops it."""
    chips = []
    for name, label, text in form.chips():
        params = request.GET.copy()
        params.pop(name, None)
        params.pop("halaman", None)
        chips.append({"label": label, "text": text, "url": f"?{params.urlencode()}"})
    return chips


def parameter_tetap(request, *names: str) -> list[tuple[str, str]]:
    """Parameters the filter form carries over (the grouping, the tab, the sort order)."""
    return [(name, request.GET.get(name, "")) for name in names]


def _tautan(chosen: dict, **group) -> str:
    """Where a count leads: the RTL list when its filters name exactly the items behind it, this
    page's per-RTL table with the same filters otherwise."""
    params = {**_as_params(chosen), **{k: str(v) for k, v in group.items() if v not in (None, "")}}
    if set(params) <= RTL_LIST_PARAMS:
        return f"{reverse('advokasi:rtl-list')}?{urlencode(params)}"
    return f"{reverse('monitoring:evaluasi')}?{urlencode({'per': 'rtl', **params})}"


def _tautan_angka(chosen: dict, group: dict | None) -> dict:
    if group is None:
        return {}
    return {
        "url_jumlah": _tautan(chosen, **group),
        "url_selesai": _tautan(chosen, **group, status=S.SELESAI),
        "url_terlambat": _tautan(chosen, **group, terlambat=1),
    }


def _uraikan(kelompok: Kelompok, row: dict, chosen: dict) -> dict:
    """Name, subtitle, record page and group filter of one row of a grouping."""
    kunci = row[kelompok.kunci]
    if kelompok.kode == "rtl":
        return {
            "nama": row["nomor"],
            "keterangan": row["tindakan"],
            "url": reverse("advokasi:rtl-detail", args=[kunci]),
            "group": None,
            "status": S(row["status"]).label,
            "dibatalkan": row["status"] == S.DIBATALKAN,
            "batas_waktu": row["batas_waktu"],
            "tim": row["bimbingan__tim__nama"],
        }
    if kunci is None:
        nama = {
            "permasalahan": _("Tanpa permasalahan"),
            "fasilitator": _("Tanpa fasilitator"),
        }.get(kelompok.kode, "—")
        return {"nama": nama, "keterangan": "", "url": None, "group": None}
    if kelompok.kode == "permasalahan":
        return {
            "nama": row["permasalahan__nomor"],
            "keterangan": row["permasalahan__uraian"],
            "url": reverse("advokasi:permasalahan-detail", args=[kunci]),
            "group": {"permasalahan": kunci},
        }
    if kelompok.kode == "sasaran":
        return {
            "nama": row["pemilik_sasaran__nama"],
            "keterangan": f"{Sasaran.Jenis(row['pemilik_sasaran__jenis']).label} · "
            f"{row['pemilik_sasaran__provinsi__nama']}",
            "url": reverse("lsp:sasaran-detail", args=[kunci]),
            "group": {"pemilik_sasaran": kunci},
        }
    if kelompok.kode == "tim":
        return {
            "nama": row["bimbingan__tim__nama"],
            "keterangan": "",
            "url": reverse("advokasi:tim-detail", args=[kunci]),
            "group": {"tim": kunci},
        }
    if kelompok.kode == "fasilitator":
        prefix = "bimbingan__fasilitator__"
        full = f"{row[prefix + 'first_name']} {row[prefix + 'last_name']}".strip()
        group = {"fasilitator": kunci}
        return {
            "nama": full or row[prefix + "username"],
            "keterangan": row[prefix + "username"] if full else "",
            "url": _tautan(chosen, **group),
            "group": group,
        }
    # periode: the quarter, within the date range already chosen
    awal, akhir = kunci, _akhir_triwulan(kunci)
    if chosen.get("tanggal_dari"):
        awal = max(awal, chosen["tanggal_dari"])
    if chosen.get("tanggal_sampai"):
        akhir = min(akhir, chosen["tanggal_sampai"])
    group = {"tanggal_dari": awal.isoformat(), "tanggal_sampai": akhir.isoformat()}
    return {
        "nama": triwulan(kunci),
        "keterangan": f"{date_format(kunci)} – {date_format(_akhir_triwulan(kunci))}",
        "url": _tautan(chosen, **group),
        "group": group,
    }


def baris_kelompok(kelompok: Kelompok, row: dict, pengaturan, chosen: dict) -> dict:
    uraian = _uraikan(kelompok, row, chosen)
    return {
        **row,
        **uraian,
        **_tautan_angka(chosen, uraian["group"]),
        "band": evaluasi.band(row["capaian"], pengaturan),
    }


def rows_kelompok(rtl: QuerySet[Rtl], kelompok: Kelompok, urut: str, today: date) -> QuerySet:
    if kelompok.kode == "periode":
        rtl = rtl.annotate(periode=TruncQuarter("tanggal_disepakati"))
    rows = evaluasi.per_group(rtl, *kelompok.fields, today=today)
    key = urut.lstrip("-")
    field = kelompok.urut_nama if key == "nama" else URUT.get(key)
    if field is None:
        return rows.order_by(F("capaian").desc(nulls_last=True), kelompok.kunci)
    if urut.startswith("-"):
        return rows.order_by(F(field).desc(nulls_last=True), kelompok.kunci)
    return rows.order_by(F(field).asc(nulls_last=True), kelompok.kunci)


def kelompok_dari(request) -> Kelompok:
    return KELOMPOK.get(request.GET.get("per", ""), KELOMPOK[KELOMPOK_BAWAAN])


def ringkasan_capaian(total: dict, pengaturan, chosen: dict) -> dict:
    """The summary card of `total`, evaluasi.aggregate() of the filtered RTL items."""
    return {
        **total,
        "band": evaluasi.band(total["capaian"], pengaturan),
        **_tautan_angka(chosen, {}),
        "url_dibatalkan": _tautan(chosen, status=S.DIBATALKAN),
    }


# --- the evaluation page ----------------------------------------------------------------------


def _tabel_tersimpan(request, rtl: QuerySet[Rtl], kelompok: Kelompok, today: date):
    """The page of groups asked for and the total over all the filtered items, as the cache has
    them for these parameters and this version of the data (akun.versi.kunci_cache).

    Aggregating 30,000 RTL items per problem takes 50–150 ms (bench/); a page shown again, or
    another person of the same scope opening it, costs a cache read until a record changes.
    """
    params = urlencode(sorted(request.GET.lists()), doseq=True)
    key = kunci_cache("evaluasi", request.user, today, sha256(params.encode()).hexdigest())

    def hitung() -> dict:
        rows = rows_kelompok(rtl, kelompok, request.GET.get("urut", ""), today)
        page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("halaman"))
        return {
            "jumlah": page.paginator.count,
            "nomor": page.number,
            "baris": list(page.object_list),
            "total": evaluasi.aggregate(rtl, today=today),
        }

    hasil = cache.get_or_set(key, hitung, CACHE_SECONDS)
    paginator = Paginator([], settings.PAGE_SIZE)
    paginator.count = hasil["jumlah"]
    return Page(hasil["baris"], hasil["nomor"], paginator), hasil["total"]


@require_safe
@login_required
def evaluasi_view(request):
    today = timezone.localdate()
    form, chosen, rtl = saringan_dari(request)
    kelompok = kelompok_dari(request)
    pengaturan = PengaturanEvaluasi.current()
    page, total = _tabel_tersimpan(request, rtl, kelompok, today)
    tim_tanpa_rtl = []
    if kelompok.kode == "tim":
        tim_tanpa_rtl = (
            tim_for_user(request.user)
            .filter(aktif=True)
            .exclude(pk__in=rtl.values("bimbingan__tim"))
            .order_by("nama")
        )
        if chosen["tim"]:
            tim_tanpa_rtl = tim_tanpa_rtl.filter(pk=chosen["tim"].pk)
    return render(
        request,
        "monitoring/evaluasi/evaluasi.html",
        {
            "form": form,
            "kelompok": kelompok,
            "semua_kelompok": KELOMPOK.values(),
            "page": page,
            "rows": [baris_kelompok(kelompok, row, pengaturan, chosen) for row in page],
            "ringkasan": ringkasan_capaian(total, pengaturan, chosen),
            "tim_tanpa_rtl": tim_tanpa_rtl,
            "bands_belum": evaluasi.BANDS["belum"],
            "chips": chips_saringan(request, form),
            "tetap": parameter_tetap(request, "per", "urut"),
            "reset_url": f"{reverse('monitoring:evaluasi')}?per={kelompok.kode}",
            "pengaturan": pengaturan,
            "rumus": rumus_evaluasi(pengaturan),
            "bands": [evaluasi.BANDS[k] for k in ("sangat_baik", "baik", "cukup", "kurang")],
            # Only which words the link shows: the thresholds page checks permissions itself.
            "can_edit_pengaturan": is_komisi(request.user),
        },
    )
