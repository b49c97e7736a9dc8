"""Writes of technical guidance sessions (§5): the session, its targets, facilitators,
participants, the problems it addresses with the alternatives presented and chosen, the pedoman
checklist, and the unfinished RTL carried over from earlier sessions — all saved or none."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from advokasi.models import (
    AlternatifTindakan,
    Bimbingan,
    BimbinganMasalah,
    Permasalahan,
    Rtl,
)
from advokasi.pedoman import JenisBimbingan
from advokasi.services.masalah import permasalahan_majukan
from advokasi.services.nomor import beri_nomor
from advokasi.services.rtl import rtl_lanjutkan
from lsp.models import Sasaran

# The kind of target each kind of session is for (§5.1 and §5.2: LSPs; §5.3: a BKSP).
JENIS_SASARAN = {
    JenisBimbingan.KELOMPOK_LSP: Sasaran.Jenis.LSP,
    JenisBimbingan.LSP: Sasaran.Jenis.LSP,
    JenisBimbingan.BKSP: Sasaran.Jenis.BKSP,
}


@dataclass
class MasalahSesi:
    """One problem addressed in a session, as the facilitator recorded it."""

    permasalahan: Permasalahan
    alternatif_disajikan: list[AlternatifTindakan] = field(default_factory=list)
    # A new alternative written during the session; it is presented too.
    alternatif_baru: str = ""
    pilih_baru: bool = False
    alternatif_dipilih: AlternatifTindakan | None = None
    selesai_di_tempat: bool = False
    catatan: str = ""


@dataclass
class RtlLanjutan:
    """An unfinished RTL item of an earlier session, carried into this one."""

    rtl: Rtl
    batas_waktu: date
    # Rtl.Status.BERJALAN, or None to keep the earlier item's status.
    status: str | None = None


# --- rules shared with the forms ---------------------------------------------------------------


def sasaran_errors(*, jenis: str, sasaran: Sequence[Sasaran]) -> list[str]:
    """The target rules of each kind: §5.1 two or more LSPs, §5.2 one LSP, §5.3 one BKSP."""
    errors = []
    expected = JENIS_SASARAN[jenis]
    wrong = [s.nama for s in sasaran if s.jenis != expected]
    if wrong:
        if expected == Sasaran.Jenis.BKSP:
            message = _("Sasaran bimbingan ini harus BKSP; bukan BKSP: %(nama)s.")
        else:
            message = _("Sasaran bimbingan ini harus LSP; bukan LSP: %(nama)s.")
        errors.append(message % {"nama": ", ".join(wrong)})
    n = len(sasaran)
    if jenis == JenisBimbingan.KELOMPOK_LSP and n < 2:
        errors.append(_("Bimbingan kelompok LSP (§5.1) memerlukan sedikitnya dua LSP."))
    elif jenis == JenisBimbingan.LSP and n != 1:
        errors.append(_("Bimbingan teknis LSP (§5.2) ditujukan kepada tepat satu LSP."))
    elif jenis == JenisBimbingan.BKSP and n != 1:
        errors.append(_("Bimbingan teknis BKSP (§5.3) ditujukan kepada tepat satu BKSP."))
    return errors


def lsp_tanpa_masalah_bersama(
    *, sasaran: Iterable[Sasaran], problems: Iterable[Permasalahan]
) -> list[Sasaran]:
    """§5.1a: the LSPs of a group session none of whose problems the session addresses."""
    covered = {p.sasaran_id for p in problems}
    return [s for s in sasaran if s.pk not in covered]


def pesan_kelompok(tanpa_masalah: Sequence[Sasaran]) -> str:
    return _(
        "Setiap LSP dalam kelompok harus memiliki sedikitnya satu permasalahan yang dibahas "
        "dalam sesi ini (§5.1a). Belum ada permasalahan untuk: %(nama)s."
    ) % {"nama": ", ".join(s.nama for s in tanpa_masalah)}


def alternatif_errors(item: MasalahSesi) -> list[str]:
    """The alternative chosen must be one of those presented (§5.1f–g), all of this problem."""
    errors = []
    own = [a for a in item.alternatif_disajikan if a.permasalahan_id != item.permasalahan.pk]
    if own:
        errors.append(
            _("Alternatif yang disajikan untuk %(nomor)s harus alternatif permasalahan itu.")
            % {"nomor": item.permasalahan.nomor}
        )
    if item.pilih_baru and not item.alternatif_baru.strip():
        errors.append(
            _("%(nomor)s: tuliskan alternatif baru sebelum memilihnya.")
            % {"nomor": item.permasalahan.nomor}
        )
    chosen = item.alternatif_dipilih
    if chosen is not None and chosen.pk not in {a.pk for a in item.alternatif_disajikan}:
        errors.append(
            _("%(nomor)s: alternatif yang dipilih harus salah satu alternatif yang disajikan.")
            % {"nomor": item.permasalahan.nomor}
        )
    return errors


# --- saving ------------------------------------------------------------------------------------


def _kept_forms(formset) -> list:
    """The participant rows that will exist after saving."""
    return [
        form
        for form in formset.forms
        if not formset._should_delete_form(form) and (form.instance.pk or form.has_changed())
    ]


def _errors(
    *,
    bimbingan: Bimbingan,
    sasaran: list[Sasaran],
    fasilitator: list,
    masalah: list[MasalahSesi],
    peserta_formset,
    lanjutan: list[RtlLanjutan],
) -> dict[str, list[str]]:
    """The rules across the session and its parts; the forms show the same beside each field,
    this is the guard for every caller."""
    errors: dict[str, list[str]] = {}

    def add(key, message):
        errors.setdefault(key, []).append(message)

    try:
        bimbingan.full_clean(exclude=["nomor"], validate_constraints=False)
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    mulai, selesai = bimbingan.waktu_mulai, bimbingan.waktu_selesai
    if mulai and selesai and selesai <= mulai:
        add("waktu_selesai", _("Waktu selesai harus setelah waktu mulai."))
    if not bimbingan.tempat.strip() and not bimbingan.tautan_daring:
        add("tempat", _("Isi tempat atau tautan daring."))

    for message in sasaran_errors(jenis=bimbingan.jenis, sasaran=sasaran):
        add("sasaran", message)
    problems = [m.permasalahan for m in masalah]
    if not problems:
        add("permasalahan", _("Pilih minimal satu permasalahan yang dibahas."))
    elif bimbingan.jenis == JenisBimbingan.KELOMPOK_LSP:
        tanpa = lsp_tanpa_masalah_bersama(sasaran=sasaran, problems=problems)
        if tanpa:
            add("sasaran", pesan_kelompok(tanpa))
    for item in masalah:
        for message in alternatif_errors(item):
            add("permasalahan", message)

    if not fasilitator:
        add("fasilitator", _("Pilih sedikitnya satu fasilitator."))
    elif bimbingan.tim_id:
        members = set(bimbingan.tim.anggota.values_list("pk", flat=True))
        outsiders = [u for u in fasilitator if u.pk not in members]
        if outsiders:
            add(
                "fasilitator",
                _("Bukan anggota %(tim)s: %(nama)s.")
                % {
                    "tim": bimbingan.tim.nama,
                    "nama": ", ".join(u.get_full_name() or u.username for u in outsiders),
                },
            )

    target_ids = {s.pk for s in sasaran}
    rows = _kept_forms(peserta_formset)
    for form in rows:
        wakil = form.cleaned_data.get("sasaran")
        if wakil is not None and wakil.pk not in target_ids:
            add(
                "__all__",
                _("Peserta %(nama)s mewakili %(sasaran)s, yang bukan sasaran bimbingan ini.")
                % {"nama": form.cleaned_data.get("nama"), "sasaran": wakil.nama},
            )
    if bimbingan.status == Bimbingan.Status.TERLAKSANA and not any(
        form.cleaned_data.get("hadir") for form in rows
    ):
        add("__all__", _("Bimbingan yang terlaksana mencatat sedikitnya satu peserta yang hadir."))

    if bimbingan.pk:
        problem_ids = {p.pk for p in problems}
        with_rtl = (
            Rtl.objects.filter(bimbingan=bimbingan)
            .exclude(permasalahan__isnull=True)
            .exclude(permasalahan__in=problem_ids)
        )
        for nomor in with_rtl.values_list("permasalahan__nomor", flat=True).distinct():
            add(
                "permasalahan",
                _("%(nomor)s sudah punya RTL dalam sesi ini dan tidak dapat dilepas.")
                % {"nomor": nomor},
            )
        owners = Rtl.objects.filter(bimbingan=bimbingan).exclude(pemilik_sasaran__in=target_ids)
        for nama in owners.values_list("pemilik_sasaran__nama", flat=True).distinct():
            add(
                "sasaran",
                _("%(nama)s menjadi penanggung jawab RTL sesi ini dan tidak dapat dilepas.")
                % {"nama": nama},
            )

    problem_ids = {p.pk for p in problems}
    for item in lanjutan:
        rtl = item.rtl
        if rtl.pemilik_sasaran_id not in target_ids:
            add(
                "lanjutan",
                _("%(nomor)s milik sasaran yang bukan sasaran bimbingan ini.")
                % {"nomor": rtl.nomor},
            )
        if rtl.permasalahan_id and rtl.permasalahan_id not in problem_ids:
            add(
                "lanjutan",
                _(
                    "%(nomor)s menangani permasalahan yang tidak dipilih dalam sesi ini; "
                    "pilih permasalahan itu juga, atau jangan lanjutkan RTL ini."
                )
                % {"nomor": rtl.nomor},
            )
        if bimbingan.tanggal and item.batas_waktu < bimbingan.tanggal:
            add(
                "lanjutan",
                _("%(nomor)s: batas waktu baru tidak boleh sebelum tanggal bimbingan.")
                % {"nomor": rtl.nomor},
            )
        if rtl.bimbingan_id == bimbingan.pk:
            add("lanjutan", _("%(nomor)s sudah termasuk sesi ini.") % {"nomor": rtl.nomor})
    return errors


def _save_masalah(*, bimbingan: Bimbingan, masalah: list[MasalahSesi], user) -> None:
    existing = {bm.permasalahan_id: bm for bm in bimbingan.masalah.all()}
    chosen_ids = {item.permasalahan.pk for item in masalah}
    for problem_id, row in existing.items():
        if problem_id not in chosen_ids:
            row._history_user = user
            row.delete()
    for item in masalah:
        row = existing.get(item.permasalahan.pk) or BimbinganMasalah(
            bimbingan=bimbingan, permasalahan=item.permasalahan
        )
        presented = list(item.alternatif_disajikan)
        chosen = item.alternatif_dipilih
        if item.alternatif_baru.strip():
            baru = AlternatifTindakan(
                permasalahan=item.permasalahan,
                uraian=item.alternatif_baru.strip(),
                dibuat_oleh=user,
            )
            baru._history_user = user
            baru.save()
            presented.append(baru)
            if item.pilih_baru:
                chosen = baru
        row.alternatif_dipilih = chosen
        row.selesai_di_tempat = item.selesai_di_tempat
        row.catatan = item.catatan.strip()
        row._history_user = user
        row.save()
        row.alternatif_disajikan.set(presented)


def _save_peserta(formset, *, bimbingan: Bimbingan, user) -> None:
    formset.instance = bimbingan
    for obj in formset.save(commit=False):
        obj.bimbingan = bimbingan
        obj._history_user = user
        obj.save()
    for obj in formset.deleted_objects:
        obj._history_user = user
        obj.delete()


@transaction.atomic
def bimbingan_save(
    *,
    user,
    bimbingan: Bimbingan,
    sasaran: Iterable[Sasaran],
    fasilitator: Iterable,
    masalah: Iterable[MasalahSesi],
    peserta_formset,
    langkah: dict,
    lanjutan: Iterable[RtlLanjutan] = (),
) -> Bimbingan:
    """Create or change a guidance session with everything recorded in it.

    A new session gets its number (BMT-<year of its date>-0001). The problems addressed move
    forward to *dalam bimbingan* (unless the session is cancelled); unfinished RTL carried over
    become new items of this session pointing back at the earlier ones. The participant formset
    must have been validated. Raises ValidationError, keyed by field, before anything is written.
    """
    sasaran, fasilitator = list(sasaran), list(fasilitator)
    masalah, lanjutan = list(masalah), list(lanjutan)
    if bimbingan.pk is None:
        bimbingan.dibuat_oleh = user
    bimbingan.langkah = langkah
    errors = _errors(
        bimbingan=bimbingan,
        sasaran=sasaran,
        fasilitator=fasilitator,
        masalah=masalah,
        peserta_formset=peserta_formset,
        lanjutan=lanjutan,
    )
    if errors:
        raise ValidationError(errors)

    baru = bimbingan.pk is None
    try:
        with transaction.atomic():
            _write(
                user=user,
                bimbingan=bimbingan,
                sasaran=sasaran,
                fasilitator=fasilitator,
                masalah=masalah,
                peserta_formset=peserta_formset,
                lanjutan=lanjutan,
            )
    except Exception:
        if baru:
            # Rolled back: the form page must not take the session for a saved one.
            bimbingan.pk, bimbingan.nomor = None, ""
        raise
    return bimbingan


def _write(*, user, bimbingan, sasaran, fasilitator, masalah, peserta_formset, lanjutan) -> None:
    beri_nomor(bimbingan, tahun=bimbingan.tanggal.year)
    bimbingan._history_user = user
    bimbingan.save()
    bimbingan.sasaran.set(sasaran)
    bimbingan.fasilitator.set(fasilitator)
    _save_masalah(bimbingan=bimbingan, masalah=masalah, user=user)
    _save_peserta(peserta_formset, bimbingan=bimbingan, user=user)
    for item in lanjutan:
        rtl_lanjutkan(
            user=user,
            asal=item.rtl,
            bimbingan=bimbingan,
            batas_waktu=item.batas_waktu,
            status=item.status,
        )
    if bimbingan.status != Bimbingan.Status.DIBATALKAN:
        permasalahan_majukan(
            problems=[item.permasalahan for item in masalah],
            ke=Permasalahan.Status.DALAM_BIMBINGAN,
            sumber=bimbingan.nomor,
            user=user,
        )
