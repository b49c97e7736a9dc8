"""List filters of the monitoring pages (django-filter), one class per list."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from advokasi import selectors
from advokasi.models import Tim
from akun.saringan import FilterSet
from monitoring.models import CatatanMonitoring, Instrumen, RencanaMonitoring


def _search_widget(placeholder):
    return django_filters.widgets.forms.TextInput(
        attrs={"placeholder": placeholder, "type": "search"}
    )


def _date_widget():
    return django_filters.widgets.forms.DateInput(attrs={"type": "date"})


def _tim(request):
    return selectors.tim_for_user(request.user).order_by("nama") if request else Tim.objects.none()


class InstrumenFilter(FilterSet):
    q = django_filters.CharFilter(
        label=_("Cari"), method="search", widget=_search_widget(_("Nama, uraian, indikator…"))
    )
    aktif = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("ya", _("Aktif")), ("tidak", _("Tidak aktif"))],
        method="filter_aktif",
        empty_label=_("Semua"),
    )
    urut = django_filters.OrderingFilter(
        label=_("Urutkan"),
        fields=[
            ("nama", "nama"),
            ("jumlah_indikator", "indikator"),
            ("jumlah_rencana", "rencana"),
            ("diubah", "diubah"),
        ],
    )

    class Meta:
        model = Instrumen
        fields = ["q", "aktif"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        by_indicator = Instrumen.objects.filter(
            aspek__fokus__indikator__nama__icontains=value
        ).values("pk")
        return queryset.filter(
            Q(nama__icontains=value) | Q(uraian__icontains=value) | Q(pk__in=by_indicator)
        )

    def filter_aktif(self, queryset, name, value):
        return queryset.filter(aktif=value == "ya")


class RencanaFilter(FilterSet):
    q = django_filters.CharFilter(
        label=_("Cari"),
        method="search",
        widget=_search_widget(_("Nomor, tujuan, sasaran, RTL…")),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=RencanaMonitoring.Status.choices, empty_label=_("Semua status")
    )
    tim = django_filters.ModelChoiceFilter(
        label=_("Tim"), queryset=_tim, empty_label=_("Semua tim")
    )
    metode = django_filters.ChoiceFilter(
        label=_("Metode"), choices=RencanaMonitoring.Metode.choices, empty_label=_("Semua metode")
    )
    tanggal_dari = django_filters.DateFilter(
        label=_("Jadwal dari"),
        field_name="tanggal_rencana",
        lookup_expr="gte",
        widget=_date_widget(),
    )
    tanggal_sampai = django_filters.DateFilter(
        label=_("sampai"), field_name="tanggal_rencana", lookup_expr="lte", widget=_date_widget()
    )
    urut = django_filters.OrderingFilter(
        label=_("Urutkan"),
        fields=[
            ("tanggal_rencana", "tanggal"),
            ("nomor", "nomor"),
            ("tim__nama", "tim"),
            ("metode", "metode"),
            ("status", "status"),
            ("jumlah_rtl", "rtl"),
        ],
    )

    class Meta:
        model = RencanaMonitoring
        fields = ["q", "status", "tim", "metode", "tanggal_dari", "tanggal_sampai"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # Subqueries rather than joins, so a plan with several matching rows is listed once.
        by_target = RencanaMonitoring.sasaran.through.objects.filter(
            sasaran__nama__icontains=value
        ).values("rencanamonitoring_id")
        by_rtl = RencanaMonitoring.rtl.through.objects.filter(
            Q(rtl__nomor__icontains=value) | Q(rtl__tindakan__icontains=value)
        ).values("rencanamonitoring_id")
        return queryset.filter(
            Q(nomor__icontains=value)
            | Q(tujuan__icontains=value)
            | Q(ruang_lingkup__icontains=value)
            | Q(pk__in=by_target)
            | Q(pk__in=by_rtl)
        )


class CatatanFilter(FilterSet):
    q = django_filters.CharFilter(
        label=_("Cari"),
        method="search",
        widget=_search_widget(_("Nomor, rencana, temuan, sasaran…")),
    )
    tim = django_filters.ModelChoiceFilter(
        label=_("Tim"), field_name="rencana__tim", queryset=_tim, empty_label=_("Semua tim")
    )
    metode = django_filters.ChoiceFilter(
        label=_("Metode"),
        field_name="rencana__metode",
        choices=RencanaMonitoring.Metode.choices,
        empty_label=_("Semua metode"),
    )
    tanggal_dari = django_filters.DateFilter(
        label=_("Tanggal dari"), field_name="tanggal", lookup_expr="gte", widget=_date_widget()
    )
    tanggal_sampai = django_filters.DateFilter(
        label=_("sampai"), field_name="tanggal", lookup_expr="lte", widget=_date_widget()
    )
    urut = django_filters.OrderingFilter(
        label=_("Urutkan"),
        fields=[
            ("tanggal", "tanggal"),
            ("nomor", "nomor"),
            ("rencana__nomor", "rencana"),
            ("rencana__tim__nama", "tim"),
            ("jumlah_rtl", "rtl"),
        ],
    )

    class Meta:
        model = CatatanMonitoring
        fields = ["q", "tim", "metode", "tanggal_dari", "tanggal_sampai"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        by_target = RencanaMonitoring.sasaran.through.objects.filter(
            sasaran__nama__icontains=value
        ).values("rencanamonitoring_id")
        return queryset.filter(
            Q(nomor__icontains=value)
            | Q(rencana__nomor__icontains=value)
            | Q(temuan__icontains=value)
            | Q(faktor_pendorong__icontains=value)
            | Q(faktor_penghambat__icontains=value)
            | Q(rencana__in=by_target)
        )
