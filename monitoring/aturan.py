"""Rule checks: the five situations Staf Komisi and fasilitators must act on.

1. an RTL item not started (status *rencana*) 30 days after its session;
2. an RTL item past its due date (open, `batas_waktu` before today);
3. a problem still open although all its RTL items are done (at least one *selesai*, none open;
   cancelled items ignored): monitoring should confirm it and close it;
4. an LSP or TUK license expiring within 90 days while the target has an open case (an open
   problem, or an open RTL item it owns);
5. a monitoring plan whose date passed (status *direncanakan*) without a monitoring record.

Why findings are computed on demand *and* logged daily:

* Every page computes them live, each kind as one queryset built on the user's read doors
  (`advokasi.selectors`, `monitoring.selectors`): a fasilitator sees their teams' findings, a BKSP
  user those of their province, and a finding disappears the moment someone acts on it. Stored
  findings would keep pointing at an RTL completed at 10:00 until the next morning, which is the
  opposite of "a link to act on it". Each kind costs one query (its first rows carry the total),
  whatever the number of records.
* The daily Celery beat task (`monitoring.tasks.aturan_periksa_harian`, 06:00 Asia/Jakarta) runs
  the same querysets over every record and writes the day's findings to `TemuanAturan`. That
  log is what a live query cannot know: since when a finding has stood (`pertama`), carried from
  one run to the next while the finding persists. Rerunning the same day replaces that day's rows.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.db import transaction
from django.db.models import (
    Count,
    DateField,
    Exists,
    F,
    Func,
    IntegerField,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advokasi import selectors as advokasi_selectors
from advokasi.models import Permasalahan, Rtl, Tim
from lsp.models import LICENSE_WARNING_DAYS, Lsp, Sasaran, Tuk
from monitoring import selectors as monitoring_selectors
from monitoring.models import CatatanMonitoring, RencanaMonitoring, TemuanAturan

Jenis = TemuanAturan.Jenis

RTL_BELUM_DIMULAI_HARI = 30
LISENSI_HARI = LICENSE_WARNING_DAYS
OPEN_RTL = [Rtl.Status.RENCANA, Rtl.Status.BERJALAN]


@dataclass(frozen=True)
class Pintu:
    """The read doors a check runs through: a user's, or everything for the daily log."""

    rtl: QuerySet
    permasalahan: QuerySet
    rencana: QuerySet


def pintu_for_user(user) -> Pintu:
    return Pintu(
        rtl=advokasi_selectors.rtl_for_user(user),
        permasalahan=advokasi_selectors.permasalahan_for_user(user),
        rencana=monitoring_selectors.rencana_for_user(user),
    )


def pintu_tim_saya(user) -> Pintu:
    """The user's doors narrowed to the teams they belong to (the fasilitator's home page)."""
    pintu = pintu_for_user(user)
    return Pintu(
        rtl=pintu.rtl.filter(bimbingan__tim__in=_teams_of(user)),
        permasalahan=pintu.permasalahan.filter(survei__tim__in=_teams_of(user)),
        rencana=pintu.rencana.filter(tim__in=_teams_of(user)),
    )


def _teams_of(user) -> QuerySet:
    return Tim.objects.filter(anggota=user).values("pk")


def pintu_semua() -> Pintu:
    return Pintu(
        rtl=Rtl.objects.all(),
        permasalahan=Permasalahan.objects.all(),
        rencana=RencanaMonitoring.objects.all(),
    )


@dataclass(frozen=True)
class Temuan:
    jenis: str
    objek: Model
    label: str  # the record as people name it: its number, or the target's name
    awalan: str  # words before the label in the sentence ("Permasalahan"), may be empty
    predikat: str  # the rest of the sentence after the label
    url: str
    tanggal: date  # the date the finding is about (due date, session date, expiry …)
    sejak: date | None = None  # first day the daily check found it; None: not logged yet

    @property
    def kalimat(self) -> str:
        """The finding as one sentence, as the daily log stores it."""
        return " ".join(filter(None, [self.awalan, self.label, self.predikat]))


