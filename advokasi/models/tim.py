from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from advokasi.pedoman import JenisTim


class Tim(models.Model):
    """An advocacy team (§3): one or more fasilitators, coordinated by the Komisi.

    Fasilitators read and write the records of the teams they belong to.
    """

    nama = models.CharField(_("nama tim"), max_length=150, unique=True)
    jenis = models.CharField(_("jenis advokasi"), max_length=20, choices=JenisTim.choices)
    anggota = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="tim_advokasi", verbose_name=_("fasilitator")
    )
    koordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="tim_dikoordinasikan",
        verbose_name=_("koordinator Komisi"),
    )
    sasaran = models.ManyToManyField(
        "lsp.Sasaran", related_name="tim_advokasi", blank=True, verbose_name=_("sasaran")
    )
    keterangan = models.TextField(_("keterangan"), blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[anggota])

    class Meta:
        verbose_name = _("tim advokasi")
        verbose_name_plural = _("tim advokasi")
        ordering = ["nama"]

    def __str__(self):
        return self.nama
