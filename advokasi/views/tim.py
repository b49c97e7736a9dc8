"""Advocacy teams (§3): the Komisi forms them; everyone who may read one sees its work."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from advokasi import selectors
from advokasi.filters import TimFilter
from advokasi.forms.tim import TimForm
from advokasi.models import Permasalahan, Tim
from advokasi.services.tim import tim_save
from akun.doors import object_for_edit
from akun.riwayat import riwayat
from akun.selectors import is_komisi
from lsp.selectors import sasaran_for_user

RECENT = 5
# A team may carry a hundred targets: its page lists the first ones and links to the rest in the
# registry, filtered by the team.
SASARAN_SHOWN = 10


def count_of(records: QuerySet, fk: str):
    """How many of `records` point at the outer row through `fk`, as a subquery (0 when none).

    A correlated subquery rather than Count() over a join, so that several counts on one list do
    not multiply each other's rows.
    """
    counted = (
        records.filter(**{fk: OuterRef("pk")})
        .order_by()
        .values(fk)
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def add_service_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError beside the form's fields (or above them)."""
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(None, message)
        return
    for field, errors in exc.message_dict.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


def _members():
    return get_user_model().objects.order_by("first_name", "last_name", "username")


def can_create_tim(user) -> bool:
    return user.is_authenticated and is_komisi(user) and user.has_perm("advokasi.add_tim")


@require_safe
@login_required
def tim_list(request):
    user = request.user
    queryset = (
        selectors.tim_for_user(user)
        .select_related("koordinator")
        .prefetch_related(Prefetch("anggota", queryset=_members()))
        .annotate(
            jumlah_survei=count_of(selectors.survei_for_user(user), "tim"),
            jumlah_sasaran=count_of(Tim.sasaran.through.objects.all(), "tim"),
        )
    )
    filterset = TimFilter(request.GET or None, queryset=queryset, request=request)
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    rows = rows.order_by(*rows.query.order_by or ["nama"], "pk")
    page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(
        request,
        "advokasi/tim/tim_list.html",
        {"filter": filterset, "page": page, "can_create": can_create_tim(user)},
    )


@require_safe
@login_required
def tim_detail(request, pk):
    user = request.user
    problems = selectors.permasalahan_for_user(user)
    # The work of the team the user may read, counted in the same query as the team itself.
    tim = get_object_or_404(
        selectors.tim_for_user(user)
        .select_related("koordinator")
        .annotate(
            jumlah_survei=count_of(selectors.survei_for_user(user), "tim"),
            jumlah_masalah_terbuka=count_of(
                problems.filter(status__in=Permasalahan.OPEN), "survei__tim"
            ),
            jumlah_fgd=count_of(selectors.fgd_for_user(user), "tim"),
            jumlah_bimbingan=count_of(selectors.bimbingan_for_user(user), "tim"),
            jumlah_sasaran=count_of(sasaran_for_user(user), "tim_advokasi"),
        ),
        pk=pk,
    )
    return render(
        request,
        "advokasi/tim/tim_detail.html",
        {
            "tim": tim,
            "anggota": tim.anggota.order_by("first_name", "last_name", "username"),
            "sasaran": sasaran_for_user(user)
            .filter(tim_advokasi=tim)
            .select_related("provinsi", "lsp")
            .order_by("nama")[:SASARAN_SHOWN],
            "survei_terbaru": selectors.survei_for_user(user)
            .filter(tim=tim)
            .annotate(jumlah_masalah=count_of(problems, "survei"))
            .order_by("-tanggal", "-pk")[:RECENT],
            "can_edit": selectors.tim_editable_by(user).filter(pk=tim.pk).exists(),
            "history": riwayat((tim.history.all(), Tim)),
        },
    )


def _save(request, *, tim: Tim, title: str):
    data = request.POST if request.method == "POST" else None
    form = TimForm(data, instance=tim, user=request.user)
    if data is not None and form.is_valid():
        try:
            saved = tim_save(
                tim=form.save(commit=False),
                anggota=form.cleaned_data["anggota"],
                sasaran=form.cleaned_data["sasaran"],
                user=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(nama)s tersimpan.") % {"nama": saved.nama})
            return redirect("advokasi:tim-detail", pk=saved.pk)
    return render(request, "advokasi/tim/tim_form.html", {"form": form, "tim": tim, "title": title})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def tim_create(request):
    if not can_create_tim(request.user):
        raise PermissionDenied
    return _save(request, tim=Tim(), title=_("Bentuk tim advokasi"))


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def tim_update(request, pk):
    tim = object_for_edit(
        read=selectors.tim_for_user(request.user),
        write=selectors.tim_editable_by(request.user),
        pk=pk,
    )
    return _save(request, tim=tim, title=_("Ubah %(nama)s") % {"nama": tim.nama})


urlpatterns = [
    path("tim/", tim_list, name="tim-list"),
    path("tim/tambah/", tim_create, name="tim-create"),
    path("tim/<int:pk>/", tim_detail, name="tim-detail"),
    path("tim/<int:pk>/ubah/", tim_update, name="tim-update"),
]
