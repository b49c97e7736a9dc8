from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from advokasi.models.common import Timestamped
from advokasi.pedoman import JenisBimbingan


class Bimbingan(Timestamped):
    """A technical guidance session (§5): for a group of LSPs, one LSP, or a BKSP."""

    KODE = "BMT"

    class Status(models.TextChoices):
        DIJADWALKAN = "dijadwalkan", _("Dijadwalkan")
        TERLAKSANA = "terlaksana", _("Terlaksana")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    nomor = models.CharField(_("nomor"), max_length=20, unique=True, editable=False)
    jenis = models.CharField(_("jenis bimbingan"), max_length=20, choices=JenisBimbingan.choices)
    tim = models.ForeignKey(
        "advokasi.Tim", on_delete=models.PROTECT, related_name="bimbingan", verbose_name=_("tim")
    )
    kelompok_masalah = models.ForeignKey(
        "advokasi.KelompokMasalah",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bimbingan",
        verbose_name=_("kelompok masalah (prioritas)"),
    )
    tanggal = models.DateField(_("tanggal"))
    waktu_mulai = models.TimeField(_("waktu mulai"))
    waktu_selesai = models.TimeField(_("waktu selesai"))
    tempat = models.CharField(_("tempat"), max_length=200, blank=True)
    tautan_daring = models.URLField(_("tautan daring"), blank=True)
    sasaran = models.ManyToManyField(
        "lsp.Sasaran", related_name="bimbingan", verbose_name=_("sasaran")
    )
    fasilitator = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="bimbingan_difasilitasi",
        verbose_name=_("fasilitator"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DIJADWALKAN
    )
    kesimpulan = models.TextField(_("kesimpulan"), blank=True)
    notulen = models.TextField(_("notulen / berita acara"), blank=True)
    # {"a": {"dilaksanakan": true, "catatan": "..."}, ...}: the steps of §5.1, §5.2 or §5.3.
    langkah = models.JSONField(_("langkah bimbingan"), default=dict, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bimbingan teknis")
        verbose_name_plural = _("bimbingan teknis")
        ordering = ["-tanggal", "-waktu_mulai", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(waktu_selesai__gt=F("waktu_mulai")),
                name="bimbingan_selesai_setelah_mulai",
                violation_error_message=_("Waktu selesai harus setelah waktu mulai."),
            ),
            models.CheckConstraint(
                condition=~Q(tempat="") | ~Q(tautan_daring=""),
                name="bimbingan_tempat_atau_tautan",
                violation_error_message=_("Isi tempat atau tautan daring."),
            ),
        ]
        indexes = [
            # Session lists of a team and the calendar, by date.
            models.Index(fields=["tim", "-tanggal"], name="bimbingan_tim_tanggal_idx"),
        ]

    def __str__(self):
        return self.nomor

    def get_absolute_url(self):
        return reverse("advokasi:bimbingan-detail", args=[self.pk])


class BimbinganMasalah(models.Model):
    """A problem addressed in a session, the alternatives shown, the one chosen, the outcome."""

    bimbingan = models.ForeignKey(Bimbingan, on_delete=models.CASCADE, related_name="masalah")
    permasalahan = models.ForeignKey(
        "advokasi.Permasalahan",
        on_delete=models.PROTECT,
        related_name="bimbingan_masalah",
        verbose_name=_("permasalahan"),
    )
    alternatif_disajikan = models.ManyToManyField(
        "advokasi.AlternatifTindakan",
        blank=True,
        related_name="disajikan_di",
        verbose_name=_("alternatif yang disajikan"),
    )
    alternatif_dipilih = models.ForeignKey(
        "advokasi.AlternatifTindakan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dipilih_di",
        verbose_name=_("alternatif yang dipilih"),
    )
    selesai_di_tempat = models.BooleanField(_("diselesaikan langsung di tempat"), default=False)
    catatan = models.TextField(_("catatan"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("permasalahan dalam bimbingan")
        verbose_name_plural = _("permasalahan dalam bimbingan")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["bimbingan", "permasalahan"], name="bimbingan_masalah_unik"
            )
        ]

    def __str__(self):
        return f"{self.bimbingan_id}/{self.permasalahan_id}"


