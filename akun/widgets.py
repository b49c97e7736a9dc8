"""Choice widgets for long lists, written in Python instead of one template per option.

Django renders each <option> and each checkbox through two or three templates (about 0.15 ms
each). The forms of the product offer a team's whole list of problems or the registry's targets:
2,000 targets made the survey form take 350 ms, and the FGD form (its problems as checkboxes, then
again in each alternative's select and in the row template) 300 ms (bench data, SQLite).

These widgets write the same markup (names, ids, `selected`/`checked`, labels, escaping) in one
pass, and read the choices once per render.
"""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


def _text(value) -> str:
    """A label as HTML: escaped, unless it is already safe HTML."""
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def _key(value) -> str:
    return "" if value is None else str(value)


def _options(choices, chosen: set[str], option_attrs) -> str:
    """(value, label) pairs, with optgroups, as <option> elements."""
    parts = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            inner = _options(label, chosen, option_attrs)
            parts.append(f'<optgroup label="{_text(value)}">{inner}</optgroup>')
            continue
        key = _key(value)
        selected = " selected" if key in chosen else ""
        extra = flatatt(option_attrs(value))
        parts.append(f'<option value="{escape(key)}"{extra}{selected}>{_text(label)}</option>')
    return "".join(parts)


class _OpsiAttrs:
    def option_attrs(self, value) -> dict:
        """Extra attributes of one option (`value` is a ModelChoiceIteratorValue for models)."""
        return {}


class _Cepat(_OpsiAttrs):
    """Renders a Select or SelectMultiple's options in Python (see the module docstring)."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        if self.allow_multiple_selected:
            final["multiple"] = True
        chosen = {str(v) for v in self.format_value(value)}
        options = _options(self.choices, chosen, self.option_attrs)
        return mark_safe(f"<select{flatatt(final)}>{options}</select>")


class SelectCepat(_Cepat, forms.Select):
    pass


class SelectMultipleCepat(_Cepat, forms.SelectMultiple):
    pass


class CheckboxCepat(_OpsiAttrs, forms.CheckboxSelectMultiple):
    """Checkboxes, each in `<div class="form-check" data-pilihan>` (the filter box of the FGD and
    priority forms hides these), with Django's ids: `<field id>_<index>`."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        base_id = final.pop("id", None)
        final.pop("required", None)  # one of many: the form checks that something is chosen
        css = final.pop("class", "")
        if "form-check-input" not in css.split():
            css = f"{css} form-check-input".strip()
        common = flatatt({**final, "type": "checkbox", "name": name, "class": css})
        chosen = {str(v) for v in self.format_value(value)}
        rows = []
        for index, (choice, label) in enumerate(self.choices):
            key = _key(choice)
            input_id = escape(f"{base_id}_{index}") if base_id else ""
            id_attr = f' id="{input_id}"' if input_id else ""
            checked = " checked" if key in chosen else ""
            extra = flatatt(self.option_attrs(choice))
            rows.append(
                f'<div class="form-check" data-pilihan><input{common} value="{escape(key)}"'
                f'{id_attr}{extra}{checked}><label class="form-check-label" for="{input_id}">'
                f"{_text(label)}</label></div>"
            )
        return mark_safe("".join(rows))


_FAST = {forms.Select: SelectCepat, forms.SelectMultiple: SelectMultipleCepat}


def cepatkan(form: forms.BaseForm) -> forms.BaseForm:
    """Give a form's plain selects the fast rendering (same attributes and choices). The filter
    forms above every list call it: their selects were 40% of a list page's time (bench)."""
    for field in form.fields.values():
        fast = _FAST.get(type(field.widget))
        if fast is not None:
            old = field.widget
            field.widget = fast(attrs=old.attrs, choices=old.choices)
            field.widget.is_required = old.is_required
    return form
