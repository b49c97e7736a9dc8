"""Settings and texts for the field-work scripts (drafts, offline queue), given to the page as
data: the content security policy allows no inline script, and the texts go through gettext."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

register = template.Library()

# Where the server hands out a fresh CSRF token (the server side of issue 6).
TOKEN_URL_NAME = "kirim-token"
TOKEN_URL_FALLBACK = "/kirim/token/"


def _token_url() -> str:
    try:
        return reverse(TOKEN_URL_NAME)
    except NoReverseMatch:
        return TOKEN_URL_FALLBACK


def texts() -> dict[str, str]:
    return {
        "drafAda": _("Ada draf isian yang belum disimpan (disimpan %(waktu)s)."),
        "drafPulihkan": _("Pulihkan draf"),
        "drafBuang": _("Buang"),
        "drafDipulihkan": _("Draf dipulihkan. Periksa isiannya lalu simpan."),
        "antreanMasuk": _(
            "Tidak ada koneksi: isian disimpan di antrean peramban dan akan dikirim otomatis "
            "saat koneksi kembali."
        ),
        "antreanLihat": _("Lihat antrean"),
        "antreanMenunggu": _("Menunggu koneksi"),
        "antreanMengirim": _("Sedang dikirim"),
        "antreanPerluMasuk": _("Sesi berakhir: masuk kembali untuk mengirim"),
        "antreanGagal": _("Gagal"),
        "antreanTerkirim": _("Terkirim"),
        "antreanKosong": _("Tidak ada kiriman yang menunggu."),
        "antreanKirimUlang": _("Kirim ulang"),
        "antreanHapus": _("Hapus"),
        "antreanHapusTanya": _("Hapus kiriman ini dari antrean? Isiannya akan hilang."),
        "antreanPerbaiki": _("Perbaiki di formulir"),
        "antreanBuka": _("Buka"),
        "antreanMasukKembali": _("Masuk kembali"),
        "antreanBerkas": _("berkas"),
        "antreanLainPengguna": _(
            "%(n)s kiriman milik pengguna lain di peramban ini tidak ditampilkan dan tidak dikirim."
        ),
        "antreanLuring": _(
            "Anda sedang luring dan halaman yang diminta belum pernah dibuka di perangkat ini. "
            "Yang tersedia tanpa koneksi: formulir bimbingan, RTL, dan catatan monitoring yang "
            "pernah dibuka."
        ),
        "gagalJaringan": _("Koneksi terputus saat mengirim."),
        "gagalServer": _("Server menjawab dengan galat %(status)s."),
        "gagalIsian": _("Isian ditolak: %(pesan)s"),
        "gagalKonflik": _("Ditolak: %(pesan)s"),
        "gagalPeriksa": _("Isian ditolak: buka di formulir untuk melihat isian yang ditandai."),
        "mengirim": _("Mengirim…"),
        "koneksiDaring": _("Daring"),
        "koneksiLuring": _("Luring"),
        "penyimpananTetap": _("Penyimpanan peramban: tetap (tidak dibersihkan otomatis)"),
        "penyimpananSementara": _("Penyimpanan peramban: dapat dibersihkan oleh peramban"),
    }


@register.inclusion_tag("includes/_lapangan.html", takes_context=True)
def lapangan_config(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "pengguna": user.pk if user is not None and user.is_authenticated else "",
        "token_url": _token_url(),
        "masuk_url": reverse("login"),
        "teks": texts(),
    }
