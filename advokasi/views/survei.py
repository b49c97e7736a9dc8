"""Survey and mapping (§4.1): surveys, the problems they find, their lifecycle, and the matrix
of targets × problem categories."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from advokasi import selectors
from advokasi.filters import PermasalahanFilter, SurveiFilter
from advokasi.forms.survei import PemetaanForm, PermasalahanForm, StatusForm, SurveiForm
from advokasi.models import Permasalahan, Survei
from advokasi.pedoman import KategoriMasalah
from advokasi.services import masalah as masalah_service
from advokasi.services import survei as survei_service
from advokasi.views.tim import add_service_errors, count_of
from akun.doors import object_for_edit
from akun.kiriman import kirim_sekali, tercatat
from akun.riwayat import riwayat
from akun.roles import Role
from akun.selectors import has_role, is_komisi
from lsp.selectors import sasaran_for_user


def _filtered(filter_class, request, queryset, default_order):
    filterset = filter_class(request.GET or None, queryset=queryset, request=request)
    # An invalid filter value shows the form's errors and the unfiltered list, not an error page.
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    rows = rows.order_by(*rows.query.order_by or default_order, "-pk")
    page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("halaman"))
    return filterset, page


# --- surveys ----------------------------------------------------------------------------------


def can_create_survei(user) -> bool:
    """Staf Komisi and fasilitators record surveys; the form offers the teams they may use."""
    return user.has_perm("advokasi.add_survei") and (
        is_komisi(user) or has_role(user, Role.FASILITATOR)
    )


@require_safe
@login_required
def survei_list(request):
    user = request.user
    problems = selectors.permasalahan_for_user(user)
    queryset = (
        selectors.survei_for_user(user)
        .select_related("tim")
        .prefetch_related(
            Prefetch(
                "sasaran",
                queryset=sasaran_for_user(user).select_related("provinsi").order_by("nama"),
            )
        )
        .annotate(
            jumlah_masalah=count_of(problems, "survei"),
            masalah_terbuka=count_of(problems.filter(status__in=Permasalahan.OPEN), "survei"),
        )
    )
    filterset, page = _filtered(SurveiFilter, request, queryset, ["-tanggal"])
    return render(
        request,
        "advokasi/survei/survei_list.html",
        {"filter": filterset, "page": page, "can_create": can_create_survei(user)},
    )


@require_safe
@login_required
def survei_detail(request, pk):
    user = request.user
    survei = get_object_or_404(
        selectors.survei_for_user(user).select_related("tim", "dibuat_oleh"), pk=pk
    )
    return render(
        request,
        "advokasi/survei/survei_detail.html",
        {
            "survei": survei,
            "sasaran": sasaran_for_user(user)
            .filter(survei=survei)
            .select_related("provinsi", "lsp")
            .order_by("nama"),
            "permasalahan": selectors.permasalahan_for_user(user)
            .filter(survei=survei)
            .select_related("sasaran")
            .order_by("nomor"),
            "can_edit": selectors.survei_editable_by(user).filter(pk=survei.pk).exists(),
            "history": riwayat((survei.history.all(), Survei)),
        },
    )


def _save_survei(request, *, survei: Survei, title: str):
    data = request.POST if request.method == "POST" else None
    form = SurveiForm(data, instance=survei, user=request.user)
    if data is not None and form.is_valid():
        fields = {
            "user": request.user,
            "tim": form.cleaned_data["tim"],
            "tanggal": form.cleaned_data["tanggal"],
            "sasaran": form.cleaned_data["sasaran"],
            "ringkasan": form.cleaned_data["ringkasan"],
        }
        baru = survei.pk is None
        try:
            if survei.pk:
                saved = survei_service.survei_update(survei=survei, **fields)
            else:
                saved = survei_service.survei_create(**fields)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            tercatat(request, saved, baru=baru)
            messages.success(request, _("Survei %(nomor)s tersimpan.") % {"nomor": saved.nomor})
            return redirect(saved)
    return render(
        request,
        "advokasi/survei/survei_form.html",
        {"form": form, "survei": survei, "title": title},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@kirim_sekali
@login_required
def survei_create(request):
    if not can_create_survei(request.user):
        raise PermissionDenied
    return _save_survei(request, survei=Survei(), title=_("Catat survei dan pemetaan"))


@require_http_methods(["GET", "HEAD", "POST"])
@kirim_sekali
@login_required
def survei_update(request, pk):
    survei = object_for_edit(
        read=selectors.survei_for_user(request.user),
        write=selectors.survei_editable_by(request.user),
        pk=pk,
    )
    return _save_survei(
        request, survei=survei, title=_("Ubah survei %(nomor)s") % {"nomor": survei.nomor}
    )


# --- problems ---------------------------------------------------------------------------------


@require_safe
@login_required
def permasalahan_list(request):
    user = request.user
    queryset = selectors.permasalahan_for_user(user).select_related(
        "sasaran__provinsi", "survei__tim"
    )
    filterset, page = _filtered(PermasalahanFilter, request, queryset, ["-dibuat"])
    chosen = filterset.form.cleaned_data if filterset.is_bound and filterset.is_valid() else {}
    return render(
        request,
        "advokasi/survei/permasalahan_list.html",
        {
            "filter": filterset,
            "page": page,
            "sasaran_dipilih": chosen.get("sasaran"),
            "kategori_choices": KategoriMasalah.choices,
        },
    )


def _problem_page(request, problem: Permasalahan, *, status_form=None, status=200):
    """The problem's page: its data, lifecycle, discussions, sessions, RTL and evidence files."""
    user = request.user
    can_edit = selectors.permasalahan_editable_by(user).filter(pk=problem.pk).exists()
    if status_form is None and can_edit and problem.terbuka:
        status_form = StatusForm(user=user, problem=problem)
    return render(
        request,
        "advokasi/survei/permasalahan_detail.html",
        {
            "permasalahan": problem,
            "transisi": problem.transisi.select_related("oleh"),
            "fgd_list": selectors.fgd_for_user(user)
            .filter(permasalahan=problem)
            .select_related("tim")
            .order_by("-tanggal", "-pk"),
            "alternatif": problem.alternatif.select_related("fgd"),
            "kelompok_list": selectors.kelompok_for_user(user)
            .filter(permasalahan=problem)
            .order_by("-tahun", "nama"),
            "sesi": problem.bimbingan_masalah.filter(
                bimbingan__in=selectors.bimbingan_for_user(user)
            ).select_related("bimbingan", "alternatif_dipilih"),
            "rtl_list": selectors.rtl_for_user(user)
            .filter(permasalahan=problem)
            .select_related("pemilik_sasaran"),
            "lampiran": problem.lampiran.select_related("diunggah_oleh"),
            "can_edit": can_edit,
            "status_form": status_form,
            "history": riwayat((problem.history.all(), Permasalahan)),
        },
        status=status,
    )


