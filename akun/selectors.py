"""Who a user is in the product: their roles and, for BKSP users, their province.

Results are cached on the user object, so a page asks the database once however often it checks.
"""

from akun.roles import Role


def user_roles(user) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_akun_roles"):
        names = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            names.add(Role.ADMIN)
        user._akun_roles = frozenset(names)
    return user._akun_roles


def has_role(user, *roles: str) -> bool:
    return bool(user_roles(user) & set(roles))


def is_komisi(user) -> bool:
    """Staf Komisi and Admin see and manage every record."""
    return has_role(user, Role.ADMIN, Role.STAF_KOMISI)


def user_provinsi_id(user) -> int | None:
    """The province a BKSP user is bound to (None for other users or an unset profile)."""
    if not hasattr(user, "_akun_provinsi_id"):
        from akun.models import Profil

        user._akun_provinsi_id = (
            Profil.objects.filter(user=user).values_list("provinsi_id", flat=True).first()
        )
    return user._akun_provinsi_id
