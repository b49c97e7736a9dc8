"""The calendar's filter form: which month (or week), which view, which team."""

import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from advokasi.selectors import tim_for_user
from akun.widgets import cepatkan

BULAN_RE = re.compile(r"^(\d{4})-(\d{2})$")


class KalenderForm(forms.Form):
    TAMPILAN = [("bulan", _("Bulan")), ("minggu", _("Minggu"))]

    bulan = forms.CharField(
        label=_("Bulan"),
        required=False,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-05"}),
    )
    tampilan = forms.ChoiceField(
        label=_("Tampilan"),
        choices=TAMPILAN,
        required=False,
        error_messages={"invalid_choice": _("Tampilan harus bulan atau minggu.")},
    )
    tanggal = forms.DateField(
        label=_("Pekan yang memuat tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Tanggal harus berformat TTTT-BB-HH, misalnya 2026-05-14.")},
    )
    tim = forms.ModelChoiceField(
        label=_("Tim"),
        queryset=None,
        required=False,
        empty_label=_("Semua tim"),
        error_messages={"invalid_choice": _("Tim ini tidak ada atau tidak dapat Anda lihat.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the teams the user may read: the filter must not reveal other teams' names.
        self.fields["tim"].queryset = tim_for_user(user).only("pk", "nama").order_by("nama")
        cepatkan(self)

    def clean_bulan(self) -> date | None:
        raw = (self.cleaned_data.get("bulan") or "").strip()
        if not raw:
            return None
        match = BULAN_RE.match(raw)
        if match:
            tahun, bulan = int(match[1]), int(match[2])
            if 1900 <= tahun <= 2999 and 1 <= bulan <= 12:
                return date(tahun, bulan, 1)
        raise forms.ValidationError(
            _("Bulan harus berformat TTTT-BB, misalnya 2026-05."), code="invalid"
        )

    def clean_tanggal(self) -> date | None:
        value = self.cleaned_data.get("tanggal")
        if value is not None and not 1900 <= value.year <= 2999:
            raise forms.ValidationError(_("Tahun harus antara 1900 dan 2999."), code="invalid")
        return value
