from functools import cache, lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from akun.notifikasi import notifikasi_belum_dibaca_count
from akun.roles import Role
from akun.selectors import is_komisi, user_roles

# Who the leadership dashboard is for.
LEADERSHIP = {Role.ADMIN, Role.STAF_KOMISI, Role.PIMPINAN}

# The menu in the order of the pedoman's workflow: Sasaran → Survei → FGD → Prioritas →
# Bimbingan & RTL → Monitoring & Evaluasi → Laporan. Each stage is added here when it is built.
WORKFLOW = [
    (_("Beranda"), "beranda", "bi-house", ["/"], []),
    (
        _("Sasaran"),
        "lsp:sasaran-list",
        "bi-buildings",
        ["/sasaran/", "/tim/"],
        [(_("Registri sasaran"), "lsp:sasaran-list"), (_("Tim advokasi"), "advokasi:tim-list")],
    ),
    (
        _("Survei"),
        "advokasi:survei-list",
        "bi-clipboard-data",
        ["/survei/", "/permasalahan/", "/pemetaan/"],
        [
            (_("Survei"), "advokasi:survei-list"),
            (_("Permasalahan"), "advokasi:permasalahan-list"),
            (_("Pemetaan masalah"), "advokasi:pemetaan"),
        ],
    ),
    (_("FGD"), "advokasi:fgd-list", "bi-people", ["/fgd/"], []),
    (
        _("Prioritas"),
        "advokasi:prioritas-list",
        "bi-sort-numeric-down",
        ["/prioritas/"],
        [
            (_("Peringkat kelompok masalah"), "advokasi:prioritas-list"),
            (_("Kriteria dan bobot"), "advokasi:kriteria-list"),
        ],
    ),
    (
        _("Bimbingan & RTL"),
        "advokasi:bimbingan-list",
        "bi-person-workspace",
        ["/bimbingan/", "/rtl/"],
        [
            (_("Bimbingan teknis"), "advokasi:bimbingan-list"),
            (_("Daftar RTL"), "advokasi:rtl-list"),
        ],
    ),
    (
        _("Monitoring & Evaluasi"),
        "monitoring:rencana-list",
        "bi-graph-up-arrow",
        ["/monitoring/"],
        [
            (_("Rencana monitoring"), "monitoring:rencana-list"),
            (_("Catatan monitoring"), "monitoring:catatan-list"),
            (_("Instrumen"), "monitoring:instrumen-list"),
            (_("Evaluasi capaian"), "monitoring:evaluasi"),
            (_("E-monev"), "monitoring:emonev"),
            (_("Dasbor"), "monitoring:dasbor", LEADERSHIP),
            (_("Kalender"), "monitoring:kalender"),
        ],
    ),
    (_("Laporan"), "laporan:list", "bi-file-earmark-text", ["/laporan/"], []),
]


@lru_cache(maxsize=256)
def _menu_url(name: str, prefix: str, urlconf) -> str:
    return reverse(name, urlconf=urlconf)


def menu_url(name: str) -> str:
    """A menu entry's address: reversed once per URL configuration and script prefix, not on
    every page (the menu has 22 entries, a fifth of a detail page's reverse() calls)."""
    return _menu_url(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


def navigation(request):
    """Role facts and menu the base layout draws (one cached query per request)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = user_roles(user)
    path = request.path
    items = []
    for label, url_name, icon, prefixes, children in WORKFLOW:
        active = any(path == p if p == "/" else path.startswith(p) for p in prefixes)
        items.append(
            {
                "label": label,
                "url": menu_url(url_name),
                "icon": icon,
                "active": active,
                "children": [
                    {"label": child[0], "url": menu_url(child[1])}
                    for child in children
                    if len(child) == 2 or roles & child[2]
                ],
            }
        )
    return {
        "nav_workflow": items,
        "nav_is_komisi": is_komisi(user),
        "nav_role_labels": [str(Role.LABELS[r]) for r in Role.ALL if r in roles],
        # Called by the navbar when drawn (one COUNT, cached): responses without the layout skip it.
        "nav_notifikasi_belum_dibaca": cache(lambda: notifikasi_belum_dibaca_count(user)),
    }
