"""Reads of the registry. Every view, choice list and export starts from these doors."""

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from akun.roles import Role
from akun.selectors import has_role, is_komisi, user_provinsi_id
from lsp.models import Impor, Lsp, Provinsi, Sasaran, SasaranQuerySet, Tuk


def sasaran_for_user(user) -> SasaranQuerySet:
    """Targets the user may read: all of them, except a BKSP user sees their own province only."""
    qs = Sasaran.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if is_komisi(user) or has_role(user, Role.FASILITATOR, Role.PIMPINAN):
        return qs
    if has_role(user, Role.BKSP):
        provinsi_id = user_provinsi_id(user)
        return qs.filter(provinsi_id=provinsi_id) if provinsi_id else qs.none()
    return qs.none()


def sasaran_editable_by(user) -> SasaranQuerySet:
    """Targets the user may create, change or delete: the registry is kept by the Komisi."""
    if user.is_authenticated and is_komisi(user) and user.has_perm("lsp.change_sasaran"):
        return Sasaran.objects.all()
    return Sasaran.objects.none()


def can_edit_registry(user) -> bool:
    return user.is_authenticated and is_komisi(user) and user.has_perm("lsp.add_sasaran")


def provinsi_for_user(user):
    """Provinces offered in filters and forms: a BKSP user's own, everyone else all 38."""
    qs = Provinsi.objects.all()
    if has_role(user, Role.BKSP) and not is_komisi(user):
        return qs.filter(pk=user_provinsi_id(user))
    return qs


def lsp_choices_for_user(user):
    """LSPs a TUK can be attached to, in the forms of someone who may edit the registry."""
    return (
        Lsp.objects.filter(sasaran__in=sasaran_editable_by(user))
        .select_related("sasaran")
        .order_by("sasaran__nama")
    )


def registry_summary(user) -> dict:
    """Figures for the home page, aggregated in SQL over what the user may see (4 queries)."""

    visible = sasaran_for_user(user)
    per_jenis = dict(visible.values_list("jenis").annotate(n=Count("id")).order_by())
    lsp = visible.lsp()
    lsp_counts = lsp.with_status_lisensi().aggregate(
        total=Count("id"),
        p1=Count("id", filter=Q(lsp__jenis_lsp=Lsp.JenisLsp.P1)),
        p2=Count("id", filter=Q(lsp__jenis_lsp=Lsp.JenisLsp.P2)),
        p3=Count("id", filter=Q(lsp__jenis_lsp=Lsp.JenisLsp.P3)),
        aktif=Count("id", filter=Q(status_lisensi_kode=Lsp.StatusLisensi.AKTIF)),
        segera_habis=Count("id", filter=Q(status_lisensi_kode=Lsp.StatusLisensi.SEGERA_HABIS)),
        kedaluwarsa=Count("id", filter=Q(status_lisensi_kode=Lsp.StatusLisensi.KEDALUWARSA)),
    )
    top_provinsi = list(
        lsp.values("provinsi__id", "provinsi__nama")
        .annotate(n=Count("id"))
        .order_by("-n", "provinsi__nama")[:8]
    )
    expiring = list(
        lsp.status_lisensi(Lsp.StatusLisensi.SEGERA_HABIS)
        .select_related("lsp", "provinsi")
        .order_by("lsp__tanggal_kedaluwarsa")[:8]
    )
    return {
        "per_jenis": [
            (value, label, per_jenis.get(value, 0)) for value, label in Sasaran.Jenis.choices
        ],
        "total": sum(per_jenis.values()),
        "lsp": lsp_counts,
        "top_provinsi": top_provinsi,
        "expiring": expiring,
    }


def tuk_for_lsp(user, sasaran: Sasaran):
    """The TUKs of an LSP that the user may see, for the LSP's page (one query)."""
    return (
        sasaran_for_user(user)
        .filter(tuk__lsp_id=sasaran.pk)
        .select_related("tuk", "provinsi")
        .order_by("tuk__kode")
    )


HISTORY_LIMIT = 30
_HISTORY_ACTIONS = {"+": _("dibuat"), "~": _("diubah"), "-": _("dihapus")}
_HISTORY_HIDDEN = {"dibuat", "diubah", "sasaran"}


def sasaran_history(sasaran: Sasaran) -> list[dict]:
    """Who changed what and when, newest first, for the target and its LSP/TUK details.

    Runs one query per history table plus one to name the provinces and LSPs that changed.
    """
    sources = [(Sasaran.history.filter(id=sasaran.pk), Sasaran)]
    if sasaran.jenis == Sasaran.Jenis.LSP:
        sources.append((Lsp.history.filter(sasaran_id=sasaran.pk), Lsp))
    elif sasaran.jenis == Sasaran.Jenis.TUK:
        sources.append((Tuk.history.filter(sasaran_id=sasaran.pk), Tuk))

    entries, fk_ids = [], {"provinsi": set(), "lsp": set()}
    for records_qs, model in sources:
        records = list(
            records_qs.select_related("history_user").order_by("-history_date", "-history_id")[
                : HISTORY_LIMIT + 1
            ]
        )
        for newer, older in zip(records, records[1:] + [None], strict=True):
            if newer is records[-1] and len(records) > HISTORY_LIMIT:
                break
            changes = []
            if older is not None and newer.history_type == "~":
                delta = newer.diff_against(older)
                for change in delta.changes:
                    if change.field in _HISTORY_HIDDEN:
                        continue
                    field = model._meta.get_field(change.field)
                    if change.field in fk_ids:
                        fk_ids[change.field].update({change.old, change.new})
                    changes.append(
                        {
                            "field": change.field,
                            "label": field.verbose_name,
                            "old": _display(field, change.old),
                            "new": _display(field, change.new),
                        }
                    )
                if not changes:
                    continue
            entries.append(
                {
                    "when": newer.history_date,
                    "user_name": _user_name(newer.history_user),
                    "action": _HISTORY_ACTIONS.get(newer.history_type, ""),
                    "model": model._meta.verbose_name,
                    "changes": changes,
                }
            )
    names = _fk_names(fk_ids)
    for entry in entries:
        for change in entry["changes"]:
            if change["field"] in names:
                change["old"] = names[change["field"]].get(change["old"], change["old"])
                change["new"] = names[change["field"]].get(change["new"], change["new"])
    entries.sort(key=lambda e: e["when"], reverse=True)
    return entries[:HISTORY_LIMIT]


def _user_name(user) -> str:
    if user is None:
        return str(_("Sistem"))
    return user.get_full_name() or user.username


def _display(field, value):
    if value in (None, ""):
        return "—"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value


def _fk_names(fk_ids) -> dict:
    ids = {name: {i for i in values if isinstance(i, int)} for name, values in fk_ids.items()}
    if not any(ids.values()):
        return {}
    names = {"provinsi": {}, "lsp": {}}
    if ids["provinsi"]:
        names["provinsi"] = dict(
            Provinsi.objects.filter(pk__in=ids["provinsi"]).values_list("pk", "nama")
        )
    if ids["lsp"]:
        names["lsp"] = dict(Sasaran.objects.filter(pk__in=ids["lsp"]).values_list("pk", "nama"))
    return names


def impor_for_user(user) -> QuerySet[Impor]:
    """The user's own LSP imports: an upload is seen and saved only by whoever uploaded it."""
    if not user.is_authenticated:
        return Impor.objects.none()
    return Impor.objects.filter(user=user)
