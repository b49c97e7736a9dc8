"""Monitoring and evaluation (§6.1, §6.2, §7): instruments, plans, records and their answers."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from advokasi.models import Rtl
from advokasi.models.common import Timestamped


class Instrumen(Timestamped):
    """A reusable monitoring instrument (perangkat monitoring / daftar isian, §6.1e)."""

    nama = models.CharField(_("nama instrumen"), max_length=200, unique=True)
    uraian = models.TextField(_("uraian"), blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("instrumen monitoring")
        verbose_name_plural = _("instrumen monitoring")
        ordering = ["nama"]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("monitoring:instrumen-detail", args=[self.pk])


class Aspek(models.Model):
    """§7: the aspects an instrument measures, each with focus areas."""

    instrumen = models.ForeignKey(Instrumen, on_delete=models.CASCADE, related_name="aspek")
    nama = models.CharField(_("aspek"), max_length=200)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aspek")
        verbose_name_plural = _("aspek")
        ordering = ["urutan", "pk"]

    def __str__(self):
        return self.nama


class Fokus(models.Model):
    aspek = models.ForeignKey(Aspek, on_delete=models.CASCADE, related_name="fokus")
    nama = models.CharField(_("fokus"), max_length=200)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fokus")
        verbose_name_plural = _("fokus")
        ordering = ["urutan", "pk"]

    def __str__(self):
        return self.nama


class Indikator(models.Model):
    class Tipe(models.TextChoices):
        YA_TIDAK = "ya_tidak", _("Ya/tidak")
        ANGKA = "angka", _("Angka")
        PERSEN = "persen", _("Persentase")
        SKALA = "skala", _("Skala 1–5")
        TEKS = "teks", _("Teks")

    # Types whose answers can be compared with a benchmark.
    TERUKUR = [Tipe.YA_TIDAK, Tipe.ANGKA, Tipe.PERSEN, Tipe.SKALA]

    fokus = models.ForeignKey(Fokus, on_delete=models.CASCADE, related_name="indikator")
    nama = models.CharField(_("indikator"), max_length=300)
    tipe = models.CharField(_("tipe jawaban"), max_length=10, choices=Tipe.choices)
    benchmark = models.DecimalField(
        _("benchmark (nilai target)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    bobot = models.PositiveSmallIntegerField(
        _("bobot"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        ordering = ["urutan", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tipe="teks") | Q(benchmark__isnull=False),
                name="indikator_terukur_punya_benchmark",
                violation_error_message=_("Indikator terukur wajib punya benchmark."),
            ),
            models.CheckConstraint(
                condition=~Q(tipe="skala") | Q(benchmark__gte=1, benchmark__lte=5),
                name="indikator_skala_benchmark_1_5",
                violation_error_message=_("Benchmark skala harus antara 1 dan 5."),
            ),
            models.CheckConstraint(
                condition=~Q(tipe="persen") | Q(benchmark__gte=0, benchmark__lte=100),
                name="indikator_persen_benchmark_0_100",
                violation_error_message=_("Benchmark persentase harus antara 0 dan 100."),
            ),
            models.CheckConstraint(
                condition=~Q(tipe="ya_tidak") | Q(benchmark__in=[0, 1]),
                name="indikator_ya_tidak_benchmark_0_1",
                violation_error_message=_("Benchmark ya/tidak adalah 1 (ya) atau 0 (tidak)."),
            ),
        ]

    def __str__(self):
        return self.nama


class RencanaMonitoring(Timestamped):
    """A monitoring plan (§6.1 a–f) built from the RTL of one or more sessions."""

    KODE = "MON"

    class Metode(models.TextChoices):
        VISITASI = "visitasi", _("Visitasi")
        FGD = "fgd", _("FGD")
        ONLINE = "online", _("On-line system")
        LAINNYA = "lainnya", _("Lainnya")

    class Status(models.TextChoices):
        DIRENCANAKAN = "direncanakan", _("Direncanakan")
        TERLAKSANA = "terlaksana", _("Terlaksana")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    nomor = models.CharField(_("nomor"), max_length=20, unique=True, editable=False)
    tim = models.ForeignKey(
        "advokasi.Tim", on_delete=models.PROTECT, related_name="rencana_monitoring"
    )
    tujuan = models.TextField(_("tujuan monitoring (§6.1a)"))
    sasaran = models.ManyToManyField(
        "lsp.Sasaran", related_name="rencana_monitoring", verbose_name=_("sasaran (§6.1b)")
    )
    ruang_lingkup = models.TextField(_("ruang lingkup (§6.1c)"))
    metode = models.CharField(_("metode (§6.1d)"), max_length=20, choices=Metode.choices)
    instrumen = models.ForeignKey(
        Instrumen, on_delete=models.PROTECT, related_name="rencana", verbose_name=_("instrumen")
    )
    benchmark = models.TextField(_("benchmark (§6.1e)"), blank=True)
    bimbingan = models.ManyToManyField(
        "advokasi.Bimbingan", related_name="rencana_monitoring", verbose_name=_("bimbingan")
    )
    rtl = models.ManyToManyField(
        "advokasi.Rtl", related_name="rencana_monitoring", verbose_name=_("RTL dalam lingkup")
    )
    tanggal_rencana = models.DateField(_("tanggal pelaksanaan"))
    tanggal_dikomunikasikan = models.DateField(
        _("dikomunikasikan ke sasaran (§6.1f)"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DIRENCANAKAN
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rencana monitoring")
        verbose_name_plural = _("rencana monitoring")
        ordering = ["-tanggal_rencana", "-pk"]
        indexes = [
            # Upcoming visits (calendar, reminders) and plans whose date passed without a record.
            models.Index(fields=["status", "tanggal_rencana"], name="rencana_status_tanggal_idx"),
            # An instrument's latest plans (its page), newest first without sorting them all.
            models.Index(
                fields=["instrumen", "tanggal_rencana"], name="rencana_instrumen_tanggal_idx"
            ),
        ]

    def __str__(self):
        return self.nomor

    def get_absolute_url(self):
        return reverse("monitoring:rencana-detail", args=[self.pk])


class CatatanMonitoring(Timestamped):
    """A plan carried out (§6.1g): instrument answers, RTL progress and findings."""

    KODE = "CMN"

    nomor = models.CharField(_("nomor"), max_length=20, unique=True, editable=False)
    rencana = models.ForeignKey(RencanaMonitoring, on_delete=models.PROTECT, related_name="catatan")
    tanggal = models.DateField(_("tanggal pelaksanaan"))
    temuan = models.TextField(_("temuan"), blank=True)
    faktor_pendorong = models.TextField(_("faktor pendorong"), blank=True)
    faktor_penghambat = models.TextField(_("faktor penghambat"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("catatan monitoring")
        verbose_name_plural = _("catatan monitoring")
        ordering = ["-tanggal", "-pk"]

    def __str__(self):
        return self.nomor

    def get_absolute_url(self):
        return reverse("monitoring:catatan-detail", args=[self.pk])


class JawabanIndikator(models.Model):
    catatan = models.ForeignKey(CatatanMonitoring, on_delete=models.CASCADE, related_name="jawaban")
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="jawaban")
    nilai = models.DecimalField(_("nilai"), max_digits=12, decimal_places=2, null=True, blank=True)
    teks = models.TextField(_("jawaban teks"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jawaban indikator")
        verbose_name_plural = _("jawaban indikator")
        constraints = [
            models.UniqueConstraint(
                fields=["catatan", "indikator"], name="jawaban_satu_per_indikator"
            )
        ]

    def __str__(self):
        return f"{self.indikator}: {self.nilai if self.nilai is not None else self.teks}"


class ProgresRtl(models.Model):
    """The progress of one RTL item as found by a monitoring record."""

    catatan = models.ForeignKey(
        CatatanMonitoring, on_delete=models.CASCADE, related_name="progres_rtl"
    )
    rtl = models.ForeignKey(
        "advokasi.Rtl", on_delete=models.PROTECT, related_name="progres_monitoring"
    )
    status = models.CharField(_("status RTL"), max_length=20, choices=Rtl.Status.choices)
    progres = models.PositiveSmallIntegerField(
        _("progres (%)"), validators=[MaxValueValidator(100)]
    )
    realisasi = models.DecimalField(
        _("realisasi"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    keterangan = models.TextField(_("keterangan"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progres RTL")
        verbose_name_plural = _("progres RTL")
        constraints = [
            models.UniqueConstraint(fields=["catatan", "rtl"], name="progres_satu_per_rtl"),
            models.CheckConstraint(condition=Q(progres__lte=100), name="progres_rtl_0_100"),
        ]

    def __str__(self):
        return f"{self.rtl_id}: {self.progres}%"


class KonfirmasiMasalah(models.Model):
    """A monitoring record's verdict on whether a problem is solved (the effectiveness check)."""

    catatan = models.ForeignKey(
        CatatanMonitoring, on_delete=models.CASCADE, related_name="konfirmasi"
    )
    permasalahan = models.ForeignKey(
        "advokasi.Permasalahan", on_delete=models.PROTECT, related_name="konfirmasi_monitoring"
    )
    teratasi = models.BooleanField(_("permasalahan teratasi"))
    keterangan = models.TextField(_("keterangan"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("konfirmasi permasalahan")
        verbose_name_plural = _("konfirmasi permasalahan")
        constraints = [
            models.UniqueConstraint(
                fields=["catatan", "permasalahan"], name="konfirmasi_satu_per_masalah"
            )
        ]

    def __str__(self):
        return f"{self.permasalahan_id}: {'teratasi' if self.teratasi else 'belum'}"


class PengaturanEvaluasi(models.Model):
    """Thresholds Staf Komisi set: performance bands and the e-monev traffic-light tolerance.

    A single row (pk=1), created by a migration with the defaults.
    """

    batas_sangat_baik = models.PositiveSmallIntegerField(_("sangat baik mulai (%)"), default=85)
    batas_baik = models.PositiveSmallIntegerField(_("baik mulai (%)"), default=70)
    batas_cukup = models.PositiveSmallIntegerField(_("cukup mulai (%)"), default=50)
    toleransi_emonev = models.PositiveSmallIntegerField(
        _("toleransi e-monev (%)"),
        default=15,
        help_text=_(
            "Hijau bila capaian ≥ target; kuning bila kurang dari target dalam toleransi ini."
        ),
    )
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pengaturan evaluasi")
        verbose_name_plural = _("pengaturan evaluasi")
        constraints = [
            models.CheckConstraint(
                condition=Q(batas_sangat_baik__lte=100)
                & Q(batas_sangat_baik__gt=models.F("batas_baik"))
                & Q(batas_baik__gt=models.F("batas_cukup")),
                name="pengaturan_batas_berurutan",
                violation_error_message=_(
                    "Batas harus berurutan: sangat baik > baik > cukup, paling tinggi 100."
                ),
            ),
            models.CheckConstraint(
                condition=Q(toleransi_emonev__lte=100), name="pengaturan_toleransi_0_100"
            ),
        ]

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "PengaturanEvaluasi":
        return cls.objects.get_or_create(pk=1)[0]


class TemuanAturan(models.Model):
    """One finding of the daily rule checks (monitoring.aturan), as the check saw it that day.

    The pages compute findings live; these rows are the daily log that tells since when a finding
    has stood (`pertama`). Exactly one of the record fields is set, the one of the finding's kind.
    """

    class Jenis(models.TextChoices):
        RTL_BELUM_DIMULAI = "rtl_belum_dimulai", _("RTL belum dimulai 30 hari setelah bimbingan")
        RTL_TERLAMBAT = "rtl_terlambat", _("RTL melewati batas waktu")
        MASALAH_BELUM_DITUTUP = (
            "masalah_belum_ditutup",
            _("Permasalahan masih terbuka padahal semua RTL-nya selesai"),
        )
        LISENSI_SEGERA_HABIS = (
            "lisensi_segera_habis",
            _("Lisensi LSP/TUK segera berakhir sementara kasusnya masih terbuka"),
        )
        MONITORING_TERLEWAT = (
            "monitoring_terlewat",
            _("Rencana monitoring lewat tanggal tanpa catatan"),
        )

    tanggal = models.DateField(_("tanggal pemeriksaan"))
    jenis = models.CharField(_("jenis temuan"), max_length=30, choices=Jenis.choices)
    pertama = models.DateField(_("ditemukan sejak"))
    kalimat = models.TextField(_("temuan"))
    rtl = models.ForeignKey(
        "advokasi.Rtl", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    permasalahan = models.ForeignKey(
        "advokasi.Permasalahan", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    sasaran = models.ForeignKey(
        "lsp.Sasaran", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    rencana = models.ForeignKey(
        RencanaMonitoring, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("temuan pemeriksaan aturan")
        verbose_name_plural = _("temuan pemeriksaan aturan")
        ordering = ["-tanggal", "jenis", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(jenis__in=["rtl_belum_dimulai", "rtl_terlambat"], rtl__isnull=False)
                    & Q(permasalahan=None, sasaran=None, rencana=None)
                )
                | (
                    Q(jenis="masalah_belum_ditutup", permasalahan__isnull=False)
                    & Q(rtl=None, sasaran=None, rencana=None)
                )
                | (
                    Q(jenis="lisensi_segera_habis", sasaran__isnull=False)
                    & Q(rtl=None, permasalahan=None, rencana=None)
                )
                | (
                    Q(jenis="monitoring_terlewat", rencana__isnull=False)
                    & Q(rtl=None, permasalahan=None, sasaran=None)
                ),
                name="temuan_satu_rekaman_sesuai_jenis",
            ),
            # A record is found at most once per kind and day: a rerun replaces, never adds.
            *[
                models.UniqueConstraint(
                    fields=["tanggal", "jenis", field],
                    condition=Q(**{f"{field}__isnull": False}),
                    name=f"temuan_{field}_sekali_per_hari",
                )
                for field in ("rtl", "permasalahan", "sasaran", "rencana")
            ],
        ]
        indexes = [
            # "Since when": the findings of the latest run, looked up by kind.
            models.Index(fields=["tanggal", "jenis"], name="temuan_tanggal_jenis_idx"),
        ]

    def __str__(self):
        return f"{self.tanggal} {self.get_jenis_display()}: {self.kalimat[:60]}"
