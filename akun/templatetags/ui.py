"""Small template helpers shared by every list page: sortable headers and page links."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None removes one)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def sort_header(context, label, key, param="urut"):
    """A column header that sorts by `key`, and by `-key` when clicked again."""
    current = context["request"].GET.get(param, "")
    if current == key:
        target, icon, aria = f"-{key}", "bi-sort-up", "ascending"
    elif current == f"-{key}":
        target, icon, aria = key, "bi-sort-down", "descending"
    else:
        target, icon, aria = key, "bi-arrow-down-up text-body-tertiary", "none"
    href = query_with(context, **{param: target, "halaman": None})
    return format_html(
        '<a href="{}" data-sort="{}">{} <i class="bi {}" aria-hidden="true"></i></a>',
        href,
        aria,
        label,
        icon,
    )
