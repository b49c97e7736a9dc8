from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LspConfig(AppConfig):
    name = "lsp"
    verbose_name = _("Registri sasaran advokasi")
