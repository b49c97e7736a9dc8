"""The base of every list's FilterSet."""

import django_filters
from django import forms
from django.core.validators import MaxLengthValidator

from akun.widgets import cepatkan

#: The longest text a list's search box takes. Longer text is refused beside the field: a search
#: pattern of 100,000 characters is more than SQLite's LIKE accepts (an error page) and is never
#: what a user meant.
PANJANG_CARI = 200


def batasi_teks(form: forms.BaseForm, panjang: int = PANJANG_CARI) -> forms.BaseForm:
    """Give every free-text field of a filter form without a length limit the limit `panjang`:
    a validator (its message beside the field) and the browser's maxlength."""
    for field in form.fields.values():
        if type(field) is forms.CharField and field.max_length is None:
            field.max_length = panjang
            field.validators.append(MaxLengthValidator(panjang))
            field.widget.attrs["maxlength"] = str(panjang)
    return form


class FilterSet(django_filters.FilterSet):
    """A django-filter FilterSet whose form renders its selects through akun.widgets and whose
    search boxes take at most PANJANG_CARI characters."""

    @property
    def form(self):
        if not hasattr(self, "_form"):
            batasi_teks(cepatkan(super().form))
        return self._form
