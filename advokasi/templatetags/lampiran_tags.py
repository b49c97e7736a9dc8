"""Template helpers of the evidence-file card (advokasi/includes/_lampiran.html)."""

from django import template

from advokasi.forms.lampiran import LampiranForm

register = template.Library()

_IKON = {
    "application/pdf": "bi-file-earmark-pdf text-danger",
    "image/jpeg": "bi-file-earmark-image text-primary",
    "image/png": "bi-file-earmark-image text-primary",
    "image/webp": "bi-file-earmark-image text-primary",
}


@register.simple_tag
def lampiran_form(parent_kind: str, parent) -> LampiranForm:
    """An empty upload form whose field ids are unique to this record on the page."""
    return LampiranForm(prefix_id=f"lampiran_{parent_kind}_{getattr(parent, 'pk', '')}")


@register.filter
def lampiran_ikon(tipe_mime: str) -> str:
    """The bootstrap-icons class (and colour) for a stored content type."""
    if tipe_mime in _IKON:
        return _IKON[tipe_mime]
    if "wordprocessingml" in (tipe_mime or ""):
        return "bi-file-earmark-word text-primary"
    if "spreadsheetml" in (tipe_mime or ""):
        return "bi-file-earmark-excel text-success"
    return "bi-file-earmark"


@register.simple_tag(takes_context=True)
def lampiran_daftar(context):
    """The files to list: `lampiran_list`, or `lampiran` as some pages name it."""
    for key in ("lampiran_list", "lampiran"):
        value = context.get(key)
        if value is not None and not isinstance(value, str) and hasattr(value, "__iter__"):
            return value
    return []
