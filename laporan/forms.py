from django import forms
from django.utils.translation import gettext_lazy as _

from advokasi.models import Tim
from laporan.models import Laporan
from lsp.models import Provinsi, Sasaran

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LaporanForm(forms.ModelForm):
    """Title, period, audience, scope and the Komisi's texts (§6.3 a, b, d)."""

    jenis_sasaran = forms.MultipleChoiceField(
        label=_("Jenis sasaran"),
        choices=Sasaran.Jenis.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kosongkan untuk semua jenis."),
    )
    provinsi = forms.ModelMultipleChoiceField(
        label=_("Provinsi"),
        queryset=Provinsi.objects.order_by("nama"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Kosongkan untuk semua provinsi."),
    )
    tim = forms.ModelMultipleChoiceField(
        label=_("Tim advokasi"),
        queryset=Tim.objects.order_by("nama"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Kosongkan untuk semua tim."),
    )

    class Meta:
        model = Laporan
        fields = [
            "judul",
            "tahun",
            "tanggal_mulai",
            "tanggal_selesai",
            "untuk_rapat_teknis",
            "untuk_pleno",
            "provinsi",
            "jenis_sasaran",
            "tim",
            "ringkasan",
            "kesimpulan",
            "rekomendasi",
            "umpan_balik_kebijakan",
            "bahan_koordinasi",
            "agenda_rapat",
        ]
        widgets = {
            "tanggal_mulai": DATE,
            "tanggal_selesai": DATE,
            **{
                f: forms.Textarea(attrs={"rows": 4})
                for f in (
                    "ringkasan",
                    "kesimpulan",
                    "rekomendasi",
                    "umpan_balik_kebijakan",
                    "bahan_koordinasi",
                    "agenda_rapat",
                )
            },
        }
        help_texts = {"tahun": _("Isi tahun, atau tanggal mulai dan selesai.")}

    def clean_tahun(self):
        tahun = self.cleaned_data.get("tahun")
        if tahun is not None and not 2000 <= tahun <= 2100:
            raise forms.ValidationError(_("Tahun harus antara 2000 dan 2100."))
        return tahun

    def clean(self):
        data = super().clean()
        tahun, mulai, selesai = (
            data.get("tahun"),
            data.get("tanggal_mulai"),
            data.get("tanggal_selesai"),
        )
        if tahun and (mulai or selesai):
            self.add_error(
                "tahun", _("Isi tahun saja, atau rentang tanggal saja — bukan keduanya.")
            )
        elif not tahun and not (mulai and selesai):
            self.add_error("tahun", _("Isi tahun, atau tanggal mulai dan tanggal selesai."))
        elif mulai and selesai and selesai < mulai:
            self.add_error(
                "tanggal_selesai", _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
            )
        if not (data.get("untuk_rapat_teknis") or data.get("untuk_pleno")):
            self.add_error("untuk_rapat_teknis", _("Pilih Rapat Teknis, Pleno, atau keduanya."))
        return data

    def _post_clean(self):
        # The services validate the model (full_clean) with the number and creator set.
        pass


class BahasForm(forms.Form):
    tanggal = forms.DateField(label=_("Tanggal pembahasan"), widget=DATE)
    peserta = forms.CharField(
        label=_("Peserta pembahasan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    catatan = forms.CharField(
        label=_("Catatan pembahasan"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )


class SampaikanForm(forms.Form):
    tanggal = forms.DateField(label=_("Tanggal disampaikan"), widget=DATE)
    forum = forms.ChoiceField(label=_("Disampaikan kepada"), choices=Laporan.Forum.choices)
