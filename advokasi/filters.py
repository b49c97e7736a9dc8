"""List filters of the advocacy pages (django-filter), one class per list."""

from datetime import date

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import F, Q
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from advokasi import selectors
from advokasi.models import Bimbingan, Fgd, KelompokMasalah, Permasalahan, Rtl, Survei, Tim
from advokasi.pedoman import JenisBimbingan, JenisTim, KategoriMasalah, RuangLingkup
from akun.saringan import FilterSet
from lsp.models import Lsp, Sasaran
from lsp.selectors import provinsi_for_user, sasaran_for_user

# --- teams, surveys and problems (§3, §4.1) ---------------------------------------------------


def _search_widget(placeholder):
    return django_filters.widgets.forms.TextInput(
        attrs={"placeholder": placeholder, "type": "search"}
    )


def _provinsi(request):
    return provinsi_for_user(request.user if request else None)


def _tim(request):
    return selectors.tim_for_user(request.user).order_by("nama") if request else Tim.objects.none()


def _sasaran(request):
    return sasaran_for_user(request.user) if request else Sasaran.objects.none()


class TimFilter(FilterSet):
    q = django_filters.CharFilter(
        label=_("Cari"), method="search", widget=_search_widget(_("Nama tim, anggota…"))
    )
    jenis = django_filters.ChoiceFilter(
        label=_("Jenis advokasi"), choices=JenisTim.choices, empty_label=_("Semua jenis")
    )
    aktif = django_filters.ChoiceFilter(
        label=_("Status tim"),
        choices=[("ya", _("Aktif")), ("tidak", _("Tidak aktif"))],
        method="filter_aktif",
        empty_label=_("Semua"),
    )
    urut = django_filters.OrderingFilter(
        label=_("Urutkan"),
        fields=[
            ("nama", "nama"),
            ("jenis", "jenis"),
            ("koordinator__first_name", "koordinator"),
            ("jumlah_survei", "survei"),
            ("dibuat", "dibuat"),
        ],
    )

    class Meta:
        model = Tim
        fields = ["q", "jenis", "aktif"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        members = Tim.anggota.through.objects.filter(
            Q(user__username__icontains=value)
            | Q(user__first_name__icontains=value)
            | Q(user__last_name__icontains=value)
        ).values("tim_id")
        return queryset.filter(
            Q(nama__icontains=value) | Q(keterangan__icontains=value) | Q(pk__in=members)
        )

    def filter_aktif(self, queryset, name, value):
        return queryset.filter(aktif=value == "ya")


class SurveiFilter(FilterSet):
    q = django_filters.CharFilter(
        label=_("Cari"), method="search", widget=_search_widget(_("Nomor, sasaran, ringkasan…"))
    )
    tim = django_filters.ModelChoiceFilter(
        label=_("Tim"), queryset=_tim, empty_label=_("Semua tim")
    )
    provinsi = django_filters.ModelChoiceFilter(
        label=_("Provinsi sasaran"),
        queryset=_provinsi,
        method="filter_provinsi",
        empty_label=_("Semua provinsi"),
    )
    tanggal_dari = django_filters.DateFilter(
        label=_("Tanggal dari"),
        field_name="tanggal",
        lookup_expr="gte",
        widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}),
    )
    tanggal_sampai = django_filters.DateFilter(
        label=_("sampai"),
        field_name="tanggal",
        lookup_expr="lte",
        widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}),
    )
    urut = django_filters.OrderingFilter(
        label=_("Urutkan"),
        fields=[
            ("tanggal", "tanggal"),
            ("nomor", "nomor"),
            ("tim__nama", "tim"),
            ("jumlah_masalah", "masalah"),
        ],
    )

    class Meta:
        model = Survei
        fields = ["q", "tim", "provinsi", "tanggal_dari", "tanggal_sampai"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # A subquery rather than a join, so a survey of several matching targets is listed once.
        by_target = Survei.sasaran.through.objects.filter(sasaran__nama__icontains=value).values(
            "survei_id"
        )
        return queryset.filter(
            Q(nomor__icontains=value) | Q(ringkasan__icontains=value) | Q(pk__in=by_target)
        )

    def filter_provinsi(self, queryset, name, value):
        in_province = Survei.sasaran.through.objects.filter(sasaran__provinsi=value).values(
            "survei_id"
        )
        return queryset.filter(pk__in=in_province)


class PermasalahanFilter(FilterSet):
    TERBUKA = "terbuka"

    q = django_filters.CharFilter(
        label=_("Cari"), method="search", widget=_search_widget(_("Nomor, uraian, sasaran…"))
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(TERBUKA, _("Semua yang masih terbuka")), *Permasalahan.Status.choices],
        method="filter_status",
        empty_label=_("Semua status"),
    )
    kategori = django_filters.ChoiceFilter(
        label=_("Kategori (§4.1)"), choices=KategoriMasalah.choices, empty_label=_("Semua")
    )
    ruang_lingkup = django_filters.ChoiceFilter(
        label=_("Ruang lingkup (§1.1)"), choices=RuangLingkup.choices, empty_label=_("Semua")
    )
    tingkat = django_filters.ChoiceFilter(
        label=_("Tingkat"), choices=Permasalahan.Tingkat.choices, empty_label=_("Semua")
    )
    provinsi = django_filters.ModelChoiceFilter(
        label=_("Provinsi sasaran"),
        field_name="sasaran__provinsi",
        queryset=_provinsi,
        empty_label=_("Semua provinsi"),
    )
    tim = django_filters.ModelChoiceFilter(
        label=_("Tim"), field_name="survei__tim", queryset=_tim, empty_label=_("Semua tim")
    )
    jenis_sasaran = django_filters.ChoiceFilter(
        label=_("Jenis sasaran"),
        field_name="sasaran__jenis",
        choices=Sasaran.Jenis.choices,
        empty_label=_("Semua jenis"),
    )
    jenis_lsp = django_filters.ChoiceFilter(
        label=_("Jenis LSP"),
        field_name="sasaran__lsp__jenis_lsp",
        choices=Lsp.JenisLsp.choices,
        empty_label=_("Semua"),
    )
    # Set by links from the mapping matrix and target pages, shown as a removable chip.
    sasaran = django_filters.ModelChoiceFilter(
        label=_("Sasaran"),
        queryset=_sasaran,
        widget=django_filters.widgets.forms.HiddenInput,
    )
    tanggal_dari = django_filters.DateFilter(
        label=_("Survei dari"),
        field_name="survei__tanggal",
        lookup_expr="gte",
        widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}),
    )
    tanggal_sampai = django_filters.DateFilter(
        label=_("sampai"),
        field_name="survei__tanggal",
        lookup_expr="lte",
        widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}),
    )
    urut = django_filters.OrderingFilter(
        label=_("Urutkan"),
        fields=[
            ("nomor", "nomor"),
            ("sasaran__nama", "sasaran"),
            ("kategori", "kategori"),
            ("tingkat", "tingkat"),
            ("status", "status"),
            ("survei__tanggal", "tanggal"),
            ("dibuat", "dibuat"),
        ],
    )

    class Meta:
        model = Permasalahan
        fields = [
            "q",
            "status",
            "kategori",
            "ruang_lingkup",
            "tingkat",
            "provinsi",
            "tim",
            "jenis_sasaran",
            "jenis_lsp",
            "sasaran",
            "tanggal_dari",
            "tanggal_sampai",
        ]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(nomor__icontains=value)
            | Q(uraian__icontains=value)
            | Q(sasaran__nama__icontains=value)
        )

    def filter_status(self, queryset, name, value):
        if value == self.TERBUKA:
            return queryset.filter(status__in=Permasalahan.OPEN)
        return queryset.filter(status=value)


