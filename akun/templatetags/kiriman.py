"""`{% kiriman_fields form %}`: the hidden fields of akun.kiriman (kirim_id, versi), and the
differences when a save was refused because someone else changed the record meanwhile."""

import uuid

from django import template
from django.forms import BaseForm, BaseFormSet

from akun.kiriman import FIELD, VERSI, daftar_form

register = template.Library()


def _forms_in(value):
    """Forms and formsets in a context value: itself, or inside a list (of dicts)."""
    if isinstance(value, BaseForm | BaseFormSet):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            if isinstance(item, dict):
                yield from (v for v in item.values() if isinstance(v, BaseForm | BaseFormSet))
            elif isinstance(item, BaseForm | BaseFormSet):
                yield item


@register.inclusion_tag("includes/_kiriman.html", takes_context=True)
def kiriman_fields(context, form=None):
    request = context.get("request")
    posted = request.POST.get(FIELD, "") if request is not None and request.method == "POST" else ""
    try:
        kirim_id = str(uuid.UUID(posted))
    except ValueError:
        kirim_id = str(uuid.uuid4())
    if request is not None:
        found = [form] if form is not None else []
        for value in context.flatten().values():
            found.extend(_forms_in(value))
        daftar_form(request, found)
    versi_awal = getattr(form, "versi_awal", None)
    return {
        "kirim_field": FIELD,
        "kirim_id": kirim_id,
        "versi_field": VERSI,
        "versi": versi_awal() if versi_awal else "",
        "bentrok": getattr(form, "bentrok", None),
    }


@register.simple_tag
def kirim_id_baru() -> str:
    """A fresh kirim_id for a form drawn on another page (an evidence upload)."""
    return str(uuid.uuid4())
