"""Reads of the registry. Every view, choice list and export starts from these doors."""

from django.db.models import Count, Q, QuerySet

from akun.riwayat import riwayat
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


def sasaran_history(sasaran: Sasaran) -> list[dict]:
    """The change history of a target together with its LSP or TUK details."""
    sources = [(Sasaran.history.filter(id=sasaran.pk), Sasaran)]
    if sasaran.jenis == Sasaran.Jenis.LSP:
        sources.append((Lsp.history.filter(sasaran_id=sasaran.pk), Lsp))
    elif sasaran.jenis == Sasaran.Jenis.TUK:
        sources.append((Tuk.history.filter(sasaran_id=sasaran.pk), Tuk))
    return riwayat(*sources)


def impor_for_user(user) -> QuerySet[Impor]:
    """The user's own LSP imports: an upload is seen and saved only by whoever uploaded it."""
    if not user.is_authenticated:
        return Impor.objects.none()
    return Impor.objects.filter(user=user)
