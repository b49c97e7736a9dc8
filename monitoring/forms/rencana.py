"""The monitoring plan form (§6.1 a–f), built from the RTL of one or more guidance sessions."""

from collections import OrderedDict

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Fieldset, Layout, Row
from django import forms
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from advokasi import selectors
from advokasi.forms.tim import SearchableSelectMultiple, sasaran_label
from advokasi.models import Bimbingan, Tim
from lsp.forms import DateInput
from lsp.models import Sasaran
from lsp.selectors import sasaran_for_user
from monitoring.models import RencanaMonitoring
from monitoring.selectors import instrumen_for_user
from monitoring.services import rencana_errors


def bimbingan_label(bimbingan: Bimbingan) -> str:
    """Number, date and team: needs the team select_related."""
    return f"{bimbingan.nomor} · {bimbingan.tanggal:%d-%m-%Y} · {bimbingan.tim.nama}"


def bimbingan_choices(user, *, rencana: RencanaMonitoring | None = None):
    """Sessions a plan may be built from: those the user may read, of the teams the user may
    file records under (plus, when editing, the plan's own)."""
    sessions = selectors.bimbingan_for_user(user).filter(tim__in=selectors.tim_for_records(user))
    if rencana is not None and rencana.pk:
        sessions = sessions | selectors.bimbingan_for_user(user).filter(rencana_monitoring=rencana)
    return sessions.distinct().select_related("tim").order_by("-tanggal", "-pk")


def chosen_ids(values) -> list[int]:
    """The numeric ids among submitted values (anything else is ignored, never an error page).

    isdecimal, not isdigit: "²" is a digit that int() refuses.
    """
    return [int(v) for v in values if str(v).isdecimal()]


def rtl_choices(user, *, bimbingan_ids, rencana: RencanaMonitoring | None = None):
    """RTL items of the chosen sessions the user may read, grouped by session in the page."""
    sessions = bimbingan_choices(user, rencana=rencana).filter(pk__in=bimbingan_ids)
    return (
        selectors.rtl_for_user(user)
        .filter(bimbingan__in=sessions.values("pk"))
        .select_related("bimbingan", "pemilik_sasaran", "permasalahan")
        # The sessions' targets, which static/js/monitoring.js adds to the plan's targets.
        .prefetch_related(Prefetch("bimbingan__sasaran", queryset=Sasaran.objects.only("pk")))
        .order_by("bimbingan__tanggal", "bimbingan_id", "batas_waktu", "pk")
    )


def rtl_groups(rtl_qs, checked: set[int]) -> list[dict]:
    """[{bimbingan, items: [{rtl, checked}]}], in the queryset's order."""
    groups: OrderedDict[int, dict] = OrderedDict()
    for rtl in rtl_qs:
        group = groups.setdefault(rtl.bimbingan_id, {"bimbingan": rtl.bimbingan, "items": []})
        group["items"].append({"rtl": rtl, "checked": rtl.pk in checked})
    return list(groups.values())


