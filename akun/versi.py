"""The version of the product's data: one number that changes whenever one of its records does.

Cached figures (the dashboard, the evaluation tables, the rule findings, the fasilitator's own
section of the home page, a target's advocacy timeline and an instrument's tree) carry it in
their cache key (`kunci_cache`), so a change shows on the next request and an unchanged database
is read from the cache. Every save and delete of a model of the product's apps moves it, through
the model signals, once at the save and once more when its transaction commits: a page read in
between saw the data before the change and cached it under the moved number, which the commit
retires. Bulk writes send no signal (in the product they come with a save that does), which is
why the cached figures also expire after a few minutes.

The number lives in the cache itself: with the shared cache of production (CACHE_URL, Redis)
every web worker sees the same number; the per-process cache of a laptop has one process.
"""

import time
from datetime import date

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation

from akun.roles import Role
from akun.selectors import has_role

KEY = "data:versi"
APPS = frozenset({"lsp", "advokasi", "monitoring"})
# How long cached figures live at most: what bulk writes (which send no signal) may leave stale.
CACHE_SECONDS = 5 * 60


def versi_data() -> int:
    """The current version (any number: only its changes matter)."""
    current = cache.get(KEY)
    if current is None:
        # A fresh cache (restart, eviction): start from a number no earlier version used.
        cache.add(KEY, time.time_ns(), timeout=None)
        current = cache.get(KEY)
    return current


def _naikkan(sender, **kwargs) -> None:
    if sender._meta.app_label not in APPS:
        return
    naikkan()
    connection = transaction.get_connection()
    # Once more at the commit, once per transaction however many records it saves (a monitoring
    # record saves dozens); Django drops the callback with a rolled-back savepoint.
    if connection.in_atomic_block and not any(
        entry[1] is naikkan for entry in connection.run_on_commit
    ):
        transaction.on_commit(naikkan)


def naikkan() -> None:
    """Move the version: every cached figure is computed again on its next request."""
    try:
        cache.incr(KEY)
    except ValueError:  # not in the cache (yet, or any more)
        cache.set(KEY, time.time_ns(), timeout=None)


def hubungkan() -> None:
    """Listen to every model's saves and deletes (called once, from AkunConfig.ready)."""
    for name, signal in {"simpan": post_save, "hapus": post_delete, "m2m": m2m_changed}.items():
        signal.connect(_naikkan, dispatch_uid=f"akun.versi.{name}")


def kunci_cache(nama: str, user, today: date, *bagian: str) -> str:
    """The cache key of figures computed over the user's read doors.

    It names the scope (everyone who reads all records shares one entry; anyone else gets their
    own), the data version (any saved record gives new keys, so figures are never older than
    the records) and the language and day the figures are written for.
    """
    reads_all = has_role(user, Role.ADMIN, Role.STAF_KOMISI, Role.PIMPINAN)
    scope = "semua" if reads_all else f"u{user.pk}"
    waktu = [str(versi_data()), translation.get_language(), today.isoformat()]
    return ":".join(["angka", nama, scope, *waktu, *bagian])
