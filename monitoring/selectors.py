"""Reads of monitoring records: the one door to each kind, for each user (see advokasi.selectors).

Plans and records belong to a team: a fasilitator reads and writes their teams'; a BKSP user reads
those touching a target of their province; Staf Komisi and Pimpinan read everything; Staf Komisi
writes everything. Instruments are shared: everyone with a role reads them, the Komisi edits them.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from advokasi.selectors import scope_read, scope_write, touches_province
from akun.selectors import is_komisi, user_roles
from monitoring.models import CatatanMonitoring, Instrumen, RencanaMonitoring


def instrumen_for_user(user) -> QuerySet[Instrumen]:
    return Instrumen.objects.all() if user_roles(user) else Instrumen.objects.none()


def instrumen_editable_by(user) -> QuerySet[Instrumen]:
    if user.is_authenticated and is_komisi(user) and user.has_perm("monitoring.change_instrumen"):
        return Instrumen.objects.all()
    return Instrumen.objects.none()


def rencana_for_user(user) -> QuerySet[RencanaMonitoring]:
    return scope_read(
        RencanaMonitoring.objects.all(),
        user,
        team="tim",
        province=touches_province(RencanaMonitoring.sasaran.through, "rencanamonitoring"),
    )


def rencana_editable_by(user) -> QuerySet[RencanaMonitoring]:
    return scope_write(
        RencanaMonitoring.objects.all(),
        user,
        team="tim",
        perm="monitoring.change_rencanamonitoring",
    )


def catatan_for_user(user) -> QuerySet[CatatanMonitoring]:
    def province(provinsi_id):
        return Q(
            Exists(
                RencanaMonitoring.sasaran.through.objects.filter(
                    rencanamonitoring=OuterRef("rencana"), sasaran__provinsi_id=provinsi_id
                )
            )
        )

    return scope_read(CatatanMonitoring.objects.all(), user, team="rencana__tim", province=province)


def catatan_editable_by(user) -> QuerySet[CatatanMonitoring]:
    return scope_write(
        CatatanMonitoring.objects.all(),
        user,
        team="rencana__tim",
        perm="monitoring.change_catatanmonitoring",
    )
