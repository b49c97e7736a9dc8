"""The activity calendar (month grid or week list) and each user's iCalendar feed."""

from collections import Counter, defaultdict
from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, re_path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from akun.models import TokenKalender
from monitoring.forms.kalender import KalenderForm
from monitoring.ical import kalender_ics
from monitoring.kalender import (
    BULAN,
    FEED_HARI_DEPAN,
    FEED_HARI_LALU,
    HARI,
    JenisAcara,
    acara_for_user,
    awal_minggu,
    geser_bulan,
    minggu_bulan,
    nama_bulan,
    rentang_minggu,
    token_kalender_buat,
    token_kalender_hapus,
)


def _query(**params) -> str:
    return "?" + urlencode({key: value for key, value in params.items() if value})


@require_safe
@login_required
def kalender(request):
    today = timezone.localdate()
    form = KalenderForm(
        request.GET or None,
        user=request.user,
        initial={"bulan": f"{today:%Y-%m}", "tanggal": today, "tampilan": "bulan"},
    )
    # Invalid fields are shown with their message beside them and fall back to their default;
    # the valid ones still apply.
    data = {}
    if form.is_bound:
        form.is_valid()  # fills cleaned_data with the fields that are valid
        data = form.cleaned_data
    tampilan = data.get("tampilan") or "bulan"
    tim = data.get("tim")
    bulan = data.get("bulan")
    tanggal = data.get("tanggal")
    tim_param = tim.pk if tim else None

    if tampilan == "minggu":
        if tanggal is None:
            sama_bulan = bulan is None or (bulan.year, bulan.month) == (today.year, today.month)
            tanggal = today if sama_bulan else bulan
        awal = awal_minggu(tanggal)
        hari = [awal + timedelta(days=i) for i in range(7)]
        periode_mulai, periode_akhir = hari[0], hari[-1]
        judul = rentang_minggu(awal)

        def nav(day):
            return _query(
                tampilan="minggu", bulan=f"{day:%Y-%m}", tanggal=day.isoformat(), tim=tim_param
            )

        sebelumnya, berikutnya = nav(awal - timedelta(days=7)), nav(awal + timedelta(days=7))
        bulan_awal = tanggal.replace(day=1)
    else:
        bulan_awal = bulan or (tanggal or today).replace(day=1)
        minggu = minggu_bulan(bulan_awal.year, bulan_awal.month)
        periode_mulai, periode_akhir = minggu[0][0], minggu[-1][-1]
        judul = nama_bulan(bulan_awal)

        def nav(first):
            return _query(bulan=f"{first:%Y-%m}", tim=tim_param)

        sebelumnya, berikutnya = nav(geser_bulan(bulan_awal, -1)), nav(geser_bulan(bulan_awal, 1))

    # A bound form shows what was typed; where a field was left empty, show the period in view.
    if form.is_bound:
        shown = form.data.copy()
        if "bulan" not in form.errors and not data.get("bulan"):
            shown["bulan"] = f"{bulan_awal:%Y-%m}"
        if tampilan == "minggu" and "tanggal" not in form.errors and not data.get("tanggal"):
            shown["tanggal"] = tanggal.isoformat()
        form.data = shown

    acara = acara_for_user(
        request.user, mulai=periode_mulai, sampai=periode_akhir, tim_id=tim_param
    )
    per_tanggal = defaultdict(list)
    for item in acara:
        per_tanggal[item.tanggal].append(item)

    def sel(day):
        return {
            "tanggal": day,
            "hari": HARI[day.weekday()],
            "nama_bulan": BULAN[day.month - 1],
            "acara": per_tanggal.get(day, []),
            "luar": day.month != bulan_awal.month and tampilan == "bulan",
            "hari_ini": day == today,
            "akhir_pekan": day.weekday() >= 5,
        }

    if tampilan == "minggu":
        grid, daftar_hari = [], [sel(day) for day in hari]
    else:
        grid, daftar_hari = [[sel(day) for day in week] for week in minggu], []

    jumlah = Counter(item.jenis for item in acara)
    token = TokenKalender.objects.filter(user=request.user).first()
    return render(
        request,
        "monitoring/kalender/kalender.html",
        {
            "form": form,
            "tampilan": tampilan,
            "judul": judul,
            "hari_header": HARI,
            "grid": grid,
            "daftar_hari": daftar_hari,
            "acara": acara,
            "legenda": [(value, label, jumlah[value]) for value, label in JenisAcara.choices],
            "sebelumnya": sebelumnya,
            "berikutnya": berikutnya,
            "hari_ini": _query(tampilan=tampilan, tim=tim_param),
            "ke_bulan": _query(bulan=f"{bulan_awal:%Y-%m}", tim=tim_param),
            "ke_minggu": _query(
                tampilan="minggu",
                bulan=f"{bulan_awal:%Y-%m}",
                tanggal=(
                    today
                    if (today.year, today.month) == (bulan_awal.year, bulan_awal.month)
                    else bulan_awal
                ).isoformat(),
                tim=tim_param,
            ),
            "tim_terpilih": tim,
            "token": token,
            "feed_url": request.build_absolute_uri(
                reverse("monitoring:kalender-ical", kwargs={"token": token.token})
            )
            if token
            else "",
        },
    )


@require_POST
@login_required
def kalender_tautan(request):
    """Create the user's feed URL, or replace it (the old one stops working)."""
    ada = TokenKalender.objects.filter(user=request.user).exists()
    token_kalender_buat(user=request.user)
    if ada:
        messages.success(request, _("Tautan kalender baru dibuat. Tautan lama tidak berlaku lagi."))
    else:
        messages.success(
            request,
            _("Tautan kalender dibuat. Tempelkan ke Google Calendar atau Outlook."),
        )
    return redirect(f"{reverse('monitoring:kalender')}#langganan")


@require_POST
@login_required
def kalender_tautan_hapus(request):
    if token_kalender_hapus(user=request.user):
        messages.success(request, _("Tautan kalender dihapus dan tidak berlaku lagi."))
    else:
        messages.info(request, _("Anda belum punya tautan kalender."))
    return redirect(f"{reverse('monitoring:kalender')}#langganan")


@never_cache
@require_safe
def kalender_ical(request, token):
    """The feed: no login, the secret token in the URL names the user (404 when unknown)."""
    found = (
        TokenKalender.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )
    if found is None:
        raise Http404
    user = found.user
    today = timezone.localdate()
    acara = acara_for_user(
        user,
        mulai=today - timedelta(days=FEED_HARI_LALU),
        sampai=today + timedelta(days=FEED_HARI_DEPAN),
    )
    nama = _("Advokasi BNSP – %(nama)s") % {"nama": user.get_full_name() or user.username}
    body = kalender_ics(acara, nama=nama, site=request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="kalender-advokasi-bnsp.ics"'
    # The URL is a credential: keep it out of search engines and shared caches.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


urlpatterns = [
    path("kalender/", kalender, name="kalender"),
    path("kalender/tautan/", kalender_tautan, name="kalender-tautan"),
    path("kalender/tautan/hapus/", kalender_tautan_hapus, name="kalender-tautan-hapus"),
    re_path(
        r"^kalender/(?P<token>[A-Za-z0-9_-]{20,100})\.ics$", kalender_ical, name="kalender-ical"
    ),
]