# --- FGD and priority groups (§4.2, §4.3) -----------------------------------------------------


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _FgdFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        dari, sampai = cleaned.get("tanggal_dari"), cleaned.get("tanggal_sampai")
        if dari and sampai and sampai < dari:
            self.add_error(
                "tanggal_sampai", _("Tanggal akhir harus sama dengan atau setelah tanggal awal.")
            )
        return cleaned


class FgdFilter(FilterSet):
    q = django_filters.CharFilter(
        label=_("Cari"),
        method="search",
        widget=_search_widget(_("Nomor, tempat, kesimpulan, permasalahan…")),
    )
    tim = django_filters.ModelChoiceFilter(
        label=_("Tim"), queryset=_tim, empty_label=_("Semua tim")
    )
    tanggal_dari = django_filters.DateFilter(
        label=_("Tanggal dari"),
        field_name="tanggal",
        lookup_expr="gte",
        widget=_date_input(),
    )
    tanggal_sampai = django_filters.DateFilter(
        label=_("sampai"), field_name="tanggal", lookup_expr="lte", widget=_date_input()
    )
    urut = django_filters.OrderingFilter(
        label=_("Urutkan"),
        fields=[
            ("tanggal", "tanggal"),
            ("nomor", "nomor"),
            ("tim__nama", "tim"),
            ("jumlah_masalah", "masalah"),
            ("jumlah_peserta", "peserta"),
        ],
    )

    class Meta:
        model = Fgd
        fields = ["q", "tim", "tanggal_dari", "tanggal_sampai"]
        form = _FgdFilterForm

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # Through a subquery, so that an FGD matching on two problems is listed once.
        by_problem = Fgd.permasalahan.through.objects.filter(
            Q(permasalahan__uraian__icontains=value) | Q(permasalahan__nomor__icontains=value)
        ).values("fgd_id")
        return queryset.filter(
            Q(nomor__icontains=value)
            | Q(tempat__icontains=value)
            | Q(kesimpulan__icontains=value)
            | Q(pk__in=by_problem)
        )


