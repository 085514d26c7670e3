"""Plain PDF records: tables whose long values wrap and whose words stay whole."""

from __future__ import annotations

from django.utils.html import format_html

from ratusz.core.records import table_html


def test_only_a_long_run_without_spaces_may_wrap_anywhere():
    html = table_html(
        ["Status", "File"],
        [("Przeprowadzony", "documents/a-very-long-path/of-a-file-name.pdf")],
    )
    assert "<td>Przeprowadzony</td>" in html
    assert '<span class="long">documents/a-very-long-path/of-a-file-name.pdf</span>' in html


def test_cell_values_are_escaped_unless_marked_safe():
    html = table_html(["A", "B"], [("<b>x</b>", format_html("<br>{}", "<i>"))])
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert "<td><br>&lt;i&gt;</td>" in html
