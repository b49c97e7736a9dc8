"""Writes of the focus group discussion (§4.2): the session, its participants, the problems it
discusses and the alternatives it proposes, saved together or not at all."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from advokasi.models import Fgd, Permasalahan
from advokasi.services.masalah import permasalahan_majukan
from advokasi.services.nomor import beri_nomor


def _kept_forms(formset) -> list:
    """The rows that will exist after saving: existing rows not deleted, and new rows filled in."""
    return [
        form
        for form in formset.forms
        if not formset._should_delete_form(form) and (form.instance.pk or form.has_changed())
    ]


def _fgd_errors(*, fgd: Fgd, problems: list, peserta_formset, alternatif_formset) -> dict:
    """The rules across the session and its rows; the forms check the same beside each field,
    this is the guard for any other caller."""
    errors: dict[str, list[str]] = {}
    try:
        fgd.full_clean(exclude=["nomor"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if not problems:
        errors.setdefault("permasalahan", []).append(
            _("Pilih minimal satu permasalahan yang dibahas.")
        )
    discussed = {p.pk for p in problems}
    for form in _kept_forms(alternatif_formset):
        problem = form.cleaned_data.get("permasalahan")
        if problem is not None and problem.pk not in discussed:
            errors.setdefault("__all__", []).append(
                _("Alternatif untuk %(nomor)s: permasalahan itu tidak dibahas dalam FGD ini.")
                % {"nomor": problem.nomor}
            )
    for form in alternatif_formset.deleted_forms:
        used = form.instance.pk and (
            form.instance.dipilih_di.exists() or form.instance.disajikan_di.exists()
        )
        if used:
            errors.setdefault("__all__", []).append(
                _("Alternatif “%(uraian)s” sudah dipakai dalam bimbingan teknis.")
                % {"uraian": form.instance}
            )
    if fgd.tim_id:
        members = set(fgd.tim.anggota.values_list("pk", flat=True))
        for form in _kept_forms(peserta_formset):
            if "user" not in form.changed_data:  # a link made earlier stays
                continue
            account = form.cleaned_data.get("user")
            if account is not None and account.pk not in members:
                errors.setdefault("__all__", []).append(
                    _("%(nama)s bukan anggota tim penyelenggara.") % {"nama": account}
                )
    if not _kept_forms(peserta_formset):
        errors.setdefault("__all__", []).append(_("Catat sedikitnya satu peserta FGD."))
    return errors


def _save_rows(formset, *, fgd: Fgd, user, stamp_creator: bool = False) -> None:
    formset.instance = fgd
    for obj in formset.save(commit=False):
        obj.fgd = fgd
        if stamp_creator and not obj.pk:
            obj.dibuat_oleh = user
        obj._history_user = user
        obj.save()
    for obj in formset.deleted_objects:
        obj._history_user = user
        obj.delete()


@transaction.atomic
def fgd_save(
    *,
    user,
    fgd: Fgd,
    problems: Iterable[Permasalahan],
    peserta_formset,
    alternatif_formset,
    langkah: dict,
) -> Fgd:
    """Create or change an FGD with its participants, problems, alternatives and §4.2 checklist.

    A new FGD gets its number (FGD-<year of its date>-0001). The problems discussed move forward
    to *dibahas*; those already further along are left where they are. The formsets must have
    been validated. Raises ValidationError, keyed by field, before anything is written.
    """
    problems = list(problems)
    fgd.langkah = langkah
    if fgd.pk is None:
        fgd.dibuat_oleh = user
    errors = _fgd_errors(
        fgd=fgd,
        problems=problems,
        peserta_formset=peserta_formset,
        alternatif_formset=alternatif_formset,
    )
    if errors:
        raise ValidationError(errors)

    beri_nomor(fgd, tahun=fgd.tanggal.year)
    fgd._history_user = user
    fgd.save()
    fgd.permasalahan.set(problems)
    _save_rows(peserta_formset, fgd=fgd, user=user)
    _save_rows(alternatif_formset, fgd=fgd, user=user, stamp_creator=True)
    permasalahan_majukan(
        problems=problems, ke=Permasalahan.Status.DIBAHAS, sumber=fgd.nomor, user=user
    )
    return fgd
