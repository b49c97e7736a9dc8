"""Monitoring plans (§6.1 a–f), built from the RTL of one or more guidance sessions."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from advokasi import selectors
from advokasi.models import Bimbingan
from advokasi.views.tim import add_service_errors, count_of
from akun.doors import object_for_edit
from akun.riwayat import riwayat
from akun.roles import Role
from akun.saringan import PANJANG_CARI
from akun.selectors import has_role, is_komisi
from lsp.selectors import sasaran_for_user
from monitoring import evaluasi
from monitoring.filters import RencanaFilter
from monitoring.forms.rencana import (
    RencanaForm,
    bimbingan_choices,
    chosen_ids,
    initial_for_sessions,
    rtl_choices,
    rtl_groups,
)
from monitoring.models import RencanaMonitoring
from monitoring.selectors import catatan_for_user, rencana_editable_by, rencana_for_user
from monitoring.services import rencana_save

Status = RencanaMonitoring.Status


def can_create_rencana(user) -> bool:
    """Staf Komisi and fasilitators plan monitoring; the form offers the teams they may use."""
    return user.has_perm("monitoring.add_rencanamonitoring") and (
        is_komisi(user) or has_role(user, Role.FASILITATOR)
    )


def _targets(user):
    return Prefetch(
        "sasaran", queryset=sasaran_for_user(user).select_related("provinsi").order_by("nama")
    )


@require_safe
@login_required
def rencana_list(request):
    user = request.user
    queryset = (
        rencana_for_user(user)
        .select_related("tim", "instrumen")
        .prefetch_related(_targets(user))
        .annotate(
            jumlah_rtl=count_of(RencanaMonitoring.rtl.through.objects.all(), "rencanamonitoring"),
            jumlah_catatan=count_of(catatan_for_user(user), "rencana"),
        )
    )
    filterset = RencanaFilter(request.GET or None, queryset=queryset, request=request)
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    rows = rows.order_by(*rows.query.order_by or ["-tanggal_rencana"], "-pk")
    page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(
        request,
        "monitoring/rencana/rencana_list.html",
        {
            "filter": filterset,
            "page": page,
            "can_create": can_create_rencana(user),
            "today": timezone.localdate(),
        },
    )


@require_safe
@login_required
def rencana_detail(request, pk):
    user = request.user
    rencana = get_object_or_404(
        rencana_for_user(user)
        .select_related("tim", "instrumen", "dibuat_oleh")
        .prefetch_related(_targets(user)),
        pk=pk,
    )
    rtl_qs = selectors.rtl_for_user(user).filter(rencana_monitoring=rencana)
    rtl_list = list(
        rtl_qs.select_related("bimbingan", "pemilik_sasaran", "permasalahan").order_by(
            "bimbingan__tanggal", "bimbingan_id", "batas_waktu", "pk"
        )
    )
    for item in rtl_list:
        item.capaian = evaluasi.capaian_rtl(item)
    can_edit = rencana_editable_by(user).filter(pk=rencana.pk).exists()
    return render(
        request,
        "monitoring/rencana/rencana_detail.html",
        {
            "rencana": rencana,
            "history": riwayat((rencana.history.all(), RencanaMonitoring)),
            "bimbingan_list": selectors.bimbingan_for_user(user)
            .filter(rencana_monitoring=rencana)
            .order_by("tanggal", "pk"),
            "rtl_list": rtl_list,
            "ringkasan": evaluasi.aggregate(rtl_qs),
            "catatan_list": catatan_for_user(user)
            .filter(rencana=rencana)
            .select_related("dibuat_oleh")
            .order_by("-tanggal", "-pk"),
            "can_edit": can_edit,
            "can_record": can_edit and rencana.status != Status.DIBATALKAN,
            "terlewat": rencana.status == Status.DIRENCANAKAN
            and rencana.tanggal_rencana < timezone.localdate(),
        },
    )


def _save(request, *, rencana: RencanaMonitoring, title: str, initial=None):
    user = request.user
    data = request.POST if request.method == "POST" else None
    form = RencanaForm(data, instance=rencana, user=user, initial=initial)
    if data is not None and form.is_valid():
        try:
            saved = rencana_save(
                user=user,
                rencana=form.save(commit=False),
                bimbingan=form.cleaned_data["bimbingan"],
                rtl=form.cleaned_data["rtl"],
                sasaran=form.cleaned_data["sasaran"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Rencana monitoring %(nomor)s tersimpan.") % {"nomor": saved.nomor}
            )
            return redirect(saved)
    return render(
        request,
        "monitoring/rencana/rencana_form.html",
        {"form": form, "rencana": rencana, "title": title},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def rencana_create(request):
    """A new plan. Opened from a session's page with ?bimbingan=<id> (repeatable), the sessions,
    their team, targets and open RTL items come preselected; without, it first asks for them."""
    user = request.user
    if not can_create_rencana(user):
        raise PermissionDenied
    title = _("Rencanakan monitoring")
    if request.method != "POST":
        ids = chosen_ids(request.GET.getlist("bimbingan"))
        if not ids:
            return _choose_sessions(request, title=title)
        return _save(
            request,
            rencana=RencanaMonitoring(),
            title=title,
            initial=initial_for_sessions(user, ids),
        )
    return _save(request, rencana=RencanaMonitoring(), title=title)


def _choose_sessions(request, *, title: str):
    """Step 1 of a new plan: the sessions of the user's teams, searchable, newest first."""
    user = request.user
    rtl = selectors.rtl_for_user(user)
    sessions = (
        bimbingan_choices(user)
        .prefetch_related(_targets(user))
        .annotate(
            jumlah_rtl=count_of(rtl, "bimbingan"),
            rtl_terbuka=count_of(rtl.terbuka(), "bimbingan"),
        )
    )
    cari = request.GET.get("q", "").strip()[:PANJANG_CARI]
    if cari:
        by_target = Bimbingan.sasaran.through.objects.filter(sasaran__nama__icontains=cari)
        sessions = sessions.filter(
            Q(nomor__icontains=cari) | Q(pk__in=by_target.values("bimbingan_id"))
        )
    page = Paginator(sessions, settings.PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(
        request,
        "monitoring/rencana/rencana_pilih_bimbingan.html",
        {"title": title, "page": page, "cari": cari},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def rencana_update(request, pk):
    user = request.user
    rencana = object_for_edit(
        read=rencana_for_user(user),
        write=rencana_editable_by(user).select_related("tim", "instrumen"),
        pk=pk,
    )
    initial = {}
    if request.method != "POST":
        initial = {
            "bimbingan": list(rencana.bimbingan.values_list("pk", flat=True)),
            "rtl": list(rencana.rtl.values_list("pk", flat=True)),
        }
    return _save(
        request,
        rencana=rencana,
        title=_("Ubah rencana monitoring %(nomor)s") % {"nomor": rencana.nomor},
        initial=initial,
    )


@require_safe
@login_required
def rencana_rtl_pilihan(request):
    """The RTL choices for the sessions chosen on the plan form (htmx swaps them in).

    Items already ticked stay ticked; a session none of whose items is ticked comes with its
    open items ticked, as when the form is first opened from it.
    """
    user = request.user
    if not can_create_rencana(user):
        raise PermissionDenied
    rencana = None
    if str(request.GET.get("rencana", "")).isdecimal():
        rencana = rencana_editable_by(user).filter(pk=request.GET["rencana"]).first()
    ids = chosen_ids(request.GET.getlist("bimbingan"))
    rows = list(rtl_choices(user, bimbingan_ids=ids, rencana=rencana))
    checked = set(chosen_ids(request.GET.getlist("rtl")))
    ticked_sessions = {r.bimbingan_id for r in rows if r.pk in checked}
    checked |= {
        r.pk
        for r in rows
        if r.bimbingan_id not in ticked_sessions
        and r.status in (r.Status.RENCANA, r.Status.BERJALAN)
    }
    return render(
        request,
        "monitoring/rencana/_rtl_pilihan.html",
        {"groups": rtl_groups(rows, checked), "field_name": "rtl"},
    )


urlpatterns = [
    path("rencana/", rencana_list, name="rencana-list"),
    path("rencana/tambah/", rencana_create, name="rencana-create"),
    path("rencana/pilihan-rtl/", rencana_rtl_pilihan, name="rencana-rtl-pilihan"),
    path("rencana/<int:pk>/", rencana_detail, name="rencana-detail"),
    path("rencana/<int:pk>/ubah/", rencana_update, name="rencana-update"),
]
