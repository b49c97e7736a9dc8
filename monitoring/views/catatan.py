"""Monitoring records (§6.1g): a plan carried out, with the instrument's answers, the progress
of each RTL item in scope, the problems found solved, and the findings."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from advokasi import selectors
from advokasi.models import Lampiran, Rtl
from advokasi.views.tim import add_service_errors, count_of
from akun.doors import dapat_diubah, object_for_edit
from akun.kiriman import kirim_sekali, tercatat
from akun.riwayat import Sumber, riwayat
from monitoring import evaluasi
from monitoring.filters import CatatanFilter
from monitoring.forms.catatan import CatatanForm, CatatanKoreksiForm
from monitoring.models import (
    CatatanMonitoring,
    JawabanIndikator,
    ProgresRtl,
    RencanaMonitoring,
)
from monitoring.selectors import (
    catatan_editable_by,
    catatan_for_user,
    rencana_editable_by,
    rencana_for_user,
)
from monitoring.services import (
    catatan_koreksi,
    catatan_record,
    indikator_koreksi,
    indikator_rencana,
)

TREE_ORDER = [
    "fokus__aspek__urutan",
    "fokus__aspek_id",
    "fokus__urutan",
    "fokus_id",
    "urutan",
    "pk",
]


def _evidence_count(rtl_field: str):
    """How many evidence files the RTL item at `rtl_field` has (0 when none), as a subquery."""
    counted = (
        Lampiran.objects.filter(rtl=OuterRef(rtl_field))
        .order_by()
        .values("rtl")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


@require_safe
@login_required
def catatan_list(request):
    user = request.user
    progres = ProgresRtl.objects.all()
    queryset = catatan_for_user(user).select_related("rencana__tim", "dibuat_oleh")
    queryset = queryset.annotate(
        jumlah_rtl=count_of(progres, "catatan"),
        rtl_selesai=count_of(progres.filter(status=Rtl.Status.SELESAI), "catatan"),
    )
    filterset = CatatanFilter(request.GET or None, queryset=queryset, request=request)
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    rows = rows.order_by(*rows.query.order_by or ["-tanggal"], "-pk")
    page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(
        request, "monitoring/catatan/catatan_list.html", {"filter": filterset, "page": page}
    )


@require_safe
@login_required
def catatan_detail(request, pk):
    user = request.user
    catatan = get_object_or_404(
        catatan_for_user(user)
        .select_related("rencana__tim", "rencana__instrumen", "dibuat_oleh")
        .annotate(
            # What the user may change, through the write doors, in the same query.
            can_edit=dapat_diubah(catatan_editable_by(user)),
            can_edit_rencana=dapat_diubah(rencana_editable_by(user), "rencana_id"),
        ),
        pk=pk,
    )
    jawaban = list(
        catatan.jawaban.select_related("indikator__fokus__aspek").order_by(
            *[f"indikator__{field}" for field in TREE_ORDER]
        )
    )
    for item in jawaban:
        item.memenuhi = _meets_benchmark(item)
    progres = list(
        catatan.progres_rtl.filter(rtl__in=selectors.rtl_for_user(user).values("pk"))
        .select_related("rtl__pemilik_sasaran", "rtl__bimbingan")
        .annotate(jumlah_lampiran=_evidence_count("rtl"))
        .order_by("rtl__bimbingan__tanggal", "rtl__batas_waktu", "rtl_id")
    )
    for item in progres:
        item.persen = evaluasi.persen_capaian(item.realisasi, item.rtl.target_nilai)
    open_items = (
        Rtl.objects.terbuka()
        .filter(permasalahan=OuterRef("permasalahan"))
        .order_by()
        .values("permasalahan")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    konfirmasi = (
        catatan.konfirmasi.filter(
            permasalahan__in=selectors.permasalahan_for_user(user).values("pk")
        )
        .select_related("permasalahan__sasaran")
        .annotate(rtl_terbuka=Coalesce(Subquery(open_items, output_field=IntegerField()), 0))
        .order_by("permasalahan__nomor")
    )
    return render(
        request,
        "monitoring/catatan/catatan_detail.html",
        {
            "catatan": catatan,
            "rencana": catatan.rencana,
            "history": riwayat(
                (catatan.history.all(), CatatanMonitoring),
                # Corrections of its answers; the answers given with the record are not news.
                Sumber(
                    JawabanIndikator.history.filter(catatan_id=catatan.pk),
                    JawabanIndikator,
                    per="indikator",
                    tampil=lambda row: row.history_type != "+" or row.history_change_reason,
                ),
            ),
            "jawaban_tree": _group_answers(jawaban),
            "progres_list": progres,
            "konfirmasi_list": konfirmasi,
            "can_edit_rencana": catatan.can_edit_rencana,
            "can_edit": catatan.can_edit,
        },
    )


def _meets_benchmark(jawaban) -> bool | None:
    indikator = jawaban.indikator
    if indikator.benchmark is None or jawaban.nilai is None:
        return None
    return jawaban.nilai >= indikator.benchmark


def _group_answers(jawaban) -> list[dict]:
    tree: list[dict] = []
    for item in jawaban:
        fokus = item.indikator.fokus
        aspek = fokus.aspek
        if not tree or tree[-1]["aspek"].pk != aspek.pk:
            tree.append({"aspek": aspek, "fokus": []})
        groups = tree[-1]["fokus"]
        if not groups or groups[-1]["fokus"].pk != fokus.pk:
            groups.append({"fokus": fokus, "jawaban": []})
        groups[-1]["jawaban"].append(item)
    return tree


@require_http_methods(["GET", "HEAD", "POST"])
@kirim_sekali
@login_required
def catatan_create(request, pk):
    user = request.user
    rencana = object_for_edit(
        read=rencana_for_user(user),
        write=rencana_editable_by(user).select_related("tim", "instrumen"),
        pk=pk,
    )
    if rencana.status == RencanaMonitoring.Status.DIBATALKAN:
        messages.error(request, _("Rencana monitoring yang dibatalkan tidak dapat dicatat."))
        return redirect(rencana)
    indikator = _pohon(indikator_rencana(rencana))
    rtl = (
        selectors.rtl_for_user(user)
        .filter(rencana_monitoring=rencana)
        .select_related("pemilik_sasaran", "bimbingan", "permasalahan")
        .annotate(jumlah_lampiran=_evidence_count("pk"))
        .order_by("bimbingan__tanggal", "bimbingan_id", "batas_waktu", "pk")
    )
    permasalahan = (
        selectors.permasalahan_for_user(user)
        .filter(Q(rtl__rencana_monitoring=rencana))
        .select_related("sasaran")
        .distinct()
        .order_by("nomor")
    )
    data = request.POST if request.method == "POST" else None
    form = CatatanForm(
        data,
        rencana=rencana,
        indikator=indikator,
        rtl=rtl,
        permasalahan=permasalahan,
    )
    if data is not None and form.is_valid():
        try:
            catatan = catatan_record(user=user, rencana=rencana, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            tercatat(request, catatan, baru=True)
            messages.success(
                request,
                _("Catatan monitoring %(nomor)s tersimpan; RTL dalam lingkupnya diperbarui.")
                % {"nomor": catatan.nomor},
            )
            return redirect(catatan)
    form.mark_invalid()
    return render(
        request,
        "monitoring/catatan/catatan_form.html",
        {
            "form": form,
            "rencana": rencana,
            "title": _("Catat pelaksanaan monitoring %(nomor)s") % {"nomor": rencana.nomor},
        },
        status=200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@kirim_sekali
@login_required
def catatan_update(request, pk):
    """Correct a record's findings, factors and answers (not its date or RTL progress)."""
    user = request.user
    catatan = object_for_edit(
        read=catatan_for_user(user),
        write=catatan_editable_by(user).select_related("rencana__tim", "rencana__instrumen"),
        pk=pk,
    )
    rencana = catatan.rencana
    data = request.POST if request.method == "POST" else None
    form = CatatanKoreksiForm(data, catatan=catatan, indikator=_pohon(indikator_koreksi(catatan)))
    if data is not None and form.is_valid():
        try:
            catatan = catatan_koreksi(user=user, catatan=catatan, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            tercatat(request, catatan, baru=False)
            messages.success(
                request,
                _("Koreksi catatan monitoring %(nomor)s tersimpan.") % {"nomor": catatan.nomor},
            )
            return redirect(catatan)
    form.mark_invalid()
    return render(
        request,
        "monitoring/catatan/catatan_koreksi.html",
        {
            "form": form,
            "catatan": catatan,
            "rencana": rencana,
            "title": _("Koreksi catatan monitoring %(nomor)s") % {"nomor": catatan.nomor},
        },
    )


def _pohon(indikator):
    """Indicators with their focus and aspect, in the instrument tree's order."""
    return indikator.select_related("fokus__aspek").order_by(*TREE_ORDER)


urlpatterns = [
    path("catatan/", catatan_list, name="catatan-list"),
    path("catatan/<int:pk>/", catatan_detail, name="catatan-detail"),
    path("catatan/<int:pk>/koreksi/", catatan_update, name="catatan-update"),
    path("rencana/<int:pk>/catat/", catatan_create, name="catatan-create"),
]
