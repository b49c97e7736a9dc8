"""Template source rules that Django itself does not enforce."""

from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
TEMPLATES = sorted(
    path
    for folder in [ROOT / "templates", *ROOT.glob("*/templates")]
    for path in folder.rglob("*.html")
)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_comment_spans_lines(template):
    """`{# … #}` ends at the line's end: one spread over lines is printed on the page as text."""
    for number, line in enumerate(template.read_text().splitlines(), start=1):
        if "{#" in line:
            assert "#}" in line[line.index("{#") :], (
                f"{template.relative_to(ROOT)}:{number}: use {{% comment %}} for a comment "
                "over several lines"
            )


def test_templates_are_found():
    assert len(TEMPLATES) > 50
