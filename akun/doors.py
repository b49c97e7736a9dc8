"""Fetching one object through a user's door, the same way in every view."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404


def object_for_edit(*, read: QuerySet, write: QuerySet, pk):
    """The object if the user may change it.

    403 when they may see it but not change it; 404 when they may not even see it, so that
    guessing another team's ids reveals nothing.
    """
    obj = write.filter(pk=pk).first()
    if obj is not None:
        return obj
    if read.filter(pk=pk).exists():
        raise PermissionDenied
    raise Http404


def dapat_diubah(write: QuerySet, ref: str = "pk") -> Exists:
    """Whether the user may change the row (or the row its `ref` field points to), through
    their write door `write`, as an annotation: the detail page's own query answers it."""
    return Exists(write.filter(pk=OuterRef(ref)))
