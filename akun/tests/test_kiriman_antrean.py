"""The offline queue replayed against the server: 1,000 RTL items, each sent three times, with
requests lost on the way there and answers lost on the way back, make exactly 1,000 items."""

import random
import time
import uuid

import pytest

from advokasi.models import Rtl
from advokasi.tests import test_bimbingan as sesi
from advokasi.tests.test_rtl import create_url, rtl_data
from akun.models import Kiriman

pytestmark = pytest.mark.django_db

jabar = sesi.jabar
ITEMS = 1000
ROUNDS = 3
LOST_REQUEST = 0.2  # the connection drops before the server sees the request
LOST_ANSWER = 0.2  # the server commits, then the connection drops before the answer arrives


def test_a_thousand_queued_items_replayed_three_times_with_drops_are_stored_once_each(
    client_as, fasilitator, jabar
):
    client = client_as(fasilitator)
    url = create_url(jabar["bimbingan"])
    rng = random.Random(604)
    queue = [
        {
            **rtl_data(owner=jabar["lsp"], tindakan=f"Tindakan antrean {i:04d}"),
            "kirim_id": str(uuid.uuid4()),
        }
        for i in range(ITEMS)
    ]
    confirmed: dict[str, str] = {}
    counts = {"hilang_di_jalan": 0, "jawaban_hilang": 0, "dibuat": 0, "duplikat": 0}

    def send(item) -> None:
        fate = rng.random()
        if fate < LOST_REQUEST:
            counts["hilang_di_jalan"] += 1
            return
        response = client.post(url, item, HTTP_X_ANTREAN="1")
        assert response.status_code in (200, 201), response.content
        answer = response.json()
        counts["duplikat" if answer["duplikat"] else "dibuat"] += 1
        if fate < LOST_REQUEST + LOST_ANSWER:
            counts["jawaban_hilang"] += 1
            return
        assert answer["ok"] is True
        known = confirmed.setdefault(item["kirim_id"], answer["url"])
        assert known == answer["url"]

    started = time.monotonic()
    # Every item is sent three times, confirmed or not (two tabs replaying, retries on timeout).
    for _round in range(ROUNDS):
        for item in queue:
            send(item)
    # Then the queue keeps sending what it has no answer for, until it has one.
    while pending := [item for item in queue if item["kirim_id"] not in confirmed]:
        for item in pending:
            send(item)
    elapsed = time.monotonic() - started

    items = Rtl.objects.filter(
        bimbingan=jabar["bimbingan"], tindakan__startswith="Tindakan antrean"
    )
    assert items.count() == ITEMS
    assert items.values("tindakan").distinct().count() == ITEMS
    assert len(set(confirmed.values())) == ITEMS
    assert Kiriman.objects.filter(user=fasilitator, status="berhasil").count() == ITEMS
    assert not Kiriman.objects.filter(status="ditolak").exists()
    assert counts["dibuat"] == ITEMS
    assert counts["hilang_di_jalan"] > 0 and counts["jawaban_hilang"] > 0
    assert counts["duplikat"] > ITEMS
    print(f"\n{counts} in {elapsed:.1f} s")
