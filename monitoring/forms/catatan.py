"""The monitoring record form (§6.1g): one input per indicator of the plan's instrument, a row per
RTL item in scope, a verdict per problem behind them, and the findings.

The form collects; `monitoring.services.catatan_record` judges (answers by type, progress, scope)
and its messages come back beside these fields, whose names are the service's error keys.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from advokasi.models import Rtl
from akun.kiriman import KirimanFormMixin
from lsp.forms import DateInput
from monitoring.models import Indikator
from monitoring.services import (
    KonfirmasiInput,
    ProgresInput,
    jawaban_key,
    konfirmasi_key,
    progres_key,
)

Tipe = Indikator.Tipe
YA_TIDAK = [("1", _("Ya")), ("0", _("Tidak"))]
SKALA = [
    ("", _("— pilih —")),
    ("1", _("1 · sangat kurang")),
    ("2", _("2 · kurang")),
    ("3", _("3 · cukup")),
    ("4", _("4 · baik")),
    ("5", _("5 · sangat baik")),
]
TERATASI = [("", _("Belum dinilai")), ("ya", _("Teratasi")), ("tidak", _("Belum teratasi"))]


def _benchmark_text(indikator: Indikator) -> str:
    if indikator.benchmark is None:
        return ""
    if indikator.tipe == Tipe.YA_TIDAK:
        return str(_("Ya")) if indikator.benchmark == 1 else str(_("Tidak"))
    value = formats.number_format(indikator.benchmark.normalize(), use_l10n=True)
    return f"{value}%" if indikator.tipe == Tipe.PERSEN else value


def answer_field(indikator: Indikator) -> forms.Field:
    """An input that suits the indicator's type; its value is checked by the service."""
    help_parts = [str(indikator.get_tipe_display())]
    if indikator.benchmark is not None:
        help_parts.append(str(_("benchmark: %(nilai)s")) % {"nilai": _benchmark_text(indikator)})
    options = {"label": indikator.nama, "required": False, "help_text": " · ".join(help_parts)}
    if indikator.tipe == Tipe.YA_TIDAK:
        return forms.CharField(
            widget=forms.RadioSelect(choices=YA_TIDAK, attrs={"class": "form-check-input"}),
            **options,
        )
    if indikator.tipe == Tipe.SKALA:
        return forms.CharField(widget=forms.Select(choices=SKALA), **options)
    if indikator.tipe == Tipe.TEKS:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), **options)
    attrs = {"step": "any", "inputmode": "decimal"}
    if indikator.tipe == Tipe.PERSEN:
        attrs.update({"min": "0", "max": "100"})
    return forms.CharField(widget=forms.NumberInput(attrs=attrs), **options)


