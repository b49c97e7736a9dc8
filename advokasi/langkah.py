"""The checklist of pedoman steps recorded with an FGD (§4.2) or a guidance session (§5.x).

Stored as JSON on the session: {"a": {"dilaksanakan": true, "catatan": "..."}, ...}.
"""

from django import forms
from django.utils.translation import gettext_lazy as _


class LangkahForm(forms.Form):
    """One checkbox and one note per step; build it with the step list of the session's kind."""

    def __init__(self, *args, steps, stored=None, **kwargs):
        stored = stored or {}
        initial = {}
        for kode, _label in steps:
            entry = stored.get(kode, {})
            initial[f"langkah_{kode}"] = bool(entry.get("dilaksanakan"))
            initial[f"catatan_{kode}"] = entry.get("catatan", "")
        super().__init__(*args, initial=initial, **kwargs)
        self.steps = steps
        for kode, label in steps:
            self.fields[f"langkah_{kode}"] = forms.BooleanField(
                label=f"{kode}. {label}", required=False
            )
            self.fields[f"catatan_{kode}"] = forms.CharField(
                label=_("Catatan langkah %(kode)s") % {"kode": kode},
                required=False,
                max_length=1000,
                widget=forms.TextInput(attrs={"placeholder": _("Catatan (opsional)")}),
            )

    def rows(self):
        """(checkbox field, note field) pairs in step order, for the template."""
        return [(self[f"langkah_{kode}"], self[f"catatan_{kode}"]) for kode, _l in self.steps]

    def to_json(self) -> dict:
        return {
            kode: {
                "dilaksanakan": self.cleaned_data[f"langkah_{kode}"],
                "catatan": self.cleaned_data[f"catatan_{kode}"].strip(),
            }
            for kode, _label in self.steps
        }


def langkah_rows(steps, stored) -> list[dict]:
    """The steps with what was recorded, for detail pages and printed papers."""
    stored = stored or {}
    return [
        {
            "kode": kode,
            "label": label,
            "dilaksanakan": bool(stored.get(kode, {}).get("dilaksanakan")),
            "catatan": stored.get(kode, {}).get("catatan", ""),
        }
        for kode, label in steps
    ]
