from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from advokasi.models.common import Timestamped


class KriteriaPrioritas(models.Model):
    """A §4.3b criterion with its weight; Staf Komisi edit these."""

    nama = models.CharField(_("nama kriteria"), max_length=150, unique=True)
    bobot = models.PositiveSmallIntegerField(
        _("bobot"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    aktif = models.BooleanField(_("aktif"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kriteria prioritas")
        verbose_name_plural = _("kriteria prioritas")
        ordering = ["urutan", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bobot__gte=1, bobot__lte=100), name="kriteria_bobot_1_100"
            )
        ]

    def __str__(self):
        return self.nama


class KelompokMasalahQuerySet(models.QuerySet):
    def with_skor(self):
        """Annotate `skor_tertimbang`: Σ(skor × bobot) / Σ(bobot) over active criteria scored.

        A group with no scores gets None and sorts last on the ranking page.
        """
        active = Q(skor__kriteria__aktif=True)
        weighted = Sum(F("skor__skor") * F("skor__kriteria__bobot"), filter=active)
        weights = Sum("skor__kriteria__bobot", filter=active)
        return self.annotate(
            skor_total=weighted,
            bobot_total=weights,
            skor_tertimbang=models.ExpressionWrapper(
                weighted * 1.0 / weights, output_field=models.FloatField()
            ),
        )


class KelompokMasalah(Timestamped):
    """A group of similar problems (§4.3a) with its targets, scores and chosen strategy."""

    KODE = "PRI"

    class JenisSasaran(models.TextChoices):
        LSP = "lsp", _("LSP")
        KELOMPOK_LSP = "kelompok_lsp", _("Kelompok LSP")
        BKSP = "bksp", _("BKSP")
        PENDUKUNG = "pendukung", _("Pendukung LSP (instansi teknis, asosiasi, dll.)")

    nomor = models.CharField(_("nomor"), max_length=20, unique=True, editable=False)
    tim = models.ForeignKey(
        "advokasi.Tim",
        on_delete=models.PROTECT,
        related_name="kelompok_masalah",
        verbose_name=_("tim"),
    )
    nama = models.CharField(_("nama kelompok masalah"), max_length=200)
    uraian = models.TextField(_("uraian"), blank=True)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    fgd = models.ForeignKey(
        "advokasi.Fgd",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kelompok_masalah",
        verbose_name=_("hasil FGD"),
    )
    permasalahan = models.ManyToManyField(
        "advokasi.Permasalahan", related_name="kelompok", verbose_name=_("permasalahan")
    )
    jenis_sasaran = models.CharField(
        _("jenis sasaran"), max_length=20, choices=JenisSasaran.choices
    )
    sasaran = models.ManyToManyField(
        "lsp.Sasaran", related_name="kelompok_masalah", verbose_name=_("sasaran")
    )
    strategi = models.TextField(_("strategi advokasi yang dipilih"), blank=True)
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("disetujui oleh"),
    )
    disetujui_pada = models.DateTimeField(_("disetujui pada"), null=True, blank=True)

    history = HistoricalRecords()
    objects = KelompokMasalahQuerySet.as_manager()

    class Meta:
        verbose_name = _("kelompok masalah")
        verbose_name_plural = _("kelompok masalah")
        ordering = ["-tahun", "nama"]
        constraints = [
            models.CheckConstraint(
                condition=Q(disetujui_oleh__isnull=True, disetujui_pada__isnull=True)
                | Q(disetujui_oleh__isnull=False, disetujui_pada__isnull=False, strategi__gt=""),
                name="kelompok_keputusan_lengkap",
                violation_error_message=_(
                    "Keputusan strategi mencatat strategi, siapa yang menyetujui dan kapan."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.nomor}: {self.nama}"

    def get_absolute_url(self):
        return reverse("advokasi:prioritas-detail", args=[self.pk])


class SkorPrioritas(models.Model):
    kelompok = models.ForeignKey(KelompokMasalah, on_delete=models.CASCADE, related_name="skor")
    kriteria = models.ForeignKey(KriteriaPrioritas, on_delete=models.PROTECT, related_name="skor")
    skor = models.PositiveSmallIntegerField(
        _("skor (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("skor prioritas")
        verbose_name_plural = _("skor prioritas")
        constraints = [
            models.UniqueConstraint(fields=["kelompok", "kriteria"], name="skor_satu_per_kriteria"),
            models.CheckConstraint(condition=Q(skor__gte=1, skor__lte=5), name="skor_1_5"),
        ]

    def __str__(self):
        return f"{self.kriteria}: {self.skor}"
