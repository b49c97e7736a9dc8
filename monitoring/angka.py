"""The monitoring dashboard's figures, aggregated in SQL over the user's read doors.

Every figure carries the address of the records behind it (the advocacy lists with the matching
filter). `angka_dasbor` caches them per scope, data version, language and day.
"""

from datetime import date, timedelta
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from advokasi.models import Bimbingan, Permasalahan, Rtl
from advokasi.pedoman import KategoriMasalah
from advokasi.selectors import bimbingan_for_user, permasalahan_for_user, rtl_for_user
from akun.roles import Role
from akun.selectors import has_role
from akun.versi import CACHE_SECONDS, kunci_cache
from lsp.models import Provinsi
from monitoring import evaluasi, peta
from monitoring.models import PengaturanEvaluasi

BULAN = 12  # sessions per month over the last twelve months

# Bootstrap's palette, so charts, badges and map tiles speak the same colours.
WARNA = {
    "success": "#198754",
    "primary": "#0d6efd",
    "warning": "#ffc107",
    "danger": "#dc3545",
    "info": "#0dcaf0",
    "secondary": "#adb5bd",
}
WARNA_STATUS_RTL = {
    Rtl.Status.RENCANA: "#6c757d",
    Rtl.Status.BERJALAN: WARNA["primary"],
    Rtl.Status.SELESAI: WARNA["success"],
    Rtl.Status.DIBATALKAN: "#dee2e6",
}


def can_see_dasbor(user) -> bool:
    return user.is_authenticated and has_role(user, Role.ADMIN, Role.STAF_KOMISI, Role.PIMPINAN)


def _url(name: str, **params) -> str:
    """A list page's address with its filter parameters (empty ones left out)."""
    url = reverse(name)
    params = {key: value for key, value in params.items() if value not in (None, "")}
    return f"{url}?{urlencode(params)}" if params else url


def _band(capaian: float | None, pengaturan: PengaturanEvaluasi) -> dict:
    band = evaluasi.band(capaian, pengaturan)
    return {"kode": band.kode, "label": str(band.label), "warna": band.warna}


