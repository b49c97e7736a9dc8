"""The monitoring and evaluation dashboard (Staf Komisi, Pimpinan, Admin) and the findings page.

The figures come from `monitoring.angka` and the rule findings from `monitoring.aturan`, both
cached until a record changes (`akun.versi.kunci_cache`): acting on a finding saves a record,
so it disappears at once.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_safe

from akun.selectors import user_roles
from akun.versi import CACHE_SECONDS, kunci_cache
from monitoring import aturan
from monitoring.angka import angka_dasbor, can_see_dasbor

# --- views --------------------------------------------------------------------------------------


@require_safe
@login_required
def dasbor(request):
    if not can_see_dasbor(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    angka = angka_dasbor(request.user, today=today)
    return render(
        request,
        "monitoring/dasbor/dasbor.html",
        {
            "angka": angka,
            "grafik": angka["grafik"],
            "temuan": cache.get_or_set(
                kunci_cache("temuan", request.user, today),
                lambda: aturan.temuan_ringkas(request.user, today=today, limit=3),
                CACHE_SECONDS,
            ),
            "today": today,
        },
    )


@require_safe
@login_required
def temuan_list(request):
    """Every finding of one kind the user may see, paginated, each with its link."""
    if not user_roles(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    pintu = aturan.pintu_for_user(request.user)
    tabs = [
        {"aturan": a, "jumlah": a.queryset(pintu, today).count()} for a in aturan.ATURAN.values()
    ]
    jenis = request.GET.get("jenis")
    if jenis not in aturan.ATURAN:
        jenis = next((t["aturan"].jenis for t in tabs if t["jumlah"]), tabs[0]["aturan"].jenis)
    queryset = aturan.temuan_queryset(jenis, pintu=pintu, today=today)
    paginator = Paginator(queryset, settings.PAGE_SIZE)
    # The tab already counted these rows: the paginator need not count them again.
    paginator.count = next(t["jumlah"] for t in tabs if t["aturan"].jenis == jenis)
    page = paginator.get_page(request.GET.get("halaman"))
    awal = (page.number - 1) * paginator.per_page
    rows = aturan.ATURAN[jenis].baris(queryset, awal, awal + paginator.per_page)
    return render(
        request,
        "monitoring/dasbor/temuan_list.html",
        {
            "tabs": tabs,
            "aktif": aturan.ATURAN[jenis],
            "page": page,
            "temuan": aturan.temuan_dari(jenis, rows, today=today),
            "can_see_dasbor": can_see_dasbor(request.user),
            "today": today,
        },
    )


urlpatterns = [
    path("dasbor/", dasbor, name="dasbor"),
    path("temuan/", temuan_list, name="temuan-list"),
]
