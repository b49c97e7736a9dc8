"""The RTL item form (Rencana Tindak Lanjut, §5.1j, §5.2i, §5.3i).

The §2 asas make an item valid only when it is specific (an action), measurable (an indicator
with a target value and unit), time-bound (a due date, not before the session) and accountable
(an owner: one of the session's targets, and a named person). Each missing part is said beside
its field; the service and the database refuse the same.
"""

from types import SimpleNamespace

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from advokasi import selectors
from advokasi.forms.fgd import permasalahan_label
from advokasi.forms.tim import sasaran_label
from advokasi.models import Bimbingan, Rtl
from advokasi.services.rtl import rtl_catat_tanggal_status
from akun.kiriman import KirimanFormMixin
from lsp.forms import DateInput
from lsp.selectors import sasaran_for_user

STATUS_FIELDS = ("status", "progres", "tanggal_mulai", "tanggal_selesai", "tanggal_ditutup")


class RtlForm(KirimanFormMixin, forms.ModelForm):
    class Meta:
        model = Rtl
        fields = [
            "tindakan",
            "jenis",
            "permasalahan",
            "pemilik_sasaran",
            "pemilik_nama",
            "batas_waktu",
            "indikator",
            "target_nilai",
            "satuan",
            "status",
            "progres",
            "langkah_berikut",
            "tanggal_disepakati",
            "tanggal_mulai",
            "tanggal_selesai",
            "tanggal_ditutup",
            "catatan",
        ]
        widgets = {
            "tindakan": forms.Textarea(attrs={"rows": 3}),
            "batas_waktu": DateInput(),
            "tanggal_disepakati": DateInput(),
            "tanggal_mulai": DateInput(),
            "tanggal_selesai": DateInput(),
            "tanggal_ditutup": DateInput(),
            "target_nilai": forms.NumberInput(attrs={"step": "any", "min": "0"}),
            "progres": forms.NumberInput(attrs={"min": "0", "max": "100"}),
            "catatan": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "tindakan": _("Apa yang dikerjakan, secara spesifik (asas spesifik)."),
            "indikator": _("Bukti keberhasilan yang dapat diukur, mis. “SOP asesmen disahkan”."),
            "target_nilai": _("Angka yang harus dicapai (lebih dari nol)."),
            "satuan": _("mis. dokumen, orang, skema, %"),
            "pemilik_sasaran": _("Salah satu sasaran bimbingan ini."),
            "pemilik_nama": _("Orang yang bertanggung jawab, dengan jabatannya."),
            "permasalahan": _("Permasalahan yang ditangani (boleh dikosongkan)."),
            "progres": _("0–100 persen. Status Selesai mengisinya 100."),
            "tanggal_disepakati": _("Bawaan: tanggal bimbingan."),
            "tanggal_mulai": _("Diisi otomatis (hari ini) saat status menjadi Berjalan."),
            "tanggal_selesai": _("Diisi otomatis (hari ini) saat status menjadi Selesai."),
            "tanggal_ditutup": _("Diisi otomatis saat status Selesai atau Dibatalkan."),
        }
        error_messages = {
            "tindakan": {"required": _("Tuliskan tindakan yang spesifik (asas spesifik).")},
            "jenis": {"required": _("Pilih jenis tindakan.")},
            "pemilik_sasaran": {
                "required": _("Pilih sasaran penanggung jawab (asas dapat dipertanggungjawabkan)."),
                "invalid_choice": _("Penanggung jawab harus salah satu sasaran bimbingan ini."),
            },
            "pemilik_nama": {
                "required": _("Tuliskan nama penanggung jawab (asas dapat dipertanggungjawabkan).")
            },
            "batas_waktu": {
                "required": _("Tentukan batas waktu penyelesaian."),
                "invalid": _("Tanggal tidak dikenal."),
            },
            "indikator": {
                "required": _("Tuliskan indikator keberhasilan yang terukur (asas terukur).")
            },
            "target_nilai": {
                "required": _("Isi target nilai indikator (asas terukur)."),
                "invalid": _("Target nilai berupa angka."),
            },
            "satuan": {"required": _("Isi satuan target, mis. dokumen, orang, skema, %.")},
            "permasalahan": {
                "invalid_choice": _("Pilih salah satu permasalahan yang dibahas dalam sesi ini.")
            },
            "progres": {
                "invalid": _("Progres berupa angka 0–100."),
                "max_value": _("Progres paling besar 100 persen."),
            },
            "tanggal_disepakati": {"required": _("Isi tanggal disepakati.")},
        }

    def __init__(self, *args, user, bimbingan: Bimbingan, **kwargs):
        super().__init__(*args, **kwargs)
        self.bimbingan = bimbingan
        owners = self.fields["pemilik_sasaran"]
        owners.queryset = (
            sasaran_for_user(user)
            .filter(bimbingan=bimbingan)
            .select_related("provinsi")
            .order_by("nama")
        )
        owners.label_from_instance = sasaran_label
        owners.empty_label = _("— pilih sasaran —")
        problems = self.fields["permasalahan"]
        problems.queryset = (
            selectors.permasalahan_for_user(user)
            .filter(bimbingan_masalah__bimbingan=bimbingan)
            .select_related("sasaran")
            .order_by("nomor")
        )
        problems.label_from_instance = permasalahan_label
        problems.empty_label = _("— tidak terkait satu permasalahan —")
        self.fields["jenis"].choices = [("", _("— pilih jenis —")), *Rtl.Jenis.choices]
        self.fields["tanggal_disepakati"].required = False
        self.fields["batas_waktu"].widget.attrs["min"] = bimbingan.tanggal.isoformat()
        self.fields["progres"].min_value = 0
        if not self.instance.pk:
            # model_to_dict() put empty values here already; fill them in.
            self.initial["tanggal_disepakati"] = bimbingan.tanggal
            only = list(owners.queryset[:2])
            if len(only) == 1 and not self.initial.get("pemilik_sasaran"):
                self.initial["pemilik_sasaran"] = only[0].pk
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("Tindakan (spesifik)"),
                "tindakan",
                Row(Column("jenis", css_class="col-md-4"), Column("permasalahan")),
            ),
            Fieldset(
                _("Penanggung jawab dan waktu"),
                Row(Column("pemilik_sasaran"), Column("pemilik_nama")),
                Row(
                    Column("batas_waktu", css_class="col-md-4"),
                    Column("tanggal_disepakati", css_class="col-md-4"),
                    Column("langkah_berikut", css_class="col-md-4"),
                ),
            ),
            Fieldset(
                _("Ukuran keberhasilan (terukur)"),
                "indikator",
                Row(Column("target_nilai", css_class="col-md-4"), Column("satuan")),
            ),
            Fieldset(
                _("Status dan kemajuan"),
                Row(
                    Column("status", css_class="col-md-4"), Column("progres", css_class="col-md-4")
                ),
                Row(Column("tanggal_mulai"), Column("tanggal_selesai"), Column("tanggal_ditutup")),
                "catatan",
            ),
        )

    def clean_target_nilai(self):
        value = self.cleaned_data.get("target_nilai")
        if value is not None and value <= 0:
            raise forms.ValidationError(_("Target nilai harus lebih besar dari nol."))
        return value

    def clean_batas_waktu(self):
        value = self.cleaned_data.get("batas_waktu")
        if value is not None and value < self.bimbingan.tanggal:
            raise forms.ValidationError(
                _("Batas waktu tidak boleh sebelum tanggal bimbingan (%(tanggal)s).")
                % {"tanggal": self.bimbingan.tanggal.strftime("%d-%m-%Y")}
            )
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") and not any(name in self.errors for name in STATUS_FIELDS):
            # The dates a status implies are filled before the model's own checks run (a
            # finished item needs its finish date), exactly as the service will fill them.
            dates = SimpleNamespace(**{name: cleaned.get(name) for name in STATUS_FIELDS})
            if dates.progres is None:
                dates.progres = 0
            rtl_catat_tanggal_status(rtl=dates)
            cleaned.update(vars(dates))
        mulai, selesai = cleaned.get("tanggal_mulai"), cleaned.get("tanggal_selesai")
        if mulai and selesai and selesai < mulai:
            self.add_error(
                "tanggal_selesai", _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
            )
        return cleaned