@dataclass(frozen=True)
class Aturan:
    jenis: str
    judul: str
    ikon: str
    warna: str
    field: str  # TemuanAturan's field naming the record
    queryset: Callable[[Pintu, date], QuerySet]
    temuan: Callable[[Model, date], Temuan]
    # Matches thousands of rows (the RTL rules: 5,600 overdue items on the benchmark data). Its
    # first rows are then chosen by id before the wide rows are read: sorting thousands of
    # wide joined rows took 67 ms on SQLite and 51 on PostgreSQL, choosing 25 ids first 6 and 9.
    # The other rules match tens of rows behind costly filters, which this would run twice.
    banyak: bool = False

    def baris(self, queryset: QuerySet, awal: int, akhir: int) -> QuerySet:
        """Rows [awal:akhir] of this rule's `queryset`, in its order."""
        if not self.banyak:
            return queryset[awal:akhir]
        return queryset.filter(pk__in=Subquery(queryset.values("pk")[awal:akhir]))

    def pertama(self, queryset: QuerySet, limit: int) -> list[Model]:
        """The first `limit` rows, each carrying the total as `_jumlah`: one query instead of
        a count() and a slice (the home page and the dashboard ran ten of these; bench/)."""
        if self.banyak:
            return list(self.baris(queryset, 0, limit).annotate(_jumlah=_count(queryset)))
        return list(queryset.annotate(_jumlah=Window(Count("pk")))[:limit])

    @property
    def uraian(self) -> str:
        """The rule in one sentence (the label of its kind)."""
        return Jenis(self.jenis).label


def _tgl(value: date) -> str:
    return formats.date_format(value)


def _lower_first(text: str) -> str:
    """A label inside a sentence: "Dibahas (FGD)" → "dibahas (FGD)"."""
    return text[:1].lower() + text[1:]


# --- (a) RTL not started 30 days after its session ----------------------------------------------


def _qs_belum_dimulai(pintu: Pintu, today: date) -> QuerySet:
    batas = today - timedelta(days=RTL_BELUM_DIMULAI_HARI)
    return (
        pintu.rtl.filter(status=Rtl.Status.RENCANA, bimbingan__tanggal__lte=batas)
        .select_related("bimbingan", "pemilik_sasaran")
        .order_by("bimbingan__tanggal", "pk")
    )


def _temuan_belum_dimulai(rtl: Rtl, today: date) -> Temuan:
    return Temuan(
        jenis=Jenis.RTL_BELUM_DIMULAI,
        objek=rtl,
        label=rtl.nomor,
        awalan="",
        predikat=_(
            "(%(pemilik)s) belum dimulai %(hari)s hari setelah bimbingan %(bimbingan)s "
            "tanggal %(tanggal)s."
        )
        % {
            "pemilik": rtl.pemilik_sasaran.nama,
            "hari": (today - rtl.bimbingan.tanggal).days,
            "bimbingan": rtl.bimbingan.nomor,
            "tanggal": _tgl(rtl.bimbingan.tanggal),
        },
        url=rtl.get_absolute_url(),
        tanggal=rtl.bimbingan.tanggal,
    )


# --- (b) RTL past due ---------------------------------------------------------------------------


def _qs_terlambat(pintu: Pintu, today: date) -> QuerySet:
    return (
        pintu.rtl.terlambat(today).select_related("pemilik_sasaran").order_by("batas_waktu", "pk")
    )


def _temuan_terlambat(rtl: Rtl, today: date) -> Temuan:
    return Temuan(
        jenis=Jenis.RTL_TERLAMBAT,
        objek=rtl,
        label=rtl.nomor,
        awalan="",
        predikat=_(
            "(%(pemilik)s) melewati batas waktu %(batas)s sejak %(hari)s hari; "
            "progres %(progres)s%%."
        )
        % {
            "pemilik": rtl.pemilik_sasaran.nama,
            "batas": _tgl(rtl.batas_waktu),
            "hari": (today - rtl.batas_waktu).days,
            "progres": rtl.progres,
        },
        url=rtl.get_absolute_url(),
        tanggal=rtl.batas_waktu,
    )


