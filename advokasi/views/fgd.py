"""Focus group discussions (§4.2): list, record, page and edit of an FGD."""

import re
from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.forms.models import ModelChoiceIteratorValue
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from advokasi import selectors
from advokasi.filters import FgdFilter
from advokasi.forms.fgd import (
    AlternatifFormSet,
    FgdForm,
    PesertaFormSet,
    permasalahan_label,
    team_members,
    user_label,
)
from advokasi.langkah import LangkahForm, langkah_rows
from advokasi.models import Fgd, PesertaFgd
from advokasi.pedoman import LANGKAH_FGD
from advokasi.services.fgd import fgd_save
from akun.doors import object_for_edit
from akun.kiriman import kirim_sekali, tercatat
from akun.riwayat import riwayat
from akun.selectors import is_komisi


def _count(model, *, where: Q | None = None):
    """A correlated COUNT per FGD, so that two counts never multiply each other's rows."""
    rows = model.objects.filter(fgd=OuterRef("pk"))
    if where is not None:
        rows = rows.filter(where)
    counted = rows.order_by().values("fgd").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _with_counts(queryset):
    return queryset.annotate(
        jumlah_masalah=_count(Fgd.permasalahan.through),
        jumlah_peserta=_count(PesertaFgd),
        jumlah_hadir=_count(PesertaFgd, where=Q(hadir=True)),
    )


def can_create_fgd(user) -> bool:
    """Staf Komisi always; a fasilitator when they belong to an active team."""
    if not user.is_authenticated or not user.has_perm("advokasi.add_fgd"):
        return False
    return is_komisi(user) or selectors.tim_for_records(user).exists()


@require_safe
@login_required
def fgd_list(request):
    queryset = _with_counts(selectors.fgd_for_user(request.user).select_related("tim"))
    filterset = FgdFilter(request.GET or None, queryset=queryset, request=request)
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    rows = rows.order_by(*(rows.query.order_by or ["-tanggal", "-waktu_mulai"]), "-pk")
    page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(
        request,
        "advokasi/fgd/fgd_list.html",
        {"filter": filterset, "page": page, "can_create": can_create_fgd(request.user)},
    )


@require_safe
@login_required
def fgd_detail(request, pk):
    user = request.user
    fgd = get_object_or_404(
        selectors.fgd_for_user(user).select_related("tim", "dibuat_oleh"), pk=pk
    )
    # Problems go through their own door: a BKSP user sees those of their province only.
    problems = list(
        selectors.permasalahan_for_user(user)
        .filter(fgd=fgd)
        .select_related("sasaran", "sasaran__provinsi")
        .order_by("nomor", "pk")
    )
    alternatives = defaultdict(list)
    for alternatif in fgd.alternatif.filter(permasalahan__in=[p.pk for p in problems]):
        alternatives[alternatif.permasalahan_id].append(alternatif)
    for problem in problems:
        problem.alternatif_fgd = alternatives[problem.pk]
    jumlah_masalah = fgd.permasalahan.count()
    peserta = list(fgd.peserta.select_related("user"))
    can_edit = selectors.fgd_editable_by(user).filter(pk=fgd.pk).exists()
    return render(
        request,
        "advokasi/fgd/fgd_detail.html",
        {
            "fgd": fgd,
            "peserta": peserta,
            "jumlah_hadir": sum(1 for p in peserta if p.hadir),
            "problems": problems,
            "hidden_problems": jumlah_masalah - len(problems),
            "langkah": langkah_rows(LANGKAH_FGD, fgd.langkah),
            "kelompok": list(
                selectors.kelompok_for_user(user).filter(fgd=fgd).order_by("-tahun", "nama")
            ),
            "lampiran": fgd.lampiran.select_related("diunggah_oleh"),
            "history": riwayat((fgd.history.all(), Fgd)),
            "can_edit": can_edit,
        },
    )


def _apply_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.message_dict.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


def _problems_in_play(data, form: FgdForm) -> set[int]:
    """The problems an alternative's row may name as the page is drawn: those ticked (sent, or
    the FGD's own when the form opens) and any a row sent, so its message stays readable."""
    if data is None:
        return {p.pk for p in form.tersimpan}
    sent = data.getlist("permasalahan") + [
        value for key, value in data.items() if re.fullmatch(r"alternatif-\d+-permasalahan", key)
    ]
    return {int(v) for v in sent if str(v).isdecimal()}


