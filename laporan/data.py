"""The figures of a report (§6.3a): planning, implementation, monitoring and evaluation.

Everything is aggregated in SQL over the report's scope (period, provinces, target kinds, teams):
a fixed number of queries whatever the number of records, so the annual report of a large year
(2,000 targets, 30,000 RTL items) costs the same queries as a small one. The evaluation formula is
monitoring.evaluasi's (`per_group`, `aggregate`, `band`), never restated here.

The result is plain JSON (numbers, strings, lists, dicts): it is what a submitted report freezes
in `Laporan.snapshot`, and the PDF and Excel writers read only this.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from advokasi.models import (
    Bimbingan,
    Fgd,
    KelompokMasalah,
    Permasalahan,
    Rtl,
    Survei,
)
from advokasi.pedoman import KategoriMasalah
from laporan.models import Laporan
from lsp.models import Sasaran
from monitoring import evaluasi
from monitoring.models import CatatanMonitoring, KonfirmasiMasalah, PengaturanEvaluasi
from monitoring.models import RencanaMonitoring as Rencana

TERTUTUP = [Permasalahan.Status.SELESAI, Permasalahan.Status.DITUTUP]


def periode(laporan: Laporan) -> tuple[date, date]:
    if laporan.tahun:
        return date(laporan.tahun, 1, 1), date(laporan.tahun, 12, 31)
    return laporan.tanggal_mulai, laporan.tanggal_selesai


class Lingkup:
    """The report's scope, as filters for each kind of record."""

    def __init__(self, laporan: Laporan):
        self.mulai, self.selesai = periode(laporan)
        self.provinsi = list(laporan.provinsi.values_list("pk", flat=True))
        self.jenis = list(laporan.jenis_sasaran or [])
        self.tim = list(laporan.tim.values_list("pk", flat=True))

    def _sasaran_q(self, prefix: str) -> Q:
        q = Q()
        if self.provinsi:
            q &= Q(**{f"{prefix}provinsi__in": self.provinsi})
        if self.jenis:
            q &= Q(**{f"{prefix}jenis__in": self.jenis})
        return q

    def _via_m2m(self, qs: QuerySet, through, field: str) -> QuerySet:
        """Records with at least one target in scope, through an M2M table."""
        if not (self.provinsi or self.jenis):
            return qs
        return qs.filter(
            Exists(
                through.objects.filter(Q(**{field: OuterRef("pk")}) & self._sasaran_q("sasaran__"))
            )
        )

    def _tim(self, qs: QuerySet, path: str) -> QuerySet:
        return qs.filter(**{f"{path}__in": self.tim}) if self.tim else qs

    def _tanggal(self, qs: QuerySet, path: str) -> QuerySet:
        return qs.filter(**{f"{path}__range": (self.mulai, self.selesai)})

    def survei(self) -> QuerySet[Survei]:
        qs = self._tim(self._tanggal(Survei.objects.all(), "tanggal"), "tim")
        return self._via_m2m(qs, Survei.sasaran.through, "survei")

    def permasalahan(self) -> QuerySet[Permasalahan]:
        qs = self._tim(self._tanggal(Permasalahan.objects.all(), "survei__tanggal"), "survei__tim")
        return qs.filter(self._sasaran_q("sasaran__"))

    def fgd(self) -> QuerySet[Fgd]:
        qs = self._tim(self._tanggal(Fgd.objects.all(), "tanggal"), "tim")
        if self.provinsi or self.jenis:
            qs = qs.filter(
                Exists(
                    Fgd.permasalahan.through.objects.filter(
                        Q(fgd=OuterRef("pk")) & self._sasaran_q("permasalahan__sasaran__")
                    )
                )
            )
        return qs

    def kelompok(self) -> QuerySet[KelompokMasalah]:
        qs = self._tim(
            KelompokMasalah.objects.filter(tahun__range=(self.mulai.year, self.selesai.year)), "tim"
        )
        return self._via_m2m(qs, KelompokMasalah.sasaran.through, "kelompokmasalah")

    def bimbingan(self) -> QuerySet[Bimbingan]:
        qs = self._tim(self._tanggal(Bimbingan.objects.all(), "tanggal"), "tim")
        return self._via_m2m(qs, Bimbingan.sasaran.through, "bimbingan")

    def rtl(self) -> QuerySet[Rtl]:
        qs = self._tim(self._tanggal(Rtl.objects.all(), "tanggal_disepakati"), "bimbingan__tim")
        return qs.filter(self._sasaran_q("pemilik_sasaran__"))

    def rencana(self) -> QuerySet[Rencana]:
        qs = self._tim(self._tanggal(Rencana.objects.all(), "tanggal_rencana"), "tim")
        return self._via_m2m(qs, Rencana.sasaran.through, "rencanamonitoring")

    def catatan(self) -> QuerySet[CatatanMonitoring]:
        return CatatanMonitoring.objects.filter(
            rencana__in=self.rencana().values("pk"), tanggal__range=(self.mulai, self.selesai)
        )


