"""A KPI's public page: the chart and the table show the stored figures, the CSV download holds them, the
status and the explanation of a missed target are there; only published things of a published area."""

import csv
import io
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils.html import strip_tags

from coproduce.proposals.models import ActionStatus
from tests.factories import ActionFactory, ProposalFactory
from tests.kpis.factories import kpi_with_quarters

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"
MISSED_WHY = "Two childminder networks joined late, so places opened in October."


@pytest.fixture
def kpi():
    return kpi_with_quarters(["66", "68", "62", "67.5"], explanations={2: MISSED_WHY})


def page_of(client, kpi) -> str:
    response = client.get(kpi.get_public_url())
    assert response.status_code == 200
    return response.content.decode()


def element(html: str, pattern: str) -> ET.Element:
    """The one element the pattern matches, parsed (the chart and the table are well-formed XML)."""
    found = re.findall(pattern, html, flags=re.DOTALL)
    assert len(found) == 1, pattern
    return ET.fromstring(found[0])  # noqa: S314 (our own page, in a test)


def text_of(node: ET.Element) -> str:
    return " ".join("".join(node.itertext()).split())


def section(html: str, element_id: str) -> str:
    """The page's text from the element with this id on."""
    start = html.index(">", html.index(f'id="{element_id}"')) + 1
    return " ".join(strip_tags(html[start:]).split())


def test_the_table_shows_every_stored_value_with_its_status(client, kpi):
    table = element(page_of(client, kpi), r'<table class="govuk-table" id="kpi-figures">.*?</table>')
    rows = table.findall("./tbody/tr")
    shown = [(text_of(r.find("th")), text_of(r.findall("td")[0])) for r in rows]
    stored = [(v.period.label, v.shown) for v in kpi.values.order_by("period_start")]
    assert (
        shown == stored == [("2012 Q1", "66%"), ("2012 Q2", "68%"), ("2012 Q3", "62%"), ("2012 Q4", "67.5%")]
    )
    statuses = [text_of(r.findall("td")[1].find("strong")) for r in rows]
    assert statuses == ["Target met", "Target met", "Target missed", "Target met"]
    assert MISSED_WHY in text_of(rows[2])


def test_the_chart_draws_the_same_figures_in_order_and_the_target(client, kpi):
    svg = element(page_of(client, kpi), r'<svg role="img".*?</svg>')
    points = svg.findall(f".//{SVG}g[@class='cp-line-chart__point']")
    values = [Decimal(p.get("data-value")) for p in points]
    assert values == [v.value for v in kpi.values.order_by("period_start")]
    labels = [[t.text for t in p.findall(f"{SVG}text")] for p in points]
    assert labels == [["66%", "2012 Q1"], ["68%", "2012 Q2"], ["62%", "2012 Q3"], ["67.5%", "2012 Q4"]]
    # Higher values are drawn higher (smaller y), so the line's shape is the figures'.
    ys = [float(p.find(f"{SVG}circle").get("cy")) for p in points]
    assert sorted(range(4), key=lambda i: ys[i]) == sorted(range(4), key=lambda i: -values[i])
    target = svg.find(f".//{SVG}g[@class='cp-line-chart__target']")
    assert target.find(f"{SVG}text").text == "Target 65%"
    target_y = float(target.find(f"{SVG}line").get("y1"))
    assert ys[2] > target_y > max(ys[0], ys[1], ys[3])  # only the missed quarter is below the target line
    # The text alternative reads out every figure.
    assert svg.find(f"{SVG}desc").text.endswith(
        "2012 Q1: 66%; 2012 Q2: 68%; 2012 Q3: 62%; 2012 Q4: 67.5%. Target: 65%."
    )


def test_the_status_and_the_explanation_of_the_missed_target_are_shown(client, kpi):
    html = page_of(client, kpi)
    assert section(html, "kpi-status").startswith("Target met 67.5% in 2012 Q4, against a target of 65%")
    assert section(html, "kpi-missed").startswith("! Warning The target was missed in 2012 Q3.")
    assert f"2012 Q3 (62%): {MISSED_WHY}" in section(html, "kpi-missed")


def test_the_csv_download_holds_the_stored_figures(client, kpi):
    response = client.get(f"{kpi.get_public_url().rstrip('/')}.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["period", "value", "unit", "status", "explanation"]
    assert [(r[0], Decimal(r[1])) for r in rows[1:]] == [
        (v.period.code, v.value) for v in kpi.values.order_by("period_start")
    ]
    assert rows[3][3:] == ["Target missed", MISSED_WHY]


def test_the_download_reimports_as_it_is(client, kpi):
    from coproduce.kpis.services import kpi_values_import

    data = client.get(f"{kpi.get_public_url().rstrip('/')}.csv").content
    assert kpi_values_import(kpi=kpi, data=data).changed == 0


def test_only_published_links_show_why_the_number_is_watched(client, kpi):
    published = ProposalFactory(area=kpi.area, title="Bexley offer and vision", is_published=True)
    draft = ProposalFactory(area=kpi.area, title="A draft idea", is_published=False)
    action = ActionFactory(proposal=published, title="Publish the KPIs", status=ActionStatus.DONE)
    hidden_action = ActionFactory(proposal=draft, title="Secret step")
    kpi.proposals.set([published, draft])
    kpi.actions.set([action, hidden_action])
    text = section(page_of(client, kpi), "why-watched")
    assert "Bexley offer and vision" in text and "Publish the KPIs" in text
    assert "A draft idea" not in text and "Secret step" not in text


def test_an_unpublished_kpi_or_area_is_not_found(client, kpi):
    kpi.is_published = False
    kpi.save()
    assert client.get(kpi.get_public_url()).status_code == 404
    assert client.get(f"{kpi.get_public_url().rstrip('/')}.csv").status_code == 404
    assert kpi.name not in client.get(f"/areas/{kpi.area.slug}/kpis/").content.decode()
    kpi.is_published = True
    kpi.save()
    kpi.area.is_published = False
    kpi.area.save()
    assert client.get(kpi.get_public_url()).status_code == 404
    assert client.get(f"/areas/{kpi.area.slug}/you-said-we-did/").status_code == 404


def test_the_page_costs_the_same_queries_for_four_figures_or_twelve(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(kpi) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(kpi.get_public_url()).status_code == 200
        return len(captured)

    few = kpi_with_quarters(["66", "68", "62", "67"])
    many = kpi_with_quarters([str(60 + n) for n in range(12)])
    assert queries(few) == queries(many)
