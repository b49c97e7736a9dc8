"""The evidence-file upload form, shown on problem, FGD, session and RTL pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from advokasi.models import Lampiran
from advokasi.services.lampiran import ACCEPT


class LampiranForm(forms.Form):
    """What the user sends; the file itself is checked by services.lampiran from its content."""

    berkas = forms.FileField(
        label=_("Berkas"),
        help_text=_("PDF, JPG, PNG, WEBP, DOCX atau XLSX, paling besar 10 MB."),
        error_messages={
            "required": _("Pilih berkas yang akan diunggah."),
            "empty": _("Berkas kosong."),
            "invalid": _("Berkas tidak terbaca; unggah ulang."),
            "missing": _("Pilih berkas yang akan diunggah."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    jenis = forms.ChoiceField(
        label=_("Jenis lampiran"),
        choices=Lampiran.Jenis.choices,
        initial=Lampiran.Jenis.DOKUMEN,
        error_messages={
            "required": _("Pilih jenis lampiran."),
            "invalid_choice": _("Pilih jenis lampiran dari daftar."),
        },
    )
    keterangan = forms.CharField(
        label=_("Keterangan"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Keterangan paling banyak 200 karakter.")},
    )

    def __init__(self, *args, prefix_id: str = "lampiran", **kwargs):
        super().__init__(*args, **kwargs)
        # Several upload cards may share a page (an RTL list under a session, say): unique ids.
        self.auto_id = f"id_{prefix_id}_%s"
