"""Bar charts as inline SVG, drawn on the server: vector graphics in the PDF, no JavaScript."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAND_WARNA = {
    "sangat_baik": "#198754",
    "baik": "#0d6efd",
    "cukup": "#e0a800",
    "kurang": "#dc3545",
    "belum": "#adb5bd",
}
LEBAR = 640
LABEL = 210
BARIS = 18


def batang(
    rows: list[dict], *, nilai: str, maks: float | None = None, satuan: str = ""
) -> SafeString:
    """Horizontal bars, one per row: `row["label"]` and `row[nilai]` (None draws no bar).

    Bars take the colour of the row's band when it has one. `maks` fixes the scale (100 for
    percentages); otherwise the largest value sets it.
    """
    values = [r.get(nilai) for r in rows]
    top = maks or max([v for v in values if v is not None] or [0]) or 1
    area = LEBAR - LABEL - 60
    height = BARIS * len(rows) + 24
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik" width="{LEBAR}" '
        f'height="{height}" viewBox="0 0 {LEBAR} {height}" role="img">'
    ]
    for index, (row, value) in enumerate(zip(rows, values, strict=True)):
        y = index * BARIS + 4
        label = escape(str(row.get("label", ""))[:38])
        parts.append(
            f'<text x="{LABEL - 6}" y="{y + 11}" text-anchor="end" font-size="9">{label}</text>'
        )
        if value is None:
            parts.append(f'<text x="{LABEL + 4}" y="{y + 11}" font-size="8" fill="#777">—</text>')
            continue
        width = max(0.0, min(1.0, float(value) / top)) * area
        colour = BAND_WARNA.get(row.get("band"), "#4a6fa5")
        shown = f"{value:.1f}".rstrip("0").rstrip(".") if isinstance(value, float) else value
        parts.append(
            f'<rect x="{LABEL}" y="{y}" width="{width:.1f}" height="{BARIS - 6}" fill="{colour}"/>'
        )
        parts.append(
            f'<text x="{LABEL + width + 4:.1f}" y="{y + 10}" font-size="8.5">'
            f"{escape(shown)}{escape(satuan)}</text>"
        )
    axis_y = len(rows) * BARIS + 6
    parts.append(
        f'<line x1="{LABEL}" y1="2" x2="{LABEL}" y2="{axis_y}" stroke="#333" stroke-width="0.6"/>'
    )
    for step in range(0, 5):
        x = LABEL + area * step / 4
        tick = top * step / 4
        parts.append(
            f'<text x="{x:.1f}" y="{axis_y + 12}" font-size="7.5" fill="#555" '
            f'text-anchor="middle">{tick:.0f}{escape(satuan)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped
