"""Report pages: list, create/edit, detail with the life of the report, generation progress
(polled with htmx) and downloads (only through laporan_for_user, always as attachments)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from advokasi.views.tim import add_service_errors
from akun.doors import object_for_edit
from akun.riwayat import riwayat
from laporan import services
from laporan.filters import LaporanFilter
from laporan.forms import BahasForm, LaporanForm, SampaikanForm
from laporan.models import BerkasLaporan, Laporan
from laporan.selectors import (
    berkas_for_user,
    can_create_laporan,
    can_read_laporan,
    laporan_editable_by,
    laporan_for_user,
)

S = Laporan.Status
B = BerkasLaporan.Status


@require_safe
@login_required
def laporan_list(request):
    user = request.user
    queryset = laporan_for_user(user).select_related("dibuat_oleh")
    filterset = LaporanFilter(request.GET or None, queryset=queryset)
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    rows = rows.order_by(*rows.query.order_by or ["-dibuat"], "-pk")
    page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(
        request,
        "laporan/laporan_list.html",
        {
            "filter": filterset,
            "page": page,
            "can_create": can_create_laporan(user),
            # Fasilitator and BKSP users see no reports (laporan.selectors); the page says why.
            "can_read": can_read_laporan(user),
        },
    )


def _save_form(request, *, laporan: Laporan | None):
    user = request.user
    data = request.POST if request.method == "POST" else None
    initial = {"jenis_sasaran": laporan.jenis_sasaran} if laporan else {}
    form = LaporanForm(data, instance=laporan, initial=initial)
    if data is not None and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            if laporan is None:
                saved = services.laporan_create(user=user, **values)
            else:
                saved = services.laporan_update(user=user, laporan=laporan, **values)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Laporan %(nomor)s tersimpan.") % {"nomor": saved.nomor})
            return redirect(saved)
    return render(
        request,
        "laporan/laporan_form.html",
        {
            "form": form,
            "laporan": laporan,
            "title": _("Ubah laporan") if laporan else _("Susun laporan advokasi"),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def laporan_create(request):
    if not can_create_laporan(request.user):
        raise PermissionDenied
    return _save_form(request, laporan=None)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def laporan_update(request, pk):
    user = request.user
    laporan = object_for_edit(read=laporan_for_user(user), write=laporan_editable_by(user), pk=pk)
    if laporan.status in (S.DISETUJUI, S.DISAMPAIKAN):
        messages.warning(request, _("Laporan yang sudah disetujui tidak dapat diubah."))
        return redirect(laporan)
    return _save_form(request, laporan=laporan)


def _berkas_context(laporan: Laporan) -> dict:
    rows = list(BerkasLaporan.objects.filter(laporan=laporan, versi=laporan.versi))
    for row in rows:
        row.macet = services.berkas_macet(row)
    by_kind = {row.jenis: row for row in rows}
    ordered = [by_kind[j] for j in services.jenis_berkas(laporan) if j in by_kind]
    return {
        "berkas_list": ordered,
        "berkas_berjalan": any(r.status in (B.ANTRE, B.SEDANG) and not r.macet for r in rows),
        "berkas_gagal": any(r.status == B.GAGAL or r.macet for r in rows),
        "berkas_lengkap": len(rows) == len(services.jenis_berkas(laporan))
        and all(r.status == B.SELESAI for r in rows),
    }


@require_safe
@login_required
def laporan_detail(request, pk):
    user = request.user
    laporan = get_object_or_404(
        laporan_for_user(user).select_related("dibuat_oleh", "disetujui_oleh", "versi_sebelumnya"),
        pk=pk,
    )
    can_edit = laporan_editable_by(user).filter(pk=laporan.pk).exists()
    versi_lain = list(
        laporan_for_user(user)
        .filter(nomor=laporan.nomor)
        .exclude(pk=laporan.pk)
        .order_by("versi")
        .values("pk", "versi", "status")
    )
    return render(
        request,
        "laporan/laporan_detail.html",
        {
            "laporan": laporan,
            "can_edit": can_edit,
            "provinsi": list(laporan.provinsi.order_by("nama").values_list("nama", flat=True)),
            "tim": list(laporan.tim.order_by("nama").values_list("nama", flat=True)),
            "jenis_sasaran": laporan.jenis_sasaran,
            "versi_lain": versi_lain,
            "bahas_form": BahasForm(),
            "sampaikan_form": SampaikanForm(
                initial={
                    "forum": Laporan.Forum.KEDUANYA
                    if laporan.untuk_pleno and laporan.untuk_rapat_teknis
                    else (
                        Laporan.Forum.PLENO if laporan.untuk_pleno else Laporan.Forum.RAPAT_TEKNIS
                    )
                }
            ),
            "history": riwayat((laporan.history.all(), Laporan)),
            **_berkas_context(laporan),
        },
    )


@require_safe
@login_required
def berkas_status(request, pk):
    """The generation panel alone: polled by htmx every two seconds while files are being made."""
    laporan = get_object_or_404(laporan_for_user(request.user), pk=pk)
    can_edit = laporan_editable_by(request.user).filter(pk=laporan.pk).exists()
    return render(
        request,
        "laporan/_berkas.html",
        {"laporan": laporan, "can_edit": can_edit, **_berkas_context(laporan)},
    )


def _action(request, pk, action, form_class=None):
    user = request.user
    laporan = object_for_edit(read=laporan_for_user(user), write=laporan_editable_by(user), pk=pk)
    kwargs = {}
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                for error in errors:
                    messages.error(request, f"{label}: {error}" if label else error)
            return redirect(laporan)
        kwargs = form.cleaned_data
    try:
        result = action(user=user, laporan=laporan, **kwargs)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(laporan)
    return result, laporan


@require_POST
@login_required
def laporan_bahas(request, pk):
    done = _action(request, pk, services.laporan_bahas, BahasForm)
    if isinstance(done, tuple):
        messages.success(request, _("Pembahasan dalam tim advokasi tercatat."))
        return redirect(done[1])
    return done


@require_POST
@login_required
def laporan_setujui(request, pk):
    done = _action(request, pk, services.laporan_setujui)
    if isinstance(done, tuple):
        messages.success(request, _("Laporan disetujui."))
        return redirect(done[1])
    return done


@require_POST
@login_required
def laporan_sampaikan(request, pk):
    done = _action(request, pk, services.laporan_sampaikan, SampaikanForm)
    if isinstance(done, tuple):
        messages.success(
            request,
            _("Laporan disampaikan; angkanya dibekukan dan berkasnya sedang dibuat ulang."),
        )
        return redirect(done[1])
    return done


@require_POST
@login_required
def laporan_versi_baru(request, pk):
    done = _action(request, pk, services.laporan_versi_baru)
    if isinstance(done, tuple):
        baru = done[0]
        messages.success(request, _("Versi %(v)s dibuat sebagai draf.") % {"v": baru.versi})
        return redirect(baru)
    return done


@require_POST
@login_required
def berkas_buat(request, pk):
    ulang = request.POST.get("ulang") == "1"
    done = _action(request, pk, lambda **kw: services.berkas_buat(**kw, ulang=ulang))
    if isinstance(done, tuple):
        if done[0]:
            messages.info(request, _("Pembuatan berkas masuk antrean."))
        else:
            messages.info(request, _("Berkas versi ini sudah ada atau sedang dibuat."))
        return redirect(done[1])
    return done


@require_safe
@login_required
def berkas_unduh(request, pk, berkas_pk):
    berkas = (
        berkas_for_user(request.user)
        .filter(laporan_id=pk, pk=berkas_pk, status=B.SELESAI)
        .select_related("laporan")
        .first()
    )
    if berkas is None or not berkas.berkas:
        raise Http404
    try:
        handle = berkas.berkas.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    filename = berkas.berkas.name.rsplit("/", 1)[-1].split("-", 1)[-1]
    response = FileResponse(handle, as_attachment=True, filename=filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
