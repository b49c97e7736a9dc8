"""Writes of RTL items (Rencana Tindak Lanjut, §5.1j, §5.2i, §5.3i).

An item is valid only when it follows the §2 asas: a specific action, a measurable indicator with
a target value, a due date and an accountable owner. The service also keeps the status dates
consistent, so that monitoring (§6.1) can rely on them.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from advokasi.models import Bimbingan, Rtl
from advokasi.services.nomor import beri_nomor

Status = Rtl.Status
OPEN = (Status.RENCANA, Status.BERJALAN)


def rtl_catat_tanggal_status(*, rtl: Rtl, today: date | None = None) -> None:
    """Fill the dates a status implies, and clear those it contradicts.

    *berjalan* starts the item (tanggal_mulai); *selesai* finishes it (tanggal_selesai, progress
    100) and closes it; *dibatalkan* closes it. An item reopened loses its finish and close dates.
    """
    today = today or timezone.localdate()
    if rtl.status == Status.BERJALAN and rtl.tanggal_mulai is None:
        rtl.tanggal_mulai = today
    if rtl.status == Status.SELESAI:
        if rtl.tanggal_selesai is None:
            rtl.tanggal_selesai = today
        rtl.progres = 100
        if rtl.tanggal_mulai is None:
            rtl.tanggal_mulai = min(rtl.tanggal_selesai, today)
    if rtl.status in (Status.SELESAI, Status.DIBATALKAN):
        if rtl.tanggal_ditutup is None:
            rtl.tanggal_ditutup = today
    else:
        rtl.tanggal_ditutup = None
        rtl.tanggal_selesai = None


def _required_errors(rtl: Rtl) -> dict[str, list[str]]:
    """The §2 asas, field by field (the database refuses the same with one constraint)."""
    errors: dict[str, list[str]] = {}
    if not (rtl.tindakan or "").strip():
        errors["tindakan"] = [_("Tuliskan tindakan yang spesifik (asas spesifik).")]
    if not rtl.pemilik_sasaran_id:
        errors["pemilik_sasaran"] = [
            _("Pilih sasaran penanggung jawab (asas dapat dipertanggungjawabkan).")
        ]
    if not (rtl.pemilik_nama or "").strip():
        errors["pemilik_nama"] = [
            _("Tuliskan nama penanggung jawab (asas dapat dipertanggungjawabkan).")
        ]
    if rtl.batas_waktu is None:
        errors["batas_waktu"] = [_("Tentukan batas waktu penyelesaian.")]
    if not (rtl.indikator or "").strip():
        errors["indikator"] = [_("Tuliskan indikator keberhasilan yang terukur (asas terukur).")]
    if rtl.target_nilai is None:
        errors["target_nilai"] = [_("Isi target nilai indikator (asas terukur).")]
    elif rtl.target_nilai <= 0:
        errors["target_nilai"] = [_("Target nilai harus lebih besar dari nol.")]
    if not (rtl.satuan or "").strip():
        errors["satuan"] = [_("Isi satuan target, mis. dokumen, orang, skema, %.")]
    if not rtl.jenis:
        errors["jenis"] = [_("Pilih jenis tindakan.")]
    return errors


def rtl_errors(*, rtl: Rtl, bimbingan: Bimbingan) -> dict[str, list[str]]:
    """Everything that makes an RTL item invalid for its session, keyed by field.

    Reads the session's targets and problems (two queries).
    """
    errors = _required_errors(rtl)
    if rtl.batas_waktu and rtl.batas_waktu < bimbingan.tanggal:
        errors.setdefault("batas_waktu", []).append(
            _("Batas waktu tidak boleh sebelum tanggal bimbingan (%(tanggal)s).")
            % {"tanggal": bimbingan.tanggal.strftime("%d-%m-%Y")}
        )
    if rtl.pemilik_sasaran_id and not bimbingan.sasaran.filter(pk=rtl.pemilik_sasaran_id).exists():
        errors.setdefault("pemilik_sasaran", []).append(
            _("Penanggung jawab harus salah satu sasaran bimbingan %(nomor)s.")
            % {"nomor": bimbingan.nomor}
        )
    if (
        rtl.permasalahan_id
        and not bimbingan.masalah.filter(permasalahan_id=rtl.permasalahan_id).exists()
    ):
        errors.setdefault("permasalahan", []).append(
            _("Permasalahan harus salah satu yang dibahas dalam bimbingan %(nomor)s.")
            % {"nomor": bimbingan.nomor}
        )
    if rtl.progres is not None and rtl.progres > 100:
        errors.setdefault("progres", []).append(_("Progres antara 0 dan 100 persen."))
    if rtl.tanggal_mulai and rtl.tanggal_selesai and rtl.tanggal_selesai < rtl.tanggal_mulai:
        errors.setdefault("tanggal_selesai", []).append(
            _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
        )
    return errors


def _store(rtl: Rtl, *, bimbingan: Bimbingan, user) -> Rtl:
    if rtl.pk is None:
        rtl.bimbingan = bimbingan
        rtl.dibuat_oleh = user
    if rtl.tanggal_disepakati is None:
        rtl.tanggal_disepakati = bimbingan.tanggal
    rtl.tindakan = (rtl.tindakan or "").strip()
    rtl.indikator = (rtl.indikator or "").strip()
    rtl.pemilik_nama = (rtl.pemilik_nama or "").strip()
    rtl.satuan = (rtl.satuan or "").strip()
    rtl_catat_tanggal_status(rtl=rtl)
    errors = rtl_errors(rtl=rtl, bimbingan=bimbingan)
    if errors:
        raise ValidationError(errors)
    try:
        rtl.full_clean(exclude=["nomor", "bimbingan", "dibuat_oleh"])
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc
    beri_nomor(rtl, tahun=bimbingan.tanggal.year)
    rtl._history_user = user
    rtl.save()
    return rtl


@transaction.atomic
def rtl_save(*, user, rtl: Rtl, bimbingan: Bimbingan | None = None) -> Rtl:
    """Create an RTL item of a session, or change one.

    A new item needs its session and gets its number (RTL-<year of the session's date>-0001);
    the date agreed defaults to the session's date. Raises ValidationError, keyed by field, before
    anything is written.
    """
    bimbingan = bimbingan or rtl.bimbingan
    return _store(rtl, bimbingan=bimbingan, user=user)


@transaction.atomic
def rtl_lanjutkan(
    *, user, asal: Rtl, bimbingan: Bimbingan, batas_waktu: date, status: str | None = None
) -> Rtl:
    """Carry an unfinished item of an earlier session into `bimbingan` as a new item.

    The new item copies the action, owner, indicator and problem, points back at the earlier
    one (lanjutan_dari) and takes the new due date. Its status is `status` (berjalan) or, when
    None, the earlier item's. The earlier item keeps its status; its note says where it goes on.
    """
    if asal.status not in OPEN:
        raise ValidationError(
            {
                "lanjutan": _("%(nomor)s sudah ditutup dan tidak dapat dilanjutkan.")
                % {"nomor": asal}
            }
        )
    baru = Rtl(
        lanjutan_dari=asal,
        permasalahan_id=asal.permasalahan_id,
        tindakan=asal.tindakan,
        jenis=asal.jenis,
        pemilik_sasaran_id=asal.pemilik_sasaran_id,
        pemilik_nama=asal.pemilik_nama,
        batas_waktu=batas_waktu,
        indikator=asal.indikator,
        target_nilai=asal.target_nilai,
        satuan=asal.satuan,
        status=status or asal.status,
        progres=asal.progres,
        langkah_berikut=asal.langkah_berikut,
        tanggal_disepakati=bimbingan.tanggal,
        tanggal_mulai=asal.tanggal_mulai,
        catatan=_("Lanjutan dari %(rtl)s (bimbingan %(bimbingan)s).")
        % {"rtl": asal.nomor, "bimbingan": asal.bimbingan.nomor},
    )
    try:
        _store(baru, bimbingan=bimbingan, user=user)
    except ValidationError as exc:
        raise ValidationError(
            {
                "lanjutan": [
                    _("%(nomor)s: %(pesan)s") % {"nomor": asal.nomor, "pesan": message}
                    for message in exc.messages
                ]
            }
        ) from exc
    catatan = _("Dilanjutkan dalam bimbingan %(bimbingan)s sebagai %(rtl)s.") % {
        "bimbingan": bimbingan.nomor,
        "rtl": baru.nomor,
    }
    asal.catatan = f"{asal.catatan.rstrip()}\n{catatan}".strip()
    asal._history_user = user
    asal.save(update_fields=["catatan", "diubah"])
    return baru