def _edit(request, *, fgd: Fgd, title: str):
    """Bind, validate and save the FGD with its participants, alternatives and checklist."""
    user = request.user
    baru = fgd.pk is None
    data = request.POST if request.method == "POST" else None
    form = FgdForm(data, instance=fgd, user=user)
    teams = form.fields["tim"].queryset
    if fgd.pk is None and data is None and len(teams) == 1:
        form.initial["tim"] = teams[0].pk
    # Selects repeated on every row (and the problem checkboxes) draw from lists read once.
    problems = form.fields["permasalahan"].queryset
    problem_choices = [(ModelChoiceIteratorValue(p.pk, p), permasalahan_label(p)) for p in problems]
    form.fields["permasalahan"].choices = problem_choices
    linked = fgd.peserta.exclude(user=None).values("user_id") if fgd.pk else None
    peserta_formset = PesertaFormSet(
        data,
        instance=fgd,
        prefix="peserta",
        form_kwargs={"users": team_members([t.pk for t in teams], linked=linked)},
    )
    in_play = _problems_in_play(data, form)
    alternatif_formset = AlternatifFormSet(
        data,
        instance=fgd,
        prefix="alternatif",
        form_kwargs={
            "problems": problems,
            # Each row offers the problems ticked, not all of them: Staf Komisi's form repeated
            # 8,000 options on every row (2 MB). The page adds a problem as it is ticked.
            "choices": [
                ("", _("— pilih permasalahan —")),
                *[c for c in problem_choices if c[0].value in in_play],
            ],
        },
    )
    langkah_form = LangkahForm(data, steps=LANGKAH_FGD, stored=fgd.langkah, prefix="langkah")

    if data is not None:
        form_valid = form.is_valid()
        chosen = form.cleaned_data.get("permasalahan")
        alternatif_formset.dibahas = {p.pk for p in chosen} if chosen is not None else None
        peserta_formset.tim = form.cleaned_data.get("tim")
        valid = [
            form_valid,
            peserta_formset.is_valid(),
            alternatif_formset.is_valid(),
            langkah_form.is_valid(),
        ]
        if all(valid):
            try:
                saved = fgd_save(
                    user=user,
                    fgd=form.save(commit=False),
                    problems=form.cleaned_data["permasalahan"],
                    peserta_formset=peserta_formset,
                    alternatif_formset=alternatif_formset,
                    langkah=langkah_form.to_json(),
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                tercatat(request, saved, baru=baru)
                messages.success(request, _("FGD %(nomor)s tersimpan.") % {"nomor": saved.nomor})
                return redirect(saved)
        messages.error(request, _("Periksa kembali isian yang ditandai."))
    # Accounts offered: the members of the FGD's team once it has one (bound forms set it),
    # otherwise of every team offered; the formset checks them against the chosen team.
    team_ids = [fgd.tim_id] if fgd.tim_id else [t.pk for t in teams]
    users = team_members(team_ids, linked=linked)
    peserta_formset.form_kwargs["choices"] = [
        ("", _("— tanpa akun —")),
        *[(u.pk, user_label(u)) for u in users],
    ]
    for row in peserta_formset.forms:
        row.fields["user"].choices = peserta_formset.form_kwargs["choices"]
    return render(
        request,
        "advokasi/fgd/fgd_form.html",
        {
            "form": form,
            "peserta_formset": peserta_formset,
            "alternatif_formset": alternatif_formset,
            "langkah_form": langkah_form,
            "fgd": fgd,
            "title": title,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@kirim_sekali
@login_required
def fgd_create(request):
    if not can_create_fgd(request.user):
        raise PermissionDenied
    return _edit(request, fgd=Fgd(), title=_("Catat FGD"))


@require_http_methods(["GET", "HEAD", "POST"])
@kirim_sekali
@login_required
def fgd_update(request, pk):
    fgd = object_for_edit(
        read=selectors.fgd_for_user(request.user),
        write=selectors.fgd_editable_by(request.user).select_related("tim"),
        pk=pk,
    )
    return _edit(request, fgd=fgd, title=_("Ubah FGD %(nomor)s") % {"nomor": fgd.nomor})


urlpatterns = [
    path("fgd/", fgd_list, name="fgd-list"),
    path("fgd/tambah/", fgd_create, name="fgd-create"),
    path("fgd/<int:pk>/", fgd_detail, name="fgd-detail"),
    path("fgd/<int:pk>/ubah/", fgd_update, name="fgd-update"),
]
