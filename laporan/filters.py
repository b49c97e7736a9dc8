import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from akun.saringan import FilterSet
from laporan.models import Laporan


class LaporanFilter(FilterSet):
    q = django_filters.CharFilter(
        label=_("Cari"),
        method="search",
        widget=django_filters.widgets.forms.TextInput(
            attrs={"placeholder": _("Nomor atau judul…"), "type": "search"}
        ),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Laporan.Status.choices, empty_label=_("Semua")
    )
    tahun = django_filters.NumberFilter(label=_("Tahun"))
    urut = django_filters.OrderingFilter(
        label=_("Urutkan"),
        fields=[("nomor", "nomor"), ("judul", "judul"), ("status", "status"), ("dibuat", "dibuat")],
    )

    class Meta:
        model = Laporan
        fields = ["q", "status", "tahun"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(nomor__icontains=value) | Q(judul__icontains=value))