def _years():
    """Years offered in the priority filter: from the pedoman's year to next year."""
    this_year = date.today().year
    return [(str(y), str(y)) for y in range(this_year + 1, 2011, -1)]


class _SkorOrderingFilter(django_filters.OrderingFilter):
    """Sorting by the weighted score keeps unscored groups last in both directions."""

    def get_ordering_value(self, param):
        if param.lstrip("-") == "skor":
            expression = F("skor_tertimbang")
            if param.startswith("-"):
                return expression.desc(nulls_last=True)
            return expression.asc(nulls_last=True)
        return super().get_ordering_value(param)


class KelompokFilter(FilterSet):
    BELUM, DISETUJUI = "belum", "disetujui"

    q = django_filters.CharFilter(
        label=_("Cari"),
        method="search",
        widget=_search_widget(_("Nomor, nama kelompok, uraian, strategi…")),
    )
    tahun = django_filters.ChoiceFilter(
        label=_("Tahun"), choices=_years, empty_label=_("Semua tahun")
    )
    tim = django_filters.ModelChoiceFilter(
        label=_("Tim"), queryset=_tim, empty_label=_("Semua tim")
    )
    jenis_sasaran = django_filters.ChoiceFilter(
        label=_("Jenis sasaran"),
        choices=KelompokMasalah.JenisSasaran.choices,
        empty_label=_("Semua jenis"),
    )
    keputusan = django_filters.ChoiceFilter(
        label=_("Keputusan strategi"),
        choices=[(DISETUJUI, _("Sudah disetujui")), (BELUM, _("Belum diputuskan"))],
        method="filter_keputusan",
        empty_label=_("Semua"),
    )
    urut = _SkorOrderingFilter(
        label=_("Urutkan"),
        fields=[
            ("skor", "skor"),
            ("nama", "nama"),
            ("tahun", "tahun"),
            ("tim__nama", "tim"),
            ("disetujui_pada", "keputusan"),
        ],
    )

    class Meta:
        model = KelompokMasalah
        fields = ["q", "tahun", "tim", "jenis_sasaran", "keputusan"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(nomor__icontains=value)
            | Q(nama__icontains=value)
            | Q(uraian__icontains=value)
            | Q(strategi__icontains=value)
        )

    def filter_keputusan(self, queryset, name, value):
        return queryset.filter(disetujui_pada__isnull=value != self.DISETUJUI)


# --- guidance sessions and RTL (§5) -----------------------------------------------------------


def rtl_owners(user):
    """Targets that own an RTL item the user may read: the choices of the list's owner filter
    (about 1,700 for Staf Komisi on the benchmark data, so they are searched, never all listed)."""
    owned = selectors.rtl_for_user(user).values("pemilik_sasaran_id")
    return sasaran_for_user(user).filter(pk__in=owned).only("id", "nama").order_by("nama")


def _rtl_owners(request):
    """The owner filter's choices, plus the target asked for in the address, so a link for a
    target without RTL lists none rather than being refused."""
    if request is None:
        return Sasaran.objects.none()
    owned = Q(pk__in=selectors.rtl_for_user(request.user).values("pemilik_sasaran_id"))
    asked = request.GET.get("pemilik_sasaran", "")
    if asked.isdecimal():
        owned |= Q(pk=int(asked))
    return sasaran_for_user(request.user).filter(owned).only("id", "nama").order_by("nama")