# --- (c) a problem still open although all its RTL items are done -------------------------------


def _qs_masalah_belum_ditutup(pintu: Pintu, today: date) -> QuerySet:
    done = Rtl.objects.filter(permasalahan=OuterRef("pk"), status=Rtl.Status.SELESAI)
    open_ = Rtl.objects.filter(permasalahan=OuterRef("pk"), status__in=OPEN_RTL)
    return (
        pintu.permasalahan.filter(status__in=Permasalahan.OPEN)
        .filter(Exists(done), ~Exists(open_))
        .annotate(rtl_selesai=_count(done))
        .select_related("sasaran")
        .order_by("dibuat", "pk")
    )


def _temuan_masalah_belum_ditutup(masalah: Permasalahan, today: date) -> Temuan:
    return Temuan(
        jenis=Jenis.MASALAH_BELUM_DITUTUP,
        objek=masalah,
        label=masalah.nomor,
        awalan=_("Permasalahan"),
        predikat=_(
            "di %(sasaran)s masih berstatus %(status)s padahal %(jumlah)s RTL-nya sudah "
            "selesai: konfirmasikan lewat monitoring lalu tutup."
        )
        % {
            "sasaran": masalah.sasaran.nama,
            "status": _lower_first(masalah.get_status_display()),
            "jumlah": masalah.rtl_selesai,
        },
        url=masalah.get_absolute_url(),
        tanggal=masalah.dibuat.date(),
    )


# --- (d) a license expiring within 90 days while a case is open ---------------------------------


def _count(subquery: QuerySet) -> Coalesce:
    """The number of rows of a correlated subquery, as an annotation (0 when none)."""
    counted = subquery.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _qs_lisensi(pintu: Pintu, today: date) -> QuerySet:
    soon = today + timedelta(days=LISENSI_HARI)
    masalah = pintu.permasalahan.filter(
        sasaran=OuterRef("pk"), status__in=Permasalahan.OPEN
    ).order_by()
    rtl = pintu.rtl.filter(pemilik_sasaran=OuterRef("pk"), status__in=OPEN_RTL).order_by()
    # The expiring licenses as one id list, not conditions on joined columns: with an OR across
    # the two joins SQLite ran the open-case subqueries for every target (65 ms for a
    # fasilitator on the benchmark data; 1.5 ms this way), and with an OR of two lists
    # PostgreSQL expected 536 targets where there are 24 (22 ms; 7 ms as one list).
    lsp = Lsp.objects.filter(tanggal_kedaluwarsa__range=(today, soon)).values("sasaran_id")
    tuk = Tuk.objects.filter(berlaku_sampai__range=(today, soon)).values("sasaran_id")
    return (
        Sasaran.objects.filter(pk__in=lsp.union(tuk))
        .filter(Q(Exists(masalah)) | Q(Exists(rtl)))
        .annotate(
            berakhir=Coalesce(
                "lsp__tanggal_kedaluwarsa", "tuk__berlaku_sampai", output_field=DateField()
            ),
            masalah_terbuka=_count(masalah),
            rtl_terbuka=_count(rtl),
        )
        .order_by("berakhir", "pk")
    )


