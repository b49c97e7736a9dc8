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


class Notifikasi(models.Model):
    """An in-app notification (reminders of RTL items and monitoring visits).

    `kunci` names what it is about ("rtl:12", "rencana:3") and `tanggal` the Jakarta day it was
    made for: the unique constraint makes a reminder exist once per user, item and day however
    often (or however concurrently) the daily task runs, and mail goes only for rows a run created.
    """

    class Jenis(models.TextChoices):
        RTL_JATUH_TEMPO = "rtl_jatuh_tempo", _("RTL mendekati batas waktu")
        RTL_TERLAMBAT = "rtl_terlambat", _("RTL melewati batas waktu")
        MONITORING = "monitoring", _("Jadwal monitoring")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifikasi",
        verbose_name=_("pengguna"),
    )
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    kunci = models.CharField(_("kunci"), max_length=60)
    tanggal = models.DateField(_("tanggal"))
    pesan = models.CharField(_("pesan"), max_length=500)
    url = models.CharField(_("tautan"), max_length=300, blank=True)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    dibaca_pada = models.DateTimeField(_("dibaca pada"), null=True, blank=True)
    # A run claims the rows it will mail (a random token) before sending, so that two runs never
    # mail the same row; a failed send releases the claim for the next run.
    surel_klaim = models.CharField(_("klaim surel"), max_length=32, blank=True, editable=False)
    surel_dikirim = models.DateTimeField(_("surel dikirim"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-dibuat", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kunci", "tanggal"], name="notifikasi_sekali_per_hari"
            )
        ]
        indexes = [
            # The navbar's unread count on every page.
            models.Index(fields=["user", "dibaca_pada"], name="notifikasi_user_dibaca_idx"),
            # The notification list, newest first.
            models.Index(fields=["user", "-dibuat"], name="notifikasi_user_dibuat_idx"),
        ]

    def __str__(self):
        return self.pesan[:80]


class TokenKalender(models.Model):
    """The secret in a user's iCalendar feed URL: whoever holds it reads that user's calendar.

    Regenerating replaces the token, so the old URL stops working at once.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="token_kalender",
        verbose_name=_("pengguna"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    dibuat = models.DateTimeField(_("dibuat"))

    class Meta:
        verbose_name = _("token kalender")
        verbose_name_plural = _("token kalender")

    def __str__(self):
        return str(self.user)


class Kiriman(models.Model):
    """A form submission identified by the UUID its page carried (`kirim_id`): the record of
    what it created, so that a double click or a retry from the offline queue creates it once.

    A successful submission is unique per user and kirim_id (the constraint serialises two
    identical requests arriving together); a later one with the same kirim_id but other content
    is refused and kept here with its payload (status ditolak) for the user and the admin to read.
    """

    class Status(models.TextChoices):
        BERHASIL = "berhasil", _("Tersimpan")
        DITOLAK = "ditolak", _("Ditolak (isi berbeda)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="kiriman",
        verbose_name=_("pengguna"),
    )
    kirim_id = models.UUIDField(_("kode kiriman"))
    isi_hash = models.CharField(_("sidik isi"), max_length=64)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    view = models.CharField(_("formulir"), max_length=100)
    path = models.CharField(_("alamat"), max_length=300)
    url = models.CharField(_("rekaman"), max_length=300, blank=True)
    url_lanjut = models.CharField(_("halaman sesudahnya"), max_length=300, blank=True)
    payload = models.JSONField(_("isi kiriman"), default=dict, blank=True)
    asal = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="penolakan",
        verbose_name=_("kiriman pertama"),
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("kiriman formulir")
        verbose_name_plural = _("kiriman formulir")
        ordering = ["-dibuat", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kirim_id"],
                condition=models.Q(status="berhasil"),
                name="kiriman_sekali_per_pengguna",
            )
        ]
        indexes = [
            # The list of a user's refused submissions, newest first.
            models.Index(fields=["user", "status", "-dibuat"], name="kiriman_user_status_idx"),
        ]

    def __str__(self):
        return f"{self.kirim_id} ({self.get_status_display()})"
