"""Writes of monitoring (§6.1, §7): instruments and their tree of aspek → fokus → indikator,
monitoring plans built from the RTL of guidance sessions, and the records that carry them out.

Every function validates before it writes, raises ValidationError keyed by field (the names the
forms use, so messages land beside their fields) and runs in one transaction.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, ProtectedError, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from advokasi.models import Bimbingan, Rtl
from advokasi.services.nomor import beri_nomor
from advokasi.services.rtl import rtl_catat_tanggal_status
from lsp.models import Sasaran
from monitoring.models import (
    Aspek,
    CatatanMonitoring,
    Fokus,
    Indikator,
    Instrumen,
    JawabanIndikator,
    KonfirmasiMasalah,
    ProgresRtl,
    RencanaMonitoring,
)

Tipe = Indikator.Tipe

# The change reason of the history rows a correction writes (catatan_koreksi).
KOREKSI = "koreksi"

# The largest value a DecimalField(max_digits=12, decimal_places=2) holds.
NILAI_MAKS = Decimal("9999999999.99")
SEN = Decimal("0.01")


class InstrumenDipakai(Exception):
    """A part of an instrument cannot go: plans use it, or its indicators have answers."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def _errors_of(exc: ValidationError) -> dict[str, list[str]]:
    return exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}


# --- instruments and their tree -------------------------------------------------------------


def _next_urutan(queryset: QuerySet) -> int:
    return (queryset.aggregate(m=Max("urutan"))["m"] or 0) + 1


@transaction.atomic
def instrumen_save(*, user, instrumen: Instrumen) -> Instrumen:
    """Create or change an instrument (nama, uraian, aktif)."""
    if instrumen.pk is None:
        instrumen.dibuat_oleh = user
    instrumen.nama = (instrumen.nama or "").strip()
    instrumen.uraian = (instrumen.uraian or "").strip()
    instrumen.full_clean()
    instrumen._history_user = user
    instrumen.save()
    return instrumen


@transaction.atomic
def aspek_save(*, user, aspek: Aspek) -> Aspek:
    """Create or change an aspect; a new one goes after its instrument's last aspect."""
    aspek.nama = (aspek.nama or "").strip()
    if aspek.pk is None and not aspek.urutan:
        aspek.urutan = _next_urutan(Aspek.objects.filter(instrumen_id=aspek.instrumen_id))
    aspek.full_clean()
    aspek._history_user = user
    aspek.save()
    return aspek


@transaction.atomic
def fokus_save(*, user, fokus: Fokus) -> Fokus:
    """Create or change a focus area under an aspect."""
    fokus.nama = (fokus.nama or "").strip()
    if fokus.pk is None and not fokus.urutan:
        fokus.urutan = _next_urutan(Fokus.objects.filter(aspek_id=fokus.aspek_id))
    fokus.full_clean()
    fokus._history_user = user
    fokus.save()
    return fokus


@transaction.atomic
def indikator_save(*, user, indikator: Indikator) -> Indikator:
    """Create or change an indicator under a focus area.

    The benchmark must suit the type (the model's constraints say how; their messages are moved
    beside the benchmark field). A text indicator has no benchmark. The type of an indicator that
    already has answers cannot change, since the answers would lose their meaning.
    """
    indikator.nama = (indikator.nama or "").strip()
    if indikator.tipe == Tipe.TEKS:
        indikator.benchmark = None
    if indikator.pk is None and not indikator.urutan:
        indikator.urutan = _next_urutan(Indikator.objects.filter(fokus_id=indikator.fokus_id))
    errors: dict[str, list[str]] = {}
    if indikator.pk is not None:
        tipe_lama = Indikator.objects.filter(pk=indikator.pk).values_list("tipe", flat=True).get()
        if tipe_lama != indikator.tipe and indikator.jawaban.exists():
            errors["tipe"] = [
                _("Tipe indikator yang sudah dijawab dalam catatan monitoring tidak dapat diubah.")
            ]
    try:
        indikator.full_clean()
    except ValidationError as exc:
        for field, messages in _errors_of(exc).items():
            # Every check constraint of Indikator is about the benchmark of a type.
            key = "benchmark" if field == NON_FIELD_ERRORS else field
            errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    indikator._history_user = user
    indikator.save()
    return indikator


def _answered_in(indikator_qs: QuerySet) -> list[str]:
    """Numbers of the records that answered any of these indicators."""
    return list(
        JawabanIndikator.objects.filter(indikator__in=indikator_qs)
        .order_by("catatan__nomor")
        .values_list("catatan__nomor", flat=True)
        .distinct()[:10]
    )


