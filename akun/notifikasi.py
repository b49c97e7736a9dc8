"""Reads and writes of a user's in-app notifications: a user only ever sees and marks their own."""

from django.db.models import QuerySet
from django.utils import timezone

from akun.models import Notifikasi


def notifikasi_for_user(user) -> QuerySet[Notifikasi]:
    if not user.is_authenticated:
        return Notifikasi.objects.none()
    return Notifikasi.objects.filter(user=user)


def notifikasi_belum_dibaca_count(user) -> int:
    """The navbar badge: one indexed COUNT (notifikasi_user_dibaca_idx)."""
    return notifikasi_for_user(user).filter(dibaca_pada__isnull=True).count()


def notifikasi_tandai_dibaca(*, user, pks: list[int] | None = None) -> int:
    """Mark the user's unread notifications read (all of them, or those in `pks`); returns how many.

    Already-read ones keep the moment they were first read.
    """
    qs = notifikasi_for_user(user).filter(dibaca_pada__isnull=True)
    if pks is not None:
        qs = qs.filter(pk__in=pks)
    return qs.update(dibaca_pada=timezone.now())
