from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from advokasi.models.common import Timestamped


class Fgd(Timestamped):
    """A focus group discussion (§4.2) of fasilitators/pembina about surveyed problems."""

    KODE = "FGD"

    nomor = models.CharField(_("nomor"), max_length=20, unique=True, editable=False)
    tim = models.ForeignKey(
        "advokasi.Tim", on_delete=models.PROTECT, related_name="fgd", verbose_name=_("tim")
    )
    tanggal = models.DateField(_("tanggal"))
    waktu_mulai = models.TimeField(_("waktu mulai"), null=True, blank=True)
    tempat = models.CharField(_("tempat"), max_length=200, blank=True)
    tautan_daring = models.URLField(_("tautan daring"), blank=True)
    permasalahan = models.ManyToManyField(
        "advokasi.Permasalahan",
        related_name="fgd",
        verbose_name=_("permasalahan yang dibahas"),
    )
    kesimpulan = models.TextField(_("kesimpulan (bahan advokasi)"), blank=True)
    # {"a": {"dilaksanakan": true, "catatan": "..."}, ...} for the steps of §4.2 a–e.
    langkah = models.JSONField(_("langkah §4.2"), default=dict, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("FGD")
        verbose_name_plural = _("FGD")
        ordering = ["-tanggal", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(tempat="") | ~Q(tautan_daring=""),
                name="fgd_tempat_atau_tautan",
                violation_error_message=_("Isi tempat atau tautan daring."),
            ),
        ]

    def __str__(self):
        return self.nomor

    def get_absolute_url(self):
        return reverse("advokasi:fgd-detail", args=[self.pk])


class PesertaFgd(models.Model):
    class Peran(models.TextChoices):
        FASILITATOR = "fasilitator", _("Fasilitator")
        PEMBINA = "pembina", _("Pembina LSP")
        NARASUMBER = "narasumber", _("Narasumber")
        NOTULIS = "notulis", _("Notulis")

    fgd = models.ForeignKey(Fgd, on_delete=models.CASCADE, related_name="peserta")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("akun pengguna"),
    )
    nama = models.CharField(_("nama"), max_length=150)
    peran = models.CharField(_("peran"), max_length=20, choices=Peran.choices)
    instansi = models.CharField(_("instansi"), max_length=150, blank=True)
    hadir = models.BooleanField(_("hadir"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("peserta FGD")
        verbose_name_plural = _("peserta FGD")
        ordering = ["pk"]

    def __str__(self):
        return self.nama


class AlternatifTindakan(Timestamped):
    """An alternative corrective or improving action for one problem (§4.2c, §5.1f)."""

    permasalahan = models.ForeignKey(
        "advokasi.Permasalahan",
        on_delete=models.PROTECT,
        related_name="alternatif",
        verbose_name=_("permasalahan"),
    )
    fgd = models.ForeignKey(
        Fgd,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="alternatif",
        verbose_name=_("diusulkan dalam FGD"),
    )
    uraian = models.TextField(_("alternatif tindakan koreksi dan perbaikan"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("alternatif tindakan")
        verbose_name_plural = _("alternatif tindakan")
        ordering = ["pk"]

    def __str__(self):
        return self.uraian[:80]