class CatatanForm(KirimanFormMixin, forms.Form):
    tanggal = forms.DateField(
        label=_("Tanggal pelaksanaan"),
        widget=DateInput(),
        error_messages={
            "required": _("Isi tanggal pelaksanaan monitoring."),
            "invalid": _("Tanggal harus berformat TTTT-BB-HH."),
        },
    )
    temuan = forms.CharField(
        label=_("Temuan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Apa yang ditemukan di lapangan, termasuk bukti yang dilihat."),
    )
    faktor_pendorong = forms.CharField(
        label=_("Faktor pendorong"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    faktor_penghambat = forms.CharField(
        label=_("Faktor penghambat"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, rencana, indikator, rtl, permasalahan, **kwargs):
        """`indikator`, `rtl` and `permasalahan` are the plan's, already fetched by the view:
        indicators with their focus and aspect, RTL items, problems behind them."""
        super().__init__(*args, **kwargs)
        self.rencana = rencana
        self.indikator, self.rtl, self.permasalahan = list(indikator), list(rtl), list(permasalahan)
        today = timezone.localdate()
        self.fields["tanggal"].widget.attrs["max"] = today.isoformat()
        self.initial.setdefault("tanggal", min(rencana.tanggal_rencana, today))

        for item in self.indikator:
            self.fields[jawaban_key(item.pk)] = answer_field(item)

        for item in self.rtl:
            self.fields[progres_key(item.pk, "status")] = forms.CharField(
                label=_("Status"),
                widget=forms.Select(
                    choices=Rtl.Status.choices, attrs={"class": "form-select form-select-sm"}
                ),
                required=False,
                initial=item.status,
            )
            self.fields[progres_key(item.pk, "progres")] = forms.CharField(
                label=_("Progres (%)"),
                widget=forms.NumberInput(
                    attrs={
                        "class": "form-control form-control-sm",
                        "min": "0",
                        "max": "100",
                        "step": "1",
                    }
                ),
                required=False,
                initial=item.progres,
            )
            self.fields[progres_key(item.pk, "realisasi")] = forms.CharField(
                label=_("Realisasi"),
                widget=forms.NumberInput(
                    attrs={
                        "class": "form-control form-control-sm",
                        "step": "any",
                        "min": "0",
                        "inputmode": "decimal",
                    }
                ),
                required=False,
            )
            self.fields[progres_key(item.pk, "keterangan")] = forms.CharField(
                label=_("Keterangan"),
                widget=forms.Textarea(attrs={"class": "form-control form-control-sm", "rows": 1}),
                required=False,
            )

        for problem in self.permasalahan:
            self.fields[konfirmasi_key(problem.pk, "teratasi")] = forms.ChoiceField(
                label=_("Hasil"),
                choices=TERATASI,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                required=False,
                initial="",
            )
            self.fields[konfirmasi_key(problem.pk, "keterangan")] = forms.CharField(
                label=_("Keterangan"),
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
                required=False,
            )

        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(_("Temuan dan faktor"), "temuan", "faktor_pendorong", "faktor_penghambat")
        )

    # --- what the template draws -------------------------------------------------------------

    def answer_tree(self) -> list[dict]:
        """[{aspek, fokus: [{fokus, fields: [(indikator, bound field)]}]}] in the tree's order."""
        tree: list[dict] = []
        for item in self.indikator:
            aspek, fokus = item.fokus.aspek, item.fokus
            if not tree or tree[-1]["aspek"].pk != aspek.pk:
                tree.append({"aspek": aspek, "fokus": []})
            groups = tree[-1]["fokus"]
            if not groups or groups[-1]["fokus"].pk != fokus.pk:
                groups.append({"fokus": fokus, "fields": []})
            groups[-1]["fields"].append((item, self[jawaban_key(item.pk)]))
        return tree

    def rtl_rows(self) -> list[dict]:
        return [
            {
                "rtl": item,
                **{
                    name: self[progres_key(item.pk, name)]
                    for name in ("status", "progres", "realisasi", "keterangan")
                },
            }
            for item in self.rtl
        ]

    def masalah_rows(self) -> list[dict]:
        return [
            {
                "permasalahan": problem,
                "teratasi": self[konfirmasi_key(problem.pk, "teratasi")],
                "keterangan": self[konfirmasi_key(problem.pk, "keterangan")],
            }
            for problem in self.permasalahan
        ]

    def mark_invalid(self) -> None:
        """Add Bootstrap's is-invalid to the widgets drawn by hand that have errors."""
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()

    # --- what the service gets ---------------------------------------------------------------

    def isian(self) -> dict:
        """The findings, factors and answers, as the services take them."""
        data = self.cleaned_data
        return {
            "temuan": data["temuan"],
            "faktor_pendorong": data["faktor_pendorong"],
            "faktor_penghambat": data["faktor_penghambat"],
            "jawaban": {item.pk: data.get(jawaban_key(item.pk)) for item in self.indikator},
        }

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "tanggal": data["tanggal"],
            **self.isian(),
            "progres": [
                ProgresInput(
                    rtl_id=item.pk,
                    status=data.get(progres_key(item.pk, "status")) or "",
                    progres=data.get(progres_key(item.pk, "progres")),
                    realisasi=data.get(progres_key(item.pk, "realisasi")),
                    keterangan=data.get(progres_key(item.pk, "keterangan")) or "",
                )
                for item in self.rtl
            ],
            "konfirmasi": [
                KonfirmasiInput(
                    permasalahan_id=problem.pk,
                    teratasi=data[konfirmasi_key(problem.pk, "teratasi")] == "ya",
                    keterangan=data.get(konfirmasi_key(problem.pk, "keterangan")) or "",
                )
                for problem in self.permasalahan
                if data.get(konfirmasi_key(problem.pk, "teratasi"))
            ],
        }


def jawaban_awal(indikator: Indikator, jawaban) -> str:
    """A stored answer as its input shows it (the inverse of services.jawaban_parse)."""
    if jawaban is None:
        return ""
    if indikator.tipe == Tipe.TEKS or jawaban.nilai is None:
        return jawaban.teks
    if indikator.tipe in (Tipe.YA_TIDAK, Tipe.SKALA):
        return str(int(jawaban.nilai))
    return format(jawaban.nilai.normalize(), "f")


class CatatanKoreksiForm(CatatanForm):
    """The correction of a saved record: its findings, factors and instrument answers. The visit
    date and the RTL progress are left as recorded (they moved the RTL items)."""

    def __init__(self, *args, catatan, indikator, **kwargs):
        super().__init__(
            *args, rencana=catatan.rencana, indikator=indikator, rtl=[], permasalahan=[], **kwargs
        )
        del self.fields["tanggal"]
        self.instance = catatan  # the version a second editor is checked against (akun.kiriman)
        if not self.is_bound:
            answers = {j.indikator_id: j for j in catatan.jawaban.all()}
            for item in self.indikator:
                self.initial[jawaban_key(item.pk)] = jawaban_awal(item, answers.get(item.pk))
            for name in ("temuan", "faktor_pendorong", "faktor_penghambat"):
                self.initial[name] = getattr(catatan, name)

    def service_kwargs(self) -> dict:
        return self.isian()
