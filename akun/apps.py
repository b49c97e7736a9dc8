from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AkunConfig(AppConfig):
    name = "akun"
    verbose_name = _("Akun dan peran")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from akun import lookups  # noqa: F401 (registers the guarded `in` lookup)
        from akun.middleware import sesi_dimulai
        from akun.versi import hubungkan

        hubungkan()
        user_logged_in.connect(sesi_dimulai, dispatch_uid="akun.sesi_dimulai")
