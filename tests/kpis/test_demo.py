"""The demo's KPIs: Bexley's six, four quarters each, one target missed with its explanation, published with
the proposals they answer; they cite their proposals' themes after the analysis; loading again adds nothing."""

import html

import pytest
from django.utils.html import strip_tags

from coproduce.demo.kpis import KPIS, load_kpis, themes_link
from coproduce.demo.loader import load_demo
from coproduce.kpis.models import Kpi
from coproduce.programmes.models import Area
from coproduce.themes.models import RunStatus, Theme
from tests.factories import AnalysisRunFactory
from tests.once import built_once


def bexley_load() -> Area:
    load_demo()
    return Area.objects.get(slug="bexley")


@pytest.fixture(scope="module")
def bexley_for_module(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, bexley_load)


@pytest.fixture
def bexley(db, bexley_for_module) -> Area:
    return bexley_for_module


def test_six_published_kpis_with_four_quarters_each_and_one_target_missed_with_why(bexley):
    kpis = list(Kpi.objects.filter(area=bexley).prefetch_related("values", "proposals"))
    assert len(kpis) == 6 == len(KPIS)
    assert all(k.is_published and k.is_illustrative and k.target is not None for k in kpis)
    assert all(
        [v.period.code for v in k.values.all()] == ["2012-Q1", "2012-Q2", "2012-Q3", "2012-Q4"] for k in kpis
    )
    missed = [(k.name, v.period.code) for k in kpis for v in k.values.all() if v.status == "missed"]
    assert missed == [("Take-up of the 2-year-old offer", "2012-Q3")]
    assert (
        Kpi.objects.get(name="Take-up of the 2-year-old offer").values.get(period_start__month=7).explanation
    )
    assert all(k.proposals.exists() for k in kpis)
    assert Kpi.objects.filter(area=bexley, criteria__isnull=False).distinct().count() == 5


def test_the_public_pages_show_them(client, bexley):
    listing = html.unescape(strip_tags(client.get("/areas/bexley/kpis/").content.decode()))
    assert all(spec.name in listing for spec in KPIS)
    page = client.get("/areas/bexley/you-said-we-did/").content.decode()
    assert "Cost per family reached" in page and "Bexley offer and vision" in page


def test_after_an_analysis_the_kpis_cite_their_proposals_themes(bexley):
    run = AnalysisRunFactory(area=bexley, status=RunStatus.DONE)
    vision = Theme.objects.create(run=run, number=1, label="Open figures", size=3)
    bexley.proposals.get(title="Bexley offer and vision").themes.add(vision)
    assert themes_link(run) == 2  # parents' satisfaction and the 2-year-old offer answer that proposal
    assert set(Kpi.objects.filter(themes=vision).values_list("name", flat=True)) == {
        "Parents' satisfaction",
        "Take-up of the 2-year-old offer",
    }
    assert themes_link(run) == 0


def test_loading_again_adds_nothing(bexley):
    before = list(Kpi.objects.order_by("pk").values_list("pk", "name"))
    assert load_kpis() == 0
    assert list(Kpi.objects.order_by("pk").values_list("pk", "name")) == before