class RencanaForm(forms.ModelForm):
    class Meta:
        model = RencanaMonitoring
        fields = [
            "tim",
            "bimbingan",
            "rtl",
            "tujuan",
            "sasaran",
            "ruang_lingkup",
            "metode",
            "instrumen",
            "benchmark",
            "tanggal_rencana",
            "tanggal_dikomunikasikan",
            "status",
        ]
        widgets = {
            "bimbingan": SearchableSelectMultiple(attrs={"size": 6}),
            "rtl": forms.CheckboxSelectMultiple,
            "sasaran": SearchableSelectMultiple(attrs={"size": 6}),
            "tujuan": forms.Textarea(attrs={"rows": 2}),
            "ruang_lingkup": forms.Textarea(attrs={"rows": 2}),
            "benchmark": forms.Textarea(attrs={"rows": 2}),
            "tanggal_rencana": DateInput(),
            "tanggal_dikomunikasikan": DateInput(),
        }
        labels = {
            "tanggal_rencana": _("Jadwal pelaksanaan"),
            "tanggal_dikomunikasikan": _("Tanggal dikomunikasikan ke sasaran (§6.1f)"),
        }
        help_texts = {
            "bimbingan": _(
                "Bimbingan teknis tim ini yang RTL-nya dimonitor. Tahan Ctrl (⌘ di Mac) untuk "
                "memilih lebih dari satu."
            ),
            "tujuan": _("Apa yang ingin diketahui dari monitoring ini (§6.1a)."),
            "sasaran": _("Kosongkan untuk memakai sasaran bimbingan yang dipilih."),
            "ruang_lingkup": _("Bagian pelaksanaan RTL yang diperiksa (§6.1c)."),
            "benchmark": _("Acuan pembanding hasil monitoring, mis. target RTL atau standar BNSP."),
            "instrumen": _("Daftar isian (perangkat monitoring) yang diisi saat pelaksanaan."),
            "tanggal_dikomunikasikan": _(
                "Kapan rencana ini diberitahukan kepada sasaran; boleh diisi kemudian."
            ),
        }
        error_messages = {
            "tim": {"required": _("Pilih tim yang melaksanakan monitoring.")},
            "bimbingan": {
                "required": _("Pilih minimal satu bimbingan yang RTL-nya akan dimonitor."),
                "invalid_choice": _("Bimbingan ini tidak ada atau tidak dapat Anda pakai."),
            },
            "rtl": {
                "required": _("Pilih minimal satu RTL yang akan dimonitor."),
                "invalid_choice": _("Pilih RTL dari bimbingan yang dipilih."),
            },
            "tujuan": {"required": _("Tuliskan tujuan monitoring (§6.1a).")},
            "ruang_lingkup": {"required": _("Tuliskan ruang lingkup monitoring (§6.1c).")},
            "metode": {"required": _("Pilih metode monitoring (§6.1d).")},
            "instrumen": {
                "required": _("Pilih instrumen monitoring (§6.1e)."),
                "invalid_choice": _("Pilih instrumen yang aktif."),
            },
            "tanggal_rencana": {
                "required": _("Tentukan jadwal pelaksanaan monitoring."),
                "invalid": _("Tanggal harus berformat TTTT-BB-HH."),
            },
            "tanggal_dikomunikasikan": {"invalid": _("Tanggal harus berformat TTTT-BB-HH.")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        rencana = self.instance if self.instance.pk else None
        teams = selectors.tim_for_records(user)
        if rencana is not None:
            teams = teams | Tim.objects.filter(pk=rencana.tim_id)
        self.fields["tim"].queryset = teams.distinct().order_by("nama")
        self.fields["tim"].empty_label = _("— pilih tim —")

        sessions = self.fields["bimbingan"]
        sessions.queryset = bimbingan_choices(user, rencana=rencana)
        sessions.label_from_instance = bimbingan_label

        # The RTL offered are those of the sessions chosen (as submitted, or as first shown).
        if self.is_bound:
            ids = chosen_ids(self.data.getlist("bimbingan"))
        else:
            ids = chosen_ids(self.initial.get("bimbingan") or [])
        self.rtl_queryset = rtl_choices(user, bimbingan_ids=ids, rencana=rencana)
        self.fields["rtl"].queryset = self.rtl_queryset

        target = self.fields["sasaran"]
        target.queryset = sasaran_for_user(user).select_related("provinsi").order_by("nama", "pk")
        target.label_from_instance = sasaran_label
        target.required = False

        instruments = instrumen_for_user(user).filter(aktif=True)
        if rencana is not None:
            instruments = instruments | instrumen_for_user(user).filter(pk=rencana.instrumen_id)
        self.fields["instrumen"].queryset = instruments.distinct().order_by("nama")
        self.fields["instrumen"].empty_label = _("— pilih instrumen —")
        self.fields["metode"].choices = [
            ("", _("— pilih metode —")),
            *RencanaMonitoring.Metode.choices,
        ]

        Status = RencanaMonitoring.Status
        if rencana is None:
            del self.fields["status"]
        elif rencana.status == Status.TERLAKSANA:
            self.fields["status"].choices = [(Status.TERLAKSANA, Status.TERLAKSANA.label)]
            self.fields["status"].disabled = True
            self.fields["status"].help_text = _(
                "Rencana ini sudah dicatat pelaksanaannya; statusnya tetap Terlaksana."
            )
        else:
            self.fields["status"].choices = [
                (Status.DIRENCANAKAN, Status.DIRENCANAKAN.label),
                (Status.DIBATALKAN, Status.DIBATALKAN.label),
            ]
            self.fields["status"].help_text = _(
                "Status Terlaksana diberikan otomatis ketika catatan monitoring disimpan."
            )

        pilihan_url = reverse("monitoring:rencana-rtl-pilihan")
        if rencana is not None:
            pilihan_url += f"?rencana={rencana.pk}"
        sessions.widget.attrs.update(
            {
                # htmx reloads the RTL choices when the sessions change; without script the
                # choices follow the sessions when the form comes back.
                "hx-get": pilihan_url,
                "hx-trigger": "change",
                "hx-target": "#rtl-pilihan",
                "hx-swap": "outerHTML",
                "hx-include": "[name='bimbingan'],[name='rtl']",
            }
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        plan_fields = [
            Row(Column("tujuan"), Column("ruang_lingkup")),
            Row(Column("metode", css_class="col-md-4"), Column("instrumen")),
            "benchmark",
            "sasaran",
        ]
        schedule = [Column("tanggal_rencana"), Column("tanggal_dikomunikasikan")]
        if "status" in self.fields:
            schedule.append(Column("status"))
        self.helper.layout = Layout(
            Fieldset(
                _("Tim, bimbingan dan RTL"),
                Row(Column("tim", css_class="col-md-5")),
                "bimbingan",
                # The RTL of the chosen sessions, as checkboxes grouped by session.
                HTML('{% include "monitoring/rencana/_rtl_field.html" %}'),
            ),
            Fieldset(_("Rencana (§6.1 a–f)"), *plan_fields, Row(*schedule)),
        )

    def clean(self):
        cleaned = super().clean()
        # The rules tying the plan to its sessions and dates, said together with the rest.
        probe = RencanaMonitoring(
            tim=cleaned.get("tim"),
            tanggal_rencana=cleaned.get("tanggal_rencana"),
            tanggal_dikomunikasikan=cleaned.get("tanggal_dikomunikasikan"),
        )
        errors = rencana_errors(
            rencana=probe,
            bimbingan=list(cleaned.get("bimbingan") or []),
            rtl=list(cleaned.get("rtl") or []),
        )
        for field, messages in errors.items():
            if field not in self.errors:
                for message in messages:
                    self.add_error(field, message)
        return cleaned

    def rtl_groups(self) -> list[dict]:
        """The RTL choices grouped by session, with the ticked ones marked."""
        value = self.data.getlist("rtl") if self.is_bound else self.initial.get("rtl") or []
        checked = {int(v) if str(v).isdecimal() else getattr(v, "pk", v) for v in value}
        return rtl_groups(self.rtl_queryset, checked)


def initial_for_sessions(user, bimbingan_ids) -> dict:
    """The first values of a new plan built from these sessions: their team, their targets and
    their open RTL items."""
    sessions = list(bimbingan_choices(user).filter(pk__in=bimbingan_ids))
    initial: dict = {"bimbingan": [b.pk for b in sessions]}
    teams = selectors.tim_for_records(user)
    tim_ids = {b.tim_id for b in sessions}
    if len(tim_ids) == 1:
        initial["tim"] = tim_ids.pop()
    elif not sessions and teams.count() == 1:
        initial["tim"] = teams.get().pk
    if sessions:
        initial["sasaran"] = list(
            sasaran_for_user(user)
            .filter(bimbingan__in=[b.pk for b in sessions])
            .values_list("pk", flat=True)
            .distinct()
        )
        initial["rtl"] = list(
            selectors.rtl_for_user(user)
            .filter(bimbingan__in=[b.pk for b in sessions])
            .terbuka()
            .values_list("pk", flat=True)
        )
    return initial