def _bulan_awal(today: date, mundur: int) -> date:
    """The first day of the month `mundur` months before today's."""
    index = today.year * 12 + today.month - 1 - mundur
    return date(index // 12, index % 12 + 1, 1)


def _bulan_akhir(awal: date) -> date:
    return _bulan_awal(awal, -1) - timedelta(days=1)


def angka_dasbor(user, *, today: date) -> dict:
    """All dashboard figures for what the user may read, cached until a record changes (or five
    minutes have passed: bulk imports change records without telling the cache)."""
    key = kunci_cache("dasbor", user, today)
    return cache.get_or_set(key, lambda: hitung_angka(user, today=today), CACHE_SECONDS)


def hitung_angka(user, *, today: date) -> dict:
    """The figures, uncached: nine queries whatever the number of records."""
    pengaturan = PengaturanEvaluasi.current()
    masalah = permasalahan_for_user(user).filter(status__in=Permasalahan.OPEN)
    rtl = rtl_for_user(user)

    # Open problems per category (§4.1) and per province.
    per_kategori = dict(masalah.order_by().values_list("kategori").annotate(n=Count("pk")))
    masalah_kategori = [
        {
            "kode": kode,
            "label": str(label),
            "singkat": f"{kode}. {str(label).split(' (')[0]}",
            "jumlah": per_kategori.get(kode, 0),
            "url": _url("advokasi:permasalahan-list", status="terbuka", kategori=kode),
        }
        for kode, label in KategoriMasalah.choices
    ]
    masalah_provinsi = [
        {
            "id": row["sasaran__provinsi"],
            "nama": row["sasaran__provinsi__nama"],
            "jumlah": row["n"],
            "url": _url(
                "advokasi:permasalahan-list", status="terbuka", provinsi=row["sasaran__provinsi"]
            ),
        }
        for row in masalah.order_by()
        .values("sasaran__provinsi", "sasaran__provinsi__nama")
        .annotate(n=Count("pk"))
        .order_by("-n", "sasaran__provinsi__nama")
    ]

    # Overall achievement, overdue, and RTL per status, in one query.
    total = evaluasi.aggregate(
        rtl,
        today=today,
        **{f"status_{s}": Count("pk", filter=Q(status=s)) for s in Rtl.Status.values},
    )
    per_status = {s: total.pop(f"status_{s}") for s in Rtl.Status.values}
    rtl_status = [
        {
            "kode": status,
            "label": str(label),
            "jumlah": per_status[status],
            "warna": WARNA_STATUS_RTL[status],
            "url": _url("advokasi:rtl-list", status=status),
        }
        for status, label in Rtl.Status.choices
    ]

    # Achievement per province, team and fasilitator (monitoring.evaluasi's formula).
    provinsi = {p["id"]: p for p in Provinsi.objects.values("id", "kode", "nama")}
    capaian_provinsi = _capaian_rows(
        evaluasi.per_group(rtl, "pemilik_sasaran__provinsi", today=today),
        key="pemilik_sasaran__provinsi",
        name=lambda row: provinsi[row["pemilik_sasaran__provinsi"]]["nama"],
        url=lambda pk: _url("advokasi:rtl-list", provinsi=pk),
        pengaturan=pengaturan,
    )
    capaian_tim = _capaian_rows(
        evaluasi.per_group(rtl, "bimbingan__tim", "bimbingan__tim__nama", today=today),
        key="bimbingan__tim",
        name=lambda row: row["bimbingan__tim__nama"],
        url=lambda pk: _url("advokasi:rtl-list", tim=pk),
        pengaturan=pengaturan,
    )
    capaian_fasilitator = _capaian_rows(
        evaluasi.per_group(
            rtl,
            "bimbingan__fasilitator",
            "bimbingan__fasilitator__first_name",
            "bimbingan__fasilitator__last_name",
            "bimbingan__fasilitator__username",
            today=today,
        ),
        key="bimbingan__fasilitator",
        name=lambda row: (
            " ".join(
                filter(
                    None,
                    [
                        row["bimbingan__fasilitator__first_name"],
                        row["bimbingan__fasilitator__last_name"],
                    ],
                )
            )
            or row["bimbingan__fasilitator__username"]
        ),
        url=lambda pk: _url("advokasi:rtl-list", fasilitator=pk),
        pengaturan=pengaturan,
    )

    # Guidance sessions per month, last twelve months, held and scheduled.
    awal = _bulan_awal(today, BULAN - 1)
    per_bulan = {
        row["bulan"]: row
        for row in bimbingan_for_user(user)
        .filter(tanggal__gte=awal, tanggal__lte=_bulan_akhir(today))
        .exclude(status=Bimbingan.Status.DIBATALKAN)
        .order_by()
        .annotate(bulan=TruncMonth("tanggal"))
        .values("bulan")
        .annotate(
            terlaksana=Count("pk", filter=Q(status=Bimbingan.Status.TERLAKSANA)),
            dijadwalkan=Count("pk", filter=Q(status=Bimbingan.Status.DIJADWALKAN)),
        )
    }
    bimbingan_bulan = []
    for mundur in range(BULAN - 1, -1, -1):
        bulan = _bulan_awal(today, mundur)
        row = per_bulan.get(bulan, {})
        bimbingan_bulan.append(
            {
                "bulan": bulan,
                "label": formats.date_format(bulan, "M Y"),
                "terlaksana": row.get("terlaksana", 0),
                "dijadwalkan": row.get("dijadwalkan", 0),
                "url": _url(
                    "advokasi:bimbingan-list",
                    tanggal_dari=bulan.isoformat(),
                    tanggal_sampai=_bulan_akhir(bulan).isoformat(),
                ),
            }
        )

    open_rtl = per_status[Rtl.Status.RENCANA] + per_status[Rtl.Status.BERJALAN]
    ringkasan = {
        "masalah_terbuka": sum(per_kategori.values()),
        "masalah_url": _url("advokasi:permasalahan-list", status="terbuka"),
        "rtl_terbuka": open_rtl,
        "rtl_terbuka_url": _url("advokasi:rtl-list", status="terbuka"),
        "rtl_terlambat": total["terlambat"],
        "rtl_terlambat_url": _url("advokasi:rtl-list", terlambat=1),
        "rtl_dihitung": total["jumlah"],
        "capaian": total["capaian"],
        "band": _band(total["capaian"], pengaturan),
        "rtl_url": _url("advokasi:rtl-list"),
        "bimbingan": sum(b["terlaksana"] + b["dijadwalkan"] for b in bimbingan_bulan),
        "bimbingan_url": _url(
            "advokasi:bimbingan-list",
            tanggal_dari=awal.isoformat(),
            tanggal_sampai=_bulan_akhir(today).isoformat(),
        ),
    }
    figures = {
        "tanggal": today,
        "ringkasan": ringkasan,
        "masalah_kategori": masalah_kategori,
        "masalah_provinsi": masalah_provinsi,
        "rtl_status": rtl_status,
        "capaian_provinsi": capaian_provinsi,
        "capaian_tim": capaian_tim,
        "capaian_fasilitator": capaian_fasilitator,
        "bimbingan_bulan": bimbingan_bulan,
        "peta": _peta(provinsi, capaian_provinsi, pengaturan),
        "legenda": _legenda(pengaturan),
    }
    figures["grafik"] = _grafik(figures)
    return figures


def _capaian_rows(rows, *, key, name, url, pengaturan) -> list[dict]:
    result = [
        {
            "id": row[key],
            "nama": name(row),
            "capaian": row["capaian"],
            "jumlah": row["jumlah"],
            "selesai": row["selesai"],
            "terlambat": row["terlambat"],
            "band": _band(row["capaian"], pengaturan),
            "url": url(row[key]),
        }
        for row in rows
        if row[key] is not None  # e.g. sessions with no fasilitator recorded
    ]
    # Best first; groups with only cancelled items ("belum ada RTL") last.
    result.sort(key=lambda r: (r["capaian"] is None, -(r["capaian"] or 0), r["nama"]))
    return result


def _peta(provinsi: dict, capaian_provinsi: list[dict], pengaturan) -> dict:
    by_id = {row["id"]: row for row in capaian_provinsi}
    tiles = []
    for pk, prov in provinsi.items():
        tile = peta.petak(prov["kode"])
        if tile is None:
            continue
        row = by_id.get(pk)
        capaian = row["capaian"] if row else None
        tiles.append(
            {
                "id": pk,
                "nama": prov["nama"],
                "singkatan": tile.singkatan,
                "baris": tile.baris,
                "kolom": tile.kolom,
                "capaian": capaian,
                "jumlah": row["jumlah"] if row else 0,
                "band": row["band"] if row else _band(None, pengaturan),
                "url": _url("advokasi:rtl-list", provinsi=pk),
            }
        )
    tiles.sort(key=lambda t: (t["baris"], t["kolom"]))
    return {"petak": tiles, "baris": peta.BARIS, "kolom": peta.KOLOM}


def _legenda(pengaturan: PengaturanEvaluasi) -> list[dict]:
    sb, b, c = pengaturan.batas_sangat_baik, pengaturan.batas_baik, pengaturan.batas_cukup
    bands = evaluasi.BANDS
    return [
        {"kode": "sangat_baik", "label": str(bands["sangat_baik"].label), "rentang": f"≥ {sb}%"},
        {"kode": "baik", "label": str(bands["baik"].label), "rentang": f"{b}–{sb - 1}%"},
        {"kode": "cukup", "label": str(bands["cukup"].label), "rentang": f"{c}–{b - 1}%"},
        {"kode": "kurang", "label": str(bands["kurang"].label), "rentang": f"< {c}%"},
        {"kode": "belum", "label": str(bands["belum"].label), "rentang": ""},
    ]


def _grafik(f: dict) -> dict:
    """Chart.js specifications read by static/js/dasbor.js (through json_script, CSP-safe)."""

    def capaian_chart(rows, label):
        return {
            "jenis": "bar",
            "horizontal": True,
            "persen": True,
            "labels": [r["nama"] for r in rows],
            "links": [r["url"] for r in rows],
            "datasets": [
                {
                    "label": str(label),
                    "data": [
                        round(r["capaian"], 1) if r["capaian"] is not None else 0 for r in rows
                    ],
                    "warna": [WARNA[r["band"]["warna"]] for r in rows],
                }
            ],
        }

    return {
        "masalah_kategori": {
            "jenis": "bar",
            "horizontal": True,
            "labels": [r["singkat"] for r in f["masalah_kategori"]],
            "links": [r["url"] for r in f["masalah_kategori"]],
            "datasets": [
                {
                    "label": _("Permasalahan terbuka"),
                    "data": [r["jumlah"] for r in f["masalah_kategori"]],
                    "warna": WARNA["warning"],
                }
            ],
        },
        "masalah_provinsi": {
            "jenis": "bar",
            "horizontal": True,
            "labels": [r["nama"] for r in f["masalah_provinsi"]],
            "links": [r["url"] for r in f["masalah_provinsi"]],
            "datasets": [
                {
                    "label": _("Permasalahan terbuka"),
                    "data": [r["jumlah"] for r in f["masalah_provinsi"]],
                    "warna": WARNA["warning"],
                }
            ],
        },
        "rtl_status": {
            "jenis": "doughnut",
            "labels": [r["label"] for r in f["rtl_status"]],
            "links": [r["url"] for r in f["rtl_status"]],
            "datasets": [
                {
                    "label": _("RTL"),
                    "data": [r["jumlah"] for r in f["rtl_status"]],
                    "warna": [r["warna"] for r in f["rtl_status"]],
                }
            ],
        },
        "capaian_tim": capaian_chart(f["capaian_tim"], _("Capaian (%)")),
        "capaian_fasilitator": capaian_chart(f["capaian_fasilitator"], _("Capaian (%)")),
        "bimbingan_bulan": {
            "jenis": "bar",
            "bertumpuk": True,
            "labels": [r["label"] for r in f["bimbingan_bulan"]],
            "links": [r["url"] for r in f["bimbingan_bulan"]],
            "datasets": [
                {
                    "label": _("Terlaksana"),
                    "data": [r["terlaksana"] for r in f["bimbingan_bulan"]],
                    "warna": WARNA["success"],
                },
                {
                    "label": _("Dijadwalkan"),
                    "data": [r["dijadwalkan"] for r in f["bimbingan_bulan"]],
                    "warna": WARNA["primary"],
                },
            ],
        },
    }
