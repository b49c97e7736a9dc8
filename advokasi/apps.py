from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvokasiConfig(AppConfig):
    name = "advokasi"
    verbose_name = _("Advokasi dan bimbingan teknis")
