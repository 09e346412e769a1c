"""The dashboard's CSV export: the KPI rows of the chosen period and segment, readable by
Excel, with no formulas smuggled in through names people typed."""

import csv
import io

from django.urls import reverse

from tests.dashboards.dashboard.helpers import DAY, EN, fill, put
from tests.leads.helpers import make_segment


def _export(client, **filters) -> tuple[object, list[list[str]]]:
    response = client.get(reverse("dashboards:dashboard_export"), filters, headers=EN)
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads it as UTF-8
    return response, list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_export_has_the_kpi_rows_of_the_chosen_period_and_segment(login, marketer):
    segment = make_segment(by=marketer)
    fill(DAY)
    fill(DAY, period="month", base=2)
    fill(DAY, segment=segment, base=5)
    put(DAY, "rejection_reasons", 4, period="month", segment=segment, dimension="no_need")
    response, rows = _export(login(marketer), period="month", segment=segment.pk)
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="kpis-month-2026-03-09.csv"' in response["Content-Disposition"]
    header, *data = rows
    assert header[:4] == ["day", "period", "segment", "kpi"]
    assert data == [["2026-03-09", "month", segment.name, "Top rejection reasons", "no_need",
                     "4.0000", "", ""]]  # fmt: skip
    _response, rows = _export(login(marketer), period="month")
    kpis = {row[3]: row for row in rows[1:]}
    assert kpis["MQLs"][5] == "6.0000" and kpis["Win rate"][5:] == ["0.1000", "2.0000",
                                                                    "20.0000"]  # fmt: skip
    assert {row[1] for row in rows[1:]} == {"month"} and {row[2] for row in rows[1:]} == {""}


def test_the_export_keeps_spreadsheet_formulas_out(login, marketer):
    segment = make_segment(by=marketer, name='=HYPERLINK("http://x")')
    put(DAY, "new_leads", 3, segment=segment)
    put(DAY, "rejection_reasons", 1, segment=segment, dimension="@SUM(1)")
    _response, rows = _export(login(marketer), segment=segment.pk)
    cells = [cell for row in rows[1:] for cell in row]
    assert not any(cell.startswith(("=", "@", "+", "-")) for cell in cells), cells
    assert '\'=HYPERLINK("http://x")' in cells and "'@SUM(1)" in cells


def test_the_export_with_bad_filters_or_no_figures_still_answers(login, marketer):
    _response, rows = _export(login(marketer), period="nope", segment="x", day="ooit")
    assert len(rows) == 1  # the header only
