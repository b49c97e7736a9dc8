from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from lsp.selectors import can_edit_registry, registry_summary


@require_safe
@login_required
def beranda(request):
    return render(
        request,
        "akun/beranda.html",
        {"ringkasan": registry_summary(request.user), "can_edit": can_edit_registry(request.user)},
    )
