"""Forms of the technical guidance session (§5): the session itself, the problems it addresses
(with the alternatives presented and chosen), its participants, and the unfinished RTL of earlier
sessions carried into it. The kind of session (§5.1, §5.2, §5.3) decides which targets it takes."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from advokasi import selectors
from advokasi.forms.fgd import (
    PESERTA_MAKS,
    BootstrapFormMixin,
    batas_baris,
    candidate_problems,
    permasalahan_label,
    recording_teams,
    team_members,
    user_label,
)
from advokasi.forms.tim import SearchableSelectMultiple, sasaran_label
from advokasi.models import AlternatifTindakan, Bimbingan, Permasalahan, PesertaBimbingan, Rtl, Tim
from advokasi.pedoman import JenisBimbingan
from advokasi.services.bimbingan import (
    JENIS_SASARAN,
    MasalahSesi,
    RtlLanjutan,
    lsp_tanpa_masalah_bersama,
    pesan_kelompok,
    sasaran_errors,
)
from akun.kiriman import KirimanFormMixin
from akun.widgets import SelectCepat
from lsp.forms import DateInput
from lsp.selectors import sasaran_for_user

PILIH_BARU = "baru"


def _time_input():
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SatuSasaranSelect(SelectCepat):
    """A plain select for the one target of §5.2/§5.3 that still hands the form a list, so the
    same many-to-many field (and the same count rule) serves every kind of session."""

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        values = getter(name) if getter is not None else data.get(name)
        if not isinstance(values, (list, tuple)):
            values = [values]
        return [v for v in values if v not in (None, "")]


class FasilitatorCheckboxes(forms.CheckboxSelectMultiple):
    """Facilitator checkboxes that carry the teams each person belongs to (static/js/bimbingan.js
    shows the members of the chosen team only)."""

    tim_map: dict[int, list[int]] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        pk = getattr(value, "value", value)
        teams = self.tim_map.get(pk, [])
        option["attrs"]["data-tim"] = " ".join(str(t) for t in teams)
        return option


def sasaran_sesi(user, jenis: str):
    """Targets a session of this kind may have: LSPs, or BKSPs for §5.3, that the user may read."""
    return (
        sasaran_for_user(user)
        .filter(jenis=JENIS_SASARAN[jenis])
        .select_related("provinsi")
        .order_by("nama", "pk")
    )


class BimbinganForm(KirimanFormMixin, forms.ModelForm):
    permasalahan = forms.ModelMultipleChoiceField(
        label=_("Permasalahan yang dibahas"),
        queryset=Permasalahan.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Pilih minimal satu permasalahan yang dibahas."),
            "invalid_choice": _(
                "Permasalahan %(value)s tidak dapat dipilih: sudah ditutup atau di luar akses Anda."
            ),
        },
    )

    class Meta:
        model = Bimbingan
        fields = [
            "tim",
            "kelompok_masalah",
            "tanggal",
            "waktu_mulai",
            "waktu_selesai",
            "tempat",
            "tautan_daring",
            "sasaran",
            "fasilitator",
            "status",
            "kesimpulan",
            "notulen",
        ]
        widgets = {
            "tanggal": DateInput(),
            "waktu_mulai": _time_input(),
            "waktu_selesai": _time_input(),
            "tempat": forms.TextInput(attrs={"placeholder": _("mis. Kantor LSP, Bandung")}),
            "tautan_daring": forms.URLInput(attrs={"placeholder": "https://"}),
            "kesimpulan": forms.Textarea(attrs={"rows": 4}),
            "notulen": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "tempat": _("Isi tempat, tautan daring, atau keduanya."),
            "kelompok_masalah": _("Kelompok masalah prioritas (§4.3) yang menjadi dasar sesi ini."),
            "kesimpulan": _("Kesimpulan hasil bimbingan, dasar penetapan RTL."),
            "notulen": _("Jalannya sesi: pokok pembahasan, kesepakatan, hal yang perlu dicatat."),
        }
        error_messages = {
            "tim": {
                "required": _("Pilih tim yang melaksanakan bimbingan."),
                "invalid_choice": _("Pilih salah satu tim Anda."),
            },
            "tanggal": {"required": _("Isi tanggal bimbingan.")},
            "waktu_mulai": {"required": _("Isi waktu mulai.")},
            "waktu_selesai": {"required": _("Isi waktu selesai.")},
            "tautan_daring": {"invalid": _("Tautan daring harus berupa alamat web lengkap.")},
            "fasilitator": {
                "required": _("Pilih sedikitnya satu fasilitator."),
                "invalid_choice": _("Fasilitator harus anggota tim pelaksana."),
            },
        }

    def __init__(self, *args, user, jenis: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.jenis = jenis
        self.instance.jenis = jenis
        current = self.instance.tim if self.instance.tim_id else None
        teams = list(recording_teams(user, current=current))
        self.teams = teams
        self.fields["tim"].queryset = Tim.objects.filter(pk__in=[t.pk for t in teams]).order_by(
            "nama"
        )
        self.fields["tim"].empty_label = _("— pilih tim —")
        self.fields["tim"].widget.attrs["data-tim-sesi"] = ""

        self.fields["kelompok_masalah"].queryset = selectors.kelompok_for_user(user).order_by(
            "-tahun", "nama"
        )
        self.fields["kelompok_masalah"].empty_label = _("— tanpa kelompok prioritas —")
        self.fields["tautan_daring"].assume_scheme = "https"

        targets = self.fields["sasaran"]
        # The widget first: setting the queryset hands the widget its choices.
        if jenis == JenisBimbingan.KELOMPOK_LSP:
            targets.label = _("LSP dalam kelompok")
            targets.widget = SearchableSelectMultiple(attrs={"size": 8})
            targets.help_text = _(
                "Dua LSP atau lebih dengan permasalahan sejenis (§5.1a). Ketik untuk menyaring; "
                "tahan Ctrl (⌘ di Mac) untuk memilih lebih dari satu."
            )
            targets.error_messages["required"] = _("Pilih LSP dalam kelompok.")
        else:
            targets.label = _("LSP") if jenis == JenisBimbingan.LSP else _("BKSP")
            targets.widget = SatuSasaranSelect()
            targets.empty_label = _("— pilih sasaran —")
            targets.help_text = (
                _("LSP yang dibimbing (§5.2).")
                if jenis == JenisBimbingan.LSP
                else _("BKSP sebagai pembina LSP di daerah (§5.3).")
            )
            targets.error_messages["required"] = _("Pilih sasaran bimbingan.")
        targets.widget.attrs["data-sasaran-sesi"] = ""
        targets.queryset = sasaran_sesi(user, jenis)
        targets.label_from_instance = sasaran_label
        targets.error_messages["invalid_choice"] = _("Sasaran ini tidak dapat dipilih.")
        targets.error_messages["invalid_pk_value"] = _("Sasaran ini tidak dapat dipilih.")

        team_ids = [t.pk for t in teams]
        widget = FasilitatorCheckboxes()
        widget.tim_map = {}
        memberships = Tim.anggota.through.objects.filter(tim_id__in=team_ids)
        for user_id, tim_id in memberships.values_list("user_id", "tim_id"):
            widget.tim_map.setdefault(user_id, []).append(tim_id)
        fasilitator = self.fields["fasilitator"]
        fasilitator.widget = widget
        fasilitator.queryset = team_members(Tim.objects.filter(pk__in=team_ids))
        fasilitator.label_from_instance = user_label
        fasilitator.help_text = _("Anggota tim pelaksana yang memfasilitasi sesi ini.")

        keep = []
        if self.instance.pk:
            keep = list(Permasalahan.objects.filter(bimbingan_masalah__bimbingan=self.instance))
        problems = self.fields["permasalahan"]
        problems.queryset = candidate_problems(user, keep=keep)
        problems.label_from_instance = permasalahan_label
        if self.instance.pk:
            self.initial.setdefault("permasalahan", [p.pk for p in keep])

    def clean(self):
        cleaned = super().clean()
        mulai, selesai = cleaned.get("waktu_mulai"), cleaned.get("waktu_selesai")
        if mulai and selesai and selesai <= mulai:
            self.add_error("waktu_selesai", _("Waktu selesai harus setelah waktu mulai."))
        if not (cleaned.get("tempat") or "").strip() and not cleaned.get("tautan_daring"):
            if "tautan_daring" not in self.errors:
                self.add_error("tempat", _("Isi tempat atau tautan daring."))
        targets = cleaned.get("sasaran")
        if targets is not None:
            targets = list(targets)
            for message in sasaran_errors(jenis=self.jenis, sasaran=targets):
                self.add_error("sasaran", message)
            problems = cleaned.get("permasalahan")
            if (
                self.jenis == JenisBimbingan.KELOMPOK_LSP
                and problems
                and "sasaran" not in self.errors
            ):
                tanpa = lsp_tanpa_masalah_bersama(sasaran=targets, problems=problems)
                if tanpa:
                    self.add_error("sasaran", pesan_kelompok(tanpa))
        tim, fasilitator = cleaned.get("tim"), cleaned.get("fasilitator")
        if tim is not None and fasilitator:
            members = set(tim.anggota.values_list("pk", flat=True))
            outsiders = [u for u in fasilitator if u.pk not in members]
            if outsiders:
                self.add_error(
                    "fasilitator",
                    _("Bukan anggota %(tim)s: %(nama)s.")
                    % {"tim": tim.nama, "nama": ", ".join(user_label(u) for u in outsiders)},
                )
        return cleaned


# --- one problem addressed in the session -------------------------------------------------------


class MasalahSesiForm(BootstrapFormMixin, forms.Form):
    """What happened to one problem in the session (§5.1e–h): alternatives presented, the one
    chosen, whether it was solved on the spot. Built from the problem's alternatives read once."""

    alternatif_disajikan = forms.MultipleChoiceField(
        label=_("Alternatif yang disajikan"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    alternatif_baru = forms.CharField(
        label=_("Alternatif baru (bila muncul dalam sesi)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    alternatif_dipilih = forms.ChoiceField(label=_("Alternatif yang dipilih"), required=False)
    selesai_di_tempat = forms.BooleanField(
        label=_("Diselesaikan langsung di tempat"), required=False
    )
    catatan = forms.CharField(
        label=_("Catatan"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, problem: Permasalahan, alternatives: list[AlternatifTindakan], **kw):
        super().__init__(*args, **kw)
        self.problem = problem
        self.alternatives = {str(a.pk): a for a in alternatives}
        options = [(str(a.pk), a.uraian) for a in alternatives]
        self.fields["alternatif_disajikan"].choices = options
        self.fields["alternatif_disajikan"].error_messages["invalid_choice"] = _(
            "Alternatif ini bukan alternatif permasalahan %(nomor)s."
        ) % {"nomor": problem.nomor}
        self.fields["alternatif_dipilih"].choices = [
            ("", _("— belum dipilih —")),
            *[(value, _short(label)) for value, label in options],
            (PILIH_BARU, _("Alternatif baru yang ditulis di atas")),
        ]
        self.fields["alternatif_dipilih"].error_messages["invalid_choice"] = _(
            "Pilih salah satu alternatif yang disajikan."
        )
        self._style_widgets()

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("alternatif_dipilih")
        presented = cleaned.get("alternatif_disajikan") or []
        if chosen == PILIH_BARU and not (cleaned.get("alternatif_baru") or "").strip():
            self.add_error(
                "alternatif_dipilih",
                _("Tuliskan alternatif baru terlebih dahulu, atau pilih yang lain."),
            )
        elif chosen and chosen != PILIH_BARU and chosen not in presented:
            self.add_error(
                "alternatif_dipilih",
                _(
                    "Alternatif yang dipilih harus salah satu yang disajikan: centang juga "
                    "alternatif itu sebagai disajikan."
                ),
            )
        return cleaned

    def to_masalah_sesi(self) -> MasalahSesi:
        data = self.cleaned_data
        chosen = data.get("alternatif_dipilih") or ""
        return MasalahSesi(
            permasalahan=self.problem,
            alternatif_disajikan=[self.alternatives[v] for v in data["alternatif_disajikan"]],
            alternatif_baru=data["alternatif_baru"],
            pilih_baru=chosen == PILIH_BARU,
            alternatif_dipilih=self.alternatives.get(chosen),
            selesai_di_tempat=data["selesai_di_tempat"],
            catatan=data["catatan"],
        )


def _short(text: str, n: int = 90) -> str:
    return text if len(text) <= n else f"{text[:n]}…"


def masalah_initial(row) -> dict:
    """Initial values of a problem's form from its stored BimbinganMasalah (prefetched)."""
    if row is None:
        return {}
    return {
        "alternatif_disajikan": [str(a.pk) for a in row.alternatif_disajikan.all()],
        "alternatif_dipilih": str(row.alternatif_dipilih_id or ""),
        "selesai_di_tempat": row.selesai_di_tempat,
        "catatan": row.catatan,
    }


# --- an unfinished RTL item of an earlier session ------------------------------------------------


class RtlLanjutanForm(BootstrapFormMixin, forms.Form):
    TETAP = "tetap"

    lanjutkan = forms.BooleanField(label=_("Lanjutkan dalam sesi ini"), required=False)
    batas_waktu = forms.DateField(label=_("Batas waktu baru"), required=False, widget=DateInput())
    status = forms.ChoiceField(label=_("Status RTL lanjutan"), required=False)

    # Set by the view from the session form before validation.
    tanggal_sesi: date | None = None
    masalah_dipilih: set[int] | None = None

    def __init__(self, *args, rtl: Rtl, **kwargs):
        super().__init__(*args, **kwargs)
        self.rtl = rtl
        self.fields["status"].choices = [
            (Rtl.Status.BERJALAN, _("Berjalan")),
            (self.TETAP, _("Tetap: %(status)s") % {"status": rtl.get_status_display()}),
        ]
        # An overdue item needs a new due date; one still ahead keeps its own.
        if rtl.batas_waktu >= timezone.localdate():
            self.initial.setdefault("batas_waktu", rtl.batas_waktu)
        self.initial.setdefault("status", Rtl.Status.BERJALAN)
        self._style_widgets()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("lanjutkan"):
            return cleaned
        batas = cleaned.get("batas_waktu")
        if batas is None:
            if "batas_waktu" not in self.errors:
                self.add_error("batas_waktu", _("Tentukan batas waktu baru."))
        elif self.tanggal_sesi and batas < self.tanggal_sesi:
            self.add_error(
                "batas_waktu", _("Batas waktu baru tidak boleh sebelum tanggal bimbingan.")
            )
        problem = self.rtl.permasalahan_id
        if problem and self.masalah_dipilih is not None and problem not in self.masalah_dipilih:
            self.add_error(
                "lanjutkan",
                _(
                    "RTL ini menangani %(nomor)s, yang tidak dipilih dalam sesi ini: pilih "
                    "permasalahan itu juga, atau jangan lanjutkan RTL ini."
                )
                % {"nomor": self.rtl.permasalahan.nomor},
            )
        return cleaned

    def to_lanjutan(self) -> RtlLanjutan | None:
        if not self.cleaned_data.get("lanjutkan"):
            return None
        status = self.cleaned_data.get("status")
        return RtlLanjutan(
            rtl=self.rtl,
            batas_waktu=self.cleaned_data["batas_waktu"],
            status=None if status == self.TETAP else Rtl.Status.BERJALAN,
        )


# --- participants ------------------------------------------------------------------------------


class PesertaBimbinganForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = PesertaBimbingan
        fields = ["nama", "jabatan", "sasaran", "kontak", "hadir"]
        error_messages = {"nama": {"required": _("Isi nama peserta.")}}

    def __init__(self, *args, sasaran_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["sasaran"]
        if sasaran_qs is not None:
            field.queryset = sasaran_qs
        field.required = False
        field.empty_label = _("— pilih sasaran —")
        field.error_messages["invalid_choice"] = _("Pilih salah satu sasaran bimbingan.")
        field.widget.attrs["data-mewakili"] = ""
        self.fields["nama"].widget.attrs["placeholder"] = _("Nama lengkap")
        self._style_widgets()


class BasePesertaFormSet(BaseInlineFormSet):
    """Participants and attendance; each represents one of the session's targets, if any."""

    # Set by the view from the session form before validation.
    sasaran_sesi: list | None = None
    terlaksana: bool = False

    def kept_forms(self):
        return [
            form
            for form in self.forms
            if (form.instance.pk or form.has_changed()) and not self._should_delete_form(form)
        ]

    def clean(self):
        super().clean()
        kept = [f for f in self.kept_forms() if hasattr(f, "cleaned_data")]
        if self.sasaran_sesi is not None:
            allowed = {s.pk for s in self.sasaran_sesi}
            for form in kept:
                wakil = form.cleaned_data.get("sasaran")
                if wakil is not None and wakil.pk not in allowed:
                    form.add_error("sasaran", _("Pilih salah satu sasaran bimbingan."))
        if self.terlaksana and not any(f.cleaned_data.get("hadir") for f in kept):
            raise ValidationError(
                _("Bimbingan yang terlaksana mencatat sedikitnya satu peserta yang hadir.")
            )


PesertaFormSet = inlineformset_factory(
    Bimbingan,
    PesertaBimbingan,
    form=PesertaBimbinganForm,
    formset=BasePesertaFormSet,
    extra=1,
    can_delete=True,
    **batas_baris(PESERTA_MAKS),
)
