from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from akun.roles import Role
from akun.selectors import is_komisi, user_roles

# The menu in the order of the pedoman's workflow: Sasaran → Survei → FGD → Prioritas →
# Bimbingan & RTL → Monitoring & Evaluasi → Laporan. Each stage is added here when it is built.
WORKFLOW = [
    (_("Beranda"), "beranda", "bi-house", "/"),
    (_("Sasaran"), "lsp:sasaran-list", "bi-buildings", "/sasaran/"),
]


def navigation(request):
    """Role facts and menu the base layout draws (one cached query per request)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = user_roles(user)
    path = request.path
    items = []
    for label, url_name, icon, prefix in WORKFLOW:
        active = path == prefix if prefix == "/" else path.startswith(prefix)
        items.append({"label": label, "url": reverse(url_name), "icon": icon, "active": active})
    return {
        "nav_workflow": items,
        "nav_is_komisi": is_komisi(user),
        "nav_role_labels": [str(Role.LABELS[r]) for r in Role.ALL if r in roles],
    }
