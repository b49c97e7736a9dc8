"""English through gettext and the language switcher (issue 2).

The source strings are Indonesian; locale/en holds the English catalog. These tests switch the
language the way a user does (the footer switcher posts to set_language) and check that the
catalog shipped with the code is complete and compiled.
"""

import gettext
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from advokasi.tests.factories import PermasalahanFactory
from lsp.tests.factories import LspFactory

pytestmark = pytest.mark.django_db

HOME = reverse("beranda")
REGISTRY = reverse("lsp:sasaran-list")
CATALOG = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"


def switch_to_english(client, next_url=HOME):
    response = client.post(reverse("set_language"), {"language": "en", "next": next_url})
    assert response.status_code == 302
    return response


def test_home_page_is_indonesian_by_default(client_as, komisi):
    html = client_as(komisi).get(HOME).content.decode()
    assert 'lang="id"' in html
    assert "Ringkasan registri sasaran advokasi" in html
    assert "Summary of the advocacy target registry" not in html


def test_switcher_turns_the_home_page_english(client_as, komisi):
    client = client_as(komisi)
    response = switch_to_english(client)
    assert response["Location"] == HOME
    html = client.get(HOME).content.decode()
    assert 'lang="en"' in html
    assert "Summary of the advocacy target registry" in html
    assert "Ringkasan registri sasaran advokasi" not in html
    # The navigation and the footer come from other templates and translate too.
    assert "Log out" in html
    assert "LSP Advocacy and Technical Guidance System" in html


def test_registry_list_is_english_after_switching(client_as, komisi):
    LspFactory(sasaran__nama="LSP Logistik Nusantara")
    client = client_as(komisi)
    switch_to_english(client, REGISTRY)
    html = client.get(REGISTRY).content.decode()
    assert "Advocacy target registry" in html
    assert "Add target" in html
    assert "LSP Logistik Nusantara" in html
    assert "Registri sasaran advokasi" not in html


def test_problem_page_shows_english_labels_choices_and_dates(client_as, komisi):
    masalah = PermasalahanFactory(survei__tanggal=date(2026, 3, 10))
    url = reverse("advokasi:permasalahan-detail", args=[masalah.pk])
    client = client_as(komisi)

    indonesian = client.get(url).content.decode()
    assert "Uraian permasalahan" in indonesian
    assert "Pelaksanaan operasional LSP" in indonesian
    assert "10 Maret 2026" in indonesian

    switch_to_english(client, url)
    english = client.get(url).content.decode()
    assert "Problem description" in english
    # TextChoices labels (gettext_lazy) follow the active language as well.
    assert "LSP operations" in english
    assert "Identified" in english
    assert "10 March 2026" in english
    assert "Uraian permasalahan" not in english


def test_dates_are_indonesian_by_default(client_as, komisi):
    LspFactory(tanggal_lisensi=date(2012, 6, 11), tanggal_kedaluwarsa=date(2030, 6, 10))
    lsp_page = client_as(komisi).get(REGISTRY).content.decode()
    assert "10 Juni 2030" in lsp_page
    assert "June" not in lsp_page


def test_switching_back_to_indonesian_restores_it(client_as, komisi):
    client = client_as(komisi)
    switch_to_english(client)
    client.post(reverse("set_language"), {"language": "id", "next": HOME})
    html = client.get(HOME).content.decode()
    assert 'lang="id"' in html
    assert "Ringkasan registri sasaran advokasi" in html


def test_an_unknown_language_in_the_cookie_falls_back_to_indonesian(client_as, komisi):
    client = client_as(komisi)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert 'lang="id"' in client.get(HOME).content.decode()


# --- the catalog itself ---------------------------------------------------------------------------


def _unquote(text):
    return text.encode("latin-1", "backslashreplace").decode("unicode_escape")


def parse_po(path):
    """Entries of a .po file as dicts: flags, msgctxt, msgid, msgid_plural, msgstr (a list).

    A tiny parser, enough for the files makemessages writes (polib is not a dependency).
    """
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry = {"flags": set(), "msgctxt": None, "msgid": None, "msgid_plural": None}
        strings = {}
        field = None
        for line in block.splitlines():
            if line.startswith("#~"):
                entry["obsolete"] = True
            elif line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if match:
                field = match.group(1)
                strings[field] = match.group(2)
            elif line.startswith('"') and field:
                strings[field] += line[1:-1]
        if "msgid" not in strings:
            continue
        for key in ("msgctxt", "msgid", "msgid_plural"):
            if key in strings:
                entry[key] = strings[key]
        entry["msgstr"] = [v for k, v in sorted(strings.items()) if k.startswith("msgstr")]
        entries.append(entry)
    return entries


@pytest.fixture(scope="module")
def catalog():
    entries = [e for e in parse_po(CATALOG / "django.po") if not e.get("obsolete")]
    header, messages = entries[0], entries[1:]
    assert header["msgid"] == ""
    return header, messages


def test_english_catalog_translates_every_message(catalog):
    header, messages = catalog
    assert "fuzzy" not in header["flags"]
    assert len(messages) > 1500
    untranslated = [e["msgid"] for e in messages if not all(s.strip() for s in e["msgstr"])]
    fuzzy = [e["msgid"] for e in messages if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []
    plurals = [e for e in messages if e["msgid_plural"] is not None]
    assert plurals and all(len(e["msgstr"]) == 2 for e in plurals)


PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sdf]|\{[a-z_]*\}")


def test_english_catalog_keeps_every_placeholder(catalog):
    _header, messages = catalog
    broken = []
    for entry in messages:
        # msgstr[1] (the English plural) answers msgid_plural; everything else answers msgid.
        sources = [entry["msgid"], entry["msgid_plural"] or entry["msgid"]]
        for index, translated in enumerate(entry["msgstr"]):
            wanted = sorted(PLACEHOLDER.findall(sources[min(index, 1)]))
            if sorted(PLACEHOLDER.findall(translated)) != wanted:
                broken.append((entry["msgid"], translated))
    assert broken == []


def test_compiled_catalog_matches_the_po_file(catalog):
    """The .mo is committed (Django reads it at run time); it must be compiled from this .po."""
    _header, messages = catalog
    with open(CATALOG / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in messages:
        msgid = _unquote(entry["msgid"])
        if entry["msgctxt"] is not None:
            got = compiled.pgettext(_unquote(entry["msgctxt"]), msgid)
        elif entry["msgid_plural"] is not None:
            got = compiled.ngettext(msgid, _unquote(entry["msgid_plural"]), 1)
        else:
            got = compiled.gettext(msgid)
        if got != _unquote(entry["msgstr"][0]):
            stale.append(msgid)
    assert stale == [], "run: make messages (or compilemessages) and commit the .mo"


@pytest.mark.skipif(
    shutil.which("msgfmt") is None, reason="msgfmt missing (apt-get install gettext)"
)
def test_msgfmt_check_passes(tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(CATALOG / "django.po")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