def _temuan_lisensi(sasaran: Sasaran, today: date) -> Temuan:
    values = {
        "tanggal": _tgl(sasaran.berakhir),
        "hari": (sasaran.berakhir - today).days,
        "masalah": sasaran.masalah_terbuka,
        "rtl": sasaran.rtl_terbuka,
    }
    if sasaran.jenis == Sasaran.Jenis.LSP:
        awalan = _("Lisensi")
        predikat = _(
            "berakhir %(tanggal)s (%(hari)s hari lagi) sementara masih ada %(masalah)s "
            "permasalahan dan %(rtl)s RTL terbuka."
        )
    else:
        awalan = _("Verifikasi TUK")
        predikat = _(
            "berlaku sampai %(tanggal)s (%(hari)s hari lagi) sementara masih ada %(masalah)s "
            "permasalahan dan %(rtl)s RTL terbuka."
        )
    return Temuan(
        jenis=Jenis.LISENSI_SEGERA_HABIS,
        objek=sasaran,
        label=sasaran.nama,
        awalan=awalan,
        predikat=predikat % values,
        url=sasaran.get_absolute_url(),
        tanggal=sasaran.berakhir,
    )


# --- (e) a monitoring plan whose date passed without a record -----------------------------------


def _qs_monitoring_terlewat(pintu: Pintu, today: date) -> QuerySet:
    return (
        pintu.rencana.filter(
            status=RencanaMonitoring.Status.DIRENCANAKAN, tanggal_rencana__lt=today
        )
        .filter(~Exists(CatatanMonitoring.objects.filter(rencana=OuterRef("pk"))))
        .select_related("tim")
        .order_by("tanggal_rencana", "pk")
    )


def _temuan_monitoring_terlewat(rencana: RencanaMonitoring, today: date) -> Temuan:
    return Temuan(
        jenis=Jenis.MONITORING_TERLEWAT,
        objek=rencana,
        label=rencana.nomor,
        awalan=_("Rencana monitoring"),
        predikat=_(
            "(%(tim)s) dijadwalkan %(tanggal)s, %(hari)s hari lalu, tetapi belum ada "
            "catatan monitoring."
        )
        % {
            "tim": rencana.tim.nama,
            "tanggal": _tgl(rencana.tanggal_rencana),
            "hari": (today - rencana.tanggal_rencana).days,
        },
        url=rencana.get_absolute_url(),
        tanggal=rencana.tanggal_rencana,
    )


ATURAN: dict[str, Aturan] = {
    a.jenis: a
    for a in [
        Aturan(
            Jenis.RTL_BELUM_DIMULAI,
            gettext_lazy("RTL belum dimulai"),
            "bi-hourglass-split",
            "warning",
            "rtl",
            _qs_belum_dimulai,
            _temuan_belum_dimulai,
            banyak=True,
        ),
        Aturan(
            Jenis.RTL_TERLAMBAT,
            gettext_lazy("RTL melewati batas waktu"),
            "bi-alarm",
            "danger",
            "rtl",
            _qs_terlambat,
            _temuan_terlambat,
            banyak=True,
        ),
        Aturan(
            Jenis.MASALAH_BELUM_DITUTUP,
            gettext_lazy("Permasalahan siap dikonfirmasi"),
            "bi-check2-square",
            "info",
            "permasalahan",
            _qs_masalah_belum_ditutup,
            _temuan_masalah_belum_ditutup,
        ),
        Aturan(
            Jenis.LISENSI_SEGERA_HABIS,
            gettext_lazy("Lisensi segera berakhir, kasus terbuka"),
            "bi-patch-exclamation",
            "warning",
            "sasaran",
            _qs_lisensi,
            _temuan_lisensi,
        ),
        Aturan(
            Jenis.MONITORING_TERLEWAT,
            gettext_lazy("Monitoring terlewat"),
            "bi-calendar-x",
            "danger",
            "rencana",
            _qs_monitoring_terlewat,
            _temuan_monitoring_terlewat,
        ),
    ]
}


# --- reading findings ---------------------------------------------------------------------------


def temuan_queryset(jenis: str, *, pintu: Pintu, today: date) -> QuerySet:
    """The records behind one kind of finding (for counting and paginating)."""
    return ATURAN[jenis].queryset(pintu, today)


def temuan_dari(jenis: str, records: Iterable[Model], *, today: date) -> list[Temuan]:
    """Findings of one kind for records already fetched, with their `sejak` (one query)."""
    aturan = ATURAN[jenis]
    found = [aturan.temuan(obj, today) for obj in records]
    return _with_sejak(found)


