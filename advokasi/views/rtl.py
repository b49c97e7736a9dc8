"""RTL items (Rencana Tindak Lanjut): the list of all items, an item's page with its history,
and recording or changing an item of a session. Mounted through advokasi/views/bimbingan.py."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from advokasi import selectors
from advokasi.filters import RtlFilter, rtl_owners
from advokasi.forms.rtl import RtlForm
from advokasi.models import Bimbingan, Rtl
from advokasi.services.rtl import rtl_save
from advokasi.views.tim import add_service_errors
from akun.doors import object_for_edit
from akun.kiriman import kirim_sekali, tercatat
from akun.riwayat import riwayat

OPEN = (Rtl.Status.RENCANA, Rtl.Status.BERJALAN)


# --- list -------------------------------------------------------------------------------------


@require_safe
@login_required
def rtl_list(request):
    user = request.user
    today = timezone.localdate()
    queryset = selectors.rtl_for_user(user).select_related(
        "bimbingan__tim", "pemilik_sasaran__provinsi", "permasalahan"
    )
    filterset = RtlFilter(request.GET or None, queryset=queryset, request=request, today=today)
    valid = filterset.is_bound and filterset.is_valid()
    rows = filterset.qs if valid else queryset
    rows = rows.order_by(*(rows.query.order_by or ["batas_waktu"]), "pk")
    ringkasan = rows.order_by().aggregate(
        total=Count("pk"),
        terbuka=Count("pk", filter=Q(status__in=OPEN)),
        terlambat=Count("pk", filter=Q(status__in=OPEN, batas_waktu__lt=today)),
        selesai=Count("pk", filter=Q(status=Rtl.Status.SELESAI)),
    )
    page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("halaman"))
    chosen = filterset.form.cleaned_data if valid else {}
    bimbingan_id = chosen.get("bimbingan")
    return render(
        request,
        "advokasi/rtl/rtl_list.html",
        {
            "filter": filterset,
            "page": page,
            "today": today,
            "ringkasan": ringkasan,
            "bimbingan_dipilih": selectors.bimbingan_for_user(user).filter(pk=bimbingan_id).first()
            if bimbingan_id
            else None,
        },
    )


# How many owners the owner filter offers for what was typed; more asks for a longer name.
PILIHAN_PEMILIK = 30


@require_safe
@login_required
def rtl_pemilik_pilihan(request):
    """The owner filter's <option>s for what was typed in its search box (htmx swaps them in).

    Only targets owning an RTL item the user may read, through rtl_owners; the current choice
    stays first and selected. An empty search offers the first targets by name.
    """
    owners = rtl_owners(request.user)
    cari = request.GET.get("cari_pemilik", "").strip()[:100]
    found = list(owners.filter(nama__icontains=cari)[: PILIHAN_PEMILIK + 1])
    asked = request.GET.get("pemilik_sasaran", "")
    dipilih = owners.filter(pk=int(asked)).first() if asked.isdecimal() else None
    pilihan = [s for s in found[:PILIHAN_PEMILIK] if not dipilih or s.pk != dipilih.pk]
    return render(
        request,
        "advokasi/rtl/_pemilik_pilihan.html",
        {
            "dipilih": dipilih,
            "pilihan": pilihan,
            "lebih": len(found) > PILIHAN_PEMILIK,
            "cari": cari,
        },
    )


# --- detail -----------------------------------------------------------------------------------


@require_safe
@login_required
def rtl_detail(request, pk):
    user = request.user
    rtl = get_object_or_404(
        selectors.rtl_for_user(user).select_related(
            "bimbingan__tim",
            "pemilik_sasaran__provinsi",
            "permasalahan__sasaran",
            "lanjutan_dari__bimbingan",
            "dibuat_oleh",
        ),
        pk=pk,
    )
    return render(
        request,
        "advokasi/rtl/rtl_detail.html",
        {
            "rtl": rtl,
            "bimbingan": rtl.bimbingan,
            "bisa_buka_bimbingan": selectors.bimbingan_for_user(user)
            .filter(pk=rtl.bimbingan_id)
            .exists(),
            "lanjutan": list(
                selectors.rtl_for_user(user)
                .filter(lanjutan_dari=rtl)
                .select_related("bimbingan")
                .order_by("nomor")
            ),
            "history": riwayat((rtl.history.all(), Rtl)),
            "lampiran": rtl.lampiran.select_related("diunggah_oleh"),
            "can_edit": selectors.rtl_editable_by(user).filter(pk=rtl.pk).exists(),
        },
    )


# --- create and edit --------------------------------------------------------------------------


def _edit(request, *, rtl: Rtl, bimbingan: Bimbingan, title: str):
    user = request.user
    baru = rtl.pk is None
    data = request.POST if request.method == "POST" else None
    form = RtlForm(data, instance=rtl, user=user, bimbingan=bimbingan)
    if data is not None:
        if form.is_valid():
            try:
                saved = rtl_save(user=user, rtl=form.save(commit=False), bimbingan=bimbingan)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                tercatat(request, saved, baru=baru)
                messages.success(request, _("RTL %(nomor)s tersimpan.") % {"nomor": saved.nomor})
                if "tambah_lagi" in data:
                    return redirect("advokasi:rtl-create", pk=bimbingan.pk)
                return redirect(saved)
        messages.error(request, _("RTL belum tersimpan: periksa isian yang ditandai."))
    return render(
        request,
        "advokasi/rtl/rtl_form.html",
        {"form": form, "rtl": rtl, "bimbingan": bimbingan, "title": title},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@kirim_sekali
@login_required
def rtl_create(request, pk):
    bimbingan = object_for_edit(
        read=selectors.bimbingan_for_user(request.user),
        write=selectors.bimbingan_editable_by(request.user),
        pk=pk,
    )
    if not request.user.has_perm("advokasi.add_rtl"):
        raise PermissionDenied
    return _edit(
        request,
        rtl=Rtl(bimbingan=bimbingan),
        bimbingan=bimbingan,
        title=_("Tambah RTL bimbingan %(nomor)s") % {"nomor": bimbingan.nomor},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@kirim_sekali
@login_required
def rtl_update(request, pk):
    rtl = object_for_edit(
        read=selectors.rtl_for_user(request.user),
        write=selectors.rtl_editable_by(request.user).select_related("bimbingan"),
        pk=pk,
    )
    return _edit(
        request,
        rtl=rtl,
        bimbingan=rtl.bimbingan,
        title=_("Ubah RTL %(nomor)s") % {"nomor": rtl.nomor},
    )


urlpatterns = [
    path("bimbingan/<int:pk>/rtl/tambah/", rtl_create, name="rtl-create"),
    path("rtl/", rtl_list, name="rtl-list"),
    path("rtl/pemilik/", rtl_pemilik_pilihan, name="rtl-pemilik"),
    path("rtl/<int:pk>/", rtl_detail, name="rtl-detail"),
    path("rtl/<int:pk>/ubah/", rtl_update, name="rtl-update"),
]