class ChosenOnlySelect(forms.Select):
    """A model <select> that writes only the empty choice and the chosen record.

    The other choices arrive as the user types in the search box above it (htmx, from the
    field's own door): the RTL list's owner filter offered ~1,700 targets to Staf Komisi on every
    request, half of the page's time (bench/, issue 7). Without JavaScript the search box is a
    filter of its own (`cari_pemilik`).
    """

    def get_context(self, name, value, attrs):
        iterator = self.choices
        values = value if isinstance(value, list | tuple) else [value]
        ids = [int(v) for v in values if str(v).isdecimal()]
        chosen = list(iterator.queryset.filter(pk__in=ids)) if ids else []
        self.choices = [("", iterator.field.empty_label), *map(iterator.choice, chosen)]
        try:
            return super().get_context(name, value, attrs)
        finally:
            self.choices = iterator


def _facilitators(request):
    """Accounts that facilitated a session the user may read."""
    if request is None:
        return get_user_model().objects.none()
    sessions = selectors.bimbingan_for_user(request.user).values("pk")
    through = Bimbingan.fasilitator.through.objects.filter(bimbingan_id__in=sessions)
    return (
        get_user_model()
        .objects.filter(pk__in=through.values("user_id"))
        .order_by("first_name", "last_name", "username")
    )


class _RangeForm(forms.Form):
    """A date range whose end is not before its start."""

    RANGES = (("tanggal_dari", "tanggal_sampai"), ("batas_dari", "batas_sampai"))

    def clean(self):
        cleaned = super().clean()
        for start, end in self.RANGES:
            dari, sampai = cleaned.get(start), cleaned.get(end)
            if dari and sampai and sampai < dari:
                self.add_error(end, _("Tanggal akhir harus sama dengan atau setelah tanggal awal."))
        return cleaned