@dataclass(frozen=True)
class Kelompok:
    aturan: Aturan
    jumlah: int
    temuan: list[Temuan]


def temuan_ringkas(
    user,
    *,
    today: date | None = None,
    limit: int = 5,
    kecuali: Iterable[str] = (),
    pintu: Pintu | None = None,
) -> list[Kelompok]:
    """Per kind: how many findings the user may see, and the first `limit` of them.

    One query per kind plus one for `sejak`, whatever the number of records. `pintu` narrows
    the doors further (defaults to the user's read doors).
    """
    today = today or timezone.localdate()
    pintu = pintu or pintu_for_user(user)
    groups = []
    for jenis, aturan in ATURAN.items():
        if jenis in kecuali:
            continue
        rows = aturan.pertama(aturan.queryset(pintu, today), limit)
        jumlah = rows[0]._jumlah if rows else 0
        groups.append(Kelompok(aturan, jumlah, [aturan.temuan(obj, today) for obj in rows]))
    with_sejak = iter(_with_sejak([t for g in groups for t in g.temuan]))
    return [replace(g, temuan=[next(with_sejak) for _t in g.temuan]) for g in groups]


_KEY_FIELDS = ("jenis", "rtl_id", "permasalahan_id", "sasaran_id", "rencana_id", "pertama")


def _key(row: dict) -> tuple[str, int]:
    """(kind, record id) of a logged finding; exactly one record field is set."""
    return row["jenis"], row["rtl_id"] or row["permasalahan_id"] or row["sasaran_id"] or row[
        "rencana_id"
    ]


def _latest_run() -> Subquery:
    return Subquery(TemuanAturan.objects.order_by("-tanggal").values("tanggal")[:1])


def _with_sejak(found: list[Temuan]) -> list[Temuan]:
    """Attach the first day the daily check found each finding, from its latest run."""
    if not found:
        return found
    wanted = Q(pk__in=[])
    for jenis in {t.jenis for t in found}:
        field = ATURAN[jenis].field
        ids = [t.objek.pk for t in found if t.jenis == jenis]
        wanted |= Q(jenis=jenis, **{f"{field}_id__in": ids})
    logged = {
        _key(row): row["pertama"]
        for row in TemuanAturan.objects.filter(wanted, tanggal=_latest_run()).values(*_KEY_FIELDS)
    }
    return [replace(t, sejak=logged.get((t.jenis, t.objek.pk))) for t in found]


# --- the daily log ------------------------------------------------------------------------------


@transaction.atomic
def temuan_catat_harian(*, today: date | None = None) -> dict[str, int]:
    """Run every check over all records and log today's findings (idempotent for the day).

    A finding already present in the previous run keeps its `pertama`; a new one starts today.
    Returns the number of findings per kind.
    """
    today = today or timezone.localdate()
    TemuanAturan.objects.filter(tanggal=today).delete()
    previous_run = (
        TemuanAturan.objects.filter(tanggal__lt=today).order_by("-tanggal").values("tanggal")[:1]
    )
    carried = {
        _key(row): row["pertama"]
        for row in TemuanAturan.objects.filter(tanggal=Subquery(previous_run)).values(*_KEY_FIELDS)
    }
    pintu = pintu_semua()
    rows, counts = [], {}
    for jenis, aturan in ATURAN.items():
        found = [aturan.temuan(obj, today) for obj in aturan.queryset(pintu, today).iterator()]
        counts[jenis] = len(found)
        for t in found:
            rows.append(
                TemuanAturan(
                    tanggal=today,
                    jenis=jenis,
                    pertama=carried.get((jenis, t.objek.pk), today),
                    kalimat=t.kalimat,
                    **{aturan.field: t.objek},
                )
            )
    TemuanAturan.objects.bulk_create(rows, batch_size=500)
    return counts
