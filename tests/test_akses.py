"""The access matrix: every URL of the product, visited as every role.

Each URL name has an entry in tests/akses/matriks.py saying who may GET and POST it; everyone else
must get 403 or 404, and a refused POST must change nothing (row counts of every model of the
product, history included, are compared). Anonymous visitors are sent to the log-in page, except
on the pages listed as public. A URL without an entry fails `test_every_url_has_an_entry`.

The world (tests/akses/dunia.py) is built once for the module inside a transaction rolled back at
the end; every request runs in a savepoint rolled back after it, so a delete allowed to one role
does not take the record away from the next.
"""

from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.akses.dunia import PERAN
from tests.akses.fixtures import (  # noqa: F401 (fixtures)
    _media_in_tmp,
    _media_modul,
    clients,
    dunia,
    request_as,
)
from tests.akses.matriks import DI_LUAR_MATRIKS_PREFIX, MATRIKS

ALLOWED = {200, 302}
DENIED = {403, 404}


def url_names(resolver=None, prefix="", namespace=""):
    """(route, "namespace:name") of every URL pattern, walking included URLconfs."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from url_names(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            yield route, namespace + (pattern.name or f"<tanpa nama: {route}>")


def product_url_names() -> set[str]:
    return {name for route, name in url_names() if not route.startswith(DI_LUAR_MATRIKS_PREFIX)}


def test_every_url_has_an_entry():
    missing = sorted(product_url_names() - set(MATRIKS))
    assert not missing, (
        "URL tanpa entri di tests/akses/matriks.py (tambahkan siapa boleh GET/POST): "
        + ", ".join(missing)
    )


def test_every_entry_names_a_url():
    stale = sorted(set(MATRIKS) - product_url_names())
    assert not stale, "Entri matriks tanpa URL: " + ", ".join(stale)


# --- the matrix -------------------------------------------------------------------------------


def goes_to_login(response) -> bool:
    return response.status_code == 302 and urlparse(response["Location"]).path == resolve_url(
        settings.LOGIN_URL
    )


def outcome(response) -> str:
    location = f" → {response['Location']}" if response.status_code == 302 else ""
    return f"{response.status_code}{location}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIKS))
def test_access_matrix(
    dunia,  # noqa: F811 (fixture)
    clients,  # noqa: F811 (fixture)
    name,
):
    world = dunia
    entry = MATRIKS[name]
    url = reverse(name, kwargs=entry.kwargs(world)) + entry.query
    wrong = []
    for method, allowed in (("get", entry.get), ("post", entry.post)):
        for role in (None, *PERAN):
            refused = allowed is None or (role not in allowed and not entry.publik)
            response, changed = request_as(
                clients, role, method, url, check_changes=method == "post" and refused
            )
            who = role or "anonim"
            status = response.status_code
            if allowed is None:
                # Method not accepted: 405 (or the log-in page first, for anonymous visitors).
                if status != 405 and not (role is None and goes_to_login(response)):
                    wrong.append(f"{method.upper()} {who}: {outcome(response)}, harus 405")
            elif role is None and not entry.publik:
                if not goes_to_login(response):
                    wrong.append(f"{method.upper()} anonim: {outcome(response)}, harus ke login")
            elif (role is None and entry.publik) or role in allowed:
                sent_away = role and goes_to_login(response) and not entry.publik
                if status not in ALLOWED or sent_away:
                    wrong.append(f"{method.upper()} {who}: {outcome(response)}, harus boleh")
            elif status not in DENIED:
                wrong.append(f"{method.upper()} {who}: {outcome(response)}, harus 403/404")
            if changed:
                wrong.append(f"{method.upper()} {who} ditolak tetapi mengubah data: {changed}")
    assert not wrong, f"{name} ({url}):\n  " + "\n  ".join(wrong)
