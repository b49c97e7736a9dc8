"""The registry of advocacy targets (sasaran, pedoman §1.2).

Every target is one `Sasaran` row carrying what all seven kinds share (name, province, address,
contact). LSPs and TUKs have a detail row (`Lsp`, `Tuk`) keyed by the same id. Later records
(surveys, problems, RTL owners) point at `Sasaran`, so one foreign key reaches a target of any kind.
Composition rather than multi-table inheritance so that imports can use `bulk_create`.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# An LSP license "habis dalam 90 hari" from this many days before its expiry date.
LICENSE_WARNING_DAYS = 90

kode_pos_validator = RegexValidator(r"^\d{5}$", _("Kode pos terdiri dari 5 angka."))
telepon_validator = RegexValidator(
    r"^\+?[0-9 ()\-]{6,20}$", _("Nomor telepon hanya berisi angka, spasi, +, - dan tanda kurung.")
)


class Provinsi(models.Model):
    """One of Indonesia's 38 provinces; reference data loaded by a migration."""

    kode = models.CharField(_("kode BPS"), max_length=2, unique=True)
    nama = models.CharField(_("nama"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("provinsi")
        verbose_name_plural = _("provinsi")
        ordering = ["nama"]

    def __str__(self):
        return self.nama


class SasaranQuerySet(models.QuerySet):
    def lsp(self):
        return self.filter(jenis=Sasaran.Jenis.LSP)

    def with_details(self):
        """Everything a list or detail page shows, in the same query."""
        return self.select_related("provinsi", "lsp", "tuk", "tuk__lsp__sasaran")

    def with_status_lisensi(self, today: date | None = None):
        """Annotate `status_lisensi_kode` so lists can show and sort the derived status in SQL."""
        today = today or timezone.localdate()
        soon = today + timedelta(days=LICENSE_WARNING_DAYS)
        return self.annotate(
            status_lisensi_kode=Case(
                When(lsp__isnull=True, then=Value("")),
                When(lsp__tanggal_kedaluwarsa__lt=today, then=Value(Lsp.StatusLisensi.KEDALUWARSA)),
                When(
                    lsp__tanggal_kedaluwarsa__lte=soon, then=Value(Lsp.StatusLisensi.SEGERA_HABIS)
                ),
                default=Value(Lsp.StatusLisensi.AKTIF),
                output_field=models.CharField(),
            )
        )

    def status_lisensi(self, status: str, today: date | None = None):
        """Filter LSPs by derived license status, with plain date ranges (index friendly)."""
        today = today or timezone.localdate()
        soon = today + timedelta(days=LICENSE_WARNING_DAYS)
        by_status = {
            Lsp.StatusLisensi.KEDALUWARSA: Q(lsp__tanggal_kedaluwarsa__lt=today),
            Lsp.StatusLisensi.SEGERA_HABIS: Q(
                lsp__tanggal_kedaluwarsa__gte=today, lsp__tanggal_kedaluwarsa__lte=soon
            ),
            Lsp.StatusLisensi.AKTIF: Q(lsp__tanggal_kedaluwarsa__gt=soon),
        }
        return self.filter(by_status[status])


class Sasaran(models.Model):
    class Jenis(models.TextChoices):
        LSP = "lsp", _("LSP")
        TUK = "tuk", _("TUK")
        BKSP = "bksp", _("BKSP")
        ASOSIASI_PROFESI = "asosiasi_profesi", _("Asosiasi Profesi")
        ASOSIASI_INDUSTRI = "asosiasi_industri", _("Asosiasi Industri")
        INSTANSI_TEKNIS = "instansi_teknis", _("Instansi Teknis")
        LEMDIKLAT = "lemdiklat", _("Lemdiklat")

    jenis = models.CharField(_("jenis sasaran"), max_length=20, choices=Jenis.choices)
    nama = models.CharField(_("nama"), max_length=200)
    provinsi = models.ForeignKey(
        Provinsi, on_delete=models.PROTECT, related_name="sasaran", verbose_name=_("provinsi")
    )
    kabupaten_kota = models.CharField(_("kabupaten/kota"), max_length=100, blank=True)
    alamat = models.TextField(_("alamat"), blank=True)
    kode_pos = models.CharField(
        _("kode pos"), max_length=5, blank=True, validators=[kode_pos_validator]
    )
    website = models.URLField(_("situs web"), blank=True)
    narahubung = models.CharField(_("narahubung"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    telepon = models.CharField(
        _("telepon"), max_length=20, blank=True, validators=[telepon_validator]
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    diubah = models.DateTimeField(_("diubah"), auto_now=True)

    history = HistoricalRecords()
    objects = SasaranQuerySet.as_manager()

    class Meta:
        verbose_name = _("sasaran")
        verbose_name_plural = _("sasaran")
        ordering = ["nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["provinsi"],
                condition=Q(jenis="bksp"),
                name="sasaran_satu_bksp_per_provinsi",
                violation_error_message=_("Provinsi ini sudah memiliki BKSP."),
            ),
        ]
        indexes = [
            # The registry list filtered by kind and province, sorted by name.
            models.Index(fields=["jenis", "provinsi", "nama"], name="sasaran_jenis_prov_nama_idx"),
            # Sorting all targets by name, and name searches that start with the typed text.
            models.Index(fields=["nama"], name="sasaran_nama_idx"),
        ]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("lsp:sasaran-detail", args=[self.pk])


class Lsp(models.Model):
    """The LSP details of a `Sasaran` whose jenis is LSP."""

    class JenisLsp(models.TextChoices):
        P1 = "P1", _("P1 (pihak pertama)")
        P2 = "P2", _("P2 (pihak kedua)")
        P3 = "P3", _("P3 (pihak ketiga)")

    class StatusLisensi(models.TextChoices):
        AKTIF = "aktif", _("Aktif")
        SEGERA_HABIS = "segera_habis", _("Habis dalam 90 hari")
        KEDALUWARSA = "kedaluwarsa", _("Kedaluwarsa")

    sasaran = models.OneToOneField(
        Sasaran, on_delete=models.CASCADE, primary_key=True, related_name="lsp"
    )
    jenis_lsp = models.CharField(_("jenis LSP"), max_length=2, choices=JenisLsp.choices)
    nomor_lisensi = models.CharField(_("nomor lisensi BNSP"), max_length=50, unique=True)
    nomor_sk = models.CharField(_("nomor SK lisensi"), max_length=100, blank=True)
    tanggal_lisensi = models.DateField(_("tanggal terbit lisensi"))
    tanggal_kedaluwarsa = models.DateField(_("tanggal berakhir lisensi"))
    nomor_akreditasi_kan = models.CharField(_("nomor akreditasi KAN"), max_length=50, blank=True)
    kan_berlaku_sampai = models.DateField(_("akreditasi KAN berlaku sampai"), null=True, blank=True)
    sektor = models.CharField(_("sektor"), max_length=100)
    jumlah_skema = models.PositiveIntegerField(_("jumlah skema"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("LSP")
        verbose_name_plural = _("LSP")
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_kedaluwarsa__gt=models.F("tanggal_lisensi")),
                name="lsp_lisensi_berakhir_setelah_terbit",
                violation_error_message=_("Tanggal berakhir lisensi harus setelah tanggal terbit."),
            ),
        ]
        indexes = [
            # License-status filters and the "expiring soon" list on the home page.
            models.Index(fields=["tanggal_kedaluwarsa"], name="lsp_kedaluwarsa_idx"),
        ]

    def __str__(self):
        return f"{self.nomor_lisensi}"

    def status_lisensi(self, today: date | None = None) -> str:
        today = today or timezone.localdate()
        if self.tanggal_kedaluwarsa < today:
            return self.StatusLisensi.KEDALUWARSA
        if self.tanggal_kedaluwarsa <= today + timedelta(days=LICENSE_WARNING_DAYS):
            return self.StatusLisensi.SEGERA_HABIS
        return self.StatusLisensi.AKTIF


class Tuk(models.Model):
    """The TUK details of a `Sasaran` whose jenis is TUK; a TUK belongs to one LSP."""

    class JenisTuk(models.TextChoices):
        SEWAKTU = "sewaktu", _("Sewaktu")
        TEMPAT_KERJA = "tempat_kerja", _("Tempat kerja")
        MANDIRI = "mandiri", _("Mandiri")

    sasaran = models.OneToOneField(
        Sasaran, on_delete=models.CASCADE, primary_key=True, related_name="tuk"
    )
    lsp = models.ForeignKey(
        Lsp, on_delete=models.PROTECT, related_name="tuks", verbose_name=_("LSP induk")
    )
    kode = models.CharField(_("kode TUK"), max_length=50, unique=True)
    jenis_tuk = models.CharField(_("jenis TUK"), max_length=20, choices=JenisTuk.choices)
    penanggung_jawab = models.CharField(_("penanggung jawab"), max_length=150)
    nomor_lisensi = models.CharField(_("nomor verifikasi/lisensi"), max_length=50, blank=True)
    berlaku_sampai = models.DateField(_("berlaku sampai"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("TUK")
        verbose_name_plural = _("TUK")

    def __str__(self):
        return self.kode


class Impor(models.Model):
    """One uploaded LSP import file, its validation result and whether it was saved.

    It is itself the audit record of a bulk import (who uploaded what, when, what it created), so it
    carries no history of its own; the Sasaran and Lsp rows it creates get history rows.
    """

    class Format(models.TextChoices):
        XLSX = "xlsx", _("Excel (XLSX)")
        CSV = "csv", _("CSV")

    class Status(models.TextChoices):
        VALID = "valid", _("Siap disimpan")
        INVALID = "invalid", _("Ada galat")
        DISIMPAN = "disimpan", _("Sudah disimpan")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("pengunggah"),
    )
    berkas = models.FileField(_("berkas"), upload_to="impor/%Y/%m/")
    nama_asli = models.CharField(_("nama berkas asli"), max_length=255)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    dibuat = models.DateTimeField(_("diunggah"), auto_now_add=True)
    jumlah_baris = models.PositiveIntegerField(_("jumlah baris"), default=0)
    jumlah_galat = models.PositiveIntegerField(_("jumlah galat"), default=0)
    # [{"baris": 5, "kolom": "Provinsi", "nilai": "Jawa Barta", "alasan": "..."}, ...], capped.
    galat = models.JSONField(_("galat"), default=list, blank=True)
    # Non-blocking remarks about the file, such as columns that are not recognised and ignored.
    peringatan = models.JSONField(_("peringatan"), default=list, blank=True)
    # The first rows as they will be saved, so the preview page needs no re-reading of the file.
    pratinjau = models.JSONField(_("pratinjau"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    disimpan_pada = models.DateTimeField(_("disimpan pada"), null=True, blank=True)
    disimpan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("disimpan oleh"),
    )
    jumlah_disimpan = models.PositiveIntegerField(_("jumlah LSP disimpan"), default=0)

    class Meta:
        verbose_name = _("impor LSP")
        verbose_name_plural = _("impor LSP")
        ordering = ["-dibuat"]
        indexes = [
            # "Impor terakhir" on the upload page: a user's own imports, newest first.
            models.Index(fields=["user", "-dibuat"], name="impor_user_dibuat_idx"),
        ]

    def __str__(self):
        return f"{self.nama_asli} ({self.get_status_display()})"
