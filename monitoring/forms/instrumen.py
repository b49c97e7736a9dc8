"""Forms of monitoring instruments (§6.1e, §7): the instrument, and each node of its tree."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from monitoring.models import Aspek, Fokus, Indikator, Instrumen


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*layout)
    return helper


class InstrumenForm(forms.ModelForm):
    class Meta:
        model = Instrumen
        fields = ["nama", "uraian", "aktif"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "nama": _("mis. “Daftar isian monitoring RTL LSP P1”."),
            "uraian": _("Untuk apa instrumen ini dipakai dan cara mengisinya."),
            "aktif": _("Hanya instrumen aktif yang dapat dipilih untuk rencana monitoring baru."),
        }
        error_messages = {
            "nama": {
                "required": _("Isi nama instrumen."),
                "unique": _("Nama instrumen ini sudah dipakai."),
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Fieldset(_("Instrumen monitoring"), "nama", "uraian", "aktif"))


class AspekForm(forms.ModelForm):
    class Meta:
        model = Aspek
        fields = ["nama", "urutan"]
        help_texts = {
            "urutan": _("Aspek diurutkan menurut angka ini; kosongkan untuk menaruhnya di akhir.")
        }
        error_messages = {"nama": {"required": _("Isi nama aspek.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["urutan"].required = False
        if not self.instance.pk:
            self.initial["urutan"] = None  # left empty: the service puts it last
        self.helper = _helper(Row(Column("nama", css_class="col-md-9"), Column("urutan")))

    def clean_urutan(self):
        return self.cleaned_data.get("urutan") or 0


class FokusForm(AspekForm):
    class Meta(AspekForm.Meta):
        model = Fokus
        help_texts = {
            "urutan": _("Fokus diurutkan menurut angka ini; kosongkan untuk menaruhnya di akhir.")
        }
        error_messages = {"nama": {"required": _("Isi nama fokus.")}}


class IndikatorForm(forms.ModelForm):
    class Meta:
        model = Indikator
        fields = ["nama", "tipe", "benchmark", "bobot", "urutan"]
        widgets = {
            "benchmark": forms.NumberInput(attrs={"step": "any"}),
            "bobot": forms.NumberInput(attrs={"min": "1", "max": "100"}),
        }
        help_texts = {
            "benchmark": _(
                "Nilai target. Ya/tidak: 1 (ya) atau 0 (tidak); persentase: 0–100; skala: 1–5; "
                "angka: berapa saja. Indikator teks tidak memakai benchmark."
            ),
            "bobot": _("1–100: seberapa besar indikator ini diperhitungkan dibanding yang lain."),
            "urutan": _("Kosongkan untuk menaruhnya di akhir."),
        }
        error_messages = {
            "nama": {"required": _("Isi nama indikator.")},
            "tipe": {"required": _("Pilih tipe jawaban.")},
            "benchmark": {"invalid": _("Benchmark harus berupa angka.")},
            "bobot": {
                "invalid": _("Bobot harus bilangan bulat."),
                "min_value": _("Bobot paling kecil 1."),
                "max_value": _("Bobot paling besar 100."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["urutan"].required = False
        if not self.instance.pk:
            self.initial["urutan"] = None  # left empty: the service puts it last
        # Read by static/js/monitoring.js: the benchmark field is hidden for text indicators.
        self.fields["tipe"].widget.attrs["data-tipe-indikator"] = ""
        self.helper = _helper(
            Fieldset(
                _("Indikator"),
                "nama",
                Row(Column("tipe"), Column("benchmark", css_class="kolom-benchmark")),
                Row(Column("bobot"), Column("urutan")),
            )
        )

    def clean_urutan(self):
        return self.cleaned_data.get("urutan") or 0

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("tipe") == Indikator.Tipe.TEKS:
            cleaned["benchmark"] = None  # a text answer has nothing to compare with
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        # The model's check constraints (validated with the instance) all concern the benchmark
        # of a type: their messages belong beside that field, not above the form.
        for message in self.errors.pop(NON_FIELD_ERRORS, []):
            self.add_error("benchmark", message)