class PesertaBimbingan(models.Model):
    bimbingan = models.ForeignKey(Bimbingan, on_delete=models.CASCADE, related_name="peserta")
    sasaran = models.ForeignKey(
        "lsp.Sasaran",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mewakili"),
    )
    nama = models.CharField(_("nama"), max_length=150)
    jabatan = models.CharField(_("jabatan"), max_length=150, blank=True)
    kontak = models.CharField(_("kontak"), max_length=100, blank=True)
    hadir = models.BooleanField(_("hadir"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("peserta bimbingan")
        verbose_name_plural = _("peserta bimbingan")
        ordering = ["pk"]

    def __str__(self):
        return self.nama


class RtlQuerySet(models.QuerySet):
    def terbuka(self):
        return self.filter(status__in=[Rtl.Status.RENCANA, Rtl.Status.BERJALAN])

    def terlambat(self, today: date | None = None):
        """Open items past their due date. Overdue is derived, never stored."""
        return self.terbuka().filter(batas_waktu__lt=today or timezone.localdate())


class Rtl(Timestamped):
    """A follow-up item (Rencana Tindak Lanjut) a session ends with.

    The §2 asas make it valid only when specific (an action), measurable (an indicator with a
    target value), time-bound (a due date) and accountable (an owner): the database refuses less.
    """

    KODE = "RTL"

    class Jenis(models.TextChoices):
        SEGERA = "segera", _("Segera")
        KOREKTIF = "korektif", _("Korektif")
        PREVENTIF = "preventif", _("Preventif")
        PENINGKATAN = "peningkatan", _("Peningkatan")

    class Status(models.TextChoices):
        RENCANA = "rencana", _("Rencana")
        BERJALAN = "berjalan", _("Berjalan")
        SELESAI = "selesai", _("Selesai")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    class LangkahBerikut(models.TextChoices):
        FASILITATOR = "fasilitator", _("Fasilitator")
        SASARAN = "sasaran", _("Sasaran")

    nomor = models.CharField(_("nomor"), max_length=20, unique=True, editable=False)
    bimbingan = models.ForeignKey(
        Bimbingan, on_delete=models.PROTECT, related_name="rtl", verbose_name=_("bimbingan")
    )
    permasalahan = models.ForeignKey(
        "advokasi.Permasalahan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rtl",
        verbose_name=_("permasalahan"),
    )
    lanjutan_dari = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lanjutan",
        verbose_name=_("lanjutan dari RTL"),
    )
    tindakan = models.TextField(_("tindakan"))
    jenis = models.CharField(_("jenis tindakan"), max_length=20, choices=Jenis.choices)
    pemilik_sasaran = models.ForeignKey(
        "lsp.Sasaran",
        on_delete=models.PROTECT,
        related_name="rtl",
        verbose_name=_("penanggung jawab (sasaran)"),
    )
    pemilik_nama = models.CharField(_("nama penanggung jawab"), max_length=150)
    batas_waktu = models.DateField(_("batas waktu"))
    indikator = models.CharField(_("indikator keberhasilan"), max_length=300)
    target_nilai = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    satuan = models.CharField(_("satuan"), max_length=50)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RENCANA
    )
    progres = models.PositiveSmallIntegerField(
        _("progres (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    langkah_berikut = models.CharField(
        _("langkah berikutnya oleh"),
        max_length=20,
        choices=LangkahBerikut.choices,
        default=LangkahBerikut.SASARAN,
    )
    tanggal_disepakati = models.DateField(_("tanggal disepakati"))
    tanggal_mulai = models.DateField(_("tanggal mulai"), null=True, blank=True)
    tanggal_selesai = models.DateField(_("tanggal selesai"), null=True, blank=True)
    tanggal_ditutup = models.DateField(_("tanggal ditutup"), null=True, blank=True)
    catatan = models.TextField(_("catatan"), blank=True)

    history = HistoricalRecords()
    objects = RtlQuerySet.as_manager()

    class Meta:
        verbose_name = _("RTL")
        verbose_name_plural = _("RTL")
        ordering = ["batas_waktu", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(tindakan="") & ~Q(indikator="") & ~Q(pemilik_nama=""),
                name="rtl_spesifik_terukur_bertanggung_jawab",
                violation_error_message=_(
                    "RTL wajib memiliki tindakan, indikator terukur dan penanggung jawab."
                ),
            ),
            models.CheckConstraint(condition=Q(progres__lte=100), name="rtl_progres_0_100"),
            models.CheckConstraint(
                condition=~Q(status="selesai") | Q(tanggal_selesai__isnull=False),
                name="rtl_selesai_bertanggal",
                violation_error_message=_("RTL yang selesai wajib punya tanggal selesai."),
            ),
        ]
        indexes = [
            # The RTL list filtered by status and sorted by due date; overdue checks.
            models.Index(fields=["status", "batas_waktu"], name="rtl_status_batas_idx"),
            # A target's open items (carried into its next session, its story page).
            models.Index(fields=["pemilik_sasaran", "status"], name="rtl_pemilik_status_idx"),
            # A session's open and overdue counts (session list, e-monev). Without it SQLite
            # answers "open and overdue of session X" from rtl_status_batas_idx, reading every
            # overdue item of the office for each row shown (130 ms for 25 rows, bench/).
            models.Index(
                fields=["bimbingan", "status", "batas_waktu"], name="rtl_bimbingan_status_idx"
            ),
            # "A problem whose RTL items are all done" (monitoring/aturan.py): two status checks per
            # open problem, read from this index alone (46 ms → 7 ms for a fasilitator, bench/).
            models.Index(fields=["permasalahan", "status"], name="rtl_masalah_status_idx"),
            # The RTL list's and e-monev's default order (due date): PostgreSQL walks it and
            # joins one page of rows instead of sorting all 30,000 (154 ms → 10 ms, bench/).
            models.Index(fields=["batas_waktu"], name="rtl_batas_idx"),
        ]

    def __str__(self):
        return self.nomor

    def get_absolute_url(self):
        return reverse("advokasi:rtl-detail", args=[self.pk])

    def terlambat(self, today: date | None = None) -> bool:
        open_ = self.status in (self.Status.RENCANA, self.Status.BERJALAN)
        return open_ and self.batas_waktu < (today or timezone.localdate())
