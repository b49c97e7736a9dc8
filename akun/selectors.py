"""Who a user is in the product: their roles and, for BKSP users, their province.

Results are cached on the user object, so a page asks the database once however often it checks.
"""

from akun.roles import Role


def user_roles(user) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_akun_roles"):
        muat_akses(user)
    return user._akun_roles


def muat_akses(user) -> None:
    """Read the user's roles (groups) and permissions, their groups' and their own, in one query,
    and keep them on the user object, where Django's permission checks find them
    (akun.backends.AksesBackend). Django's own backend asks two more queries for permissions."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import CharField, Value

    by_group = Group.objects.filter(user=user).values_list(
        "name", "permissions__content_type__app_label", "permissions__codename"
    )
    own = Permission.objects.filter(user=user).values_list(
        Value("", output_field=CharField()), "content_type__app_label", "codename"
    )
    names, group_perms, own_perms = set(), set(), set()
    for name, app_label, codename in by_group.order_by().union(own.order_by(), all=True):
        if name:
            names.add(name)
        if codename:
            (group_perms if name else own_perms).add(f"{app_label}.{codename}")
    if user.is_superuser:
        names.add(Role.ADMIN)  # every permission, which Django grants without asking
    else:
        user._group_perm_cache, user._user_perm_cache = group_perms, own_perms
    user._akun_roles = frozenset(names)


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
