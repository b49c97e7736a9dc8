from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Profil(models.Model):
    """What a user account needs beyond Django's user: a BKSP user's province."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profil"
    )
    provinsi = models.ForeignKey(
        "lsp.Provinsi",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("provinsi"),
        help_text=_("Wajib untuk pengguna BKSP: hanya sasaran provinsi ini yang terlihat."),
    )
    jabatan = models.CharField(_("jabatan"), max_length=150, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("profil pengguna")
        verbose_name_plural = _("profil pengguna")

    def __str__(self):
        return str(self.user)
