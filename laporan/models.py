"""Advocacy reports (§6.3) and the files generated from them.

A report (Laporan) draws its figures from the records (laporan.data) and carries the texts Staf
Komisi write. Its life: draft → dibahas (discussed in the advocacy team) → disetujui → disampaikan
(to Rapat Teknis and/or Pleno BNSP). When it is submitted its figures are frozen as JSON
(`snapshot`), so its PDF no longer changes when records do; a new version starts a new draft.

BerkasLaporan is both a generated file and the job that generates it: one row per (report,
version, kind), so a task that runs twice finds its row and does nothing the second time.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from advokasi.models.common import Timestamped


class Laporan(Timestamped):
    KODE = "LAP"

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        DIBAHAS = "dibahas", _("Dibahas dalam tim advokasi")
        DISETUJUI = "disetujui", _("Disetujui")
        DISAMPAIKAN = "disampaikan", _("Disampaikan")

    class Forum(models.TextChoices):
        RAPAT_TEKNIS = "rapat_teknis", _("Rapat Teknis BNSP")
        PLENO = "pleno", _("Pleno BNSP")
        KEDUANYA = "keduanya", _("Rapat Teknis dan Pleno BNSP")

    nomor = models.CharField(_("nomor"), max_length=20, editable=False)
    versi = models.PositiveSmallIntegerField(_("versi"), default=1)
    versi_sebelumnya = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="versi_berikut",
        verbose_name=_("versi sebelumnya"),
    )
    judul = models.CharField(_("judul"), max_length=200)
    # The period: a year, or a date range (exactly one of the two; see the constraint).
    tahun = models.PositiveSmallIntegerField(_("tahun"), null=True, blank=True)
    tanggal_mulai = models.DateField(_("tanggal mulai"), null=True, blank=True)
    tanggal_selesai = models.DateField(_("tanggal selesai"), null=True, blank=True)
    untuk_rapat_teknis = models.BooleanField(_("untuk Rapat Teknis BNSP"), default=True)
    untuk_pleno = models.BooleanField(_("untuk Pleno BNSP"), default=False)
    # Scope: empty means "all".
    provinsi = models.ManyToManyField(
        "lsp.Provinsi", blank=True, related_name="+", verbose_name=_("provinsi")
    )
    jenis_sasaran = models.JSONField(_("jenis sasaran"), default=list, blank=True)
    tim = models.ManyToManyField(
        "advokasi.Tim", blank=True, related_name="laporan", verbose_name=_("tim advokasi")
    )
    # Texts written by Staf Komisi (§6.3 a–b, d).
    ringkasan = models.TextField(_("ringkasan (§6.3b)"), blank=True)
    kesimpulan = models.TextField(_("kesimpulan"), blank=True)
    rekomendasi = models.TextField(_("rekomendasi tindak lanjut"), blank=True)
    umpan_balik_kebijakan = models.TextField(
        _("umpan balik kebijakan dan program tahun berikutnya (§6.3d-1)"), blank=True
    )
    bahan_koordinasi = models.TextField(
        _("bahan koordinasi BNSP dan lintas sektor (§6.3d-2)"), blank=True
    )
    agenda_rapat = models.TextField(_("agenda rapat (paket rapat)"), blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # §6.3c: discussed in the advocacy team, coordinated by the Komisi.
    tanggal_pembahasan = models.DateField(_("tanggal pembahasan"), null=True, blank=True)
    peserta_pembahasan = models.TextField(_("peserta pembahasan"), blank=True)
    catatan_pembahasan = models.TextField(_("catatan pembahasan"), blank=True)
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("disetujui oleh"),
    )
    disetujui_pada = models.DateTimeField(_("disetujui pada"), null=True, blank=True)
    # §6.3e: submitted to Rapat Teknis and/or Pleno BNSP.
    tanggal_disampaikan = models.DateField(_("tanggal disampaikan"), null=True, blank=True)
    forum_disampaikan = models.CharField(
        _("disampaikan kepada"), max_length=20, choices=Forum.choices, blank=True
    )
    snapshot = models.JSONField(_("angka yang dibekukan"), null=True, blank=True, editable=False)
    dibekukan_pada = models.DateTimeField(_("dibekukan pada"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[provinsi, tim])

    class Meta:
        verbose_name = _("laporan advokasi")
        verbose_name_plural = _("laporan advokasi")
        ordering = ["-dibuat", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["nomor", "versi"], name="laporan_nomor_versi_unik"),
            models.CheckConstraint(
                condition=(
                    Q(tahun__isnull=False, tanggal_mulai=None, tanggal_selesai=None)
                    | Q(
                        tahun=None,
                        tanggal_mulai__isnull=False,
                        tanggal_selesai__isnull=False,
                        tanggal_selesai__gte=models.F("tanggal_mulai"),
                    )
                ),
                name="laporan_periode_tahun_atau_rentang",
                violation_error_message=_(
                    "Isi tahun saja, atau tanggal mulai dan selesai (selesai tidak sebelum mulai)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(untuk_rapat_teknis=True) | Q(untuk_pleno=True),
                name="laporan_ada_forum",
                violation_error_message=_("Pilih Rapat Teknis, Pleno, atau keduanya."),
            ),
            models.CheckConstraint(
                condition=~Q(status="disampaikan") | Q(snapshot__isnull=False),
                name="laporan_disampaikan_dibekukan",
            ),
        ]
        indexes = [
            # The list filtered by status, newest first.
            models.Index(fields=["status", "-dibuat"], name="laporan_status_dibuat_idx"),
        ]

    def __str__(self):
        return f"{self.nomor} v{self.versi}"

    def get_absolute_url(self):
        return reverse("laporan:detail", args=[self.pk])

    @property
    def frozen(self) -> bool:
        return self.snapshot is not None

    @property
    def audiens_label(self) -> str:
        if self.untuk_rapat_teknis and self.untuk_pleno:
            return str(self.Forum.KEDUANYA.label)
        if self.untuk_pleno:
            return str(self.Forum.PLENO.label)
        return str(self.Forum.RAPAT_TEKNIS.label)


def berkas_path(instance, filename):
    """Under MEDIA_ROOT (never static/), a random name: served only through the download view."""
    return f"laporan/{instance.laporan_id}/v{instance.versi}/{uuid.uuid4().hex}-{filename}"


class BerkasLaporan(models.Model):
    """A generated file of one version of a report, and the state of the job making it."""

    class Jenis(models.TextChoices):
        UTAMA = "utama", _("Laporan lengkap (PDF)")
        RINGKASAN = "ringkasan", _("Ringkasan (PDF)")
        PAKET_RAPAT = "paket_rapat", _("Paket rapat (PDF)")
        EXCEL = "excel", _("Tabel (Excel)")

    class Status(models.TextChoices):
        ANTRE = "antre", _("Dalam antrean")
        SEDANG = "sedang_dibuat", _("Sedang dibuat")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="berkas")
    versi = models.PositiveSmallIntegerField(_("versi"))
    jenis = models.CharField(_("jenis berkas"), max_length=20, choices=Jenis.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    tahap = models.CharField(_("tahap"), max_length=100, blank=True)
    persen = models.PositiveSmallIntegerField(_("persen"), default=0)
    pesan_galat = models.TextField(_("pesan galat"), blank=True)
    percobaan = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    task_id = models.CharField(_("ID tugas"), max_length=64, blank=True)
    berkas = models.FileField(_("berkas"), upload_to=berkas_path, max_length=250, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    ukuran = models.PositiveIntegerField(_("ukuran (bita)"), null=True, blank=True)
    halaman = models.PositiveIntegerField(_("jumlah halaman"), null=True, blank=True)
    diminta_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    diminta = models.DateTimeField(_("diminta"), auto_now_add=True)
    # Touched at every stage: a job "sedang dibuat" whose row has not moved for longer than a
    # task may run is one whose worker died (see services.berkas_macet).
    diperbarui = models.DateTimeField(_("diperbarui"), auto_now=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("berkas laporan")
        verbose_name_plural = _("berkas laporan")
        ordering = ["laporan", "versi", "jenis"]
        constraints = [
            models.UniqueConstraint(
                fields=["laporan", "versi", "jenis"], name="berkas_laporan_versi_jenis_unik"
            ),
            models.CheckConstraint(
                condition=Q(persen__lte=100), name="berkas_laporan_persen_0_100"
            ),
            models.CheckConstraint(
                condition=~Q(status="selesai") | ~Q(berkas="") & ~Q(sha256=""),
                name="berkas_laporan_selesai_ada_berkas",
            ),
        ]

    def __str__(self):
        return f"{self.laporan} — {self.get_jenis_display()}"
