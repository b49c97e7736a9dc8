"""Who may open each URL of the product: one entry per URL name.

An entry says how to build the URL's arguments from the world (tests/akses/dunia.py) and which
roles are allowed for GET and for POST; every other role must be refused (403 or 404) and, for a
POST, change nothing. `None` means the method is not accepted at all (405 for everyone). Detail and
edit URLs point at a record of *our* team in Jawa Barat, so `fasilitator_lain` and `bksp_lain`
test another team's and another province's user.

Adding a URL: add one `"namespace:name": Akses(...)` line here. A URL name without an entry fails
tests/test_akses.py with a message naming it.
"""

from collections.abc import Callable
from dataclasses import dataclass

ADMIN_KOMISI = frozenset({"admin", "komisi"})
# A record of our team: who may change it, and who may read it.
TIM_TULIS = ADMIN_KOMISI | {"fasilitator"}
TIM_BACA = TIM_TULIS | {"pimpinan", "bksp"}
# Who may file new records under a team of theirs.
PENCATAT = ADMIN_KOMISI | {"fasilitator", "fasilitator_lain"}
BERPERAN = frozenset(
    {"admin", "komisi", "fasilitator", "fasilitator_lain", "bksp", "bksp_lain", "pimpinan"}
)
MASUK = BERPERAN | {"tanpa_peran"}
PIMPINAN_KOMISI = ADMIN_KOMISI | {"pimpinan"}


@dataclass(frozen=True)
class Akses:
    get: frozenset | None = None
    post: frozenset | None = None
    kwargs: Callable = lambda w: {}
    query: str = ""
    # Open to anonymous visitors by design (log-in pages, the token-protected calendar feed).
    publik: bool = False


def _pk(path):
    """kwargs {"pk": <the pk of the object at `path` in the world>}, e.g. _pk("kami.fgd")."""

    def build(world):
        obj = world
        for part in path.split("."):
            obj = obj[part] if isinstance(obj, dict) else getattr(obj, part)
        return {"pk": obj.pk}

    return build


def _kw(**makers):
    return lambda w: {key: make(w) for key, make in makers.items()}


