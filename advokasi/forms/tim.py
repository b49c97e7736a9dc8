"""The advocacy team form (§3): Staf Komisi name the team, its coordinator, members and targets."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from advokasi.models import Tim
from akun.roles import Role
from akun.widgets import SelectMultipleCepat
from lsp.models import Sasaran
from lsp.selectors import sasaran_for_user


def users_in_group(group: str):
    return (
        get_user_model()
        .objects.filter(groups__name=group, is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def user_label(user) -> str:
    full = user.get_full_name()
    return f"{full} ({user.username})" if full else user.username


_JENIS = dict(Sasaran.Jenis.choices)  # lazy labels: read in the language of the request


def sasaran_label(sasaran) -> str:
    """Name, kind and province: needs the province select_related.

    The kind's label from the choices directly: `get_jenis_display()` hashes every choice on each
    call, and a form lists 2,000 targets (half of its 230 ms render, bench data)."""
    return f"{sasaran.nama} · {_JENIS.get(sasaran.jenis, '')}, {sasaran.provinsi.nama}"


class SearchableSelectMultiple(SelectMultipleCepat):
    """A plain multi-select with a filter box above it (static/js/survei.js)."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"size": 10, "data-cari-pilihan": "", **(attrs or {})})


class TimForm(forms.ModelForm):
    class Meta:
        model = Tim
        fields = ["nama", "jenis", "koordinator", "anggota", "sasaran", "keterangan", "aktif"]
        widgets = {
            "anggota": SearchableSelectMultiple(attrs={"size": 8}),
            "sasaran": SearchableSelectMultiple(),
            "keterangan": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "anggota": _("Pengguna berperan Fasilitator; klik untuk memilih atau melepas."),
            "sasaran": _("Sasaran yang menjadi wilayah kerja tim (boleh dikosongkan)."),
            "aktif": _(
                "Hanya tim aktif yang dapat dipilih ketika mencatat survei, FGD atau "
                "bimbingan baru."
            ),
        }
        error_messages = {
            "anggota": {"required": _("Pilih minimal satu fasilitator sebagai anggota tim.")},
            "nama": {"unique": _("Nama tim ini sudah dipakai tim lain.")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["koordinator"].queryset = users_in_group(Role.STAF_KOMISI)
        self.fields["koordinator"].label_from_instance = user_label
        self.fields["koordinator"].empty_label = _("— pilih Staf Komisi —")
        self.fields["anggota"].queryset = users_in_group(Role.FASILITATOR)
        self.fields["anggota"].label_from_instance = user_label
        self.fields["sasaran"].queryset = (
            sasaran_for_user(user).select_related("provinsi").order_by("nama", "pk")
        )
        self.fields["sasaran"].label_from_instance = sasaran_label
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("Tim"),
                Row(Column("nama", css_class="col-md-7"), Column("jenis")),
                Row(Column("koordinator"), Column("aktif", css_class="col-md-4 pt-md-4")),
                "keterangan",
            ),
            Fieldset(_("Anggota dan sasaran"), Row(Column("anggota"), Column("sasaran"))),
        )
