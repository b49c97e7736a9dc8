from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from lsp.models import Lsp, Sasaran, Tuk
from lsp.selectors import lsp_choices_for_user, provinsi_for_user


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False  # the page draws one <form> around the common and detail forms
    helper.layout = Layout(*layout)
    return helper


class SasaranForm(forms.ModelForm):
    """What every kind of target has; the kind itself is fixed by the page, not by the user."""

    website = forms.URLField(
        label=_("Situs web"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Sasaran
        fields = [
            "nama",
            "provinsi",
            "kabupaten_kota",
            "alamat",
            "kode_pos",
            "website",
            "narahubung",
            "email",
            "telepon",
        ]
        widgets = {"alamat": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provinsi"].queryset = provinsi_for_user(user)
        self.helper = _helper(
            Fieldset(
                _("Identitas"),
                "nama",
                Row(Column("provinsi"), Column("kabupaten_kota")),
                "alamat",
                Row(Column("kode_pos", css_class="col-md-3"), Column("website")),
            ),
            Fieldset(
                _("Kontak"),
                Row(Column("narahubung"), Column("email"), Column("telepon")),
            ),
        )


class LspForm(forms.ModelForm):
    class Meta:
        model = Lsp
        fields = [
            "jenis_lsp",
            "sektor",
            "jumlah_skema",
            "nomor_lisensi",
            "nomor_sk",
            "tanggal_lisensi",
            "tanggal_kedaluwarsa",
            "nomor_akreditasi_kan",
            "kan_berlaku_sampai",
        ]
        widgets = {
            "tanggal_lisensi": DateInput(),
            "tanggal_kedaluwarsa": DateInput(),
            "kan_berlaku_sampai": DateInput(),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Fieldset(
                _("Data LSP"),
                Row(Column("jenis_lsp"), Column("sektor"), Column("jumlah_skema")),
                Row(Column("nomor_lisensi"), Column("nomor_sk")),
                Row(Column("tanggal_lisensi"), Column("tanggal_kedaluwarsa")),
                Row(Column("nomor_akreditasi_kan"), Column("kan_berlaku_sampai")),
            )
        )

    def clean(self):
        cleaned = super().clean()
        terbit, berakhir = cleaned.get("tanggal_lisensi"), cleaned.get("tanggal_kedaluwarsa")
        if terbit and berakhir and berakhir <= terbit:
            self.add_error(
                "tanggal_kedaluwarsa", _("Tanggal berakhir lisensi harus setelah tanggal terbit.")
            )
        return cleaned


class TukForm(forms.ModelForm):
    class Meta:
        model = Tuk
        fields = ["lsp", "kode", "jenis_tuk", "penanggung_jawab", "nomor_lisensi", "berlaku_sampai"]
        widgets = {"berlaku_sampai": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lsp"].queryset = lsp_choices_for_user(user)
        self.fields["lsp"].label_from_instance = lambda lsp: (
            f"{lsp.sasaran.nama} ({lsp.nomor_lisensi})"
        )
        self.helper = _helper(
            Fieldset(
                _("Data TUK"),
                "lsp",
                Row(Column("kode"), Column("jenis_tuk"), Column("penanggung_jawab")),
                Row(Column("nomor_lisensi"), Column("berlaku_sampai")),
            )
        )


DETAIL_FORMS = {Sasaran.Jenis.LSP: LspForm, Sasaran.Jenis.TUK: TukForm}
