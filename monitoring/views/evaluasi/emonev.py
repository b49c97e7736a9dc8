"""The e-monev view: per RTL item and per instrument indicator, target, realisasi, persen capaian,
a traffic light and the factors of the latest monitoring record. The latest values are correlated
subqueries, so the page runs a fixed number of queries."""

from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from advokasi.models import Rtl
from akun.selectors import is_komisi
from monitoring import evaluasi
from monitoring.forms.evaluasi import jawaban_saring
from monitoring.models import Indikator, JawabanIndikator, PengaturanEvaluasi, ProgresRtl
from monitoring.selectors import catatan_for_user
from monitoring.views.evaluasi.capaian import (
    S,
    chips_saringan,
    parameter_tetap,
    rumus_emonev,
    saringan_dari,
)

LAMPU = {
    evaluasi.HIJAU: (gettext_lazy("Hijau"), "success"),
    evaluasi.KUNING: (gettext_lazy("Kuning"), "warning"),
    evaluasi.MERAH: (gettext_lazy("Merah"), "danger"),
    None: (gettext_lazy("Belum terukur"), "secondary"),
}
URUT_EMONEV_RTL = {
    "nomor": "nomor",
    "batas": "batas_waktu",
    "tim": "bimbingan__tim__nama",
    "sasaran": "pemilik_sasaran__nama",
}
URUT_EMONEV_INDIKATOR = {
    "rencana": "catatan__rencana__nomor",
    "tanggal": "catatan__tanggal",
    "indikator": "indikator__nama",
}


def _ordered(qs: QuerySet, urut: str, choices: dict, default: list[str]) -> QuerySet:
    field = choices.get(urut.lstrip("-"))
    if field is None:
        return qs.order_by(*default, "pk")
    return qs.order_by(f"-{field}" if urut.startswith("-") else field, "pk")


def emonev_rtl_qs(user, rtl: QuerySet[Rtl]) -> QuerySet[Rtl]:
    """RTL items with their latest realisasi and the factors of their latest monitoring record.

    The realisasi belongs to the item (as its progress does); the factors are a record's text, so
    they come only from records the user may read.
    """
    progres = ProgresRtl.objects.filter(rtl=OuterRef("pk")).order_by(
        "-catatan__tanggal", "-catatan_id"
    )
    # Exists per progress row rather than `catatan__in`: SQLite ran that IN over every readable
    # record (10,000) for each item and each of the four subqueries, 450 ms a page (bench/).
    dibaca = progres.filter(Exists(catatan_for_user(user).filter(pk=OuterRef("catatan_id"))))
    return (
        rtl.exclude(status=S.DIBATALKAN)
        .select_related("bimbingan__tim", "pemilik_sasaran")
        .annotate(
            capaian=evaluasi.CAPAIAN_RTL,
            realisasi_terakhir=Subquery(
                progres.filter(realisasi__isnull=False).values("realisasi")[:1]
            ),
            catatan_terakhir_id=Subquery(dibaca.values("catatan_id")[:1]),
            catatan_terakhir_nomor=Subquery(dibaca.values("catatan__nomor")[:1]),
            faktor_pendorong=Subquery(dibaca.values("catatan__faktor_pendorong")[:1]),
            faktor_penghambat=Subquery(dibaca.values("catatan__faktor_penghambat")[:1]),
        )
    )


def emonev_rtl_baris(item: Rtl, pengaturan, today: date) -> dict:
    persen = evaluasi.persen_capaian(item.realisasi_terakhir, item.target_nilai)
    ukuran = "realisasi"
    if persen is None:
        persen, ukuran = item.capaian, "progres"
    harapan = evaluasi.target_waktu(
        mulai=item.tanggal_disepakati, batas=item.batas_waktu, today=today
    )
    warna = evaluasi.lampu(persen, harapan=harapan, toleransi=pengaturan.toleransi_emonev)
    return {
        "rtl": item,
        "persen": persen,
        "ukuran": ukuran,
        "harapan": harapan,
        "lampu": warna,
        "lampu_label": LAMPU[warna][0],
        "lampu_warna": LAMPU[warna][1],
        "catatan_url": reverse("monitoring:catatan-detail", args=[item.catatan_terakhir_id])
        if item.catatan_terakhir_id
        else None,
    }


