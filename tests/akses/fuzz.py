"""Reading a page's form and generating bad submissions for it (see tests/test_fuzz_formulir.py)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.db.models import F, Q
from hypothesis import strategies as st

OMIT = object()

PAYLOADS = [
    "",
    " ",
    "\t\n",
    "' OR '1'='1' --",
    "1; DROP TABLE advokasi_rtl; --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    '=HYPERLINK("http://contoh.test","klik")',
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)",
    "@SUM(1+1)",
    "-1",
    "0",
    "-99999999999999999999",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "Infinity",
    "12,5",
    "1.000.000,25",
    "0x1F",
    "١٢٣",
    "31/02/2026",
    "2026-02-31",
    "2026-13-45",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "24:61",
    "25:00",
    "lap\x00oran",
    "\u202eexe.pdf",
    "ẞ😀𝕏 Ḁ Ꙭ",
    "x" * 10_000,
    "Ш" * 100_000,
    "../../etc/passwd",
]


@dataclass
class Formulir:
    fields: dict[str, list[str]] = field(default_factory=dict)
    multiple: set[str] = field(default_factory=set)


class _FormParser(HTMLParser):
    """Fields of the POST forms whose action is `action` (or empty: the page itself)."""

    def __init__(self, action: str):
        super().__init__()
        self.action = action
        self.result = Formulir()
        self.inside = False
        self.select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = (a.get("method") or "").lower() == "post" and (
                a.get("action") or ""
            ).split("#")[0] in (
                "",
                self.action,
            )
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag in ("input", "textarea") and name and name != "csrfmiddlewaretoken":
            if a.get("type") in ("submit", "button", "file"):
                return
            values = self.result.fields.setdefault(name, [])
            if a.get("value") is not None:
                values.append(a["value"])
            if a.get("type") == "checkbox":
                self.result.multiple.add(name)
        elif tag == "select" and name:
            self.select = name
            self.result.fields.setdefault(name, [])
            if "multiple" in a:
                self.result.multiple.add(name)
        elif tag == "option" and self.select:
            self.result.fields[self.select].append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None


def formulir_dari(html: str, action: str) -> Formulir:
    parser = _FormParser(action)
    parser.feed(html)
    return parser.result


def nilai(known: list[str], foreign_ids: list[int]):
    """One value for a field: one the page offers, a payload, random text, or someone else's id."""
    options = [
        st.sampled_from(PAYLOADS),
        st.text(max_size=40),
        st.integers(min_value=-(2**63), max_value=2**63).map(str),
        st.sampled_from(foreign_ids).map(str),
    ]
    if known:
        options.insert(0, st.sampled_from(known))
    return st.one_of(*options)


def kiriman(formulir: Formulir, foreign_ids: list[int]):
    """A submission: each field left out, given one bad value or (multiple) a list of them."""
    items = {}
    for name, known in formulir.fields.items():
        one = nilai(known, foreign_ids)
        choices = [st.just(OMIT), one]
        if name in formulir.multiple:
            choices.append(st.lists(one, max_size=4))
        items[name] = st.one_of(*choices)
    return st.fixed_dictionaries(items).map(lambda d: {k: v for k, v in d.items() if v is not OMIT})


def tautan_lintas_tim() -> int:
    """Links between a record of one team and a record of another (none in the world)."""
    from advokasi.models import BimbinganMasalah, Fgd, KelompokMasalah, Rtl
    from monitoring.models import RencanaMonitoring

    return sum(
        [
            Fgd.permasalahan.through.objects.exclude(
                fgd__tim=F("permasalahan__survei__tim")
            ).count(),
            KelompokMasalah.permasalahan.through.objects.exclude(
                kelompokmasalah__tim=F("permasalahan__survei__tim")
            ).count(),
            BimbinganMasalah.objects.exclude(bimbingan__tim=F("permasalahan__survei__tim")).count(),
            Rtl.objects.exclude(
                Q(permasalahan__isnull=True) | Q(bimbingan__tim=F("permasalahan__survei__tim"))
            ).count(),
            RencanaMonitoring.rtl.through.objects.exclude(
                rencanamonitoring__tim=F("rtl__bimbingan__tim")
            ).count(),
            RencanaMonitoring.bimbingan.through.objects.exclude(
                rencanamonitoring__tim=F("bimbingan__tim")
            ).count(),
        ]
    )
