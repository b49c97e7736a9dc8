"""What the fuzzing of tests/test_fuzz_formulir.py found, pinned as plain tests.

Kept apart from the fuzz module, whose module-wide world already holds users of the same names.
"""

import pytest
from django.urls import reverse

# --- what the fuzzing found -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("value", [str(2**63), str(-(2**63) - 1), str(10**30)])
def test_an_id_beyond_the_integer_range_in_a_multiple_choice_is_an_error_not_a_500(
    client_as, fasilitator, tim, value
):
    from advokasi.models import Fgd

    response = client_as(fasilitator).post(reverse("advokasi:fgd-create"), {"permasalahan": value})
    assert response.status_code == 200
    assert "permasalahan" in response.context["form"].errors
    assert not Fgd.objects.exists()


@pytest.mark.django_db
def test_a_unicode_digit_among_chosen_ids_is_ignored_not_a_500(client_as, fasilitator, tim):
    client = client_as(fasilitator)
    response = client.post(reverse("monitoring:rencana-create"), {"bimbingan": "²", "rtl": "²"})
    assert response.status_code == 200
    response = client.get(reverse("advokasi:rtl-list"), {"pemilik_sasaran": "²"})
    assert response.status_code == 200
