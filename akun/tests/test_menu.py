"""The workflow menu every page draws: its links, in the pedoman's order, whatever the prefix the
application is served under."""

import pytest
from django.urls import reverse, set_script_prefix

from akun.context_processors import menu_url

pytestmark = pytest.mark.django_db


def test_menu_follows_the_workflow_and_marks_the_current_stage(client_as, fasilitator):
    response = client_as(fasilitator).get(reverse("advokasi:fgd-list"))
    menu = response.context["nav_workflow"]
    assert [str(item["label"]) for item in menu] == [
        "Beranda",
        "Sasaran",
        "Survei",
        "FGD",
        "Prioritas",
        "Bimbingan & RTL",
        "Monitoring & Evaluasi",
        "Laporan",
    ]
    assert [item["label"] for item in menu if item["active"]] == ["FGD"]
    assert menu[2]["children"][2]["url"] == reverse("advokasi:pemetaan")
    # The dashboard entry is for leadership roles only.
    assert "Dasbor" not in [str(c["label"]) for c in menu[6]["children"]]


def test_menu_links_follow_the_script_prefix_they_are_served_under():
    assert menu_url("advokasi:fgd-list") == "/fgd/"
    set_script_prefix("/advokasi/")
    try:
        assert menu_url("advokasi:fgd-list") == "/advokasi/fgd/"
    finally:
        set_script_prefix("/")
    assert menu_url("advokasi:fgd-list") == "/fgd/"
