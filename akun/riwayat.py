"""Who changed what and when: the change history shown on every record's page.

Built on django-simple-history. Works for any model with `history = HistoricalRecords()`.
"""

from collections import defaultdict

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

LIMIT = 30
_ACTIONS = {"+": _("dibuat"), "~": _("diubah"), "-": _("dihapus")}


def riwayat(*sources: tuple[QuerySet, type], limit: int = LIMIT) -> list[dict]:
    """History entries, newest first, merged from several (history queryset, model) sources —
    e.g. a target and its LSP details. Each entry names the user, the action and each changed
    field with its old and new value as people read them (choices by label, foreign keys by name).

    Runs one query per source, plus one per kind of foreign key that changed.
    """
    entries = []
    fk_ids: dict[type, set] = defaultdict(set)
    for records_qs, model in sources:
        records = list(
            records_qs.select_related("history_user").order_by("-history_date", "-history_id")[
                : limit + 1
            ]
        )
        # The record just past the limit serves only as the "before" of the oldest shown change.
        shown = records[:limit]
        for index, newer in enumerate(shown):
            older = records[index + 1] if index + 1 < len(records) else None
            changes = []
            if older is not None and newer.history_type == "~":
                for change in newer.diff_against(older).changes:
                    field = model._meta.get_field(change.field)
                    if _hidden(field):
                        continue
                    if field.is_relation:
                        fk_ids[field.related_model].update({change.old, change.new})
                    changes.append({"field": field, "old": change.old, "new": change.new})
                if not changes:
                    continue
            entries.append(
                {
                    "when": newer.history_date,
                    "user_name": _user_name(newer.history_user),
                    "action": _ACTIONS.get(newer.history_type, ""),
                    "model": model._meta.verbose_name,
                    "changes": changes,
                }
            )
    names = {
        related: {pk: str(obj) for pk, obj in related.objects.in_bulk(ids - {None}).items()}
        for related, ids in fk_ids.items()
    }
    for entry in entries:
        entry["changes"] = [
            {
                "label": change["field"].verbose_name,
                "old": _display(change["field"], change["old"], names),
                "new": _display(change["field"], change["new"], names),
            }
            for change in entry["changes"]
        ]
    entries.sort(key=lambda e: e["when"], reverse=True)
    return entries[:limit]


def _hidden(field) -> bool:
    """Keys and automatic timestamps change without anyone deciding it: not worth showing."""
    return (
        field.primary_key
        or getattr(field, "auto_now", False)
        or getattr(field, "auto_now_add", False)
    )


def _user_name(user) -> str:
    if user is None:
        return str(_("Sistem"))
    return user.get_full_name() or user.username


def _display(field, value, names):
    if value in (None, ""):
        return "—"
    if field.is_relation:
        return names.get(field.related_model, {}).get(value, value)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    return value
