"""Writes of reports: create, edit texts, the life (§6.3 c–e), new versions, and PDF generation.

Every function is keyword-only, runs in a transaction, validates with full_clean and leaves its
trace in the report's history (django-simple-history). Generation is queued with
transaction.on_commit, so a worker never looks for a row the request has not committed.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from advokasi.services.nomor import nomor_berikut
from laporan import data
from laporan.models import BerkasLaporan, Laporan

S = Laporan.Status
J = BerkasLaporan.Jenis
B = BerkasLaporan.Status

TEXT_FIELDS = (
    "judul",
    "ringkasan",
    "kesimpulan",
    "rekomendasi",
    "umpan_balik_kebijakan",
    "bahan_koordinasi",
    "agenda_rapat",
)
SCOPE_FIELDS = ("tahun", "tanggal_mulai", "tanggal_selesai", "untuk_rapat_teknis", "untuk_pleno")


def _save(laporan: Laporan, *, user, reason: str) -> Laporan:
    laporan.full_clean()
    laporan._change_reason = reason
    laporan._history_user = user
    laporan.save()
    return laporan


def laporan_create(*, user, provinsi=(), tim=(), jenis_sasaran=(), **fields) -> Laporan:
    with transaction.atomic():
        tahun_nomor = (
            fields.get("tahun") or (fields.get("tanggal_mulai") or timezone.localdate()).year
        )
        laporan = Laporan(dibuat_oleh=user, jenis_sasaran=list(jenis_sasaran), **fields)
        laporan.nomor = nomor_berikut(kode=Laporan.KODE, tahun=tahun_nomor)
        _save(laporan, user=user, reason="dibuat")
        laporan.provinsi.set(provinsi)
        laporan.tim.set(tim)
    return laporan


def _require_editable(laporan: Laporan) -> None:
    if laporan.status in (S.DISETUJUI, S.DISAMPAIKAN):
        raise ValidationError(
            _("Laporan yang sudah disetujui tidak dapat diubah; buat versi baru.")
        )


def laporan_update(
    *, user, laporan: Laporan, provinsi=None, tim=None, jenis_sasaran=None, **fields
) -> Laporan:
    """Texts and scope, while the report is a draft or under discussion."""
    with transaction.atomic():
        laporan = Laporan.objects.select_for_update().get(pk=laporan.pk)
        _require_editable(laporan)
        for name, value in fields.items():
            if name not in TEXT_FIELDS + SCOPE_FIELDS:
                raise TypeError(name)
            setattr(laporan, name, value)
        if jenis_sasaran is not None:
            laporan.jenis_sasaran = list(jenis_sasaran)
        _save(laporan, user=user, reason="diubah")
        if provinsi is not None:
            laporan.provinsi.set(provinsi)
        if tim is not None:
            laporan.tim.set(tim)
    return laporan


def laporan_bahas(*, user, laporan: Laporan, tanggal: date, peserta: str, catatan: str) -> Laporan:
    """§6.3c: the draft was discussed in the advocacy team, coordinated by the Komisi."""
    errors = {}
    if not tanggal:
        errors["tanggal_pembahasan"] = _("Isi tanggal pembahasan.")
    if not (peserta or "").strip():
        errors["peserta_pembahasan"] = _("Sebutkan peserta pembahasan.")
    if not (catatan or "").strip():
        errors["catatan_pembahasan"] = _("Tulis catatan hasil pembahasan.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        laporan = Laporan.objects.select_for_update().get(pk=laporan.pk)
        if laporan.status != S.DRAFT:
            raise ValidationError(_("Hanya draf yang dapat dicatat pembahasannya."))
        laporan.status = S.DIBAHAS
        laporan.tanggal_pembahasan = tanggal
        laporan.peserta_pembahasan = peserta.strip()
        laporan.catatan_pembahasan = catatan.strip()
        return _save(laporan, user=user, reason="dibahas")


def laporan_setujui(*, user, laporan: Laporan) -> Laporan:
    with transaction.atomic():
        laporan = Laporan.objects.select_for_update().get(pk=laporan.pk)
        if laporan.status != S.DIBAHAS:
            raise ValidationError(_("Laporan harus dibahas dalam tim advokasi sebelum disetujui."))
        missing = [
            str(Laporan._meta.get_field(f).verbose_name)
            for f in ("ringkasan", "kesimpulan", "rekomendasi")
            if not getattr(laporan, f).strip()
        ]
        if missing:
            raise ValidationError(_("Lengkapi dulu: %(daftar)s.") % {"daftar": ", ".join(missing)})
        laporan.status = S.DISETUJUI
        laporan.disetujui_oleh = user
        laporan.disetujui_pada = timezone.now()
        return _save(laporan, user=user, reason="disetujui")


def laporan_sampaikan(*, user, laporan: Laporan, tanggal: date, forum: str) -> Laporan:
    """§6.3e: submitted to Rapat Teknis and/or Pleno. The figures are frozen from here on, and
    the files are made again from the frozen figures (files of the draft are dropped)."""
    errors = {}
    if not tanggal:
        errors["tanggal_disampaikan"] = _("Isi tanggal penyampaian.")
    if forum not in Laporan.Forum.values:
        errors["forum_disampaikan"] = _("Pilih forum penyampaian.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        laporan = Laporan.objects.select_for_update().get(pk=laporan.pk)
        if laporan.status != S.DISETUJUI:
            raise ValidationError(_("Hanya laporan yang sudah disetujui yang dapat disampaikan."))
        laporan.snapshot = data.kumpulkan(laporan)
        laporan.dibekukan_pada = timezone.now()
        laporan.status = S.DISAMPAIKAN
        laporan.tanggal_disampaikan = tanggal
        laporan.forum_disampaikan = forum
        _save(laporan, user=user, reason="disampaikan")
        _antrekan(user=user, laporan=laporan, ulang=True)
    return laporan


def laporan_versi_baru(*, user, laporan: Laporan) -> Laporan:
    """A new draft version with the same number, scope and texts; the old one stays as it was."""
    with transaction.atomic():
        laporan = Laporan.objects.select_for_update().get(pk=laporan.pk)
        if laporan.status != S.DISAMPAIKAN:
            raise ValidationError(_("Versi baru dibuat dari laporan yang sudah disampaikan."))
        if Laporan.objects.filter(versi_sebelumnya=laporan).exists():
            raise ValidationError(_("Versi berikutnya dari laporan ini sudah ada."))
        baru = Laporan(
            nomor=laporan.nomor,
            versi=laporan.versi + 1,
            versi_sebelumnya=laporan,
            dibuat_oleh=user,
            jenis_sasaran=list(laporan.jenis_sasaran),
            **{f: getattr(laporan, f) for f in TEXT_FIELDS + SCOPE_FIELDS},
        )
        _save(baru, user=user, reason="versi baru")
        baru.provinsi.set(laporan.provinsi.all())
        baru.tim.set(laporan.tim.all())
    return baru


# --- generated files --------------------------------------------------------------------------


def jenis_berkas(laporan: Laporan) -> list[str]:
    return [J.UTAMA, J.RINGKASAN, J.PAKET_RAPAT, J.EXCEL]


def berkas_macet(berkas: BerkasLaporan, *, now=None) -> bool:
    """A job "sedang dibuat" whose row has not moved for longer than a task may live: its worker
    died and the broker will not hand it out again (or already gave up)."""
    now = now or timezone.now()
    batas = settings.CELERY_TASK_TIME_LIMIT + settings.CELERY_BROKER_TRANSPORT_OPTIONS.get(
        "visibility_timeout", 3600
    )
    return berkas.status in (B.ANTRE, B.SEDANG) and berkas.diperbarui < now - timedelta(
        seconds=batas
    )


def berkas_buat(*, user, laporan: Laporan, ulang: bool = False) -> list[BerkasLaporan]:
    """Queue the files of the report's current version ("Buat PDF").

    Kinds already made or in progress are left alone (idempotent); failed or stuck ones are
    queued again. `ulang` ("buat ulang" after records changed) drops finished files first —
    refused for a submitted report, whose files are final.
    """
    if ulang and laporan.frozen:
        raise ValidationError(_("Berkas laporan yang sudah disampaikan tidak dibuat ulang."))
    return _antrekan(user=user, laporan=laporan, ulang=ulang)


def _antrekan(*, user, laporan: Laporan, ulang: bool) -> list[BerkasLaporan]:
    from laporan.tasks import buat_berkas_laporan

    queued = []
    with transaction.atomic():
        laporan = Laporan.objects.select_for_update().get(pk=laporan.pk)
        existing = {
            b.jenis: b
            for b in BerkasLaporan.objects.select_for_update().filter(
                laporan=laporan, versi=laporan.versi
            )
        }
        for jenis in jenis_berkas(laporan):
            berkas = existing.get(jenis)
            if berkas is not None:
                stale = berkas.status == B.GAGAL or berkas_macet(berkas)
                redo = ulang and berkas.status == B.SELESAI
                if not (stale or redo):
                    continue
                if redo:
                    _hapus_berkas_nanti(berkas)
                berkas.delete()
            berkas = BerkasLaporan.objects.create(
                laporan=laporan,
                versi=laporan.versi,
                jenis=jenis,
                status=B.ANTRE,
                tahap=_("Menunggu giliran"),
                diminta_oleh=user,
            )
            queued.append(berkas)
            transaction.on_commit(lambda pk=berkas.pk: buat_berkas_laporan.delay(pk))
    return queued


def berkas_ulangi(*, user, laporan: Laporan) -> list[BerkasLaporan]:
    """Retry after a failure: requeue the failed or stuck files of the current version."""
    return berkas_buat(user=user, laporan=laporan)


def _hapus_berkas_nanti(berkas: BerkasLaporan) -> None:
    if berkas.berkas:
        storage, name = berkas.berkas.storage, berkas.berkas.name
        transaction.on_commit(lambda: storage.delete(name))