class BimbinganFilter(FilterSet):
    q = django_filters.CharFilter(
        label=_("Cari"),
        method="search",
        widget=_search_widget(_("Nomor, sasaran, tempat, kesimpulan…")),
    )
    jenis = django_filters.ChoiceFilter(
        label=_("Jenis bimbingan"),
        choices=JenisBimbingan.choices,
        empty_label=_("Semua jenis"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Bimbingan.Status.choices, empty_label=_("Semua")
    )
    tim = django_filters.ModelChoiceFilter(
        label=_("Tim"), queryset=_tim, empty_label=_("Semua tim")
    )
    provinsi = django_filters.ModelChoiceFilter(
        label=_("Provinsi sasaran"),
        queryset=_provinsi,
        method="filter_provinsi",
        empty_label=_("Semua provinsi"),
    )
    # Set by links from a target's page, shown as a removable chip.
    sasaran = django_filters.ModelChoiceFilter(
        label=_("Sasaran"),
        queryset=_sasaran,
        method="filter_sasaran",
        widget=django_filters.widgets.forms.HiddenInput,
    )
    tanggal_dari = django_filters.DateFilter(
        label=_("Tanggal dari"), field_name="tanggal", lookup_expr="gte", widget=_date_input()
    )
    tanggal_sampai = django_filters.DateFilter(
        label=_("sampai"), field_name="tanggal", lookup_expr="lte", widget=_date_input()
    )
    urut = django_filters.OrderingFilter(
        label=_("Urutkan"),
        fields=[
            ("tanggal", "tanggal"),
            ("nomor", "nomor"),
            ("jenis", "jenis"),
            ("status", "status"),
            ("tim__nama", "tim"),
            ("jumlah_rtl", "rtl"),
        ],
    )

    class Meta:
        model = Bimbingan
        fields = ["q", "jenis", "status", "tim", "provinsi", "sasaran"]
        form = _RangeForm

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # Subqueries rather than joins, so a session matching on two targets is listed once.
        by_target = Bimbingan.sasaran.through.objects.filter(sasaran__nama__icontains=value).values(
            "bimbingan_id"
        )
        return queryset.filter(
            Q(nomor__icontains=value)
            | Q(tempat__icontains=value)
            | Q(kesimpulan__icontains=value)
            | Q(pk__in=by_target)
        )

    def filter_provinsi(self, queryset, name, value):
        in_province = Bimbingan.sasaran.through.objects.filter(sasaran__provinsi=value).values(
            "bimbingan_id"
        )
        return queryset.filter(pk__in=in_province)

    def filter_sasaran(self, queryset, name, value):
        with_target = Bimbingan.sasaran.through.objects.filter(sasaran=value).values("bimbingan_id")
        return queryset.filter(pk__in=with_target)


class RtlFilter(FilterSet):
    TERBUKA = "terbuka"

    q = django_filters.CharFilter(
        label=_("Cari"),
        method="search",
        widget=_search_widget(_("Nomor, tindakan, indikator, penanggung jawab…")),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(TERBUKA, _("Masih terbuka")), *Rtl.Status.choices],
        method="filter_status",
        empty_label=_("Semua status"),
    )
    terlambat = django_filters.ChoiceFilter(
        label=_("Terlambat"),
        choices=[("1", _("Ya, lewat batas waktu")), ("0", _("Tidak terlambat"))],
        method="filter_terlambat",
        empty_label=_("Semua"),
    )
    jenis = django_filters.ChoiceFilter(
        label=_("Jenis tindakan"), choices=Rtl.Jenis.choices, empty_label=_("Semua")
    )
    # Typing here loads the matching owners into the select below (advokasi:rtl-pemilik); sent
    # with the form (no JavaScript, or no choice made) it filters by the owner's name.
    cari_pemilik = django_filters.CharFilter(
        label=_("Cari penanggung jawab"),
        field_name="pemilik_sasaran__nama",
        lookup_expr="icontains",
        widget=django_filters.widgets.forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("Ketik nama sasaran…"),
                "autocomplete": "off",
                "aria-controls": "id_pemilik_sasaran",
                "hx-get": reverse_lazy("advokasi:rtl-pemilik"),
                "hx-trigger": "input changed delay:300ms, search, focus once",
                "hx-target": "#id_pemilik_sasaran",
                "hx-include": "#id_pemilik_sasaran",
                "hx-sync": "this:replace",
            }
        ),
    )
    pemilik_sasaran = django_filters.ModelChoiceFilter(
        label=_("Penanggung jawab (sasaran)"),
        queryset=_rtl_owners,
        empty_label=_("Semua sasaran"),
        widget=ChosenOnlySelect,
    )
    provinsi = django_filters.ModelChoiceFilter(
        label=_("Provinsi"),
        field_name="pemilik_sasaran__provinsi",
        queryset=_provinsi,
        empty_label=_("Semua provinsi"),
    )
    tim = django_filters.ModelChoiceFilter(
        label=_("Tim"),
        field_name="bimbingan__tim",
        queryset=_tim,
        empty_label=_("Semua tim"),
    )
    fasilitator = django_filters.ModelChoiceFilter(
        label=_("Fasilitator"),
        queryset=_facilitators,
        method="filter_fasilitator",
        empty_label=_("Semua fasilitator"),
    )
    # Set by links from a session's page, shown as a removable chip.
    bimbingan = django_filters.NumberFilter(
        label=_("Bimbingan"),
        field_name="bimbingan_id",
        widget=django_filters.widgets.forms.HiddenInput,
    )
    batas_dari = django_filters.DateFilter(
        label=_("Batas waktu dari"),
        field_name="batas_waktu",
        lookup_expr="gte",
        widget=_date_input(),
    )
    batas_sampai = django_filters.DateFilter(
        label=_("sampai"), field_name="batas_waktu", lookup_expr="lte", widget=_date_input()
    )
    urut = django_filters.OrderingFilter(
        label=_("Urutkan"),
        fields=[
            ("batas_waktu", "batas"),
            ("status", "status"),
            ("nomor", "nomor"),
            ("progres", "progres"),
            ("pemilik_sasaran__nama", "sasaran"),
        ],
    )

    class Meta:
        model = Rtl
        fields = [
            "q",
            "status",
            "terlambat",
            "jenis",
            "cari_pemilik",
            "pemilik_sasaran",
            "provinsi",
            "tim",
        ]
        form = _RangeForm

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.filters["fasilitator"].field.label_from_instance = lambda u: (
            u.get_full_name() or u.username
        )

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(nomor__icontains=value)
            | Q(tindakan__icontains=value)
            | Q(indikator__icontains=value)
            | Q(pemilik_nama__icontains=value)
            | Q(pemilik_sasaran__nama__icontains=value)
        )

    def filter_status(self, queryset, name, value):
        if value == self.TERBUKA:
            return queryset.terbuka()
        return queryset.filter(status=value)

    def filter_terlambat(self, queryset, name, value):
        overdue = Rtl.objects.terlambat(self.today).values("pk")
        if value == "1":
            return queryset.filter(pk__in=overdue)
        return queryset.exclude(pk__in=overdue)

    def filter_fasilitator(self, queryset, name, value):
        sessions = Bimbingan.fasilitator.through.objects.filter(user=value).values("bimbingan_id")
        return queryset.filter(bimbingan__in=sessions)