def _delete(node, *, user, indikator_qs: QuerySet, what: str) -> None:
    answered = _answered_in(indikator_qs)
    if answered:
        raise InstrumenDipakai(
            _(
                "%(what)s tidak dapat dihapus: indikatornya sudah dijawab dalam catatan "
                "monitoring %(daftar)s. Ubah namanya atau nonaktifkan instrumen sebagai gantinya."
            )
            % {"what": what, "daftar": ", ".join(answered)}
        )
    node._history_user = user
    try:
        with transaction.atomic():
            node.delete()
    except ProtectedError as exc:  # a record saved between the check and the delete
        raise InstrumenDipakai(
            _("%(what)s tidak dapat dihapus karena masih dirujuk oleh: %(daftar)s.")
            % {"what": what, "daftar": ", ".join(sorted({str(o) for o in exc.protected_objects}))}
        ) from None


def aspek_delete(*, user, aspek: Aspek) -> None:
    """Delete an aspect with its focus areas and indicators, unless any indicator was answered."""
    _delete(
        aspek,
        user=user,
        indikator_qs=Indikator.objects.filter(fokus__aspek=aspek),
        what=_("Aspek “%(nama)s”") % {"nama": aspek.nama},
    )


def fokus_delete(*, user, fokus: Fokus) -> None:
    _delete(
        fokus,
        user=user,
        indikator_qs=Indikator.objects.filter(fokus=fokus),
        what=_("Fokus “%(nama)s”") % {"nama": fokus.nama},
    )


def indikator_delete(*, user, indikator: Indikator) -> None:
    _delete(
        indikator,
        user=user,
        indikator_qs=Indikator.objects.filter(pk=indikator.pk),
        what=_("Indikator “%(nama)s”") % {"nama": indikator.nama},
    )


def instrumen_delete(*, user, instrumen: Instrumen) -> None:
    """Delete an instrument that no monitoring plan uses."""
    plans = list(instrumen.rencana.order_by("nomor").values_list("nomor", flat=True)[:10])
    if plans:
        raise InstrumenDipakai(
            _(
                "Instrumen “%(nama)s” tidak dapat dihapus karena dipakai oleh rencana monitoring "
                "%(daftar)s. Nonaktifkan instrumen agar tidak dapat dipilih lagi."
            )
            % {"nama": instrumen.nama, "daftar": ", ".join(plans)}
        )
    _delete(
        instrumen,
        user=user,
        indikator_qs=Indikator.objects.filter(fokus__aspek__instrumen=instrumen),
        what=_("Instrumen “%(nama)s”") % {"nama": instrumen.nama},
    )


# --- monitoring plans (§6.1 a–f) ------------------------------------------------------------


def rencana_errors(
    *,
    rencana: RencanaMonitoring,
    bimbingan: list[Bimbingan],
    rtl: list[Rtl],
) -> dict[str, list[str]]:
    """The rules tying a plan to its sessions, RTL items and dates, keyed by field (the form
    shows them with its own errors; `rencana_save` refuses the same)."""
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if not bimbingan:
        add("bimbingan", _("Pilih minimal satu bimbingan yang RTL-nya akan dimonitor."))
    lain = [b.nomor for b in bimbingan if b.tim_id != rencana.tim_id]
    if rencana.tim_id and lain:
        add(
            "bimbingan",
            _("Bimbingan %(daftar)s bukan bimbingan tim yang dipilih.")
            % {"daftar": ", ".join(lain)},
        )
    if not rtl:
        add("rtl", _("Pilih minimal satu RTL yang akan dimonitor."))
    sesi = {b.pk for b in bimbingan}
    luar = [r.nomor for r in rtl if r.bimbingan_id not in sesi]
    if luar:
        add(
            "rtl",
            _("RTL %(daftar)s bukan dari bimbingan yang dipilih.") % {"daftar": ", ".join(luar)},
        )
    if bimbingan and rencana.tanggal_rencana:
        terakhir = max(bimbingan, key=lambda b: b.tanggal)
        if rencana.tanggal_rencana < terakhir.tanggal:
            add(
                "tanggal_rencana",
                _("Tanggal pelaksanaan tidak boleh sebelum bimbingan %(nomor)s (%(tanggal)s).")
                % {"nomor": terakhir.nomor, "tanggal": terakhir.tanggal.strftime("%d-%m-%Y")},
            )
    if (
        rencana.tanggal_dikomunikasikan
        and rencana.tanggal_rencana
        and rencana.tanggal_dikomunikasikan > rencana.tanggal_rencana
    ):
        add(
            "tanggal_dikomunikasikan",
            _("Rencana dikomunikasikan ke sasaran paling lambat pada tanggal pelaksanaan."),
        )
    return errors


