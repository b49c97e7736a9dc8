from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AkunConfig(AppConfig):
    name = "akun"
    verbose_name = _("Akun dan peran")

    def ready(self):
        from akun import lookups  # noqa: F401 (registers the guarded `in` lookup)
        from akun.versi import hubungkan

        hubungkan()
