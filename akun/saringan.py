"""The base of every list's FilterSet."""

import django_filters

from akun.widgets import cepatkan


class FilterSet(django_filters.FilterSet):
    """A django-filter FilterSet whose form renders its selects through akun.widgets."""

    @property
    def form(self):
        if not hasattr(self, "_form"):
            cepatkan(super().form)
        return self._form