def _instrumen_errors(rencana: RencanaMonitoring, *, instrumen_lama_id: int | None) -> list[str]:
    if rencana.instrumen_id is None or rencana.instrumen_id == instrumen_lama_id:
        return []
    instrumen = rencana.instrumen
    if not instrumen.aktif:
        return [_("Instrumen ini tidak aktif lagi; pilih instrumen yang aktif.")]
    if not Indikator.objects.filter(fokus__aspek__instrumen=instrumen).exists():
        return [
            _("Instrumen ini belum punya indikator; lengkapi dulu aspek, fokus dan indikatornya.")
        ]
    return []


@transaction.atomic
def rencana_save(
    *,
    user,
    rencana: RencanaMonitoring,
    bimbingan: Iterable[Bimbingan],
    rtl: Iterable[Rtl],
    sasaran: Iterable = (),
) -> RencanaMonitoring:
    """Create a monitoring plan, or change one, from the RTL of one or more sessions of its team.

    `rencana` carries the plain fields (tim, tujuan, ruang_lingkup, metode, instrumen, benchmark,
    tanggal_rencana, tanggal_dikomunikasikan, status). Without targets chosen, the plan takes the
    targets of its sessions. A new plan gets its number (MON-<year of its date>-0001).

    Status *terlaksana* is given by recording the plan (`catatan_record`), never by hand; a plan
    with records keeps it, and keeps its instrument, whose answers those records hold.
    """
    bimbingan, rtl, sasaran = list(bimbingan), list(rtl), list(sasaran)
    baru = rencana.pk is None
    lama = (
        None
        if baru
        else RencanaMonitoring.objects.filter(pk=rencana.pk).values("status", "instrumen_id").get()
    )
    errors = rencana_errors(rencana=rencana, bimbingan=bimbingan, rtl=rtl)
    instrumen_lama_id = lama["instrumen_id"] if lama else None
    for message in _instrumen_errors(rencana, instrumen_lama_id=instrumen_lama_id):
        errors.setdefault("instrumen", []).append(message)

    sudah_dicatat = not baru and rencana.catatan.exists()
    Status = RencanaMonitoring.Status
    if sudah_dicatat:
        if rencana.status != Status.TERLAKSANA:
            errors.setdefault("status", []).append(
                _("Rencana yang sudah punya catatan monitoring tetap berstatus Terlaksana.")
            )
        if rencana.instrumen_id != instrumen_lama_id:
            errors.setdefault("instrumen", []).append(
                _(
                    "Instrumen tidak dapat diganti: catatan monitoring rencana ini memakai "
                    "jawabannya."
                )
            )
    elif rencana.status == Status.TERLAKSANA and (lama or {}).get("status") != Status.TERLAKSANA:
        errors.setdefault("status", []).append(
            _("Status Terlaksana diberikan otomatis ketika catatan monitoring disimpan.")
        )

    rencana.tujuan = (rencana.tujuan or "").strip()
    rencana.ruang_lingkup = (rencana.ruang_lingkup or "").strip()
    rencana.benchmark = (rencana.benchmark or "").strip()
    if baru:
        rencana.dibuat_oleh = user
    try:
        rencana.full_clean(exclude=["nomor"])
    except ValidationError as exc:
        for field, messages in _errors_of(exc).items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)

    if not sasaran:
        sasaran = list(Sasaran.objects.filter(bimbingan__in=bimbingan).distinct())
    beri_nomor(rencana, tahun=rencana.tanggal_rencana.year)
    rencana._history_user = user
    rencana.save()
    rencana.bimbingan.set(bimbingan)
    rencana.rtl.set(rtl)
    rencana.sasaran.set(sasaran)
    return rencana


# --- monitoring records (§6.1g) -------------------------------------------------------------


def jawaban_key(indikator_id: int) -> str:
    return f"jawaban_{indikator_id}"


def progres_key(rtl_id: int, field: str) -> str:
    return f"rtl_{rtl_id}_{field}"


def konfirmasi_key(permasalahan_id: int, field: str) -> str:
    return f"masalah_{permasalahan_id}_{field}"


