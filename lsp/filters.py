import django_filters
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from akun.saringan import FilterSet
from lsp.models import Lsp, Sasaran
from lsp.selectors import provinsi_for_user


def _provinsi_choices(request):
    return provinsi_for_user(request.user) if request else provinsi_for_user(None)


def _tim_choices(request):
    # advokasi builds on the registry; the registry asks it only here, when a list is filtered.
    from advokasi.selectors import tim_for_user

    return tim_for_user(request.user if request else AnonymousUser()).order_by("nama")


class SasaranFilter(FilterSet):
    q = django_filters.CharFilter(
        label=_("Cari"),
        method="search",
        widget=django_filters.widgets.forms.TextInput(
            attrs={"placeholder": _("Nama, nomor lisensi, kode TUK, kota…"), "type": "search"}
        ),
    )
    jenis = django_filters.ChoiceFilter(
        label=_("Jenis sasaran"), choices=Sasaran.Jenis.choices, empty_label=_("Semua jenis")
    )
    provinsi = django_filters.ModelChoiceFilter(
        label=_("Provinsi"), queryset=_provinsi_choices, empty_label=_("Semua provinsi")
    )
    jenis_lsp = django_filters.ChoiceFilter(
        label=_("Jenis LSP"),
        field_name="lsp__jenis_lsp",
        choices=Lsp.JenisLsp.choices,
        empty_label=_("Semua"),
    )
    tim = django_filters.ModelChoiceFilter(
        label=_("Tim advokasi"),
        field_name="tim_advokasi",
        queryset=_tim_choices,
        empty_label=_("Semua tim"),
    )
    status_lisensi = django_filters.ChoiceFilter(
        label=_("Status lisensi"),
        choices=Lsp.StatusLisensi.choices,
        method="filter_status_lisensi",
        empty_label=_("Semua"),
    )
    urut = django_filters.OrderingFilter(
        label=_("Urutkan"),
        fields=[
            ("nama", "nama"),
            ("jenis", "jenis"),
            ("provinsi__nama", "provinsi"),
            ("lsp__tanggal_kedaluwarsa", "kedaluwarsa"),
            ("diubah", "diubah"),
        ],
        field_labels={
            "nama": _("Nama"),
            "jenis": _("Jenis"),
            "provinsi": _("Provinsi"),
            "kedaluwarsa": _("Tanggal berakhir lisensi"),
            "diubah": _("Terakhir diubah"),
        },
    )

    class Meta:
        model = Sasaran
        fields = ["q", "jenis", "provinsi", "jenis_lsp", "tim", "status_lisensi"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(nama__icontains=value)
            | Q(lsp__nomor_lisensi__icontains=value)
            | Q(tuk__kode__icontains=value)
            | Q(kabupaten_kota__icontains=value)
            | Q(lsp__sektor__icontains=value)
        )

    def filter_status_lisensi(self, queryset, name, value):
        return queryset.status_lisensi(value)
