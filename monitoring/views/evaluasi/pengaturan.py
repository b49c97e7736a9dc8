"""The thresholds of the performance bands and the e-monev tolerance: Staf Komisi edit them,
everyone else with a role reads them."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from advokasi.views.tim import add_service_errors
from akun.selectors import is_komisi
from monitoring import evaluasi
from monitoring.forms.evaluasi import PengaturanEvaluasiForm
from monitoring.models import PengaturanEvaluasi


def _can_edit_pengaturan(user) -> bool:
    return is_komisi(user) and user.has_perm("monitoring.change_pengaturanevaluasi")


def pengaturan_evaluasi_update(*, user, pengaturan: PengaturanEvaluasi) -> PengaturanEvaluasi:
    """Save the thresholds (already set on `pengaturan` by the form), validated, with history.

    Kept beside its only caller: monitoring/services.py holds the field work of another area.
    """
    with transaction.atomic():
        pengaturan.diubah_oleh = user
        pengaturan._history_user = user
        pengaturan.full_clean()
        pengaturan.save()
    return pengaturan


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def pengaturan_evaluasi(request):
    user = request.user
    if not user.has_perm("monitoring.view_pengaturanevaluasi"):
        raise PermissionDenied
    can_edit = _can_edit_pengaturan(user)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    pengaturan = PengaturanEvaluasi.current()
    form = None
    if can_edit:
        # The form edits a copy, so the page still shows the values in force beside bad input.
        form = PengaturanEvaluasiForm(
            request.POST if request.method == "POST" else None, instance=copy.copy(pengaturan)
        )
        if form.is_bound and form.is_valid():
            try:
                pengaturan_evaluasi_update(user=user, pengaturan=form.save(commit=False))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Batas kategori capaian dan toleransi e-monev tersimpan.")
                )
                return redirect("monitoring:pengaturan-evaluasi")
    riwayat = pengaturan.history.select_related("history_user").order_by("-history_date")[:10]
    return render(
        request,
        "monitoring/evaluasi/pengaturan.html",
        {
            "form": form,
            "pengaturan": pengaturan,
            "riwayat": riwayat,
            "can_edit": can_edit,
            "bands": [evaluasi.BANDS[k] for k in ("sangat_baik", "baik", "cukup", "kurang")],
        },
    )