@dataclass(frozen=True)
class ProgresInput:
    """What monitoring found of one RTL item in scope."""

    rtl_id: int
    status: str
    progres: object
    realisasi: object = None
    keterangan: str = ""


@dataclass(frozen=True)
class KonfirmasiInput:
    """Whether monitoring confirms a problem behind the RTL in scope is solved."""

    permasalahan_id: int
    teratasi: bool
    keterangan: str = ""


def _decimal(raw) -> Decimal | None:
    """A number typed the Indonesian way (12,5) or the English way (12.5); None when not one."""
    if isinstance(raw, bool):
        return None
    text = str(raw).strip().replace(" ", "")
    if "," in text and "." in text:  # 1.250,5 → 1250.5
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _kosong(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def jawaban_parse(indikator: Indikator, raw) -> tuple[Decimal | None, str]:
    """An answer checked against its indicator's type: (nilai, teks), or ValidationError.

    ya/tidak → 1 or 0; angka → any number; persen → 0–100; skala → a whole number 1–5;
    teks → the text. Numbers are kept to two decimals.
    """
    if indikator.tipe == Tipe.TEKS:
        return None, "" if raw is None else str(raw).strip()
    if indikator.tipe == Tipe.YA_TIDAK:
        mapping = {"1": 1, "ya": 1, "true": 1, "0": 0, "tidak": 0, "false": 0}
        key = str(int(raw)) if isinstance(raw, bool) else str(raw).strip().lower()
        if key not in mapping:
            raise ValidationError(_("Jawab ya atau tidak."))
        return Decimal(mapping[key]), ""
    value = _decimal(raw)
    if value is None:
        raise ValidationError(_("Jawaban harus berupa angka, mis. 12 atau 12,5."))
    if abs(value) > NILAI_MAKS:
        raise ValidationError(_("Angka terlalu besar."))
    value = value.quantize(SEN, rounding=ROUND_HALF_UP)
    if indikator.tipe == Tipe.PERSEN and not (0 <= value <= 100):
        raise ValidationError(_("Persentase harus antara 0 dan 100."))
    if indikator.tipe == Tipe.SKALA and (value != value.to_integral_value() or not 1 <= value <= 5):
        raise ValidationError(_("Skala harus bilangan bulat 1 sampai 5."))
    return value, ""


def _progres_parse(raw) -> int | None:
    if isinstance(raw, bool) or raw is None:
        return None
    value = Decimal(raw) if isinstance(raw, int) else _decimal(raw)
    if value is None or value != value.to_integral_value() or not 0 <= value <= 100:
        return None
    return int(value)


def catatan_errors_tanggal(*, rencana: RencanaMonitoring, tanggal: date | None) -> list[str]:
    if tanggal is None:
        return [_("Isi tanggal pelaksanaan monitoring.")]
    if tanggal > timezone.localdate():
        return [_("Tanggal monitoring tidak boleh di masa depan.")]
    terakhir = rencana.bimbingan.order_by("-tanggal").values("nomor", "tanggal").first()
    if terakhir and tanggal < terakhir["tanggal"]:
        return [
            _("Tanggal monitoring tidak boleh sebelum bimbingan %(nomor)s (%(tanggal)s).")
            % {"nomor": terakhir["nomor"], "tanggal": terakhir["tanggal"].strftime("%d-%m-%Y")}
        ]
    return []


def indikator_rencana(rencana: RencanaMonitoring) -> QuerySet[Indikator]:
    """The indicators a record of the plan answers: all of its instrument's."""
    return Indikator.objects.filter(fokus__aspek__instrumen_id=rencana.instrumen_id)


def indikator_koreksi(catatan: CatatanMonitoring) -> QuerySet[Indikator]:
    """The indicators a correction of the record answers: those it answered, and the text ones it
    may have left empty. One added to the instrument after the visit was not measured then."""
    answered = JawabanIndikator.objects.filter(catatan=catatan, indikator=OuterRef("pk"))
    return indikator_rencana(catatan.rencana).filter(Q(Exists(answered)) | Q(tipe=Tipe.TEKS))


def _jawaban_diperiksa(indikator: QuerySet[Indikator], jawaban: Mapping[int, object], add) -> dict:
    """The answers checked by the type of each of `indikator`, every measurable one required:
    {indikator id: (nilai, teks)} of those given; each problem reported through `add`."""
    indikator = {i.pk: i for i in indikator}
    for indikator_id in jawaban:
        if indikator_id not in indikator:
            add(NON_FIELD_ERRORS, _("Ada jawaban untuk indikator di luar instrumen rencana ini."))
            break
    parsed: dict[int, tuple[Decimal | None, str]] = {}
    for indikator_id, item in indikator.items():
        raw = jawaban.get(indikator_id)
        if _kosong(raw):
            if item.tipe != Tipe.TEKS:
                add(jawaban_key(indikator_id), _("Isi jawaban indikator ini."))
            continue
        try:
            parsed[indikator_id] = jawaban_parse(item, raw)
        except ValidationError as exc:
            for message in exc.messages:
                add(jawaban_key(indikator_id), message)
    return parsed


@transaction.atomic
def catatan_record(
    *,
    user,
    rencana: RencanaMonitoring,
    tanggal: date,
    jawaban: Mapping[int, object],
    progres: Iterable[ProgresInput],
    konfirmasi: Iterable[KonfirmasiInput] = (),
    temuan: str = "",
    faktor_pendorong: str = "",
    faktor_penghambat: str = "",
) -> CatatanMonitoring:
    """Record a monitoring plan carried out (§6.1g), all of it or nothing.

    - `jawaban`: {indikator id: raw answer} for the plan's instrument; every measurable indicator
      must be answered, each checked by its type (see `jawaban_parse`); text answers may be empty.
    - `progres`: the status and progress found for RTL items of the plan's scope. Each item is
      updated (status, progres and the status dates, by the RTL rules of
      advokasi.services.rtl, dated the day of the visit), with a history row by `user`.
    - `konfirmasi`: for problems behind the RTL in scope, whether monitoring found them solved,
      which is what lets a problem be declared *selesai*.

    The plan becomes *terlaksana*; the record gets its number (CMN-<year of the visit>-0001).
    Errors are keyed by the form's field names (`jawaban_key`, `progres_key`, `konfirmasi_key`).
    """
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(str(message))

    if rencana.status == RencanaMonitoring.Status.DIBATALKAN:
        raise ValidationError(_("Rencana monitoring yang dibatalkan tidak dapat dicatat."))
    for message in catatan_errors_tanggal(rencana=rencana, tanggal=tanggal):
        add("tanggal", message)

    parsed = _jawaban_diperiksa(indikator_rencana(rencana), jawaban, add)

    # RTL progress: only items of the plan's scope, each at most once.
    scope = {r.pk: r for r in rencana.rtl.select_for_update().order_by("pk")}
    progres = list(progres)
    seen: set[int] = set()
    for item in progres:
        rtl = scope.get(item.rtl_id)
        if rtl is None:
            nomor = Rtl.objects.filter(pk=item.rtl_id).values_list("nomor", flat=True).first()
            add(
                NON_FIELD_ERRORS,
                _("RTL %(nomor)s tidak termasuk lingkup rencana monitoring ini.")
                % {"nomor": nomor or item.rtl_id},
            )
            continue
        if item.rtl_id in seen:
            add(NON_FIELD_ERRORS, _("RTL %(nomor)s dicatat dua kali.") % {"nomor": rtl.nomor})
        seen.add(item.rtl_id)
        if item.status not in Rtl.Status.values:
            add(progres_key(rtl.pk, "status"), _("Pilih status RTL."))
        if _progres_parse(item.progres) is None:
            add(progres_key(rtl.pk, "progres"), _("Progres harus bilangan bulat 0 sampai 100."))
        if not _kosong(item.realisasi):
            value = _decimal(item.realisasi)
            if value is None:
                add(progres_key(rtl.pk, "realisasi"), _("Realisasi harus berupa angka."))
            elif value < 0 or value > NILAI_MAKS:
                add(
                    progres_key(rtl.pk, "realisasi"),
                    _("Realisasi tidak boleh negatif atau terlalu besar."),
                )
    if not progres:
        add(NON_FIELD_ERRORS, _("Catat progres minimal satu RTL dalam lingkup rencana."))

    # Problems: those behind the RTL items in scope.
    masalah = {r.permasalahan_id for r in scope.values() if r.permasalahan_id}
    konfirmasi = list(konfirmasi)
    for item in konfirmasi:
        if item.permasalahan_id not in masalah:
            add(
                NON_FIELD_ERRORS,
                _("Konfirmasi hanya untuk permasalahan di balik RTL dalam lingkup rencana ini."),
            )
            break
    if errors:
        raise ValidationError(errors)

    catatan = CatatanMonitoring(
        rencana=rencana,
        tanggal=tanggal,
        temuan=(temuan or "").strip(),
        faktor_pendorong=(faktor_pendorong or "").strip(),
        faktor_penghambat=(faktor_penghambat or "").strip(),
        dibuat_oleh=user,
    )
    catatan.full_clean(exclude=["nomor"])
    beri_nomor(catatan, tahun=tanggal.year)
    catatan._history_user = user
    catatan.save()

    bulk_create_with_history(
        [
            JawabanIndikator(catatan=catatan, indikator_id=pk, nilai=nilai, teks=teks)
            for pk, (nilai, teks) in parsed.items()
        ],
        JawabanIndikator,
        default_user=user,
    )

    baris = []
    for item in progres:
        rtl = scope[item.rtl_id]
        sebelum = (rtl.status, rtl.progres, rtl.tanggal_mulai, rtl.tanggal_selesai)
        rtl.status = item.status
        rtl.progres = _progres_parse(item.progres)
        rtl_catat_tanggal_status(rtl=rtl, today=tanggal)
        if (rtl.status, rtl.progres, rtl.tanggal_mulai, rtl.tanggal_selesai) != sebelum:
            rtl._history_user = user
            rtl.save(
                update_fields=[
                    "status",
                    "progres",
                    "tanggal_mulai",
                    "tanggal_selesai",
                    "tanggal_ditutup",
                    "diubah",
                ]
            )
        realisasi = None if _kosong(item.realisasi) else _decimal(item.realisasi).quantize(SEN)
        baris.append(
            ProgresRtl(
                catatan=catatan,
                rtl=rtl,
                status=rtl.status,
                progres=rtl.progres,
                realisasi=realisasi,
                keterangan=(item.keterangan or "").strip(),
            )
        )
    bulk_create_with_history(baris, ProgresRtl, default_user=user)
    bulk_create_with_history(
        [
            KonfirmasiMasalah(
                catatan=catatan,
                permasalahan_id=item.permasalahan_id,
                teratasi=bool(item.teratasi),
                keterangan=(item.keterangan or "").strip(),
            )
            for item in konfirmasi
        ],
        KonfirmasiMasalah,
        default_user=user,
    )

    if rencana.status != RencanaMonitoring.Status.TERLAKSANA:
        rencana.status = RencanaMonitoring.Status.TERLAKSANA
        rencana._history_user = user
        rencana.save(update_fields=["status", "diubah"])
    return catatan


@transaction.atomic
def catatan_koreksi(
    *,
    user,
    catatan: CatatanMonitoring,
    jawaban: Mapping[int, object],
    temuan: str = "",
    faktor_pendorong: str = "",
    faktor_penghambat: str = "",
) -> CatatanMonitoring:
    """Correct a monitoring record: its findings, its factors and the instrument's answers, checked
    as when it was recorded (`catatan_record`), all of it or nothing, with history by `user`.

    The visit date and the RTL progress are not corrected here: recording them already moved the
    RTL items (status, dates), which are changed on their own pages.
    """
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(str(message))

    parsed = _jawaban_diperiksa(indikator_koreksi(catatan), jawaban, add)
    if errors:
        raise ValidationError(errors)

    stored = {j.indikator_id: j for j in catatan.jawaban.all()}
    changed, new = [], []
    for indikator_id, (nilai, teks) in parsed.items():
        row = stored.pop(indikator_id, None)
        if row is None:
            if nilai is not None or teks:
                new.append(
                    JawabanIndikator(
                        catatan=catatan, indikator_id=indikator_id, nilai=nilai, teks=teks
                    )
                )
        elif (row.nilai, row.teks) != (nilai, teks):
            row.nilai, row.teks = nilai, teks
            changed.append(row)
    for row in stored.values():  # a text answer emptied: kept as an empty answer, as recorded
        if row.teks or row.nilai is not None:
            row.nilai, row.teks = None, ""
            changed.append(row)
    koreksi = {"default_user": user, "default_change_reason": KOREKSI}
    bulk_update_with_history(changed, JawabanIndikator, ["nilai", "teks"], **koreksi)
    bulk_create_with_history(new, JawabanIndikator, **koreksi)

    catatan.temuan = (temuan or "").strip()
    catatan.faktor_pendorong = (faktor_pendorong or "").strip()
    catatan.faktor_penghambat = (faktor_penghambat or "").strip()
    catatan.full_clean(exclude=["nomor"])
    catatan._history_user = user
    # Saved even when only answers changed: the record's version moves (a second editor is told).
    catatan.save()
    return catatan
