import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Penomoran(models.Model):
    """The last human number handed out per kind and year (BMT-2026-0012 → terakhir = 12)."""

    kode = models.CharField(_("kode"), max_length=5)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    terakhir = models.PositiveIntegerField(_("nomor terakhir"), default=0)

    class Meta:
        verbose_name = _("penomoran")
        verbose_name_plural = _("penomoran")
        constraints = [
            models.UniqueConstraint(fields=["kode", "tahun"], name="penomoran_kode_tahun_unik")
        ]

    def __str__(self):
        return f"{self.kode}-{self.tahun}: {self.terakhir}"


class Timestamped(models.Model):
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    diubah = models.DateTimeField(_("diubah"), auto_now=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )

    class Meta:
        abstract = True


def lampiran_path(instance, filename):
    """A random name under the year and month: the user's file name is kept only for display."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    today = timezone.localdate()
    return f"lampiran/{today:%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Lampiran(models.Model):
    """An evidence file (minutes, attendance scan, photo) of exactly one record.

    Stored under MEDIA_ROOT, never under static/, and served only through a view that checks the
    user may see the record it belongs to.
    """

    class Jenis(models.TextChoices):
        NOTULEN = "notulen", _("Notulen / berita acara")
        DAFTAR_HADIR = "daftar_hadir", _("Daftar hadir")
        FOTO = "foto", _("Foto kegiatan")
        DOKUMEN = "dokumen", _("Dokumen pendukung")
        LAINNYA = "lainnya", _("Lainnya")

    berkas = models.FileField(_("berkas"), upload_to=lampiran_path, max_length=200)
    nama_asli = models.CharField(_("nama berkas"), max_length=200)
    jenis = models.CharField(_("jenis lampiran"), max_length=20, choices=Jenis.choices)
    keterangan = models.CharField(_("keterangan"), max_length=200, blank=True)
    tipe_mime = models.CharField(_("tipe berkas"), max_length=100)
    ukuran = models.PositiveIntegerField(_("ukuran (bita)"))
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    diunggah = models.DateTimeField(_("diunggah"), auto_now_add=True)
    permasalahan = models.ForeignKey(
        "advokasi.Permasalahan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lampiran",
    )
    fgd = models.ForeignKey(
        "advokasi.Fgd", on_delete=models.PROTECT, null=True, blank=True, related_name="lampiran"
    )
    bimbingan = models.ForeignKey(
        "advokasi.Bimbingan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lampiran",
    )
    rtl = models.ForeignKey(
        "advokasi.Rtl", on_delete=models.PROTECT, null=True, blank=True, related_name="lampiran"
    )

    PARENTS = ("permasalahan", "fgd", "bimbingan", "rtl")

    class Meta:
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")
        ordering = ["-diunggah"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(permasalahan__isnull=False, fgd=None, bimbingan=None, rtl=None)
                    | Q(permasalahan=None, fgd__isnull=False, bimbingan=None, rtl=None)
                    | Q(permasalahan=None, fgd=None, bimbingan__isnull=False, rtl=None)
                    | Q(permasalahan=None, fgd=None, bimbingan=None, rtl__isnull=False)
                ),
                name="lampiran_tepat_satu_induk",
            ),
        ]

    def __str__(self):
        return self.nama_asli

    @property
    def induk(self):
        """The record this file belongs to (a query unless it was select_related)."""
        return next(getattr(self, name) for name in self.PARENTS if getattr(self, f"{name}_id"))
