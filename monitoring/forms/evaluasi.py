"""Forms of the evaluation pages (§6.2): the shared filter, and the thresholds Staf Komisi set."""

from datetime import date

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from advokasi.models import Bimbingan, Permasalahan, Rtl, Tim
from advokasi.selectors import bimbingan_for_user, permasalahan_for_user, tim_for_user
from akun.widgets import cepatkan
from lsp.models import Provinsi, Sasaran
from lsp.selectors import provinsi_for_user, sasaran_for_user
from monitoring.models import JawabanIndikator, PengaturanEvaluasi, RencanaMonitoring


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class EvaluasiFilterForm(forms.Form):
    """The filters of the evaluation and e-monev pages and of their Excel exports.

    Invalid fields are shown with their message and ignored; the valid ones still apply, so a
    mistyped date never turns the page into an error.
    """

    tanggal_dari = forms.DateField(
        label=_("RTL disepakati dari"), required=False, widget=DateInput()
    )
    tanggal_sampai = forms.DateField(label=_("sampai"), required=False, widget=DateInput())
    provinsi = forms.ModelChoiceField(
        label=_("Provinsi penanggung jawab"),
        queryset=Provinsi.objects.none(),
        required=False,
        empty_label=_("Semua provinsi"),
    )
    tim = forms.ModelChoiceField(
        label=_("Tim"), queryset=Tim.objects.none(), required=False, empty_label=_("Semua tim")
    )
    jenis_sasaran = forms.ChoiceField(
        label=_("Jenis sasaran"),
        choices=[("", _("Semua jenis")), *Sasaran.Jenis.choices],
        required=False,
    )

    # Set by the links behind each figure (the items of one group), shown as removable chips.
    permasalahan = forms.ModelChoiceField(
        label=_("Permasalahan"),
        queryset=Permasalahan.objects.none(),
        required=False,
        widget=forms.HiddenInput,
    )
    pemilik_sasaran = forms.ModelChoiceField(
        label=_("Sasaran penanggung jawab"),
        queryset=Sasaran.objects.none(),
        required=False,
        widget=forms.HiddenInput,
    )
    fasilitator = forms.ModelChoiceField(
        label=_("Fasilitator"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.HiddenInput,
    )
    status = forms.ChoiceField(
        label=_("Status RTL"),
        choices=[("", ""), *Rtl.Status.choices],
        required=False,
        widget=forms.HiddenInput,
    )
    terlambat = forms.ChoiceField(
        label=_("Terlambat"),
        choices=[("", ""), ("1", _("Lewat batas waktu"))],
        required=False,
        widget=forms.HiddenInput,
    )

    FIELDS = ("tanggal_dari", "tanggal_sampai", "provinsi", "tim", "jenis_sasaran")
    HIDDEN = ("permasalahan", "pemilik_sasaran", "fasilitator", "status", "terlambat")

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["provinsi"].queryset = provinsi_for_user(user)
        self.fields["tim"].queryset = tim_for_user(user).order_by("nama")
        self.fields["permasalahan"].queryset = permasalahan_for_user(user)
        self.fields["pemilik_sasaran"].queryset = sasaran_for_user(user)
        sessions = Bimbingan.fasilitator.through.objects.filter(
            bimbingan__in=bimbingan_for_user(user)
        ).values("user_id")
        self.fields["fasilitator"].queryset = get_user_model().objects.filter(pk__in=sessions)
        cepatkan(self)

    def clean(self):
        cleaned = super().clean()
        dari, sampai = cleaned.get("tanggal_dari"), cleaned.get("tanggal_sampai")
        if dari and sampai and sampai < dari:
            self.add_error(
                "tanggal_sampai", _("Tanggal akhir harus sama dengan atau setelah tanggal awal.")
            )
            cleaned.pop("tanggal_sampai", None)
        return cleaned

    def filters(self) -> dict:
        """The valid filters chosen (each key present, None or "" when not chosen)."""
        chosen = dict.fromkeys(self.FIELDS + self.HIDDEN)
        chosen.update(jenis_sasaran="", status="", terlambat="")
        if self.is_bound:
            self.is_valid()  # fills cleaned_data with the fields that are valid
            chosen.update({k: v for k, v in self.cleaned_data.items() if k in chosen})
        return chosen

    def chips(self) -> list[tuple[str, str, str]]:
        """(parameter, label, value) of each group filter a figure's link set."""
        if not self.is_bound:
            return []
        self.is_valid()
        result = []
        for name in self.HIDDEN:
            value = self.cleaned_data.get(name)
            if not value:
                continue
            field = self.fields[name]
            if name == "fasilitator":
                text = value.get_full_name() or value.username
            elif name == "status":
                text = Rtl.Status(value).label
            elif name == "terlambat":
                text = _("Ya, lewat batas waktu")
            else:
                text = str(value)
            result.append((name, field.label, text))
        return result


def rtl_saring(
    rtl_qs: QuerySet[Rtl],
    *,
    tanggal_dari: date | None = None,
    tanggal_sampai: date | None = None,
    provinsi: Provinsi | None = None,
    tim: Tim | None = None,
    jenis_sasaran: str = "",
    permasalahan: Permasalahan | None = None,
    pemilik_sasaran: Sasaran | None = None,
    fasilitator=None,
    status: str = "",
    terlambat: str = "",
    today: date | None = None,
) -> QuerySet[Rtl]:
    """RTL items agreed in the date range, owned by a target of that province and kind, of a
    session of that team; and, from a figure's link, of one problem, owner, fasilitator or status.
    No condition joins a many-valued relation, so no item is repeated."""
    if tanggal_dari:
        rtl_qs = rtl_qs.filter(tanggal_disepakati__gte=tanggal_dari)
    if tanggal_sampai:
        rtl_qs = rtl_qs.filter(tanggal_disepakati__lte=tanggal_sampai)
    if provinsi:
        rtl_qs = rtl_qs.filter(pemilik_sasaran__provinsi=provinsi)
    if tim:
        rtl_qs = rtl_qs.filter(bimbingan__tim=tim)
    if jenis_sasaran:
        rtl_qs = rtl_qs.filter(pemilik_sasaran__jenis=jenis_sasaran)
    if permasalahan:
        rtl_qs = rtl_qs.filter(permasalahan=permasalahan)
    if pemilik_sasaran:
        rtl_qs = rtl_qs.filter(pemilik_sasaran=pemilik_sasaran)
    if fasilitator:
        sessions = Bimbingan.fasilitator.through.objects.filter(user=fasilitator)
        rtl_qs = rtl_qs.filter(bimbingan__in=sessions.values("bimbingan_id"))
    if status:
        rtl_qs = rtl_qs.filter(status=status)
    if terlambat:
        rtl_qs = rtl_qs.terlambat(today)
    return rtl_qs


def jawaban_saring(
    jawaban_qs: QuerySet[JawabanIndikator],
    *,
    tanggal_dari: date | None = None,
    tanggal_sampai: date | None = None,
    provinsi: Provinsi | None = None,
    tim: Tim | None = None,
    jenis_sasaran: str = "",
) -> QuerySet[JawabanIndikator]:
    """Indicator answers under the same filters: the record's date in the range, the plan's team,
    a target of the plan in that province and of that kind."""
    if tanggal_dari:
        jawaban_qs = jawaban_qs.filter(catatan__tanggal__gte=tanggal_dari)
    if tanggal_sampai:
        jawaban_qs = jawaban_qs.filter(catatan__tanggal__lte=tanggal_sampai)
    if tim:
        jawaban_qs = jawaban_qs.filter(catatan__rencana__tim=tim)
    target = Q()
    if provinsi:
        target &= Q(sasaran__provinsi=provinsi)
    if jenis_sasaran:
        target &= Q(sasaran__jenis=jenis_sasaran)
    if provinsi or jenis_sasaran:
        # Exists rather than a join: a plan with several matching targets is counted once.
        through = RencanaMonitoring.sasaran.through.objects.filter(
            target, rencanamonitoring=OuterRef("catatan__rencana")
        )
        jawaban_qs = jawaban_qs.filter(Exists(through))
    return jawaban_qs


def _urutan_message() -> str:
    """The message of the database rule that keeps the thresholds in order."""
    return next(
        c.violation_error_message
        for c in PengaturanEvaluasi._meta.constraints
        if c.name == "pengaturan_batas_berurutan"
    )


class PengaturanEvaluasiForm(forms.ModelForm):
    """The performance bands and the e-monev tolerance; each rule's message beside its field."""

    class Meta:
        model = PengaturanEvaluasi
        fields = ["batas_sangat_baik", "batas_baik", "batas_cukup", "toleransi_emonev"]
        help_texts = {
            "batas_sangat_baik": _("Capaian sama dengan atau di atas nilai ini: sangat baik."),
            "batas_baik": _("Capaian mulai nilai ini (di bawah batas sangat baik): baik."),
            "batas_cukup": _(
                "Capaian mulai nilai ini (di bawah batas baik): cukup; di bawahnya kurang."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            field = self.fields[name]
            field.validators.append(MaxValueValidator(100, _("Nilai paling tinggi 100 (persen).")))
            field.widget.attrs.update({"min": 0, "max": 100})
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("Batas kategori capaian (%)"),
                Row(
                    Column("batas_sangat_baik", css_class="col-md-4"),
                    Column("batas_baik", css_class="col-md-4"),
                    Column("batas_cukup", css_class="col-md-4"),
                ),
            ),
            Fieldset(
                _("Lampu e-monev"),
                Row(Column("toleransi_emonev", css_class="col-md-4")),
            ),
        )

    def clean(self):
        """The database's ordering rule, told beside the field that breaks it."""
        cleaned = super().clean()
        sangat_baik = cleaned.get("batas_sangat_baik")
        baik = cleaned.get("batas_baik")
        cukup = cleaned.get("batas_cukup")
        message = _urutan_message()
        if sangat_baik is not None and baik is not None and baik >= sangat_baik:
            self.add_error(
                "batas_baik",
                _("Harus lebih kecil dari batas sangat baik (%(nilai)s). %(aturan)s")
                % {"nilai": sangat_baik, "aturan": message},
            )
        if baik is not None and cukup is not None and cukup >= baik:
            self.add_error(
                "batas_cukup",
                _("Harus lebih kecil dari batas baik (%(nilai)s). %(aturan)s")
                % {"nilai": baik, "aturan": message},
            )
        return cleaned
