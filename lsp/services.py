"""Writes to the registry. Views and tasks call these; models do not reach out from save()."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from lsp.models import Lsp, Sasaran, Tuk


class SasaranInUse(Exception):
    """Deleting the target would orphan records that point to it; it is refused instead."""

    def __init__(self, blockers):
        self.blockers = blockers
        super().__init__(_("Sasaran masih dirujuk oleh data lain."))


@transaction.atomic
def sasaran_save(*, sasaran: Sasaran, detail: Lsp | Tuk | None = None) -> Sasaran:
    """Validate and save a target and its LSP/TUK details together, or neither.

    Raises ValidationError (keyed by field) when a rule of the database would be broken, such as
    a second BKSP for a province or a license number already registered.
    """
    errors: dict[str, list[str]] = {}
    checks = [(sasaran, None)] + ([(detail, ["sasaran"])] if detail is not None else [])
    for instance, exclude in checks:
        try:
            instance.full_clean(exclude=exclude)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    sasaran.save()
    if detail is not None:
        detail.sasaran = sasaran
        detail.save()
    return sasaran


def sasaran_delete(*, sasaran: Sasaran) -> None:
    """Delete a target that nothing else points to; otherwise raise SasaranInUse."""
    try:
        with transaction.atomic():
            sasaran.delete()
    except ProtectedError as exc:
        raise SasaranInUse(sorted({str(obj) for obj in exc.protected_objects})) from None
