"""Evidence files: upload to a record, download, delete. Every step goes through a door.

Files are never served from static/ or MEDIA_URL: only `lampiran_download` sends them, after
checking that the user may read the record the file belongs to.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, path, re_path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from advokasi import selectors
from advokasi.forms.lampiran import LampiranForm
from advokasi.services.lampiran import lampiran_create, lampiran_delete
from akun.doors import object_for_edit
from akun.kiriman import kirim_sekali, tercatat

# parent kind -> (read door, write door)
DOORS = {
    "permasalahan": (selectors.permasalahan_for_user, selectors.permasalahan_editable_by),
    "fgd": (selectors.fgd_for_user, selectors.fgd_editable_by),
    "bimbingan": (selectors.bimbingan_for_user, selectors.bimbingan_editable_by),
    "rtl": (selectors.rtl_for_user, selectors.rtl_editable_by),
}


def parent_for_edit(user, parent_kind: str, parent_pk):
    """The record a file is attached to, if the user may change it (403/404 otherwise)."""
    if parent_kind not in DOORS:
        raise Http404
    read, write = DOORS[parent_kind]
    return object_for_edit(read=read(user), write=write(user), pk=parent_pk)


def parent_url(parent) -> str:
    """Where to send the user back to: the record's page (home while that page is not built)."""
    try:
        return parent.get_absolute_url()
    except NoReverseMatch:
        return reverse("beranda")


def _first_error(form) -> str:
    for errors in form.errors.values():
        return errors[0]
    return _("Unggahan tidak dapat diproses.")


@require_POST
@kirim_sekali(simpan_sesi=False)
@login_required
def lampiran_upload(request, parent_kind, parent_pk):
    parent = parent_for_edit(request.user, parent_kind, parent_pk)
    form = LampiranForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Lampiran tidak diunggah: %(msg)s") % {"msg": _first_error(form)})
        return redirect(parent_url(parent))
    try:
        lampiran = lampiran_create(
            user=request.user,
            parent_kind=parent_kind,
            parent=parent,
            uploaded_file=form.cleaned_data["berkas"],
            jenis=form.cleaned_data["jenis"],
            keterangan=form.cleaned_data["keterangan"],
        )
    except ValidationError as exc:
        messages.error(request, _("Lampiran tidak diunggah: %(msg)s") % {"msg": exc.messages[0]})
        return redirect(parent_url(parent))
    tercatat(request, parent_url(parent), baru=True)
    messages.success(
        request, _("Lampiran %(nama)s berhasil diunggah.") % {"nama": lampiran.nama_asli}
    )
    return redirect(parent_url(parent))


@require_safe
@login_required
def lampiran_download(request, pk):
    lampiran = get_object_or_404(selectors.lampiran_for_user(request.user), pk=pk)
    try:
        handle = lampiran.berkas.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("Berkas tidak ditemukan di penyimpanan.")) from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=lampiran.nama_asli,
        content_type=lampiran.tipe_mime,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def lampiran_delete_view(request, pk):
    lampiran = get_object_or_404(selectors.lampiran_for_user(request.user), pk=pk)
    parent_kind = next(name for name in lampiran.PARENTS if getattr(lampiran, f"{name}_id"))
    parent = parent_for_edit(request.user, parent_kind, getattr(lampiran, f"{parent_kind}_id"))
    nama = lampiran.nama_asli
    lampiran_delete(user=request.user, lampiran=lampiran)
    messages.success(request, _("Lampiran %(nama)s dihapus.") % {"nama": nama})
    return redirect(parent_url(parent))


urlpatterns = [
    # Only the four kinds of record that carry files match: any other path stays a plain 404.
    re_path(
        r"^(?P<parent_kind>permasalahan|fgd|bimbingan|rtl)/(?P<parent_pk>[0-9]+)/lampiran/$",
        lampiran_upload,
        name="lampiran-upload",
    ),
    path("lampiran/<int:pk>/", lampiran_download, name="lampiran-download"),
    path("lampiran/<int:pk>/hapus/", lampiran_delete_view, name="lampiran-delete"),
]
