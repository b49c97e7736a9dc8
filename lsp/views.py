from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from advokasi.selectors_cerita import sasaran_cerita_tersimpan
from akun.doors import object_for_edit
from lsp import exporter
from lsp.filters import SasaranFilter
from lsp.forms import DETAIL_FORMS, SasaranForm
from lsp.models import Sasaran
from lsp.selectors import (
    can_edit_registry,
    sasaran_editable_by,
    sasaran_for_user,
    sasaran_history,
    tuk_for_lsp,
)
from lsp.services import SasaranInUse, sasaran_delete, sasaran_save


def _filtered(request):
    queryset = sasaran_for_user(request.user).with_details().with_status_lisensi()
    filterset = SasaranFilter(request.GET or None, queryset=queryset, request=request)
    # An invalid filter value (a province id that is not offered, say) shows the form errors and
    # the unfiltered list rather than an error page.
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    return filterset, rows.order_by(*rows.query.order_by or ["nama"], "pk")


@require_safe
@login_required
def sasaran_list(request):
    filterset, rows = _filtered(request)
    page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(
        request,
        "lsp/sasaran_list.html",
        {
            "filter": filterset,
            "page": page,
            "can_edit": can_edit_registry(request.user),
            "jenis_choices": Sasaran.Jenis.choices,
        },
    )


@require_safe
@login_required
def sasaran_export(request, fmt):
    if fmt not in ("xlsx", "csv"):
        raise Http404
    _filterset, rows = _filtered(request)
    return exporter.export_response(rows_queryset=rows, fmt=fmt, filename_stem="sasaran-advokasi")


@require_safe
@login_required
def sasaran_detail(request, pk):
    sasaran = get_object_or_404(
        sasaran_for_user(request.user).with_details().with_status_lisensi(), pk=pk
    )
    return render(
        request,
        "lsp/sasaran_detail.html",
        {
            "sasaran": sasaran,
            "tuks": tuk_for_lsp(request.user, sasaran)
            if sasaran.jenis == Sasaran.Jenis.LSP
            else [],
            "history": sasaran_history(sasaran),
            "can_edit": sasaran_editable_by(request.user).filter(pk=sasaran.pk).exists(),
            "cerita": sasaran_cerita_tersimpan(user=request.user, sasaran=sasaran),
        },
    )


def _save_forms(request, *, sasaran, detail_instance, template_context):
    """Bind, validate and save the common form and the kind's detail form together."""
    detail_form_class = DETAIL_FORMS.get(sasaran.jenis)
    data = request.POST if request.method == "POST" else None
    form = SasaranForm(data, instance=sasaran, user=request.user)
    detail_form = (
        detail_form_class(data, instance=detail_instance, user=request.user)
        if detail_form_class
        else None
    )
    forms = [f for f in (form, detail_form) if f is not None]
    if data is not None and all(f.is_valid() for f in forms):
        try:
            saved = sasaran_save(
                sasaran=form.save(commit=False),
                detail=detail_form.save(commit=False) if detail_form else None,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                target = next((f for f in forms if field in f.fields), form)
                for error in errors:
                    target.add_error(field if field in target.fields else None, error)
        else:
            messages.success(request, _("Data %(nama)s tersimpan.") % {"nama": saved.nama})
            return redirect(saved)
    return render(
        request,
        "lsp/sasaran_form.html",
        {"form": form, "detail_form": detail_form, "sasaran": sasaran, **template_context},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def sasaran_create(request, jenis):
    if jenis not in Sasaran.Jenis.values:
        raise Http404
    if not can_edit_registry(request.user):
        raise PermissionDenied
    sasaran = Sasaran(jenis=jenis)
    return _save_forms(
        request,
        sasaran=sasaran,
        detail_instance=None,
        template_context={"title": _("Tambah %(jenis)s") % {"jenis": sasaran.get_jenis_display()}},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def sasaran_update(request, pk):
    sasaran = _editable_or_deny(request, pk)
    detail = getattr(sasaran, sasaran.jenis, None) if sasaran.jenis in DETAIL_FORMS else None
    return _save_forms(
        request,
        sasaran=sasaran,
        detail_instance=detail,
        template_context={"title": _("Ubah %(nama)s") % {"nama": sasaran.nama}},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def sasaran_delete_view(request, pk):
    sasaran = _editable_or_deny(request, pk)
    if request.method == "POST":
        try:
            sasaran_delete(sasaran=sasaran)
        except SasaranInUse as exc:
            messages.error(
                request,
                _("%(nama)s tidak dapat dihapus karena masih dirujuk oleh: %(daftar)s.")
                % {"nama": sasaran.nama, "daftar": ", ".join(exc.blockers[:10])},
            )
            return redirect(sasaran)
        messages.success(request, _("%(nama)s telah dihapus.") % {"nama": sasaran.nama})
        return redirect("lsp:sasaran-list")
    return render(request, "lsp/sasaran_confirm_delete.html", {"sasaran": sasaran})


def _editable_or_deny(request, pk) -> Sasaran:
    return object_for_edit(
        read=sasaran_for_user(request.user),
        write=sasaran_editable_by(request.user).with_details(),
        pk=pk,
    )
