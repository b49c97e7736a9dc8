"""The user's own notification list (reminders of RTL items and monitoring visits)."""

import django_filters
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST, require_safe

from akun.models import Notifikasi
from akun.notifikasi import notifikasi_for_user, notifikasi_tandai_dibaca
from akun.saringan import FilterSet


class NotifikasiFilter(FilterSet):
    STATUS_CHOICES = [
        ("belum", gettext_lazy("Belum dibaca")),
        ("sudah", gettext_lazy("Sudah dibaca")),
    ]

    q = django_filters.CharFilter(
        label=gettext_lazy("Cari"),
        field_name="pesan",
        lookup_expr="icontains",
        widget=django_filters.widgets.forms.TextInput(
            attrs={
                "placeholder": gettext_lazy("Nomor RTL, monitoring, tindakan…"),
                "type": "search",
            }
        ),
    )
    jenis = django_filters.ChoiceFilter(
        label=gettext_lazy("Jenis"),
        choices=Notifikasi.Jenis.choices,
        empty_label=gettext_lazy("Semua jenis"),
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=STATUS_CHOICES,
        method="filter_status",
        empty_label=gettext_lazy("Semua"),
    )
    urut = django_filters.OrderingFilter(
        label=gettext_lazy("Urutkan"),
        fields=[("dibuat", "dibuat"), ("jenis", "jenis"), ("dibaca_pada", "dibaca")],
    )

    class Meta:
        model = Notifikasi
        fields = ["q", "jenis", "status"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(Q(dibaca_pada__isnull=value == "belum"))


@require_safe
@login_required
def notifikasi_list(request):
    queryset = notifikasi_for_user(request.user)
    filterset = NotifikasiFilter(request.GET or None, queryset=queryset, request=request)
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    rows = rows.order_by(*rows.query.order_by or ["-dibuat"], "-pk")
    page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(
        request,
        "akun/notifikasi_list.html",
        {"filter": filterset, "page": page},
    )


@require_POST
@login_required
def notifikasi_baca(request, pk):
    """Mark one notification read; with aksi=buka, go on to the record it is about."""
    notifikasi = get_object_or_404(notifikasi_for_user(request.user), pk=pk)
    notifikasi_tandai_dibaca(user=request.user, pks=[notifikasi.pk])
    tujuan = notifikasi.url
    if (
        request.POST.get("aksi") == "buka"
        and tujuan
        and url_has_allowed_host_and_scheme(tujuan, allowed_hosts={request.get_host()})
    ):
        return redirect(tujuan)
    return redirect(_kembali(request))


@require_POST
@login_required
def notifikasi_baca_semua(request):
    jumlah = notifikasi_tandai_dibaca(user=request.user)
    messages.success(
        request,
        ngettext(
            "%(jumlah)d notifikasi ditandai sudah dibaca.",
            "%(jumlah)d notifikasi ditandai sudah dibaca.",
            jumlah,
        )
        % {"jumlah": jumlah}
        if jumlah
        else _("Tidak ada notifikasi yang belum dibaca."),
    )
    return redirect(_kembali(request))


def _kembali(request) -> str:
    """Back to the list as it was filtered (a query string posted by the form), or to its start."""
    base = reverse("notifikasi-list")
    query = request.POST.get("kembali", "")
    if query.startswith("?") and url_has_allowed_host_and_scheme(
        base + query, allowed_hosts={request.get_host()}
    ):
        return base + query
    return base


urlpatterns = [
    path("akun/notifikasi/", notifikasi_list, name="notifikasi-list"),
    path("akun/notifikasi/<int:pk>/baca/", notifikasi_baca, name="notifikasi-baca"),
    path("akun/notifikasi/baca-semua/", notifikasi_baca_semua, name="notifikasi-baca-semua"),
]
