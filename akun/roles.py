"""The five roles of the product, as Django groups, and the permissions each holds.

Group names are what admins see in the Django admin. The map below is the one place that says which
model permissions a role has; data migrations apply it, and later apps extend it in their own
migrations with `grant(...)`.
"""

from django.utils.translation import gettext_lazy as _


class Role:
    ADMIN = "Admin"
    STAF_KOMISI = "Staf Komisi"
    FASILITATOR = "Fasilitator"
    BKSP = "BKSP"
    PIMPINAN = "Pimpinan"

    ALL = [ADMIN, STAF_KOMISI, FASILITATOR, BKSP, PIMPINAN]
    LABELS = {
        ADMIN: _("Admin"),
        STAF_KOMISI: _("Staf Komisi"),
        FASILITATOR: _("Fasilitator"),
        BKSP: _("BKSP"),
        PIMPINAN: _("Pimpinan"),
    }


def grant(apps, role_perms: dict[str, dict[str, list[str]]]) -> None:
    """Give each group the listed permissions: {group: {app_label: ["view_sasaran", ...]}}.

    Used from data migrations with their historical `apps`. Permissions are normally created after
    migrations run, so they are created here first for the apps named.
    """
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for app_label in {label for perms in role_perms.values() for label in perms}:
        create_permissions(global_apps.get_app_config(app_label), verbosity=0, apps=apps)
    for group_name, by_app in role_perms.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        for app_label, codenames in by_app.items():
            perms = Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
            missing = set(codenames) - set(perms.values_list("codename", flat=True))
            if missing:
                raise LookupError(f"Unknown permissions in {app_label}: {sorted(missing)}")
            group.permissions.add(*perms)
