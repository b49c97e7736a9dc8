"""The choice widgets for long lists write what Django's own widgets (or the templates they
replace) write: same names, ids, selection, escaping; only faster."""

import pytest
from django import forms
from django.test.html import parse_html

from akun.widgets import CheckboxCepat, SelectCepat, SelectMultipleCepat

CHOICES = [
    ("", "— pilih —"),
    (1, 'LSP <Teknik> & "Mesin"'),
    (2, "LSP Pariwisata"),
    ("Grup", [(3, "BKSP Jawa Barat"), (4, "BKSP Bali")]),
]


@pytest.mark.parametrize(
    ("fast", "django_widget", "value"),
    [
        (SelectCepat, forms.Select, 2),
        (SelectCepat, forms.Select, None),
        (SelectMultipleCepat, forms.SelectMultiple, [1, 4]),
        (SelectMultipleCepat, forms.SelectMultiple, []),
    ],
)
def test_selects_write_the_same_html_as_djangos(fast, django_widget, value):
    attrs = {"id": "id_sasaran", "class": "form-select", "data-cari-pilihan": "", "required": True}
    ours = fast(choices=CHOICES).render("sasaran", value, attrs=attrs)
    theirs = django_widget(choices=CHOICES).render("sasaran", value, attrs=attrs)
    assert parse_html(ours) == parse_html(theirs)
    assert "&lt;Teknik&gt; &amp; &quot;Mesin&quot;" in ours


def test_checkboxes_write_the_markup_of_the_form_templates_they_replace():
    class Boxes(CheckboxCepat):
        def option_attrs(self, value):
            return {"data-sasaran": str(value * 10)}

    html = Boxes(choices=[(1, "SRV <1>"), (2, "SRV 2")]).render(
        "permasalahan", ["2"], attrs={"id": "id_permasalahan", "class": "form-check-input"}
    )
    expected = (
        '<div class="form-check" data-pilihan><input type="checkbox" name="permasalahan" '
        'value="1" class="form-check-input" id="id_permasalahan_0" data-sasaran="10">'
        '<label class="form-check-label" for="id_permasalahan_0">SRV &lt;1&gt;</label></div>'
        '<div class="form-check" data-pilihan><input type="checkbox" name="permasalahan" '
        'value="2" class="form-check-input" id="id_permasalahan_1" data-sasaran="20" checked>'
        '<label class="form-check-label" for="id_permasalahan_1">SRV 2</label></div>'
    )
    assert parse_html(html) == parse_html(expected)


def test_checkboxes_of_an_empty_list_write_nothing():
    assert CheckboxCepat(choices=[]).render("permasalahan", None, attrs={"id": "x"}) == ""


def test_a_filter_form_made_fast_renders_exactly_as_before():
    from akun.widgets import cepatkan

    class Saringan(forms.Form):
        status = forms.ChoiceField(choices=[("", "Semua"), ("buka", "Terbuka <aktif>")])
        jenis = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], required=False)
        q = forms.CharField(required=False)

    data = {"status": "buka", "jenis": ["b"], "q": "x"}
    before = str(Saringan(data))
    fast = cepatkan(Saringan(data))
    assert isinstance(fast.fields["status"].widget, SelectCepat)
    assert isinstance(fast.fields["jenis"].widget, SelectMultipleCepat)
    assert parse_html(str(fast)) == parse_html(before)
