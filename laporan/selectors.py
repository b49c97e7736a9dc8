"""Reads of reports: the one door to them and to their files.

Staf Komisi and Admin read and write every report; Pimpinan read every report. Fasilitators and
BKSP users see none: a report's figures span every team and province (its scope is chosen by the
Komisi), so showing it would show them records beyond their own door. They read the underlying
records through the advokasi and monitoring pages instead.
"""

from django.db.models import QuerySet

from akun.roles import Role
from akun.selectors import has_role, is_komisi
from laporan.models import BerkasLaporan, Laporan


def can_read_laporan(user) -> bool:
    return user.is_authenticated and (is_komisi(user) or has_role(user, Role.PIMPINAN))


def laporan_for_user(user) -> QuerySet[Laporan]:
    return Laporan.objects.all() if can_read_laporan(user) else Laporan.objects.none()


def laporan_editable_by(user) -> QuerySet[Laporan]:
    if user.is_authenticated and is_komisi(user) and user.has_perm("laporan.change_laporan"):
        return Laporan.objects.all()
    return Laporan.objects.none()


def can_create_laporan(user) -> bool:
    return user.is_authenticated and is_komisi(user) and user.has_perm("laporan.add_laporan")


def berkas_for_user(user) -> QuerySet[BerkasLaporan]:
    """Files the user may download: those of reports the user may read."""
    return BerkasLaporan.objects.filter(laporan__in=laporan_for_user(user).values("pk"))
