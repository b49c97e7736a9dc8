"""Reads of advocacy records: the one door to each kind, for each user.

Read doors (`*_for_user`): Staf Komisi, Admin and Pimpinan see everything; a fasilitator sees the
records of the teams they belong to; a BKSP user sees the records that touch a target in their
province. Write doors (`*_editable_by`): Staf Komisi and Admin everything; a fasilitator their
teams' records; nobody else anything. Every view, form choice list and download starts here.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from advokasi.models import (
    Bimbingan,
    Fgd,
    KelompokMasalah,
    Lampiran,
    Permasalahan,
    Rtl,
    Survei,
    Tim,
)
from akun.roles import Role
from akun.selectors import has_role, is_komisi, user_provinsi_id


def _reads_all(user) -> bool:
    return is_komisi(user) or has_role(user, Role.PIMPINAN)


def _is_fasilitator(user) -> bool:
    return has_role(user, Role.FASILITATOR)


def _bksp_provinsi(user) -> int | None:
    """The province of a BKSP user (None when the user is not BKSP or has no province)."""
    return user_provinsi_id(user) if has_role(user, Role.BKSP) else None


def _my_teams(user):
    return Tim.objects.filter(anggota=user).values("pk")


def scope_read(qs: QuerySet, user, *, team: str, province) -> QuerySet:
    """Filter `qs` to what `user` may read.

    `team` is the lookup path to the record's team; `province` builds the condition under which a
    BKSP user of that province may read the record.
    """
    if not user.is_authenticated:
        return qs.none()
    if _reads_all(user):
        return qs
    allowed = Q(pk__in=[])
    if _is_fasilitator(user):
        allowed |= Q(**{f"{team}__in": _my_teams(user)})
    provinsi_id = _bksp_provinsi(user)
    if provinsi_id and province is not None:
        allowed |= province(provinsi_id)
    return qs.filter(allowed)


def scope_write(qs: QuerySet, user, *, team: str, perm: str) -> QuerySet:
    if not user.is_authenticated or not user.has_perm(perm):
        return qs.none()
    if is_komisi(user):
        return qs
    if _is_fasilitator(user):
        return qs.filter(**{f"{team}__in": _my_teams(user)})
    return qs.none()


def touches_province(through, record_field: str):
    """Q: the record has a target (through an M2M table) in the given province."""

    def condition(provinsi_id):
        return Q(
            Exists(
                through.objects.filter(
                    **{record_field: OuterRef("pk"), "sasaran__provinsi_id": provinsi_id}
                )
            )
        )

    return condition


# --- teams ------------------------------------------------------------------------------------


def tim_for_user(user) -> QuerySet[Tim]:
    qs = Tim.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if _reads_all(user):
        return qs
    allowed = Q(pk__in=[])
    if _is_fasilitator(user):
        allowed |= Q(pk__in=_my_teams(user))
    provinsi_id = _bksp_provinsi(user)
    if provinsi_id:
        allowed |= touches_province(Tim.sasaran.through, "tim")(provinsi_id)
    return qs.filter(allowed)


def tim_for_records(user) -> QuerySet[Tim]:
    """Teams the user may file new records under: all for the Komisi, their own for fasilitators."""
    if is_komisi(user):
        return Tim.objects.filter(aktif=True)
    if _is_fasilitator(user):
        return Tim.objects.filter(aktif=True, anggota=user)
    return Tim.objects.none()


def tim_editable_by(user) -> QuerySet[Tim]:
    if user.is_authenticated and is_komisi(user) and user.has_perm("advokasi.change_tim"):
        return Tim.objects.all()
    return Tim.objects.none()


# --- surveys and problems ---------------------------------------------------------------------


def survei_for_user(user) -> QuerySet[Survei]:
    return scope_read(
        Survei.objects.all(),
        user,
        team="tim",
        province=touches_province(Survei.sasaran.through, "survei"),
    )


def survei_editable_by(user) -> QuerySet[Survei]:
    return scope_write(Survei.objects.all(), user, team="tim", perm="advokasi.change_survei")


def permasalahan_for_user(user) -> QuerySet[Permasalahan]:
    return scope_read(
        Permasalahan.objects.all(),
        user,
        team="survei__tim",
        province=lambda provinsi_id: Q(sasaran__provinsi_id=provinsi_id),
    )


def permasalahan_editable_by(user) -> QuerySet[Permasalahan]:
    return scope_write(
        Permasalahan.objects.all(), user, team="survei__tim", perm="advokasi.change_permasalahan"
    )


# --- FGD, priorities, sessions, RTL -----------------------------------------------------------


def fgd_for_user(user) -> QuerySet[Fgd]:
    def province(provinsi_id):
        return Q(
            Exists(
                Fgd.permasalahan.through.objects.filter(
                    fgd=OuterRef("pk"), permasalahan__sasaran__provinsi_id=provinsi_id
                )
            )
        )

    return scope_read(Fgd.objects.all(), user, team="tim", province=province)


def fgd_editable_by(user) -> QuerySet[Fgd]:
    return scope_write(Fgd.objects.all(), user, team="tim", perm="advokasi.change_fgd")


def kelompok_for_user(user) -> QuerySet[KelompokMasalah]:
    return scope_read(
        KelompokMasalah.objects.all(),
        user,
        team="tim",
        province=touches_province(KelompokMasalah.sasaran.through, "kelompokmasalah"),
    )


def kelompok_editable_by(user) -> QuerySet[KelompokMasalah]:
    return scope_write(
        KelompokMasalah.objects.all(), user, team="tim", perm="advokasi.change_kelompokmasalah"
    )


def can_approve_strategy(user) -> bool:
    """§4.3c: the Komisi, which coordinates all advocacy, decides priorities and strategy."""
    return user.is_authenticated and is_komisi(user)


def bimbingan_for_user(user) -> QuerySet[Bimbingan]:
    return scope_read(
        Bimbingan.objects.all(),
        user,
        team="tim",
        province=touches_province(Bimbingan.sasaran.through, "bimbingan"),
    )


def bimbingan_editable_by(user) -> QuerySet[Bimbingan]:
    return scope_write(Bimbingan.objects.all(), user, team="tim", perm="advokasi.change_bimbingan")


def rtl_for_user(user) -> QuerySet[Rtl]:
    return scope_read(
        Rtl.objects.all(),
        user,
        team="bimbingan__tim",
        province=lambda provinsi_id: Q(pemilik_sasaran__provinsi_id=provinsi_id),
    )


def rtl_editable_by(user) -> QuerySet[Rtl]:
    return scope_write(Rtl.objects.all(), user, team="bimbingan__tim", perm="advokasi.change_rtl")


# --- evidence files ---------------------------------------------------------------------------

_PARENT_DOORS = {
    "permasalahan": permasalahan_for_user,
    "fgd": fgd_for_user,
    "bimbingan": bimbingan_for_user,
    "rtl": rtl_for_user,
}


def lampiran_for_user(user) -> QuerySet[Lampiran]:
    """Files the user may download: those whose record the user may read."""
    allowed = Q(pk__in=[])
    for parent, door in _PARENT_DOORS.items():
        allowed |= Q(**{f"{parent}__in": door(user).values("pk")})
    return Lampiran.objects.filter(allowed)
