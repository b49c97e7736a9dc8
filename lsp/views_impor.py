"""Import of LSPs from XLSX/CSV: upload, preview with every error, save all or nothing."""

from datetime import date

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lsp import exporter, importer
from lsp.models import Impor, Sasaran
from lsp.selectors import can_edit_registry, impor_for_user


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label=gettext_lazy("Berkas XLSX atau CSV"),
        widget=forms.FileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["berkas"].help_text = _(
            "Satu baris per LSP, dengan judul kolom seperti di templat. CSV harus ber-encoding "
            "UTF-8. Paling besar %(size)s, paling banyak %(rows)s baris."
        ) % {
            "size": filesizeformat(settings.UPLOAD_MAX_BYTES),
            "rows": f"{importer.MAX_ROWS:,}".replace(",", "."),
        }
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        importer.check_upload(berkas)
        return berkas


def _require_editor(request) -> None:
    if not can_edit_registry(request.user):
        raise PermissionDenied


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def impor_upload(request):
    _require_editor(request)
    form = ImporForm(request.POST, request.FILES) if request.method == "POST" else ImporForm()
    if form.is_bound and form.is_valid():
        try:
            impor = importer.impor_create(
                user=request.user, uploaded_file=form.cleaned_data["berkas"]
            )
        except ValidationError as exc:
            form.add_error("berkas", exc)
        else:
            return redirect("lsp:impor-preview", pk=impor.pk)
    return render(
        request,
        "lsp/impor_upload.html",
        {"form": form, "recent": impor_for_user(request.user)[:5]},
    )


def _render_preview(request, impor: Impor, commit_error: str | None = None):
    """Everything shown comes from the Impor row itself: one query whatever the file's size."""
    file_errors = [e for e in impor.galat if e["baris"] is None]
    row_errors = [e for e in impor.galat if e["baris"] is not None]
    page = Paginator(row_errors, settings.PAGE_SIZE).get_page(request.GET.get("halaman"))
    preview = [
        {
            **row,
            "tanggal_lisensi": date.fromisoformat(row["tanggal_lisensi"]),
            "tanggal_kedaluwarsa": date.fromisoformat(row["tanggal_kedaluwarsa"]),
        }
        for row in impor.pratinjau
    ]
    return render(
        request,
        "lsp/impor_preview.html",
        {
            "impor": impor,
            "file_errors": file_errors,
            "page": page,
            "preview": preview,
            "errors_truncated": impor.jumlah_galat > len(impor.galat),
            "max_stored_errors": importer.MAX_STORED_ERRORS,
            "commit_error": commit_error,
        },
    )


@require_safe
@login_required
def impor_preview(request, pk):
    _require_editor(request)
    impor = get_object_or_404(impor_for_user(request.user), pk=pk)
    return _render_preview(request, impor)


@require_POST
@login_required
def impor_commit(request, pk):
    _require_editor(request)
    impor = get_object_or_404(impor_for_user(request.user), pk=pk)
    try:
        count = importer.impor_commit(user=request.user, impor=impor)
    except ValidationError as exc:
        return _render_preview(request, impor, commit_error=" ".join(exc.messages))
    messages.success(request, _("%(count)s LSP berhasil diimpor.") % {"count": count})
    return redirect(f"{reverse('lsp:sasaran-list')}?jenis={Sasaran.Jenis.LSP}")


@require_safe
@login_required
def impor_template(request, fmt):
    _require_editor(request)
    if fmt not in Impor.Format.values:
        raise Http404
    return exporter.template_response(fmt)
