"""Django's permission backend, with a user's roles and permissions read in one query."""

from django.contrib.auth.backends import ModelBackend

from akun.selectors import muat_akses


class AksesBackend(ModelBackend):
    """ModelBackend whose permission sets come from `akun.selectors.muat_akses`: the query that
    reads a user's roles also brings their permissions, so a page checking both asks once."""

    def _get_permissions(self, user_obj, obj, from_name):
        usable = user_obj.is_active and not user_obj.is_anonymous and obj is None
        if usable and not user_obj.is_superuser and not hasattr(user_obj, "_akun_roles"):
            muat_akses(user_obj)
        return super()._get_permissions(user_obj, obj, from_name)