def emonev_indikator_qs(user, chosen: dict) -> QuerySet[JawabanIndikator]:
    """For each plan and measurable indicator, its latest answer with a value (within the date
    range), from records the user may read."""
    dates = {k: chosen.get(k) for k in ("tanggal_dari", "tanggal_sampai")}
    newer = jawaban_saring(
        JawabanIndikator.objects.filter(
            indikator=OuterRef("indikator"),
            catatan__rencana=OuterRef("catatan__rencana"),
            nilai__isnull=False,
        ).filter(
            Q(catatan__tanggal__gt=OuterRef("catatan__tanggal"))
            | Q(
                catatan__tanggal=OuterRef("catatan__tanggal"), catatan_id__gt=OuterRef("catatan_id")
            )
        ),
        **dates,
    )
    jawaban = JawabanIndikator.objects.filter(
        catatan__in=catatan_for_user(user),
        indikator__tipe__in=Indikator.TERUKUR,
        nilai__isnull=False,
    )
    fields = ("tanggal_dari", "tanggal_sampai", "provinsi", "tim", "jenis_sasaran")
    return (
        jawaban_saring(jawaban, **{k: chosen.get(k) for k in fields})
        .filter(~Exists(newer))
        .select_related("indikator__fokus__aspek__instrumen", "catatan__rencana__tim")
    )


def emonev_indikator_baris(jawaban: JawabanIndikator, pengaturan) -> dict:
    indikator = jawaban.indikator
    persen = evaluasi.persen_capaian(jawaban.nilai, indikator.benchmark)
    warna = evaluasi.lampu(persen, harapan=100.0, toleransi=pengaturan.toleransi_emonev)
    return {
        "jawaban": jawaban,
        "indikator": indikator,
        "catatan": jawaban.catatan,
        "persen": persen,
        "lampu": warna,
        "lampu_label": LAMPU[warna][0],
        "lampu_warna": LAMPU[warna][1],
    }


def _nilai_teks(indikator: Indikator, nilai) -> str:
    if nilai is None:
        return ""
    if indikator.tipe == Indikator.Tipe.YA_TIDAK:
        return _("Ya") if nilai else _("Tidak")
    return f"{nilai.normalize():f}"


@require_safe
@login_required
def emonev(request):
    today = timezone.localdate()
    form, chosen, rtl = saringan_dari(request)
    pengaturan = PengaturanEvaluasi.current()
    bagian = "indikator" if request.GET.get("bagian") == "indikator" else "rtl"
    urut = request.GET.get("urut", "")
    if bagian == "rtl":
        # The latest-values subqueries run for the page's rows only: as annotations of the whole
        # list SQLite evaluated them for every item before paging, 2 s for 30,000 RTL (bench/).
        rows = _ordered(
            rtl.exclude(status=S.DIBATALKAN), urut, URUT_EMONEV_RTL, ["batas_waktu", "nomor"]
        )
    else:
        rows = _ordered(
            emonev_indikator_qs(request.user, chosen),
            urut,
            URUT_EMONEV_INDIKATOR,
            [
                "catatan__rencana__nomor",
                "indikator__fokus__aspek__urutan",
                "indikator__fokus__urutan",
                "indikator__urutan",
            ],
        )
    page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("halaman"))
    if bagian == "rtl":
        ids = [item.pk for item in page]
        items = emonev_rtl_qs(request.user, Rtl.objects.filter(pk__in=ids)).in_bulk()
        baris = [emonev_rtl_baris(items[pk], pengaturan, today) for pk in ids]
    else:
        baris = []
        for jawaban in page:
            row = emonev_indikator_baris(jawaban, pengaturan)
            row["target_teks"] = _nilai_teks(jawaban.indikator, jawaban.indikator.benchmark)
            row["nilai_teks"] = _nilai_teks(jawaban.indikator, jawaban.nilai)
            baris.append(row)
    return render(
        request,
        "monitoring/evaluasi/emonev.html",
        {
            "form": form,
            "bagian": bagian,
            "chips": chips_saringan(request, form),
            "tetap": parameter_tetap(request, "bagian", "urut"),
            "reset_url": f"{reverse('monitoring:emonev')}?bagian={bagian}",
            "page": page,
            "baris": baris,
            "today": today,
            "pengaturan": pengaturan,
            "rumus": rumus_emonev(pengaturan),
            "lampu": [LAMPU[k] for k in (evaluasi.HIJAU, evaluasi.KUNING, evaluasi.MERAH, None)],
            # Only which words the link shows: the thresholds page checks permissions itself.
            "can_edit_pengaturan": is_komisi(request.user),
        },
    )
