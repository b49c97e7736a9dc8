"""Technical guidance sessions (§5): list, record (by kind), page and edit of a session.

The RTL items a session ends with have their own pages (advokasi/views/rtl.py); their URLs are
listed here too, so that advokasi/urls.py takes one list from this area.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from advokasi import selectors
from advokasi.filters import BimbinganFilter
from advokasi.forms.bimbingan import (
    BimbinganForm,
    MasalahSesiForm,
    PesertaFormSet,
    RtlLanjutanForm,
    masalah_initial,
)
from advokasi.langkah import LangkahForm, langkah_rows
from advokasi.models import AlternatifTindakan, Bimbingan, BimbinganMasalah, Permasalahan, Rtl
from advokasi.pedoman import LANGKAH_BIMBINGAN, JenisBimbingan
from advokasi.services.bimbingan import bimbingan_save
from advokasi.views import rtl as rtl_views
from advokasi.views.tim import add_service_errors, count_of
from akun.doors import object_for_edit
from akun.kiriman import kirim_sekali, tercatat
from akun.riwayat import riwayat
from lsp.selectors import sasaran_for_user

BAGIAN = {
    JenisBimbingan.KELOMPOK_LSP: "§5.1",
    JenisBimbingan.LSP: "§5.2",
    JenisBimbingan.BKSP: "§5.3",
}


def can_create_bimbingan(user) -> bool:
    """Staf Komisi, and fasilitators who belong to an active team."""
    if not user.is_authenticated or not user.has_perm("advokasi.add_bimbingan"):
        return False
    return selectors.tim_for_records(user).exists()


def _jenis_choices():
    return [(value, label, BAGIAN[value]) for value, label in JenisBimbingan.choices]


# --- list -------------------------------------------------------------------------------------


@require_safe
@login_required
def bimbingan_list(request):
    user = request.user
    today = timezone.localdate()
    rtl = selectors.rtl_for_user(user)
    counts = {
        "jumlah_masalah": count_of(BimbinganMasalah.objects.all(), "bimbingan"),
        "jumlah_rtl": count_of(rtl, "bimbingan"),
        "rtl_terbuka": count_of(rtl.terbuka(), "bimbingan"),
        "rtl_terlambat": count_of(rtl.terlambat(today), "bimbingan"),
    }
    queryset = (
        selectors.bimbingan_for_user(user)
        .select_related("tim")
        .prefetch_related(
            Prefetch(
                "sasaran",
                queryset=sasaran_for_user(user).select_related("provinsi").order_by("nama"),
            ),
        )
    )
    urut = {v.strip().lstrip("-") for v in request.GET.get("urut", "").split(",")}
    if "rtl" in urut:  # sorting by the number of RTL items needs it on every row
        queryset = queryset.annotate(jumlah_rtl=counts["jumlah_rtl"])
    filterset = BimbinganFilter(request.GET or None, queryset=queryset, request=request)
    # An invalid filter value shows the form's errors and the unfiltered list, not an error page.
    valid = filterset.is_bound and filterset.is_valid()
    rows = filterset.qs if valid else queryset
    rows = rows.order_by(*(rows.query.order_by or ["-tanggal", "-waktu_mulai"]), "-pk")
    page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("halaman"))
    _add_counts(page, counts)
    return render(
        request,
        "advokasi/bimbingan/bimbingan_list.html",
        {
            "filter": filterset,
            "page": page,
            "can_create": can_create_bimbingan(user),
            "jenis_choices": _jenis_choices(),
            "sasaran_dipilih": filterset.form.cleaned_data.get("sasaran") if valid else None,
        },
    )


def _add_counts(page, counts: dict) -> None:
    """Set the per-session counts on the rows of the page shown, in one query.

    As annotations of the whole list they were computed for every session before the sort
    (SQLite evaluates correlated subqueries row by row): 1.3 s for 2,000 sessions (bench/).
    """
    shown = list(page.object_list)
    by_pk = {
        row.pop("pk"): row
        for row in Bimbingan.objects.filter(pk__in=[b.pk for b in shown])
        .values("pk")
        .annotate(**counts)
    }
    for bimbingan in shown:
        for name, value in by_pk.get(bimbingan.pk, {}).items():
            setattr(bimbingan, name, value)
    page.object_list = shown


# --- detail -----------------------------------------------------------------------------------


@require_safe
@login_required
def bimbingan_detail(request, pk):
    user = request.user
    bimbingan = get_object_or_404(
        selectors.bimbingan_for_user(user).select_related("tim", "kelompok_masalah", "dibuat_oleh"),
        pk=pk,
    )
    # Targets, problems and RTL each go through their own door: a BKSP user sees those of their
    # province only, and is told how many others there are.
    sasaran = list(
        sasaran_for_user(user)
        .filter(bimbingan=bimbingan)
        .select_related("provinsi", "lsp")
        .order_by("nama")
    )
    masalah = list(
        BimbinganMasalah.objects.filter(
            bimbingan=bimbingan, permasalahan__in=selectors.permasalahan_for_user(user)
        )
        .select_related("permasalahan__sasaran", "alternatif_dipilih")
        .prefetch_related(
            Prefetch(
                "alternatif_disajikan",
                queryset=AlternatifTindakan.objects.select_related("fgd").order_by("pk"),
            )
        )
        .order_by("permasalahan__nomor")
    )
    rtl = list(
        selectors.rtl_for_user(user)
        .filter(bimbingan=bimbingan)
        .select_related("pemilik_sasaran", "permasalahan", "lanjutan_dari")
        .order_by("nomor")
    )
    totals = (
        Bimbingan.objects.filter(pk=bimbingan.pk)
        .annotate(
            n_sasaran=count_of(Bimbingan.sasaran.through.objects.all(), "bimbingan"),
            n_masalah=count_of(BimbinganMasalah.objects.all(), "bimbingan"),
            n_rtl=count_of(Rtl.objects.all(), "bimbingan"),
        )
        .values("n_sasaran", "n_masalah", "n_rtl")
        .get()
    )
    peserta = list(bimbingan.peserta.select_related("sasaran"))
    can_edit = selectors.bimbingan_editable_by(user).filter(pk=bimbingan.pk).exists()
    return render(
        request,
        "advokasi/bimbingan/bimbingan_detail.html",
        {
            "bimbingan": bimbingan,
            "bagian": BAGIAN.get(bimbingan.jenis, "§5"),
            "sasaran": sasaran,
            "sasaran_tersembunyi": totals["n_sasaran"] - len(sasaran),
            "fasilitator": list(bimbingan.fasilitator.order_by("first_name", "username")),
            "peserta": peserta,
            "jumlah_hadir": sum(1 for p in peserta if p.hadir),
            "masalah": masalah,
            "masalah_tersembunyi": totals["n_masalah"] - len(masalah),
            "langkah": langkah_rows(LANGKAH_BIMBINGAN.get(bimbingan.jenis, []), bimbingan.langkah),
            "rtl_list": rtl,
            "rtl_tersembunyi": totals["n_rtl"] - len(rtl),
            "rtl_terbuka": sum(1 for r in rtl if r.status in rtl_views.OPEN),
            "rtl_terlambat": sum(1 for r in rtl if r.terlambat()),
            "lampiran": bimbingan.lampiran.select_related("diunggah_oleh"),
            "history": riwayat((bimbingan.history.all(), Bimbingan)),
            "can_edit": can_edit,
        },
    )


# --- create and edit --------------------------------------------------------------------------


def _ids(values) -> list[int]:
    return [int(v) for v in values if str(v).isdecimal()]


class _Sesi:
    """What the session form page is built from: the forms, and the problems and earlier RTL
    offered for the targets chosen so far."""

    # True when the address named the targets (?sasaran=… or ?kelompok=…).
    hinted = False

    def __init__(self, request, *, bimbingan: Bimbingan, jenis: str):
        self.request = request
        self.user = request.user
        self.bimbingan = bimbingan
        self.jenis = jenis
        self.data = request.POST if request.method == "POST" else None
        self.form = BimbinganForm(self.data, instance=bimbingan, user=self.user, jenis=jenis)
        self.existing = self._existing_rows()
        self.targets = self._targets()
        self.chosen_ids = self._chosen_problem_ids()
        self.masalah = self._masalah_entries()
        self.lanjutan = self._lanjutan_forms()
        self.peserta = PesertaFormSet(
            self.data,
            instance=bimbingan,
            prefix="peserta",
            form_kwargs={"sasaran_qs": self.form.fields["sasaran"].queryset},
        )
        self.langkah = LangkahForm(
            self.data,
            steps=LANGKAH_BIMBINGAN[jenis],
            stored=bimbingan.langkah,
            prefix="langkah",
        )

    # The targets: posted, asked for in the address (?sasaran=…, ?kelompok=…), or stored.
    def _targets(self) -> list:
        field = self.form.fields["sasaran"]
        if self.data is not None:
            return list(field.queryset.filter(pk__in=_ids(self.data.getlist("sasaran"))))
        query = self.request.GET
        teams = self.form.teams
        if self.bimbingan.pk is None:
            if len(teams) == 1:
                self.form.initial["tim"] = teams[0].pk
            if self.user.pk in self.form.fields["fasilitator"].widget.tim_map:
                self.form.initial["fasilitator"] = [self.user.pk]
        targets = None
        if "sasaran" in query:
            targets = list(field.queryset.filter(pk__in=_ids(query.getlist("sasaran"))))
        kelompok_id = _ids([query.get("kelompok", "")])
        if kelompok_id:
            kelompok = (
                self.form.fields["kelompok_masalah"].queryset.filter(pk=kelompok_id[0]).first()
            )
            if kelompok is not None:
                self.form.initial["kelompok_masalah"] = kelompok.pk
                if kelompok.tim_id in {t.pk for t in teams}:
                    self.form.initial["tim"] = kelompok.tim_id
                if targets is None:
                    targets = list(field.queryset.filter(kelompok_masalah=kelompok))
        if targets is None:
            return list(self.bimbingan.sasaran.all()) if self.bimbingan.pk else []
        self.form.initial["sasaran"] = [t.pk for t in targets]
        self.hinted = True
        return targets

    def _existing_rows(self) -> dict[int, BimbinganMasalah]:
        if not self.bimbingan.pk:
            return {}
        rows = self.bimbingan.masalah.prefetch_related("alternatif_disajikan")
        return {row.permasalahan_id: row for row in rows}

    def _chosen_problem_ids(self) -> set[int]:
        if self.data is not None:
            return set(_ids(self.data.getlist("permasalahan")))
        chosen = set(self.existing)
        if self.bimbingan.pk is None or self.hinted:
            # Carried across sessions: the open problems of the targets are picked up, not retyped.
            before = (
                set(self.bimbingan.sasaran.values_list("pk", flat=True))
                if self.bimbingan.pk
                else set()
            )
            new_targets = [t.pk for t in self.targets if t.pk not in before]
            chosen |= set(
                self.form.fields["permasalahan"]
                .queryset.filter(sasaran__in=new_targets, status__in=Permasalahan.OPEN)
                .values_list("pk", flat=True)
            )
        return chosen

    def _masalah_entries(self) -> list[dict]:
        """A card per problem offered: those of the targets (for a BKSP, of its province), and
        those chosen or stored. Two queries whatever their number."""
        offered = Q(pk__in=self.chosen_ids | set(self.existing))
        if self.targets:
            if self.jenis == JenisBimbingan.BKSP:
                offered |= Q(sasaran__provinsi__in=[t.provinsi_id for t in self.targets])
            else:
                offered |= Q(sasaran__in=self.targets)
        problems = list(self.form.fields["permasalahan"].queryset.filter(offered))
        alternatives = defaultdict(list)
        for alt in AlternatifTindakan.objects.filter(
            permasalahan__in=[p.pk for p in problems]
        ).order_by("pk"):
            alternatives[alt.permasalahan_id].append(alt)
        target_ids = {t.pk for t in self.targets}
        problems.sort(key=lambda p: (p.sasaran_id not in target_ids, p.sasaran.nama, p.nomor))
        entries = []
        for problem in problems:
            form = MasalahSesiForm(
                self.data,
                prefix=f"masalah-{problem.pk}",
                problem=problem,
                alternatives=alternatives[problem.pk],
                initial=masalah_initial(self.existing.get(problem.pk)),
            )
            entries.append(
                {
                    "problem": problem,
                    "form": form,
                    "checked": problem.pk in self.chosen_ids,
                    "milik_sasaran": problem.sasaran_id in target_ids,
                }
            )
        return entries

    def _lanjutan_forms(self) -> list[RtlLanjutanForm]:
        """Unfinished RTL of the targets from earlier sessions, not yet carried anywhere."""
        if not self.targets:
            return []
        earlier = (
            selectors.rtl_editable_by(self.user)
            .terbuka()
            .filter(pemilik_sasaran__in=self.targets, lanjutan__isnull=True)
            .exclude(bimbingan_id=self.bimbingan.pk or 0)
            .select_related("bimbingan", "permasalahan", "pemilik_sasaran")
            .order_by("batas_waktu", "pk")
        )
        return [RtlLanjutanForm(self.data, prefix=f"lanjut-{r.pk}", rtl=r) for r in earlier]

    def prepare_rows(self) -> None:
        """Selects repeated on every participant row draw from one list of the targets."""
        choices = [("", _("— pilih sasaran —")), *[(t.pk, t.nama) for t in self.targets]]
        for row in [*self.peserta.forms, self.peserta.empty_form]:
            row.fields["sasaran"].choices = choices

    def is_valid(self) -> bool:
        form = self.form
        valid = form.is_valid()
        cleaned = getattr(form, "cleaned_data", {})
        chosen = cleaned.get("permasalahan")
        chosen_ids = {p.pk for p in chosen} if chosen is not None else None
        self.peserta.sasaran_sesi = list(cleaned["sasaran"]) if "sasaran" in cleaned else None
        self.peserta.terlaksana = cleaned.get("status") == Bimbingan.Status.TERLAKSANA
        valid = self.peserta.is_valid() and valid
        for entry in self.masalah:
            if chosen_ids is not None and entry["problem"].pk in chosen_ids:
                valid = entry["form"].is_valid() and valid
        for lanjut in self.lanjutan:
            lanjut.tanggal_sesi = cleaned.get("tanggal")
            lanjut.masalah_dipilih = chosen_ids
            valid = lanjut.is_valid() and valid
        valid = self.langkah.is_valid() and valid
        return valid

    def save(self) -> Bimbingan:
        chosen = {p.pk for p in self.form.cleaned_data["permasalahan"]}
        return bimbingan_save(
            user=self.user,
            bimbingan=self.form.save(commit=False),
            sasaran=self.form.cleaned_data["sasaran"],
            fasilitator=self.form.cleaned_data["fasilitator"],
            masalah=[
                entry["form"].to_masalah_sesi()
                for entry in self.masalah
                if entry["problem"].pk in chosen
            ],
            peserta_formset=self.peserta,
            langkah=self.langkah.to_json(),
            lanjutan=[item for item in (f.to_lanjutan() for f in self.lanjutan) if item],
        )

    def context(self, *, title: str) -> dict:
        bimbingan = self.bimbingan
        if bimbingan.pk:
            reload_url = reverse("advokasi:bimbingan-update", args=[bimbingan.pk])
        else:
            reload_url = f"{reverse('advokasi:bimbingan-create')}?jenis={self.jenis}"
        return {
            "form": self.form,
            "bimbingan": bimbingan,
            "jenis": self.jenis,
            "jenis_label": JenisBimbingan(self.jenis).label,
            "bagian": BAGIAN[self.jenis],
            "targets": self.targets,
            "masalah_entries": self.masalah,
            "masalah_errors": self.form.errors.get("permasalahan"),
            "lanjutan_forms": self.lanjutan,
            "peserta_formset": self.peserta,
            "langkah_form": self.langkah,
            "reload_url": reload_url,
            "title": title,
        }


def _edit(request, *, bimbingan: Bimbingan, jenis: str, title: str):
    baru = bimbingan.pk is None
    sesi = _Sesi(request, bimbingan=bimbingan, jenis=jenis)
    if sesi.data is not None:
        if sesi.is_valid():
            try:
                saved = sesi.save()
            except ValidationError as exc:
                add_service_errors(sesi.form, exc)
            else:
                tercatat(request, saved, baru=baru)
                messages.success(
                    request, _("Bimbingan %(nomor)s tersimpan.") % {"nomor": saved.nomor}
                )
                return redirect(saved)
        messages.error(request, _("Periksa kembali isian yang ditandai."))
    sesi.prepare_rows()
    context = sesi.context(title=title)
    if request.headers.get("HX-Request") and sesi.data is None:
        # The targets changed on the page: only the problems and earlier RTL are redrawn.
        return render(request, "advokasi/bimbingan/_masalah_rtl.html", context)
    return render(request, "advokasi/bimbingan/bimbingan_form.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@kirim_sekali
@login_required
def bimbingan_create(request):
    if not can_create_bimbingan(request.user):
        raise PermissionDenied
    jenis = request.GET.get("jenis", "")
    if jenis not in JenisBimbingan.values:
        return render(
            request,
            "advokasi/bimbingan/bimbingan_jenis.html",
            {"jenis_choices": _jenis_choices(), "jenis_salah": bool(jenis)},
        )
    return _edit(
        request,
        bimbingan=Bimbingan(jenis=jenis),
        jenis=jenis,
        title=_("Catat bimbingan teknis: %(jenis)s") % {"jenis": JenisBimbingan(jenis).label},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@kirim_sekali
@login_required
def bimbingan_update(request, pk):
    bimbingan = object_for_edit(
        read=selectors.bimbingan_for_user(request.user),
        write=selectors.bimbingan_editable_by(request.user).select_related("tim"),
        pk=pk,
    )
    return _edit(
        request,
        bimbingan=bimbingan,
        jenis=bimbingan.jenis,
        title=_("Ubah bimbingan %(nomor)s") % {"nomor": bimbingan.nomor},
    )


urlpatterns = [
    path("bimbingan/", bimbingan_list, name="bimbingan-list"),
    path("bimbingan/tambah/", bimbingan_create, name="bimbingan-create"),
    path("bimbingan/<int:pk>/", bimbingan_detail, name="bimbingan-detail"),
    path("bimbingan/<int:pk>/ubah/", bimbingan_update, name="bimbingan-update"),
    *rtl_views.urlpatterns,
]
