"""Forms of the focus group discussion (§4.2): the session, its participants, the problems it
discusses and the alternative corrective actions it proposes for them."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from advokasi import selectors
from advokasi.models import AlternatifTindakan, Fgd, Permasalahan, PesertaFgd, Tim
from akun.kiriman import KirimanFormMixin
from akun.widgets import CheckboxCepat, SelectCepat, cepatkan
from lsp.forms import DateInput

# --- shared helpers (the priority forms use them too) ------------------------------------------


PESERTA_MAKS = 300  # participants of one FGD or guidance session


def batas_baris(n: int) -> dict:
    """Formset options: at most `n` rows, refused beside the table when more are posted, and no
    more than `n` forms built whatever TOTAL_FORMS says (Django would build up to 2,000, each
    with its choice lists: seconds of work for one hostile request)."""
    return {"max_num": n, "absolute_max": n, "validate_max": True}


class BootstrapFormMixin:
    """Bootstrap classes on every widget, and `is-invalid` on a field as soon as it has an error.

    Formset rows are drawn as table cells without crispy's wrappers, so the classes live here.
    """

    def _style_widgets(self):
        cepatkan(self)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def add_error(self, field, error):
        super().add_error(field, error)
        for name in self.errors:
            # A list of checkboxes is marked by its frame in the template instead.
            if name in self.fields and not isinstance(
                self.fields[name].widget, forms.CheckboxSelectMultiple
            ):
                widget = self.fields[name].widget
                if "is-invalid" not in widget.attrs.get("class", ""):
                    widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


def permasalahan_label(problem: Permasalahan) -> str:
    """Number, target and the start of the description: needs the target select_related."""
    uraian = problem.uraian if len(problem.uraian) <= 90 else f"{problem.uraian[:90]}…"
    return f"{problem.nomor} · {problem.sasaran.nama}: {uraian}"


def user_label(user) -> str:
    full = user.get_full_name()
    return f"{full} ({user.username})" if full else user.username


class MasalahCheckboxes(CheckboxCepat):
    """Problem checkboxes that carry their target, so the page can suggest targets from them."""

    def option_attrs(self, value) -> dict:
        instance = getattr(value, "instance", None)
        return {"data-sasaran": str(instance.sasaran_id)} if instance is not None else {}


def candidate_problems(user, *, keep=()):
    """Problems a record may be linked to: the open ones the user may read, plus those the
    record already holds, whatever their status or whoever linked them, so that editing a
    record never silently drops one of its problems."""
    visible_open = selectors.permasalahan_for_user(user).filter(status__in=Permasalahan.OPEN)
    return (
        Permasalahan.objects.filter(
            Q(pk__in=visible_open.values("pk")) | Q(pk__in=[p.pk for p in keep])
        )
        .select_related("sasaran")
        .order_by("nomor", "pk")
    )


def recording_teams(user, *, current: Tim | None = None):
    """Teams the user may file records under; a record of a team since made inactive keeps it."""
    teams = selectors.tim_for_records(user)
    if current is not None:
        teams = teams | Tim.objects.filter(pk=current.pk)
    return teams.distinct().order_by("nama")


def _constraint_message(model, name: str) -> str:
    """The message the database constraint carries, so the form and the model say the same."""
    constraint = next(c for c in model._meta.constraints if c.name == name)
    return constraint.violation_error_message


# --- the session ---------------------------------------------------------------------------


class FgdForm(KirimanFormMixin, BootstrapFormMixin, forms.ModelForm):
    permasalahan = forms.ModelMultipleChoiceField(
        label=_("Permasalahan hasil survei yang dibahas (§4.2b)"),
        queryset=Permasalahan.objects.none(),
        widget=MasalahCheckboxes,
        error_messages={"required": _("Pilih minimal satu permasalahan yang dibahas.")},
    )

    class Meta:
        model = Fgd
        fields = ["tim", "tanggal", "waktu_mulai", "tempat", "tautan_daring", "kesimpulan"]
        widgets = {
            "tanggal": DateInput(),
            "waktu_mulai": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "tempat": forms.TextInput(attrs={"placeholder": _("mis. Ruang Rapat BNSP, Jakarta")}),
            "tautan_daring": forms.URLInput(attrs={"placeholder": "https://"}),
            "kesimpulan": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "tempat": _("Isi tempat, tautan daring, atau keduanya."),
            "kesimpulan": _(
                "Kesimpulan permasalahan dan alternatif langkah perbaikan dan peningkatan "
                "berlanjut: bahan advokasi (§4.2e)."
            ),
        }
        error_messages = {
            "tim": {"required": _("Pilih tim yang menyelenggarakan FGD.")},
            "tanggal": {"required": _("Isi tanggal FGD.")},
            "tautan_daring": {"invalid": _("Tautan daring harus berupa alamat web lengkap.")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.tim if self.instance.tim_id else None
        teams = recording_teams(user, current=current)
        self.fields["tim"].queryset = teams
        self.fields["tim"].empty_label = _("— pilih tim —")
        if not self.instance.pk and not self.initial.get("tanggal"):
            self.initial["tanggal"] = timezone.localdate()
        self.fields["waktu_mulai"].required = True
        self.fields["waktu_mulai"].error_messages["required"] = _("Isi waktu mulai FGD.")
        self.fields["tautan_daring"].assume_scheme = "https"
        keep = list(self.instance.permasalahan.all()) if self.instance.pk else []
        self.tersimpan = keep  # the problems the FGD discusses as stored
        self.fields["permasalahan"].queryset = candidate_problems(user, keep=keep)
        self.fields["permasalahan"].label_from_instance = permasalahan_label
        self.fields["permasalahan"].widget.attrs["class"] = "form-check-input"
        if self.instance.pk:
            self.initial.setdefault("permasalahan", [p.pk for p in keep])
        self._style_widgets()

    def clean(self):
        cleaned = super().clean()
        # The database refuses a session with neither; say so beside the place field.
        if not cleaned.get("tempat", "").strip() and not cleaned.get("tautan_daring"):
            if "tautan_daring" not in self.errors:
                self.add_error("tempat", _constraint_message(Fgd, "fgd_tempat_atau_tautan"))
        return cleaned


# --- participants ----------------------------------------------------------------------------


class PesertaFgdForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = PesertaFgd
        fields = ["nama", "peran", "instansi", "user", "hadir"]
        error_messages = {
            "nama": {"required": _("Isi nama peserta.")},
            "peran": {"required": _("Pilih peran peserta.")},
        }

    def __init__(self, *args, users=None, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users if users is not None else get_user_model().objects
        self.fields["user"].label_from_instance = user_label
        self.fields["user"].empty_label = _("— tanpa akun —")
        self.fields["user"].required = False
        self.fields["user"].error_messages["invalid_choice"] = _(
            "Pilih anggota tim penyelenggara, atau kosongkan."
        )
        self.fields["peran"].choices = [("", _("— peran —")), *PesertaFgd.Peran.choices]
        if choices is not None:  # the same list on every row, read once by the view
            self.fields["user"].choices = choices
        self._style_widgets()


class BasePesertaFormSet(BaseInlineFormSet):
    """Participants; a linked account must belong to the team that holds the FGD."""

    tim: Tim | None = None

    def clean(self):
        super().clean()
        filled = [
            form
            for form in self.forms
            if (form.instance.pk or form.has_changed()) and not self._should_delete_form(form)
        ]
        if not filled:
            raise ValidationError(_("Catat sedikitnya satu peserta FGD."))
        if self.tim is None:
            return
        members = set(self.tim.anggota.values_list("pk", flat=True))
        for form in filled:
            # A link made earlier stays even if that person has since left the team.
            if "user" not in form.changed_data:
                continue
            user = form.cleaned_data.get("user")
            if user is not None and user.pk not in members:
                form.add_error(
                    "user",
                    _("%(nama)s bukan anggota %(tim)s.")
                    % {"nama": user_label(user), "tim": self.tim.nama},
                )


PesertaFormSet = inlineformset_factory(
    Fgd,
    PesertaFgd,
    form=PesertaFgdForm,
    formset=BasePesertaFormSet,
    extra=1,
    can_delete=True,
    **batas_baris(PESERTA_MAKS),
)


def team_members(teams, *, linked=None):
    """Accounts a participant can be linked to: the members of the given teams, plus the
    accounts already linked (`linked`, a values queryset of user ids), kept when someone has
    since left the team."""
    condition = Q(tim_advokasi__in=teams, is_active=True)
    if linked is not None:
        condition |= Q(pk__in=linked)
    return (
        get_user_model()
        .objects.filter(condition)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


# --- alternative corrective actions --------------------------------------------------------------


class AlternatifForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = AlternatifTindakan
        fields = ["permasalahan", "uraian"]
        widgets = {"permasalahan": SelectCepat, "uraian": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "permasalahan": {"required": _("Pilih permasalahan yang dibahas.")},
            "uraian": {"required": _("Tuliskan alternatif tindakan.")},
        }

    def __init__(self, *args, problems=None, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["permasalahan"]
        field.queryset = problems if problems is not None else Permasalahan.objects.none()
        if choices is not None:  # the same list on every row, read once by the view
            field.choices = choices
        field.label_from_instance = permasalahan_label
        field.empty_label = _("— pilih permasalahan —")
        field.widget.attrs["data-alternatif-masalah"] = ""
        field.error_messages["invalid_choice"] = _(
            "Permasalahan ini tidak termasuk yang dibahas dalam FGD ini."
        )
        self._style_widgets()


class BaseAlternatifFormSet(BaseInlineFormSet):
    """Alternatives proposed in this FGD: each for one of the problems it discusses (§4.2c)."""

    # The problems chosen in the same submission; None when that field itself was invalid.
    dibahas: set[int] | None = None

    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            instance = form.instance
            if instance.pk and (instance.dipilih_di.exists() or instance.disajikan_di.exists()):
                raise ValidationError(
                    _(
                        "Alternatif “%(uraian)s” sudah dipakai dalam bimbingan teknis dan tidak "
                        "dapat dihapus."
                    )
                    % {"uraian": str(instance)}
                )
        if self.dibahas is None:
            return
        for form in self.forms:
            if self._should_delete_form(form) or not hasattr(form, "cleaned_data"):
                continue
            problem = form.cleaned_data.get("permasalahan")
            if problem is not None and problem.pk not in self.dibahas:
                form.add_error(
                    "permasalahan",
                    _("Permasalahan ini tidak termasuk yang dibahas dalam FGD ini."),
                )


AlternatifFormSet = inlineformset_factory(
    Fgd,
    AlternatifTindakan,
    form=AlternatifForm,
    formset=BaseAlternatifFormSet,
    fields=["permasalahan", "uraian"],
    extra=1,
    can_delete=True,
    **batas_baris(100),
)
