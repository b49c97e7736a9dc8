"""The product's URLs plus the benchmark's no-query reference page."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from config.urls import urlpatterns as product_urlpatterns

# A page of the same size as a list page (25 rows), rendered by the template engine, no queries.
_TEMPLATE = engines["django"].from_string(
    "<!doctype html><html lang='id'><head><title>{{ title }}</title></head><body>"
    "<h1>{{ title }}</h1><table>{% for row in rows %}<tr><td>{{ row.0 }}</td>"
    "<td>{{ row.1|upper }}</td><td>{{ row.2|date:'j F Y' }}</td></tr>{% endfor %}</table>"
    "</body></html>"
)


def kosong(request):
    import datetime

    rows = [(i, f"baris {i}", datetime.date(2026, 1, 1 + i)) for i in range(25)]
    return HttpResponse(_TEMPLATE.render({"title": "Acuan tanpa kueri", "rows": rows}))


urlpatterns = [path("bench/kosong/", kosong, name="bench-kosong"), *product_urlpatterns]
