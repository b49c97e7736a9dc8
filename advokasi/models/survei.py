from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from advokasi.models.common import Timestamped
from advokasi.pedoman import KategoriMasalah, RuangLingkup


class Survei(Timestamped):
    """A survey and mapping visit (§4.1) of one or more targets by a team."""

    KODE = "SRV"

    nomor = models.CharField(_("nomor"), max_length=20, unique=True, editable=False)
    tim = models.ForeignKey(
        "advokasi.Tim", on_delete=models.PROTECT, related_name="survei", verbose_name=_("tim")
    )
    tanggal = models.DateField(_("tanggal survei"))
    sasaran = models.ManyToManyField(
        "lsp.Sasaran", related_name="survei", verbose_name=_("sasaran yang disurvei")
    )
    ringkasan = models.TextField(_("ringkasan temuan"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survei")
        verbose_name_plural = _("survei")
        ordering = ["-tanggal", "-pk"]
        indexes = [
            # Survey lists of a team, newest first.
            models.Index(fields=["tim", "-tanggal"], name="survei_tim_tanggal_idx"),
        ]

    def __str__(self):
        return self.nomor

    def get_absolute_url(self):
        return reverse("advokasi:survei-detail", args=[self.pk])


class Permasalahan(Timestamped):
    """A problem found by a survey at one target; it moves through the lifecycle below."""

    KODE = "MSL"

    class Tingkat(models.TextChoices):
        RENDAH = "1_rendah", _("Rendah")
        SEDANG = "2_sedang", _("Sedang")
        TINGGI = "3_tinggi", _("Tinggi")
        KRITIS = "4_kritis", _("Kritis")

    class Status(models.TextChoices):
        TERIDENTIFIKASI = "teridentifikasi", _("Teridentifikasi")
        DIBAHAS = "dibahas", _("Dibahas (FGD)")
        DIPRIORITASKAN = "diprioritaskan", _("Diprioritaskan")
        DALAM_BIMBINGAN = "dalam_bimbingan", _("Dalam bimbingan")
        SELESAI = "selesai", _("Selesai")
        DITUTUP = "ditutup", _("Ditutup")

    class AlasanPenutupan(models.TextChoices):
        TIDAK_RELEVAN = "tidak_relevan", _("Tidak relevan lagi")
        DIGABUNG = "digabung", _("Digabung dengan permasalahan lain")
        LISENSI_DICABUT = "lisensi_dicabut", _("LSP dicabut lisensinya")
        SASARAN_BUBAR = "sasaran_bubar", _("Sasaran tidak beroperasi lagi")
        DIALIHKAN = "dialihkan", _("Dialihkan ke instansi lain")

    OPEN = [
        Status.TERIDENTIFIKASI,
        Status.DIBAHAS,
        Status.DIPRIORITASKAN,
        Status.DALAM_BIMBINGAN,
    ]

    nomor = models.CharField(_("nomor"), max_length=20, unique=True, editable=False)
    survei = models.ForeignKey(
        Survei, on_delete=models.PROTECT, related_name="permasalahan", verbose_name=_("survei")
    )
    sasaran = models.ForeignKey(
        "lsp.Sasaran",
        on_delete=models.PROTECT,
        related_name="permasalahan",
        verbose_name=_("sasaran"),
    )
    kategori = models.CharField(_("kategori (§4.1)"), max_length=1, choices=KategoriMasalah.choices)
    ruang_lingkup = models.CharField(
        _("ruang lingkup (§1.1)"), max_length=1, choices=RuangLingkup.choices
    )
    uraian = models.TextField(_("uraian permasalahan"))
    tingkat = models.CharField(_("tingkat keparahan"), max_length=10, choices=Tingkat.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.TERIDENTIFIKASI
    )
    alasan_penutupan = models.CharField(
        _("alasan penutupan"), max_length=20, choices=AlasanPenutupan.choices, blank=True
    )
    digabung_ke = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("digabung ke"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("permasalahan")
        verbose_name_plural = _("permasalahan")
        ordering = ["-dibuat", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="ditutup", alasan_penutupan__gt="")
                | (~Q(status="ditutup") & Q(alasan_penutupan="")),
                name="permasalahan_ditutup_beralasan",
                violation_error_message=_(
                    "Permasalahan yang ditutup wajib punya alasan penutupan."
                ),
            ),
        ]
        indexes = [
            # The mapping matrix: counts per target and category, filtered by status.
            models.Index(fields=["sasaran", "kategori", "status"], name="masalah_sasaran_kat_idx"),
            # Open problems by status on dashboards and the problem list.
            models.Index(fields=["status", "kategori"], name="masalah_status_kat_idx"),
        ]

    def __str__(self):
        return f"{self.nomor}: {self.uraian[:60]}"

    def get_absolute_url(self):
        return reverse("advokasi:permasalahan-detail", args=[self.pk])

    @property
    def terbuka(self) -> bool:
        return self.status in self.OPEN


class TransisiMasalah(models.Model):
    """One step of a problem's lifecycle: when, by whom, why, and what moved it."""

    permasalahan = models.ForeignKey(
        Permasalahan, on_delete=models.CASCADE, related_name="transisi"
    )
    dari = models.CharField(_("dari"), max_length=20, choices=Permasalahan.Status.choices)
    ke = models.CharField(_("ke"), max_length=20, choices=Permasalahan.Status.choices)
    alasan = models.TextField(_("alasan"))
    sumber = models.CharField(
        _("dipicu oleh"), max_length=30, blank=True, help_text=_("Nomor FGD/bimbingan, bila ada")
    )
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("oleh")
    )
    pada = models.DateTimeField(_("pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("transisi status permasalahan")
        verbose_name_plural = _("transisi status permasalahan")
        ordering = ["pada", "pk"]

    def __str__(self):
        return f"{self.permasalahan_id}: {self.dari} → {self.ke}"
