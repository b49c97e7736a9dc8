"""Who changed what and when: the change history shown on every record's page.

Built on django-simple-history. Works for any model with `history = HistoricalRecords()`.
"""

from collections.abc import Callable
from datetime import date
from typing import NamedTuple

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history import utils

LIMIT = 30
_ACTIONS = {"+": _("dibuat"), "~": _("diubah"), "-": _("dihapus")}


class Sumber(NamedTuple):
    """One source of history rows for `riwayat`: a history queryset and its model.

    `per`: when the rows belong to several records (the answers of one monitoring record), the
    link naming each row's record: a change is compared with the same record's previous row, and
    the entry names the record (e.g. "jawaban indikator Jumlah asesor").
    `tampil`: which rows are shown; the others are read only as the "before" of a change.
    """

    records: QuerySet
    model: type
    per: str | None = None
    tampil: Callable | None = None


def riwayat(*sources: tuple, limit: int = LIMIT) -> list[dict]:
    """History entries, newest first, merged from several sources (`Sumber`, or (history
    queryset, model) pairs), e.g. a target and its LSP details. Each entry names the user, the
    action and each changed field with its old and new value as people read them (choices by
    label, foreign keys by name).

    Runs exactly one query per source: the linked records a change names are joined in.
    """
    entries = []
    for source in (Sumber(*s) for s in sources):
        model = source.model
        links = [f.name for f in model._meta.concrete_fields if f.many_to_one]
        records = list(
            source.records.select_related("history_user", *links).order_by(
                "-history_date", "-history_id"
            )[: limit + 1]
        )
        m2m = _m2m_members(model, records)
        before = _previous(records, source.per)
        # The record just past the limit serves only as the "before" of the oldest shown change.
        for newer in records[:limit]:
            if source.tampil is not None and not source.tampil(newer):
                continue
            older = before[newer.pk]
            changes = []
            if older is not None and newer.history_type == "~":
                changes.extend(_m2m_changes(model, m2m, older, newer))
                for change in newer.diff_against(older, excluded_fields=list(m2m)).changes:
                    field = model._meta.get_field(change.field)
                    if _hidden(field) or change.field == source.per:
                        continue
                    changes.append(
                        {
                            "label": field.verbose_name,
                            "old": _display(field, change.old, older),
                            "new": _display(field, change.new, newer),
                        }
                    )
                if not changes:
                    continue
            name = model._meta.verbose_name
            if source.per:
                name = f"{name} {_name(getattr(newer, source.per))}"
            entries.append(
                {
                    "when": newer.history_date,
                    "user_name": _user_name(newer.history_user),
                    "action": _ACTIONS.get(newer.history_type, ""),
                    "model": name,
                    "changes": changes,
                }
            )
    entries.sort(key=lambda e: e["when"], reverse=True)
    return entries[:limit]


def _previous(records: list, per: str | None) -> dict:
    """History row id -> the row before it of the same record (None for the oldest read);
    `records` newest first."""
    before = {}
    latest: dict = {}
    for record in reversed(records):
        key = getattr(record, f"{per}_id") if per else None
        before[record.pk] = latest.get(key)
        latest[key] = record
    return before


def _m2m_members(model, records) -> dict[str, dict[int, dict]]:
    """For each many-to-many field whose history is kept: history row id -> {member id: name}.

    One query per such field for all the rows, where simple-history's own diff runs two per row.
    """
    members = {}
    historical = model.history.model
    for field in getattr(historical, "_history_m2m_fields", []):
        rows = next(
            rel.related_model
            for rel in historical._meta.related_objects
            if rel.field.name == "history" and rel.related_model.__name__.endswith(f"_{field.name}")
        )
        target = utils.get_m2m_reverse_field_name(field)
        by_record: dict[int, dict] = {record.pk: {} for record in records}
        for row in rows.objects.filter(history__in=list(by_record)).select_related(target):
            by_record[row.history_id][getattr(row, f"{target}_id")] = _name(getattr(row, target))
        members[field.name] = by_record
    return members


def _m2m_changes(model, m2m, older, newer) -> list[dict]:
    changes = []
    for name, by_record in m2m.items():
        before, after = by_record.get(older.pk, {}), by_record.get(newer.pk, {})
        if before.keys() == after.keys():
            continue
        changes.append(
            {
                "label": model._meta.get_field(name).verbose_name,
                "old": ", ".join(sorted(before.values())) or "—",
                "new": ", ".join(sorted(after.values())) or "—",
            }
        )
    return changes


def _hidden(field) -> bool:
    """Keys and automatic timestamps change without anyone deciding it: not worth showing."""
    return (
        field.primary_key
        or getattr(field, "auto_now", False)
        or getattr(field, "auto_now_add", False)
    )


def _name(obj) -> str:
    """A linked record as people name it: a person by their full name."""
    if isinstance(obj, AbstractBaseUser):
        return _user_name(obj)
    return str(obj)


def _user_name(user) -> str:
    if user is None:
        return str(_("Sistem"))
    return user.get_full_name() or user.username


def _display(field, value, record):
    """`value` as people read it; `record` is the history row it comes from (its links joined)."""
    if value in (None, ""):
        return "—"
    if field.is_relation:
        linked = getattr(record, field.name, None)
        return _name(linked) if linked is not None else value
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    return value
