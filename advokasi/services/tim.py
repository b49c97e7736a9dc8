"""Writes of advocacy teams (§3): the Komisi forms teams and assigns fasilitators and targets."""

from collections.abc import Iterable

from django.db import transaction

from advokasi.models import Tim


@transaction.atomic
def tim_save(*, tim: Tim, anggota: Iterable, sasaran: Iterable, user) -> Tim:
    """Validate and save a team with its members and targets, or nothing.

    Raises ValidationError (keyed by field) when a rule of the database would be broken, such as
    a team name already in use.
    """
    tim.full_clean()
    tim._history_user = user
    tim.save()
    tim.anggota.set(anggota)
    tim.sasaran.set(sasaran)
    return tim
