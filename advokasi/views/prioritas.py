"""Priorities and strategy (§4.3): the criteria, the ranking of problem groups, a group's page,
its scores and the Komisi's decision on its strategy."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Subquery, Window
from django.db.models.functions import Coalesce, Rank
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from advokasi import selectors
from advokasi.filters import KelompokFilter
from advokasi.forms.prioritas import KelompokForm, KeputusanForm, KriteriaFormSet, SkorForm
from advokasi.models import KelompokMasalah, KriteriaPrioritas, SkorPrioritas
from advokasi.services.prioritas import (
    kelompok_nilai,
    kelompok_putuskan,
    kelompok_save,
    kriteria_simpan,
)
from akun.doors import object_for_edit
from akun.riwayat import riwayat
from akun.selectors import is_komisi

RUMUS = _("Skor tertimbang = Σ(skor × bobot) ÷ Σ bobot, atas kriteria aktif yang dinilai")
SKOR_ORDER = F("skor_tertimbang").desc(nulls_last=True)


def can_create_kelompok(user) -> bool:
    """Staf Komisi always; a fasilitator when they belong to an active team."""
    if not user.is_authenticated or not user.has_perm("advokasi.add_kelompokmasalah"):
        return False
    return is_komisi(user) or selectors.tim_for_records(user).exists()


def can_edit_kriteria(user) -> bool:
    return is_komisi(user) and user.has_perm("advokasi.change_kriteriaprioritas")


def _apply_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.message_dict.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


# --- criteria ------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def kriteria_list(request):
    user = request.user
    if not user.has_perm("advokasi.view_kriteriaprioritas"):
        raise PermissionDenied
    can_edit = can_edit_kriteria(user)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    queryset = KriteriaPrioritas.objects.order_by("urutan", "pk")
    formset = None
    if can_edit:
        data = request.POST if request.method == "POST" else None
        formset = KriteriaFormSet(data, queryset=queryset, prefix="kriteria")
        if data is not None:
            if formset.is_valid():
                try:
                    kriteria_simpan(user=user, formset=formset)
                except ValidationError as exc:
                    formset._non_form_errors = formset.error_class(exc.messages)
                else:
                    messages.success(request, _("Kriteria dan bobot prioritas tersimpan."))
                    return redirect("advokasi:kriteria-list")
            messages.error(request, _("Periksa kembali isian yang ditandai."))
    kriteria = list(queryset)
    total_aktif = sum(k.bobot for k in kriteria if k.aktif)
    for k in kriteria:
        k.persen = round(100 * k.bobot / total_aktif, 1) if k.aktif and total_aktif else None
    return render(
        request,
        "advokasi/prioritas/kriteria_list.html",
        {
            "kriteria": kriteria,
            "total_aktif": total_aktif,
            "formset": formset,
            "can_edit": can_edit,
            "rumus": RUMUS,
        },
    )


# --- ranking -------------------------------------------------------------------------------


def _jumlah_masalah():
    through = KelompokMasalah.permasalahan.through
    counted = (
        through.objects.filter(kelompokmasalah=OuterRef("pk"))
        .order_by()
        .values("kelompokmasalah")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


@require_safe
@login_required
def prioritas_list(request):
    """The ranking: groups by weighted score, highest first; groups not scored yet come last."""
    user = request.user
    queryset = (
        selectors.kelompok_for_user(user)
        .with_skor()
        .select_related("tim", "disetujui_oleh")
        .annotate(jumlah_masalah=_jumlah_masalah())
    )
    filterset = KelompokFilter(request.GET or None, queryset=queryset, request=request)
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    # The rank is among the groups the filters leave, by score whatever the sort order shown.
    rows = rows.annotate(peringkat=Window(Rank(), order_by=SKOR_ORDER))
    rows = rows.order_by(*(rows.query.order_by or [SKOR_ORDER, "nama"]), "pk")
    rows = rows.prefetch_related(Prefetch("skor", queryset=SkorPrioritas.objects.order_by()))
    page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("halaman"))
    kriteria = list(KriteriaPrioritas.objects.filter(aktif=True).order_by("urutan", "pk"))
    for group in page:
        by_kriteria = {s.kriteria_id: s.skor for s in group.skor.all()}
        group.skor_per_kriteria = [by_kriteria.get(k.pk) for k in kriteria]
    return render(
        request,
        "advokasi/prioritas/prioritas_list.html",
        {
            "filter": filterset,
            "page": page,
            "kriteria": kriteria,
            "rumus": RUMUS,
            "can_create": can_create_kelompok(user),
        },
    )


# --- one group -----------------------------------------------------------------------------


def _decision_history(kelompok: KelompokMasalah) -> list:
    """Every strategy decided for the group, newest first (one query on the history table)."""
    records = (
        kelompok.history.filter(disetujui_pada__isnull=False)
        .select_related("disetujui_oleh")
        .order_by("-history_date", "-history_id")
    )
    seen, decisions = set(), []
    for record in records:
        key = (record.disetujui_pada, record.strategi)
        if key not in seen:
            seen.add(key)
            decisions.append(record)
    return decisions


def _skor_rows(kelompok: KelompokMasalah) -> tuple[list[dict], int, int]:
    """The score table of a group: active criteria, plus inactive ones that were scored."""
    scores = {s.kriteria_id: s.skor for s in kelompok.skor.all()}
    rows, weighted, weights = [], 0, 0
    for k in KriteriaPrioritas.objects.order_by("urutan", "pk"):
        skor = scores.get(k.pk)
        if not k.aktif and skor is None:
            continue
        counted = k.aktif and skor is not None
        rows.append(
            {
                "kriteria": k,
                "skor": skor,
                "hasil": skor * k.bobot if skor is not None else None,
                "dihitung": counted,
            }
        )
        if counted:
            weighted += skor * k.bobot
            weights += k.bobot
    return rows, weighted, weights


def _detail_context(request, kelompok: KelompokMasalah, keputusan_form=None) -> dict:
    user = request.user
    skor_rows, weighted, weights = _skor_rows(kelompok)
    can_approve = selectors.can_approve_strategy(user)
    if can_approve and keputusan_form is None:
        keputusan_form = KeputusanForm(initial={"strategi": kelompok.strategi})
    # Problems go through their own door: a BKSP user sees those of their province only.
    problems = list(
        selectors.permasalahan_for_user(user)
        .filter(kelompok=kelompok)
        .select_related("sasaran", "sasaran__provinsi")
        .order_by("nomor", "pk")
    )
    return {
        "kelompok": kelompok,
        "problems": problems,
        "hidden_problems": kelompok.jumlah_masalah - len(problems),
        "sasaran": list(kelompok.sasaran.select_related("provinsi").order_by("nama", "pk")),
        "skor_rows": skor_rows,
        "skor_total": weighted,
        "bobot_total": weights,
        "decisions": _decision_history(kelompok),
        "history": riwayat((kelompok.history.all(), KelompokMasalah)),
        "bimbingan": list(
            selectors.bimbingan_for_user(user)
            .filter(kelompok_masalah=kelompok)
            .order_by("-tanggal", "-pk")
        ),
        "can_edit": selectors.kelompok_editable_by(user).filter(pk=kelompok.pk).exists(),
        "can_approve": can_approve,
        "keputusan_form": keputusan_form,
        "rumus": RUMUS,
    }


def _readable(request, pk) -> KelompokMasalah:
    return get_object_or_404(
        selectors.kelompok_for_user(request.user)
        .with_skor()
        .annotate(jumlah_masalah=_jumlah_masalah())
        .select_related("tim", "fgd", "dibuat_oleh", "disetujui_oleh"),
        pk=pk,
    )


def _render_detail(request, kelompok, keputusan_form=None, status=200):
    context = _detail_context(request, kelompok, keputusan_form)
    return render(request, "advokasi/prioritas/prioritas_detail.html", context, status=status)


@require_safe
@login_required
def prioritas_detail(request, pk):
    return _render_detail(request, _readable(request, pk))


def _edit(request, *, kelompok: KelompokMasalah, title: str):
    data = request.POST if request.method == "POST" else None
    form = KelompokForm(data, instance=kelompok, user=request.user)
    if kelompok.pk is None and data is None:
        teams = list(form.fields["tim"].queryset[:2])
        if len(teams) == 1:
            form.initial["tim"] = teams[0].pk
    if data is not None:
        if form.is_valid():
            try:
                saved = kelompok_save(
                    user=request.user,
                    kelompok=form.save(commit=False),
                    problems=form.cleaned_data["permasalahan"],
                    sasaran=form.cleaned_data["sasaran"],
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(
                    request, _("Kelompok masalah %(nomor)s tersimpan.") % {"nomor": saved.nomor}
                )
                return redirect(saved)
        messages.error(request, _("Periksa kembali isian yang ditandai."))
    return render(
        request,
        "advokasi/prioritas/prioritas_form.html",
        {"form": form, "kelompok": kelompok, "title": title},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def prioritas_create(request):
    if not can_create_kelompok(request.user):
        raise PermissionDenied
    return _edit(request, kelompok=KelompokMasalah(), title=_("Tambah kelompok masalah"))


def _editable(request, pk) -> KelompokMasalah:
    return object_for_edit(
        read=selectors.kelompok_for_user(request.user),
        write=selectors.kelompok_editable_by(request.user).select_related("tim"),
        pk=pk,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def prioritas_update(request, pk):
    kelompok = _editable(request, pk)
    return _edit(
        request,
        kelompok=kelompok,
        title=_("Ubah kelompok masalah %(nomor)s") % {"nomor": kelompok.nomor},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def prioritas_skor(request, pk):
    kelompok = _editable(request, pk)
    kriteria = list(KriteriaPrioritas.objects.filter(aktif=True).order_by("urutan", "pk"))
    current = dict(kelompok.skor.values_list("kriteria_id", "skor"))
    data = request.POST if request.method == "POST" else None
    form = SkorForm(data, kriteria=kriteria, current=current)
    if data is not None:
        if form.is_valid():
            try:
                kelompok_nilai(user=request.user, kelompok=kelompok, skor=form.skor())
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(
                    request, _("Skor %(nomor)s tersimpan.") % {"nomor": kelompok.nomor}
                )
                return redirect(kelompok)
        messages.error(request, _("Periksa kembali isian yang ditandai."))
    return render(
        request,
        "advokasi/prioritas/prioritas_skor.html",
        {"form": form, "kelompok": kelompok, "rumus": RUMUS},
    )


@require_POST
@login_required
def prioritas_keputusan(request, pk):
    """§4.3c: the Komisi records (or revises) the strategy chosen for the group."""
    kelompok = _readable(request, pk)
    if not selectors.can_approve_strategy(request.user):
        raise PermissionDenied
    form = KeputusanForm(request.POST)
    if form.is_valid():
        try:
            kelompok_putuskan(
                user=request.user, kelompok=kelompok, strategi=form.cleaned_data["strategi"]
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Strategi %(nomor)s ditetapkan.") % {"nomor": kelompok.nomor},
            )
            return redirect(kelompok)
    messages.error(request, _("Keputusan belum tersimpan: periksa isian strategi."))
    return _render_detail(request, kelompok, keputusan_form=form)


urlpatterns = [
    path("prioritas/", prioritas_list, name="prioritas-list"),
    path("prioritas/kriteria/", kriteria_list, name="kriteria-list"),
    path("prioritas/tambah/", prioritas_create, name="prioritas-create"),
    path("prioritas/<int:pk>/", prioritas_detail, name="prioritas-detail"),
    path("prioritas/<int:pk>/ubah/", prioritas_update, name="prioritas-update"),
    path("prioritas/<int:pk>/skor/", prioritas_skor, name="prioritas-skor"),
    path("prioritas/<int:pk>/keputusan/", prioritas_keputusan, name="prioritas-keputusan"),
]