MATRIKS: dict[str, Akses] = {
    # --- accounts: public by design ---------------------------------------------------------
    "login": Akses(get=MASUK, post=MASUK, publik=True),
    "logout": Akses(post=MASUK, publik=True),
    "password_reset": Akses(get=MASUK, post=MASUK, publik=True),
    "password_reset_done": Akses(get=MASUK, publik=True),
    "password_reset_confirm": Akses(
        get=MASUK,
        post=MASUK,
        kwargs=lambda w: {"uidb64": "MQ", "token": "bukan-token-sah"},
        publik=True,
    ),
    "password_reset_complete": Akses(get=MASUK, publik=True),
    "set_language": Akses(get=MASUK, post=MASUK, publik=True),
    # --- accounts: logged in ----------------------------------------------------------------
    "beranda": Akses(get=MASUK),
    "password_change": Akses(get=MASUK, post=MASUK),
    "password_change_done": Akses(get=MASUK),
    "notifikasi-list": Akses(get=MASUK),
    "notifikasi-baca": Akses(post=frozenset({"fasilitator"}), kwargs=_pk("notifikasi")),
    "notifikasi-baca-semua": Akses(post=MASUK),
    # Field work (issue 6): the queue page is a frame the browser fills from IndexedDB; the
    # service worker is public, since the browser fetches it with or without a session.
    "antrean": Akses(get=MASUK),
    "service-worker": Akses(get=MASUK, publik=True),
    # The queue's fresh CSRF token (public: it says whether the session still holds), and the
    # user's own refused submissions (akun/kiriman.py).
    "kirim-token": Akses(get=MASUK, publik=True),
    "kiriman-ditolak": Akses(get=MASUK),
    # --- registry of targets ----------------------------------------------------------------
    "lsp:sasaran-list": Akses(get=MASUK),
    "lsp:sasaran-ekspor": Akses(get=MASUK, kwargs=lambda w: {"fmt": "xlsx"}),
    "lsp:sasaran-create": Akses(
        get=ADMIN_KOMISI, post=ADMIN_KOMISI, kwargs=lambda w: {"jenis": "lsp"}
    ),
    "lsp:sasaran-detail": Akses(get=BERPERAN - {"bksp_lain"}, kwargs=_pk("kami.lsp")),
    "lsp:sasaran-update": Akses(get=ADMIN_KOMISI, post=ADMIN_KOMISI, kwargs=_pk("kami.lsp")),
    "lsp:sasaran-delete": Akses(get=ADMIN_KOMISI, post=ADMIN_KOMISI, kwargs=_pk("kami.lsp")),
    "lsp:impor": Akses(get=ADMIN_KOMISI, post=ADMIN_KOMISI),
    # An upload is seen and saved only by whoever uploaded it (komisi here).
    "lsp:impor-preview": Akses(get=frozenset({"komisi"}), kwargs=_pk("impor")),
    "lsp:impor-commit": Akses(post=frozenset({"komisi"}), kwargs=_pk("impor")),
    "lsp:impor-templat": Akses(get=ADMIN_KOMISI, kwargs=lambda w: {"fmt": "xlsx"}),
    # --- advocacy ---------------------------------------------------------------------------
    "advokasi:tim-list": Akses(get=MASUK),
    "advokasi:tim-create": Akses(get=ADMIN_KOMISI, post=ADMIN_KOMISI),
    "advokasi:tim-detail": Akses(get=TIM_BACA, kwargs=_pk("kami.tim")),
    "advokasi:tim-update": Akses(get=ADMIN_KOMISI, post=ADMIN_KOMISI, kwargs=_pk("kami.tim")),
    "advokasi:survei-list": Akses(get=MASUK),
    "advokasi:survei-create": Akses(get=PENCATAT, post=PENCATAT),
    "advokasi:survei-detail": Akses(get=TIM_BACA, kwargs=_pk("kami.survei")),
    "advokasi:survei-update": Akses(get=TIM_TULIS, post=TIM_TULIS, kwargs=_pk("kami.survei")),
    "advokasi:permasalahan-create": Akses(
        get=TIM_TULIS, post=TIM_TULIS, kwargs=lambda w: {"survei_pk": w.kami.survei.pk}
    ),
    "advokasi:permasalahan-list": Akses(get=MASUK),
    "advokasi:permasalahan-detail": Akses(get=TIM_BACA, kwargs=_pk("kami.permasalahan")),
    "advokasi:permasalahan-update": Akses(
        get=TIM_TULIS, post=TIM_TULIS, kwargs=_pk("kami.permasalahan")
    ),
    "advokasi:permasalahan-status": Akses(post=TIM_TULIS, kwargs=_pk("kami.permasalahan")),
    "advokasi:pemetaan": Akses(get=MASUK),
    "advokasi:fgd-list": Akses(get=MASUK),
    "advokasi:fgd-create": Akses(get=PENCATAT, post=PENCATAT),
    "advokasi:fgd-detail": Akses(get=TIM_BACA, kwargs=_pk("kami.fgd")),
    "advokasi:fgd-update": Akses(get=TIM_TULIS, post=TIM_TULIS, kwargs=_pk("kami.fgd")),
    "advokasi:fgd-daftar-hadir": Akses(get=TIM_BACA, kwargs=_pk("kami.fgd")),
    "advokasi:fgd-notulen": Akses(get=TIM_BACA, kwargs=_pk("kami.fgd")),
    "advokasi:prioritas-list": Akses(get=MASUK),
    "advokasi:kriteria-list": Akses(get=BERPERAN, post=ADMIN_KOMISI),
    "advokasi:prioritas-create": Akses(get=PENCATAT, post=PENCATAT),
    "advokasi:prioritas-detail": Akses(get=TIM_BACA, kwargs=_pk("kami.kelompok")),
    "advokasi:prioritas-update": Akses(get=TIM_TULIS, post=TIM_TULIS, kwargs=_pk("kami.kelompok")),
    "advokasi:prioritas-skor": Akses(get=TIM_TULIS, post=TIM_TULIS, kwargs=_pk("kami.kelompok")),
    # §4.3c: the Komisi decides priorities and strategy.
    "advokasi:prioritas-keputusan": Akses(post=ADMIN_KOMISI, kwargs=_pk("kami.kelompok")),
    "advokasi:bimbingan-list": Akses(get=MASUK),
    "advokasi:bimbingan-create": Akses(get=PENCATAT, post=PENCATAT, query="?jenis=lsp"),
    "advokasi:bimbingan-detail": Akses(get=TIM_BACA, kwargs=_pk("kami.bimbingan")),
    "advokasi:bimbingan-update": Akses(get=TIM_TULIS, post=TIM_TULIS, kwargs=_pk("kami.bimbingan")),
    "advokasi:bimbingan-daftar-hadir": Akses(get=TIM_BACA, kwargs=_pk("kami.bimbingan")),
    "advokasi:bimbingan-berita-acara": Akses(get=TIM_BACA, kwargs=_pk("kami.bimbingan")),
    "advokasi:rtl-create": Akses(get=TIM_TULIS, post=TIM_TULIS, kwargs=_pk("kami.bimbingan")),
    "advokasi:rtl-list": Akses(get=MASUK),
    "advokasi:rtl-pemilik": Akses(get=MASUK),
    "advokasi:rtl-detail": Akses(get=TIM_BACA, kwargs=_pk("kami.rtl")),
    "advokasi:rtl-update": Akses(get=TIM_TULIS, post=TIM_TULIS, kwargs=_pk("kami.rtl")),
    "advokasi:lampiran-upload": Akses(
        post=TIM_TULIS,
        kwargs=lambda w: {"parent_kind": "fgd", "parent_pk": w.kami.fgd.pk},
    ),
    "advokasi:lampiran-download": Akses(get=TIM_BACA, kwargs=_pk("kami.lampiran.fgd")),
    "advokasi:lampiran-delete": Akses(post=TIM_TULIS, kwargs=_pk("kami.lampiran.fgd")),
    # --- monitoring: instruments are shared, kept by the Komisi -----------------------------
    "monitoring:instrumen-list": Akses(get=MASUK),
    "monitoring:instrumen-create": Akses(get=ADMIN_KOMISI, post=ADMIN_KOMISI),
    "monitoring:instrumen-detail": Akses(get=BERPERAN, kwargs=_pk("instrumen")),
    "monitoring:instrumen-update": Akses(
        get=ADMIN_KOMISI, post=ADMIN_KOMISI, kwargs=_pk("instrumen")
    ),
    "monitoring:instrumen-delete": Akses(
        get=ADMIN_KOMISI, post=ADMIN_KOMISI, kwargs=_pk("instrumen")
    ),
    "monitoring:aspek-create": Akses(
        get=ADMIN_KOMISI, post=ADMIN_KOMISI, kwargs=lambda w: {"instrumen_pk": w.instrumen.pk}
    ),
    "monitoring:aspek-update": Akses(get=ADMIN_KOMISI, post=ADMIN_KOMISI, kwargs=_pk("aspek")),
    "monitoring:aspek-delete": Akses(get=ADMIN_KOMISI, post=ADMIN_KOMISI, kwargs=_pk("aspek")),
    "monitoring:fokus-create": Akses(
        get=ADMIN_KOMISI, post=ADMIN_KOMISI, kwargs=lambda w: {"aspek_pk": w.aspek.pk}
    ),
    "monitoring:fokus-update": Akses(get=ADMIN_KOMISI, post=ADMIN_KOMISI, kwargs=_pk("fokus")),
    "monitoring:fokus-delete": Akses(get=ADMIN_KOMISI, post=ADMIN_KOMISI, kwargs=_pk("fokus")),
    "monitoring:indikator-create": Akses(
        get=ADMIN_KOMISI, post=ADMIN_KOMISI, kwargs=lambda w: {"fokus_pk": w.fokus.pk}
    ),
    "monitoring:indikator-update": Akses(
        get=ADMIN_KOMISI, post=ADMIN_KOMISI, kwargs=_pk("indikator")
    ),
    "monitoring:indikator-delete": Akses(
        get=ADMIN_KOMISI, post=ADMIN_KOMISI, kwargs=_pk("indikator")
    ),
    # --- monitoring: plans and records of a team --------------------------------------------
    "monitoring:rencana-list": Akses(get=MASUK),
    "monitoring:rencana-create": Akses(get=PENCATAT, post=PENCATAT),
    "monitoring:rencana-rtl-pilihan": Akses(get=PENCATAT),
    "monitoring:rencana-detail": Akses(get=TIM_BACA, kwargs=_pk("kami.rencana")),
    "monitoring:rencana-update": Akses(get=TIM_TULIS, post=TIM_TULIS, kwargs=_pk("kami.rencana")),
    "monitoring:catatan-list": Akses(get=MASUK),
    "monitoring:catatan-detail": Akses(get=TIM_BACA, kwargs=_pk("kami.catatan")),
    "monitoring:catatan-update": Akses(get=TIM_TULIS, post=TIM_TULIS, kwargs=_pk("kami.catatan")),
    "monitoring:catatan-create": Akses(get=TIM_TULIS, post=TIM_TULIS, kwargs=_pk("kami.rencana")),
    "monitoring:evaluasi": Akses(get=MASUK),
    "monitoring:evaluasi-ekspor": Akses(get=MASUK),
    "monitoring:emonev": Akses(get=MASUK),
    "monitoring:emonev-ekspor": Akses(get=MASUK),
    # Every role may read the thresholds the figures are computed with; the Komisi sets them.
    "monitoring:pengaturan-evaluasi": Akses(get=BERPERAN, post=ADMIN_KOMISI),
    "monitoring:dasbor": Akses(get=PIMPINAN_KOMISI),
    "monitoring:temuan-list": Akses(get=BERPERAN),
    "monitoring:kalender": Akses(get=MASUK),
    "monitoring:kalender-tautan": Akses(post=MASUK),
    "monitoring:kalender-tautan-hapus": Akses(post=MASUK),
    # The feed is read by calendar apps that cannot log in: the secret token is the key.
    "monitoring:kalender-ical": Akses(
        get=MASUK, kwargs=lambda w: {"token": w.token_kalender.token}, publik=True
    ),
    # --- reports: the Komisi writes them, Pimpinan reads them --------------------------------
    "laporan:list": Akses(get=MASUK),
    "laporan:create": Akses(get=ADMIN_KOMISI, post=ADMIN_KOMISI),
    "laporan:detail": Akses(get=PIMPINAN_KOMISI, kwargs=_pk("laporan")),
    "laporan:update": Akses(get=ADMIN_KOMISI, post=ADMIN_KOMISI, kwargs=_pk("laporan")),
    "laporan:bahas": Akses(post=ADMIN_KOMISI, kwargs=_pk("laporan")),
    "laporan:setujui": Akses(post=ADMIN_KOMISI, kwargs=_pk("laporan")),
    "laporan:sampaikan": Akses(post=ADMIN_KOMISI, kwargs=_pk("laporan")),
    "laporan:versi-baru": Akses(post=ADMIN_KOMISI, kwargs=_pk("laporan")),
    "laporan:berkas-buat": Akses(post=ADMIN_KOMISI, kwargs=_pk("laporan")),
    "laporan:berkas-status": Akses(get=PIMPINAN_KOMISI, kwargs=_pk("laporan")),
    "laporan:berkas-unduh": Akses(
        get=PIMPINAN_KOMISI,
        kwargs=lambda w: {"pk": w.laporan.pk, "berkas_pk": w.berkas_laporan.pk},
    ),
}

# Not the product's own pages: Django's admin (its own permission system, tested in
# tests/test_admin.py) and static files served by runserver when DEBUG is on.
DI_LUAR_MATRIKS_PREFIX = ("admin/", "static/", "^static/")
