"""Monitoring instruments (perangkat monitoring / daftar isian, §6.1e; aspek → fokus → indikator,
§7): Staf Komisi define them, everyone with a role reads them."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from advokasi.views.tim import add_service_errors, count_of
from akun.doors import dapat_diubah, object_for_edit
from akun.riwayat import riwayat
from akun.selectors import is_komisi
from akun.versi import CACHE_SECONDS, kunci_cache
from monitoring import services
from monitoring.filters import InstrumenFilter
from monitoring.forms.instrumen import AspekForm, FokusForm, IndikatorForm, InstrumenForm
from monitoring.models import Aspek, Fokus, Indikator, Instrumen, JawabanIndikator
from monitoring.selectors import instrumen_editable_by, instrumen_for_user, rencana_for_user

RECENT_PLANS = 10


def can_create_instrumen(user) -> bool:
    return user.is_authenticated and is_komisi(user) and user.has_perm("monitoring.add_instrumen")


def _with_counts(queryset, user):
    return queryset.annotate(
        jumlah_aspek=count_of(Aspek.objects.all(), "instrumen"),
        jumlah_indikator=count_of(Indikator.objects.all(), "fokus__aspek__instrumen"),
        jumlah_rencana=count_of(rencana_for_user(user), "instrumen"),
    )


@require_safe
@login_required
def instrumen_list(request):
    user = request.user
    queryset = _with_counts(instrumen_for_user(user), user)
    filterset = InstrumenFilter(request.GET or None, queryset=queryset, request=request)
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    rows = rows.order_by(*rows.query.order_by or ["-aktif", "nama"], "pk")
    page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(
        request,
        "monitoring/instrumen/instrumen_list.html",
        {"filter": filterset, "page": page, "can_create": can_create_instrumen(user)},
    )


def _tree(instrumen: Instrumen) -> list[Aspek]:
    """The aspects with their focus areas and indicators, and whether each indicator has been
    answered (three queries whatever the size of the tree).

    Whether, not how often: an answered indicator is locked (no delete, no change of type), which
    is what its row must say. Counting its answers read every one of them (80,000 on the
    benchmark data, a third of the page's time); EXISTS stops at the first.
    """
    answered = JawabanIndikator.objects.filter(indikator=OuterRef("pk"))
    indicators = Indikator.objects.annotate(dijawab=Exists(answered))
    focus = Fokus.objects.prefetch_related(Prefetch("indikator", queryset=indicators))
    return list(instrumen.aspek.prefetch_related(Prefetch("fokus", queryset=focus)))


@require_safe
@login_required
def instrumen_detail(request, pk):
    user = request.user
    instrumen = get_object_or_404(
        _with_counts(instrumen_for_user(user), user)
        .select_related("dibuat_oleh")
        .annotate(can_edit=dapat_diubah(instrumen_editable_by(user))),
        pk=pk,
    )
    return render(
        request,
        "monitoring/instrumen/instrumen_detail.html",
        {
            "instrumen": instrumen,
            "aspek_list": cache.get_or_set(
                kunci_cache("instrumen", user, timezone.localdate(), f"i{instrumen.pk}"),
                lambda: _tree(instrumen),
                CACHE_SECONDS,
            ),
            "history": riwayat((instrumen.history.all(), Instrumen)),
            "rencana_list": rencana_for_user(user)
            .filter(instrumen=instrumen)
            .select_related("tim")
            .order_by("-tanggal_rencana", "-pk")[:RECENT_PLANS],
            "can_edit": instrumen.can_edit,
        },
    )


def _save_instrumen(request, *, instrumen: Instrumen, title: str):
    data = request.POST if request.method == "POST" else None
    form = InstrumenForm(data, instance=instrumen)
    if data is not None and form.is_valid():
        try:
            saved = services.instrumen_save(user=request.user, instrumen=form.save(commit=False))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Instrumen %(nama)s tersimpan.") % {"nama": saved.nama})
            return redirect(saved)
    return render(
        request,
        "monitoring/instrumen/instrumen_form.html",
        {"form": form, "instrumen": instrumen, "title": title},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def instrumen_create(request):
    if not can_create_instrumen(request.user):
        raise PermissionDenied
    return _save_instrumen(request, instrumen=Instrumen(), title=_("Tambah instrumen monitoring"))


def _instrumen_for_edit(request, pk) -> Instrumen:
    return object_for_edit(
        read=instrumen_for_user(request.user), write=instrumen_editable_by(request.user), pk=pk
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def instrumen_update(request, pk):
    instrumen = _instrumen_for_edit(request, pk)
    return _save_instrumen(
        request, instrumen=instrumen, title=_("Ubah instrumen %(nama)s") % {"nama": instrumen.nama}
    )


# --- the tree: aspek → fokus → indikator ------------------------------------------------------


def _node_doors(user, model):
    """Read and write doors of a node kind, through its instrument's doors."""
    path_to_instrument = {
        Aspek: "instrumen",
        Fokus: "aspek__instrumen",
        Indikator: "fokus__aspek__instrumen",
    }[model]
    related = {
        Aspek: ["instrumen"],
        Fokus: ["aspek__instrumen"],
        Indikator: ["fokus__aspek__instrumen"],
    }[model]
    read = model.objects.filter(**{f"{path_to_instrument}__in": instrumen_for_user(user)})
    write = model.objects.filter(**{f"{path_to_instrument}__in": instrumen_editable_by(user)})
    return read, write.select_related(*related)


def _node_for_edit(request, model, pk):
    read, write = _node_doors(request.user, model)
    return object_for_edit(read=read, write=write, pk=pk)


def _trail(node) -> list[tuple[str, str]]:
    """(label, url) from the instrument down to the node's parent, for the breadcrumbs."""
    if isinstance(node, Aspek):
        return [(node.instrumen.nama, node.instrumen.get_absolute_url())]
    if isinstance(node, Fokus):
        return [*_trail(node.aspek), (node.aspek.nama, _anchor(node.aspek))]
    return [*_trail(node.fokus), (node.fokus.nama, _anchor(node.fokus))]


def _instrumen_of(node) -> Instrumen:
    if isinstance(node, Aspek):
        return node.instrumen
    if isinstance(node, Fokus):
        return node.aspek.instrumen
    return node.fokus.aspek.instrumen


def _anchor(node) -> str:
    kind = {Aspek: "aspek", Fokus: "fokus", Indikator: "indikator"}[type(node)]
    return f"{_instrumen_of(node).get_absolute_url()}#{kind}-{node.pk}"


FORMS = {Aspek: AspekForm, Fokus: FokusForm, Indikator: IndikatorForm}
SAVE = {
    Aspek: services.aspek_save,
    Fokus: services.fokus_save,
    Indikator: services.indikator_save,
}
DELETE = {
    Aspek: services.aspek_delete,
    Fokus: services.fokus_delete,
    Indikator: services.indikator_delete,
}
KIND_LABEL = {Aspek: "aspek", Fokus: "fokus", Indikator: "indikator"}


def _save_node(request, *, node, title: str):
    model = type(node)
    data = request.POST if request.method == "POST" else None
    form = FORMS[model](data, instance=node)
    if data is not None and form.is_valid():
        try:
            saved = SAVE[model](user=request.user, **{KIND_LABEL[model]: form.save(commit=False)})
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(nama)s tersimpan.") % {"nama": saved.nama})
            return redirect(_anchor(saved))
    return render(
        request,
        "monitoring/instrumen/node_form.html",
        {
            "form": form,
            "node": node,
            "title": title,
            "instrumen": _instrumen_of(node),
            "trail": _trail(node),
            "cancel_url": _anchor(node) if node.pk else _trail(node)[-1][1],
            "is_indikator": model is Indikator,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def aspek_create(request, instrumen_pk):
    instrumen = _instrumen_for_edit(request, instrumen_pk)
    return _save_node(request, node=Aspek(instrumen=instrumen), title=_("Tambah aspek"))


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def fokus_create(request, aspek_pk):
    aspek = _node_for_edit(request, Aspek, aspek_pk)
    return _save_node(request, node=Fokus(aspek=aspek), title=_("Tambah fokus"))


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def indikator_create(request, fokus_pk):
    fokus = _node_for_edit(request, Fokus, fokus_pk)
    return _save_node(request, node=Indikator(fokus=fokus), title=_("Tambah indikator"))


def _node_update(model, title):
    @require_http_methods(["GET", "HEAD", "POST"])
    @login_required
    def view(request, pk):
        node = _node_for_edit(request, model, pk)
        return _save_node(request, node=node, title=title % {"nama": node.nama})

    return view


aspek_update = _node_update(Aspek, gettext_lazy("Ubah aspek %(nama)s"))
fokus_update = _node_update(Fokus, gettext_lazy("Ubah fokus %(nama)s"))
indikator_update = _node_update(Indikator, gettext_lazy("Ubah indikator %(nama)s"))


def _confirm_delete(request, *, node, delete, title: str, back_url: str, done_url: str, lead: str):
    if request.method == "POST":
        try:
            delete(user=request.user, **{KIND_LABEL.get(type(node), "instrumen"): node})
        except services.InstrumenDipakai as exc:
            messages.error(request, exc.message)
            return redirect(back_url)
        messages.success(request, _("%(nama)s telah dihapus.") % {"nama": node.nama})
        return redirect(done_url)
    return render(
        request,
        "monitoring/instrumen/confirm_delete.html",
        {"node": node, "title": title, "back_url": back_url, "lead": lead},
    )


def _node_delete(model, title, lead):
    @require_http_methods(["GET", "HEAD", "POST"])
    @login_required
    def view(request, pk):
        node = _node_for_edit(request, model, pk)
        instrumen = _instrumen_of(node)
        return _confirm_delete(
            request,
            node=node,
            delete=DELETE[model],
            title=title % {"nama": node.nama},
            back_url=_anchor(node),
            done_url=instrumen.get_absolute_url(),
            lead=lead,
        )

    return view


aspek_delete = _node_delete(
    Aspek,
    gettext_lazy("Hapus aspek %(nama)s"),
    gettext_lazy("Semua fokus dan indikator di bawah aspek ini ikut terhapus."),
)
fokus_delete = _node_delete(
    Fokus,
    gettext_lazy("Hapus fokus %(nama)s"),
    gettext_lazy("Semua indikator di bawah fokus ini ikut terhapus."),
)
indikator_delete = _node_delete(
    Indikator,
    gettext_lazy("Hapus indikator %(nama)s"),
    gettext_lazy("Indikator ini hilang dari instrumen."),
)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def instrumen_delete(request, pk):
    instrumen = _instrumen_for_edit(request, pk)
    return _confirm_delete(
        request,
        node=instrumen,
        delete=services.instrumen_delete,
        title=_("Hapus instrumen %(nama)s") % {"nama": instrumen.nama},
        back_url=instrumen.get_absolute_url(),
        done_url=reverse("monitoring:instrumen-list"),
        lead=_("Seluruh aspek, fokus dan indikatornya ikut terhapus."),
    )


urlpatterns = [
    path("instrumen/", instrumen_list, name="instrumen-list"),
    path("instrumen/tambah/", instrumen_create, name="instrumen-create"),
    path("instrumen/<int:pk>/", instrumen_detail, name="instrumen-detail"),
    path("instrumen/<int:pk>/ubah/", instrumen_update, name="instrumen-update"),
    path("instrumen/<int:pk>/hapus/", instrumen_delete, name="instrumen-delete"),
    path("instrumen/<int:instrumen_pk>/aspek/tambah/", aspek_create, name="aspek-create"),
    path("aspek/<int:pk>/ubah/", aspek_update, name="aspek-update"),
    path("aspek/<int:pk>/hapus/", aspek_delete, name="aspek-delete"),
    path("aspek/<int:aspek_pk>/fokus/tambah/", fokus_create, name="fokus-create"),
    path("fokus/<int:pk>/ubah/", fokus_update, name="fokus-update"),
    path("fokus/<int:pk>/hapus/", fokus_delete, name="fokus-delete"),
    path("fokus/<int:fokus_pk>/indikator/tambah/", indikator_create, name="indikator-create"),
    path("indikator/<int:pk>/ubah/", indikator_update, name="indikator-update"),
    path("indikator/<int:pk>/hapus/", indikator_delete, name="indikator-delete"),
]
