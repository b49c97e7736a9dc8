"""Forms of the survey and mapping step (§4.1): surveys, the problems they find, status changes
and the filters of the mapping matrix."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Fieldset, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from advokasi import selectors
from advokasi.forms.tim import SearchableSelectMultiple, sasaran_label
from advokasi.models import Permasalahan, Survei, Tim
from akun.kiriman import KirimanFormMixin
from akun.widgets import cepatkan
from lsp.forms import DateInput
from lsp.models import Lsp
from lsp.selectors import provinsi_for_user, sasaran_for_user


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*layout)
    return helper


class SurveiForm(KirimanFormMixin, forms.ModelForm):
    class Meta:
        model = Survei
        fields = ["tim", "tanggal", "sasaran", "ringkasan"]
        widgets = {
            "tanggal": DateInput(),
            "sasaran": SearchableSelectMultiple(attrs={"size": 12}),
            "ringkasan": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "sasaran": _(
                "Satu atau lebih sasaran yang dikunjungi. Ketik di kotak cari untuk menyaring, "
                "klik untuk memilih atau melepas."
            ),
        }
        error_messages = {
            "sasaran": {"required": _("Pilih minimal satu sasaran yang disurvei.")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        teams = selectors.tim_for_records(user)
        if self.instance.pk:
            # A survey of a team since made inactive keeps its team on the edit form.
            teams = teams | Tim.objects.filter(pk=self.instance.tim_id)
        self.fields["tim"].queryset = teams.distinct().order_by("nama")
        self.fields["tim"].empty_label = _("— pilih tim —")
        self.fields["sasaran"].queryset = (
            sasaran_for_user(user).select_related("provinsi").order_by("nama", "pk")
        )
        self.fields["sasaran"].label_from_instance = sasaran_label
        self.fields["tanggal"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.helper = _helper(
            Fieldset(
                _("Survei dan pemetaan (§4.1)"),
                Row(Column("tim", css_class="col-md-8"), Column("tanggal")),
                "sasaran",
                "ringkasan",
            )
        )

    def clean_tanggal(self):
        tanggal = self.cleaned_data["tanggal"]
        if tanggal > timezone.localdate():
            raise forms.ValidationError(_("Tanggal survei tidak boleh di masa depan."))
        return tanggal


class PermasalahanForm(KirimanFormMixin, forms.ModelForm):
    class Meta:
        model = Permasalahan
        fields = ["sasaran", "kategori", "ruang_lingkup", "tingkat", "uraian"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "sasaran": _("Salah satu sasaran yang disurvei dalam survei ini."),
            "uraian": _("Apa masalahnya, buktinya, dan dampaknya bagi kemandirian sasaran."),
        }

    def __init__(self, *args, user, survei: Survei, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sasaran"].queryset = (
            sasaran_for_user(user)
            .filter(survei=survei)
            .select_related("provinsi")
            .order_by("nama", "pk")
        )
        self.fields["sasaran"].label_from_instance = sasaran_label
        self.fields["sasaran"].empty_label = _("— pilih sasaran —")
        if not self.instance.pk and not self.is_bound:
            only = list(self.fields["sasaran"].queryset[:2])
            if len(only) == 1:  # a survey of one target: nothing to choose
                self.initial["sasaran"] = only[0].pk
        self.helper = _helper(
            Fieldset(
                _("Permasalahan"),
                "sasaran",
                Row(Column("kategori"), Column("ruang_lingkup")),
                Row(Column("tingkat", css_class="col-md-4")),
                "uraian",
            )
        )


class StatusForm(forms.Form):
    """A status change by hand; the rules are the lifecycle service's, shown beside the fields."""

    ke = forms.ChoiceField(label=_("Status baru"))
    # Not required here: the service checks it together with the other rules, so that every
    # message (a missing reason and a missing closing reason, say) shows at once.
    alasan = forms.CharField(
        label=_("Alasan perubahan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
        help_text=_("Wajib diisi; dicatat di riwayat status."),
    )
    alasan_penutupan = forms.ChoiceField(
        label=_("Alasan penutupan"),
        required=False,
        choices=[
            ("", _("— pilih bila status baru Ditutup —")),
            *Permasalahan.AlasanPenutupan.choices,
        ],
    )
    digabung_ke = forms.ModelChoiceField(
        label=_("Digabung ke permasalahan"),
        required=False,
        queryset=Permasalahan.objects.none(),
        empty_label=_("— tidak digabung —"),
    )

    def __init__(self, *args, user, problem: Permasalahan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ke"].choices = [
            ("", _("— pilih status —")),
            *[(v, label) for v, label in Permasalahan.Status.choices if v != problem.status],
        ]
        # A problem is merged into a duplicate at the same target. Offering every readable problem
        # rendered a <select> of 10,000 options (7 s per page in bench/, issue 7).
        self.fields["digabung_ke"].queryset = (
            selectors.permasalahan_for_user(user)
            .filter(sasaran_id=problem.sasaran_id)
            .exclude(pk=problem.pk)
            .order_by("nomor")
        )
        self.fields["ke"].widget.attrs["data-status-ke"] = ""
        self.helper = _helper(
            "ke",
            "alasan",
            Div("alasan_penutupan", "digabung_ke", css_class="status-penutupan"),
        )


class PemetaanForm(forms.Form):
    """Filters of the mapping matrix: where, which LSPs, when (survey date) and which status."""

    TERBUKA, SEMUA = "terbuka", "semua"

    provinsi = forms.ModelChoiceField(
        label=_("Provinsi"), required=False, queryset=None, empty_label=_("Semua provinsi")
    )
    jenis_lsp = forms.ChoiceField(
        label=_("Jenis LSP"),
        required=False,
        choices=[("", _("Semua sasaran")), *Lsp.JenisLsp.choices],
    )
    tanggal_dari = forms.DateField(label=_("Survei dari"), required=False, widget=DateInput())
    tanggal_sampai = forms.DateField(label=_("sampai"), required=False, widget=DateInput())
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[(TERBUKA, _("Hanya terbuka")), (SEMUA, _("Semua status"))],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provinsi"].queryset = provinsi_for_user(user)
        cepatkan(self)

    def clean(self):
        cleaned = super().clean()
        dari, sampai = cleaned.get("tanggal_dari"), cleaned.get("tanggal_sampai")
        if dari and sampai and sampai < dari:
            self.add_error("tanggal_sampai", _("Tanggal akhir harus sama atau setelah awal."))
        return cleaned

    def filters(self) -> dict:
        """The filters to apply: those entered, or the defaults when the form is not valid."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "provinsi": data.get("provinsi"),
            "jenis_lsp": data.get("jenis_lsp", ""),
            "tanggal_dari": data.get("tanggal_dari"),
            "tanggal_sampai": data.get("tanggal_sampai"),
            "hanya_terbuka": data.get("status") != self.SEMUA,
        }
