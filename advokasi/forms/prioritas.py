"""Forms of priorities and strategy (§4.3): the criteria and their weights, a problem group with
its targets, its scores per criterion, and the Komisi's decision on the strategy."""

from datetime import date

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils.translation import gettext_lazy as _

from advokasi import selectors
from advokasi.forms.fgd import (
    BootstrapFormMixin,
    MasalahCheckboxes,
    batas_baris,
    candidate_problems,
    permasalahan_label,
    recording_teams,
)
from advokasi.forms.tim import sasaran_label
from advokasi.models import Fgd, KelompokMasalah, KriteriaPrioritas, Permasalahan
from advokasi.services.prioritas import SKOR_MAX, SKOR_MIN, sasaran_errors
from akun.widgets import SelectMultipleCepat
from lsp.selectors import sasaran_for_user

TAHUN_MIN = 2012  # the pedoman's year: nothing is prioritised before it


def fgd_label(fgd: Fgd) -> str:
    """Number, date and team: needs the team select_related."""
    return f"{fgd.nomor} · {fgd.tanggal:%d-%m-%Y} · {fgd.tim.nama}"


# --- criteria ------------------------------------------------------------------------------


class KriteriaForm(BootstrapFormMixin, forms.ModelForm):
    bobot = forms.IntegerField(
        label=_("Bobot"),
        min_value=1,
        max_value=100,
        error_messages={
            "required": _("Isi bobot 1–100."),
            "invalid": _("Bobot berupa bilangan bulat 1–100."),
            "min_value": _("Bobot paling kecil 1."),
            "max_value": _("Bobot paling besar 100."),
        },
    )
    urutan = forms.IntegerField(
        label=_("Urutan"),
        min_value=0,
        max_value=999,
        initial=0,
        error_messages={
            "required": _("Isi nomor urut."),
            "min_value": _("Urutan tidak boleh negatif."),
            "max_value": _("Urutan paling besar 999."),
        },
    )

    class Meta:
        model = KriteriaPrioritas
        fields = ["nama", "bobot", "urutan", "aktif"]
        error_messages = {
            "nama": {
                "required": _("Isi nama kriteria."),
                "unique": _("Kriteria dengan nama ini sudah ada."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bobot"].widget.attrs.update({"min": 1, "max": 100})
        self._style_widgets()


class BaseKriteriaFormSet(BaseModelFormSet):
    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        active = [
            form
            for form in self.forms
            if (form.instance.pk or form.has_changed()) and form.cleaned_data.get("aktif")
        ]
        if not active:
            raise forms.ValidationError(
                _("Sedikitnya satu kriteria harus aktif agar kelompok masalah dapat diperingkat.")
            )
        names = [
            form.cleaned_data["nama"].strip().lower()
            for form in self.forms
            if form.cleaned_data.get("nama")
        ]
        if len(names) != len(set(names)):
            raise forms.ValidationError(_("Nama kriteria tidak boleh sama."))


KriteriaFormSet = modelformset_factory(
    KriteriaPrioritas,
    form=KriteriaForm,
    formset=BaseKriteriaFormSet,
    extra=1,
    can_delete=False,
    **batas_baris(50),
)


# --- problem group -------------------------------------------------------------------------


class KelompokForm(BootstrapFormMixin, forms.ModelForm):
    permasalahan = forms.ModelMultipleChoiceField(
        label=_("Permasalahan dalam kelompok ini"),
        queryset=Permasalahan.objects.none(),
        widget=MasalahCheckboxes,
        error_messages={"required": _("Pilih minimal satu permasalahan.")},
    )
    tahun = forms.IntegerField(
        label=_("Tahun"),
        error_messages={
            "required": _("Isi tahun prioritas."),
            "invalid": _("Tahun berupa bilangan bulat, mis. 2026."),
            "min_value": _("Tahun paling awal %(limit_value)s."),
            "max_value": _("Tahun paling lambat %(limit_value)s."),
        },
    )

    class Meta:
        model = KelompokMasalah
        fields = ["tim", "nama", "uraian", "tahun", "fgd", "jenis_sasaran", "sasaran"]
        widgets = {
            "uraian": forms.Textarea(attrs={"rows": 3}),
            "sasaran": SelectMultipleCepat(attrs={"size": 8, "data-sasaran-masalah": ""}),
        }
        help_texts = {
            "fgd": _("FGD yang menghasilkan kelompok masalah ini (boleh dikosongkan)."),
            "jenis_sasaran": _(
                "LSP: tepat satu LSP. Kelompok LSP: dua LSP atau lebih. BKSP: BKSP saja. "
                "Pendukung: instansi teknis, asosiasi, lemdiklat, dll. (§4.3a)"
            ),
            "sasaran": _(
                "Kosongkan untuk memakai sasaran dari permasalahan yang dipilih. Tahan Ctrl "
                "(⌘ di Mac) untuk memilih lebih dari satu."
            ),
        }
        error_messages = {
            "tim": {"required": _("Pilih tim.")},
            "nama": {"required": _("Isi nama kelompok masalah.")},
            "jenis_sasaran": {"required": _("Pilih jenis sasaran.")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = date.today().year
        self.fields["tahun"].validators += [
            MinValueValidator(TAHUN_MIN),
            MaxValueValidator(this_year + 1),
        ]
        self.fields["tahun"].widget.attrs.update({"min": TAHUN_MIN, "max": this_year + 1})
        if not self.instance.pk and not self.initial.get("tahun"):
            self.initial["tahun"] = this_year

        current = self.instance.tim if self.instance.tim_id else None
        self.fields["tim"].queryset = recording_teams(user, current=current)
        self.fields["tim"].empty_label = _("— pilih tim —")
        self.fields["fgd"].queryset = (
            selectors.fgd_for_user(user).select_related("tim").order_by("-tanggal", "-pk")
        )
        self.fields["fgd"].label_from_instance = fgd_label
        self.fields["fgd"].empty_label = _("— tanpa FGD —")
        self.fields["jenis_sasaran"].choices = [
            ("", _("— pilih jenis sasaran —")),
            *KelompokMasalah.JenisSasaran.choices,
        ]

        keep = list(self.instance.permasalahan.all()) if self.instance.pk else []
        self.fields["permasalahan"].queryset = candidate_problems(user, keep=keep)
        self.fields["permasalahan"].label_from_instance = permasalahan_label
        self.fields["permasalahan"].widget.attrs["class"] = "form-check-input"
        if self.instance.pk:
            self.initial.setdefault("permasalahan", [p.pk for p in keep])

        self.fields["sasaran"].required = False
        self.fields["sasaran"].queryset = (
            sasaran_for_user(user).select_related("provinsi").order_by("nama", "pk")
        )
        self.fields["sasaran"].label_from_instance = sasaran_label
        self._style_widgets()

    def clean(self):
        cleaned = super().clean()
        problems = cleaned.get("permasalahan")
        sasaran = list(cleaned.get("sasaran") or [])
        from_problems = False
        if not sasaran and problems and "sasaran" not in self.errors:
            # §4.3a: the targets follow from the problems grouped, unless chosen otherwise.
            sasaran = list({p.sasaran_id: p.sasaran for p in problems}.values())
            cleaned["sasaran"] = sasaran
            from_problems = True
        jenis = cleaned.get("jenis_sasaran")
        if jenis and "sasaran" not in self.errors and (sasaran or problems):
            error = sasaran_errors(jenis=jenis, sasaran=sasaran)
            if error and from_problems:
                error = _(
                    "%(error)s Sasaran diambil dari permasalahan yang dipilih (%(nama)s); pilih "
                    "sasaran sendiri bila berbeda."
                ) % {"error": error, "nama": ", ".join(s.nama for s in sasaran)}
            if error:
                self.add_error("sasaran", error)
        fgd, tim = cleaned.get("fgd"), cleaned.get("tim")
        if fgd and tim and fgd.tim_id != tim.pk:
            self.add_error("fgd", _("FGD ini diselenggarakan oleh tim lain; pilih FGD tim ini."))
        return cleaned


# --- scores and decision ---------------------------------------------------------------------

SKOR_CHOICES = [
    ("", _("— belum dinilai —")),
    ("1", _("1 — sangat rendah")),
    ("2", _("2 — rendah")),
    ("3", _("3 — sedang")),
    ("4", _("4 — tinggi")),
    ("5", _("5 — sangat tinggi")),
]


class SkorForm(BootstrapFormMixin, forms.Form):
    """One 1–5 select per active criterion; a criterion left empty is not (or no longer) scored."""

    def __init__(self, *args, kriteria: list[KriteriaPrioritas], current: dict[int, int], **kw):
        super().__init__(*args, **kw)
        self.kriteria = kriteria
        for k in kriteria:
            self.fields[f"kriteria_{k.pk}"] = forms.TypedChoiceField(
                label=k.nama,
                choices=SKOR_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                initial=current.get(k.pk),
                help_text=_("Bobot %(bobot)s") % {"bobot": k.bobot},
                error_messages={
                    "invalid_choice": _("Skor harus bilangan bulat %(min)s sampai %(max)s.")
                    % {"min": SKOR_MIN, "max": SKOR_MAX}
                },
            )
        self._style_widgets()

    def skor(self) -> dict[KriteriaPrioritas, int | None]:
        return {k: self.cleaned_data[f"kriteria_{k.pk}"] for k in self.kriteria}


class KeputusanForm(BootstrapFormMixin, forms.Form):
    strategi = forms.CharField(
        label=_("Strategi advokasi bimbingan teknis yang ditetapkan (§4.3c)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": _("Tuliskan strategi advokasi yang ditetapkan.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()