def _counts(qs: QuerySet, field: str, choices) -> list[dict]:
    """[{kode, label, jumlah}] for every choice (zeros included), in one grouped query."""
    found = dict(qs.order_by().values_list(field).annotate(n=Count("pk")))
    return [{"kode": k, "label": str(v), "jumlah": found.get(k, 0)} for k, v in choices]


def _baris(rows, label, pengaturan: PengaturanEvaluasi) -> list[dict]:
    out = []
    for row in rows:
        capaian = row["capaian"]
        b = evaluasi.band(capaian, pengaturan)
        out.append(
            {
                "label": label(row),
                "jumlah": row["jumlah"],
                "selesai": row["selesai"],
                "terlambat": row["terlambat"],
                "capaian": None if capaian is None else round(capaian, 1),
                "band": b.kode,
                "band_label": str(b.label),
            }
        )
    return out


def _nama_user(first, last, username) -> str:
    return f"{first or ''} {last or ''}".strip() or username or "—"


def kumpulkan(laporan: Laporan, *, today: date | None = None) -> dict:
    """All figures of the report, live from the records (about 25 queries, fixed)."""
    today = today or timezone.localdate()
    lingkup = Lingkup(laporan)
    pengaturan = PengaturanEvaluasi.current()
    rtl = lingkup.rtl()
    permasalahan = lingkup.permasalahan()
    kategori_label = dict(KategoriMasalah.choices)
    jenis_label = dict(Sasaran.Jenis.choices)

    # --- planning: problems found, priority groups and the strategy decided for each ----------
    kelompok = list(
        lingkup.kelompok()
        .annotate(jumlah_masalah=Count("permasalahan", distinct=True))
        .values(
            "nomor",
            "nama",
            "tim__nama",
            "jenis_sasaran",
            "strategi",
            "disetujui_pada",
            "jumlah_masalah",
        )
        .order_by("tim__nama", "nomor")
    )
    jenis_kelompok = dict(KelompokMasalah.JenisSasaran.choices)
    perencanaan = {
        "masalah_per_kategori": _counts(permasalahan, "kategori", KategoriMasalah.choices),
        "masalah_per_tingkat": _counts(permasalahan, "tingkat", Permasalahan.Tingkat.choices),
        "masalah_per_status": _counts(permasalahan, "status", Permasalahan.Status.choices),
        "kelompok": [
            {
                "nomor": k["nomor"],
                "nama": k["nama"],
                "tim": k["tim__nama"],
                "jenis_sasaran": str(jenis_kelompok.get(k["jenis_sasaran"], k["jenis_sasaran"])),
                "jumlah_masalah": k["jumlah_masalah"],
                "strategi": k["strategi"],
                "disetujui": k["disetujui_pada"] is not None,
            }
            for k in kelompok
        ],
    }

    # --- implementation ------------------------------------------------------------------------
    pelaksanaan = {
        "survei": lingkup.survei().count(),
        "sasaran_disurvei": Survei.sasaran.through.objects.filter(
            survei__in=lingkup.survei().values("pk")
        )
        .values("sasaran")
        .distinct()
        .count(),
        "fgd": lingkup.fgd().count(),
        "bimbingan_per_status": _counts(lingkup.bimbingan(), "status", Bimbingan.Status.choices),
        "bimbingan_per_jenis": _counts(
            lingkup.bimbingan(), "jenis", Bimbingan._meta.get_field("jenis").choices
        ),
        "rtl_per_status": _counts(rtl, "status", Rtl.Status.choices),
        "rtl_per_jenis": _counts(rtl, "jenis", Rtl.Jenis.choices),
        "rtl_terlambat": rtl.terlambat(today).count(),
    }

    # --- monitoring -----------------------------------------------------------------------------
    monitoring = {
        "rencana_per_status": _counts(lingkup.rencana(), "status", Rencana.Status.choices),
        "rencana_per_metode": _counts(lingkup.rencana(), "metode", Rencana.Metode.choices),
        "catatan": lingkup.catatan().count(),
        "masalah_teratasi": KonfirmasiMasalah.objects.filter(
            catatan__in=lingkup.catatan().values("pk"), teratasi=True
        )
        .values("permasalahan")
        .distinct()
        .count(),
    }

    # --- evaluation (§6.2): capaian per group ----------------------------------------------------
    total = evaluasi.aggregate(rtl, today=today)
    total_band = evaluasi.band(total["capaian"], pengaturan)

    def group(*fields, order):
        return evaluasi.per_group(rtl, *fields, today=today).order_by(*order)

    evaluasi_tabel = {
        "kategori": _baris(
            group("permasalahan__kategori", order=["permasalahan__kategori"]),
            lambda r: str(kategori_label.get(r["permasalahan__kategori"], "Tanpa permasalahan")),
            pengaturan,
        ),
        "jenis_sasaran": _baris(
            group("pemilik_sasaran__jenis", order=["pemilik_sasaran__jenis"]),
            lambda r: str(jenis_label.get(r["pemilik_sasaran__jenis"], "—")),
            pengaturan,
        ),
        "tim": _baris(
            group("bimbingan__tim__nama", order=["bimbingan__tim__nama"]),
            lambda r: r["bimbingan__tim__nama"],
            pengaturan,
        ),
        "fasilitator": _baris(
            group(
                "bimbingan__fasilitator",
                "bimbingan__fasilitator__first_name",
                "bimbingan__fasilitator__last_name",
                "bimbingan__fasilitator__username",
                order=["bimbingan__fasilitator__first_name", "bimbingan__fasilitator__username"],
            ),
            lambda r: _nama_user(
                r["bimbingan__fasilitator__first_name"],
                r["bimbingan__fasilitator__last_name"],
                r["bimbingan__fasilitator__username"],
            ),
            pengaturan,
        ),
        "provinsi": _baris(
            group("pemilik_sasaran__provinsi__nama", order=["pemilik_sasaran__provinsi__nama"]),
            lambda r: r["pemilik_sasaran__provinsi__nama"],
            pengaturan,
        ),
    }

    # --- LSPs with an open case (the meeting pack) -----------------------------------------------
    terbuka = (
        permasalahan.exclude(status__in=TERTUTUP)
        .filter(sasaran__jenis=Sasaran.Jenis.LSP)
        .order_by()
        .values("sasaran", "sasaran__nama", "sasaran__provinsi__nama")
        .annotate(
            masalah_terbuka=Count("pk"),
            kritis=Count("pk", filter=Q(tingkat=Permasalahan.Tingkat.KRITIS)),
        )
        .order_by("sasaran__provinsi__nama", "sasaran__nama")
    )
    terbuka = list(terbuka)
    capaian_lsp = {
        r["pemilik_sasaran"]: r
        for r in evaluasi.per_group(
            rtl.filter(pemilik_sasaran__in=[t["sasaran"] for t in terbuka]),
            "pemilik_sasaran",
            today=today,
        )
    }
    lsp_terbuka = []
    for t in terbuka:
        c = capaian_lsp.get(t["sasaran"], {})
        capaian = c.get("capaian")
        lsp_terbuka.append(
            {
                "nama": t["sasaran__nama"],
                "provinsi": t["sasaran__provinsi__nama"],
                "masalah_terbuka": t["masalah_terbuka"],
                "kritis": t["kritis"],
                "rtl": c.get("jumlah", 0),
                "rtl_selesai": c.get("selesai", 0),
                "rtl_terlambat": c.get("terlambat", 0),
                "capaian": None if capaian is None else round(capaian, 1),
                "band_label": str(evaluasi.band(capaian, pengaturan).label),
            }
        )

    return {
        "periode": {"mulai": lingkup.mulai.isoformat(), "selesai": lingkup.selesai.isoformat()},
        "dihitung": today.isoformat(),
        "ambang": {
            "sangat_baik": pengaturan.batas_sangat_baik,
            "baik": pengaturan.batas_baik,
            "cukup": pengaturan.batas_cukup,
        },
        "ikhtisar": {
            "permasalahan": permasalahan.count(),
            "kelompok": len(kelompok),
            "bimbingan": sum(r["jumlah"] for r in pelaksanaan["bimbingan_per_status"]),
            "rtl": sum(r["jumlah"] for r in pelaksanaan["rtl_per_status"]),
            "capaian": None if total["capaian"] is None else round(total["capaian"], 1),
            "band_label": str(total_band.label),
            "selesai": total["selesai"],
            "terlambat": total["terlambat"],
            "lsp_terbuka": len(lsp_terbuka),
        },
        "perencanaan": perencanaan,
        "pelaksanaan": pelaksanaan,
        "monitoring": monitoring,
        "evaluasi": evaluasi_tabel,
        "lsp_terbuka": lsp_terbuka,
    }


def angka(laporan: Laporan) -> dict:
    """The report's figures: frozen ones once submitted, live ones before."""
    if laporan.snapshot is not None:
        return laporan.snapshot
    return kumpulkan(laporan)
