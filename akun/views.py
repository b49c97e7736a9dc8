from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from akun.roles import Role
from akun.selectors import has_role
from lsp.selectors import can_edit_registry, registry_summary


@require_safe
@login_required
def beranda(request):
    # Imported here: monitoring builds on akun, not the other way round.
    from monitoring.angka import can_see_dasbor
    from monitoring.beranda import kerja_fasilitator_tersimpan

    user = request.user
    context = {
        "ringkasan": registry_summary(user),
        "can_edit": can_edit_registry(user),
        "can_see_dasbor": can_see_dasbor(user),
        "today": timezone.localdate(),
    }
    if has_role(user, Role.FASILITATOR):
        context["kerja"] = kerja_fasilitator_tersimpan(user, today=context["today"])
    return render(request, "akun/beranda.html", context)