def _problem_details(queryset):
    return queryset.select_related(
        "survei__tim", "sasaran__provinsi", "sasaran__lsp", "dibuat_oleh", "digabung_ke"
    )


@require_safe
@login_required
def permasalahan_detail(request, pk):
    problem = get_object_or_404(
        _problem_details(selectors.permasalahan_for_user(request.user)), pk=pk
    )
    return _problem_page(request, problem)


def _save_problem(request, *, survei: Survei, problem: Permasalahan, title: str):
    data = request.POST if request.method == "POST" else None
    form = PermasalahanForm(data, instance=problem, user=request.user, survei=survei)
    if data is not None and form.is_valid():
        fields = {
            name: form.cleaned_data[name]
            for name in ("sasaran", "kategori", "ruang_lingkup", "uraian", "tingkat")
        }
        baru = problem.pk is None
        try:
            if problem.pk:
                saved = survei_service.permasalahan_update(
                    problem=problem, user=request.user, **fields
                )
            else:
                saved = survei_service.permasalahan_create(
                    survei=survei, user=request.user, **fields
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            tercatat(request, saved, baru=baru)
            messages.success(
                request, _("Permasalahan %(nomor)s tersimpan.") % {"nomor": saved.nomor}
            )
            return redirect(saved)
    return render(
        request,
        "advokasi/survei/permasalahan_form.html",
        {"form": form, "survei": survei, "permasalahan": problem, "title": title},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@kirim_sekali
@login_required
def permasalahan_create(request, survei_pk):
    survei = object_for_edit(
        read=selectors.survei_for_user(request.user),
        write=selectors.survei_editable_by(request.user).select_related("tim"),
        pk=survei_pk,
    )
    return _save_problem(
        request,
        survei=survei,
        problem=Permasalahan(survei=survei),
        title=_("Tambah permasalahan"),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@kirim_sekali
@login_required
def permasalahan_update(request, pk):
    problem = object_for_edit(
        read=selectors.permasalahan_for_user(request.user),
        write=selectors.permasalahan_editable_by(request.user).select_related("survei__tim"),
        pk=pk,
    )
    return _save_problem(
        request,
        survei=problem.survei,
        problem=problem,
        title=_("Ubah permasalahan %(nomor)s") % {"nomor": problem.nomor},
    )


@require_POST
@login_required
def permasalahan_status(request, pk):
    user = request.user
    problem = object_for_edit(
        read=selectors.permasalahan_for_user(user),
        write=_problem_details(selectors.permasalahan_editable_by(user)),
        pk=pk,
    )
    form = StatusForm(request.POST, user=user, problem=problem)
    if form.is_valid():
        try:
            masalah_service.permasalahan_ubah_status(
                problem=problem,
                ke=form.cleaned_data["ke"],
                alasan=form.cleaned_data["alasan"],
                alasan_penutupan=form.cleaned_data["alasan_penutupan"],
                digabung_ke=form.cleaned_data["digabung_ke"],
                user=user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            # The service may have touched the object in memory: show what is stored.
            problem = _problem_details(selectors.permasalahan_for_user(user)).get(pk=pk)
        else:
            messages.success(
                request,
                _("Status %(nomor)s diubah menjadi %(status)s.")
                % {"nomor": problem.nomor, "status": problem.get_status_display()},
            )
            return redirect(problem)
    return _problem_page(request, problem, status_form=form)


# --- mapping ----------------------------------------------------------------------------------


def _list_url(**params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{reverse('advokasi:permasalahan-list')}?{query}"


@require_safe
@login_required
def pemetaan(request):
    """§4.1: problems per target and category, aggregated in SQL over what the user may read."""
    user = request.user
    form = PemetaanForm(request.GET or None, user=user)
    chosen = form.filters()
    problems = survei_service.pemetaan_filter(selectors.permasalahan_for_user(user), **chosen)
    totals = survei_service.pemetaan_totals(problems)
    paginator = Paginator(survei_service.pemetaan_rows(problems), settings.PAGE_SIZE)
    # The totals know how many targets there are; counting the grouped rows again took as long
    # as reading the page (11 ms of 44 over 10,000 problems, bench/).
    paginator.count = totals["sasaran"]
    page = paginator.get_page(request.GET.get("halaman"))
    common = {
        "status": PermasalahanFilter.TERBUKA if chosen["hanya_terbuka"] else "",
        "tanggal_dari": chosen["tanggal_dari"] and chosen["tanggal_dari"].isoformat(),
        "tanggal_sampai": chosen["tanggal_sampai"] and chosen["tanggal_sampai"].isoformat(),
    }
    kategori = KategoriMasalah.choices
    rows = []
    for row in page:
        cells = [
            (row[f"k_{kode}"], _list_url(sasaran=row["sasaran"], kategori=kode, **common))
            for kode, _label in kategori
        ]
        rows.append(
            {**row, "cells": cells, "total_url": _list_url(sasaran=row["sasaran"], **common)}
        )
    scope = {
        **common,
        "provinsi": chosen["provinsi"].pk if chosen["provinsi"] else "",
        "jenis_lsp": chosen["jenis_lsp"],
    }
    return render(
        request,
        "advokasi/survei/pemetaan.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "kategori": kategori,
            "totals": [
                (totals[f"k_{kode}"], _list_url(kategori=kode, **scope)) for kode, _l in kategori
            ],
            "total": (totals["total"], _list_url(**scope)),
            "hanya_terbuka": chosen["hanya_terbuka"],
        },
    )


urlpatterns = [
    path("survei/", survei_list, name="survei-list"),
    path("survei/tambah/", survei_create, name="survei-create"),
    path("survei/<int:pk>/", survei_detail, name="survei-detail"),
    path("survei/<int:pk>/ubah/", survei_update, name="survei-update"),
    path(
        "survei/<int:survei_pk>/permasalahan/tambah/",
        permasalahan_create,
        name="permasalahan-create",
    ),
    path("permasalahan/", permasalahan_list, name="permasalahan-list"),
    path("permasalahan/<int:pk>/", permasalahan_detail, name="permasalahan-detail"),
    path("permasalahan/<int:pk>/ubah/", permasalahan_update, name="permasalahan-update"),
    path("permasalahan/<int:pk>/status/", permasalahan_status, name="permasalahan-status"),
    path("pemetaan/", pemetaan, name="pemetaan"),
]
