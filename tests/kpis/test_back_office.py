"""The back office: a commissioner adds a KPI linked to what it answers, types and imports its figures (a bad
file changes nothing and names each problem's row and column), publishes it; edits keep history."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from coproduce.accounts.models import AreaRole
from coproduce.kpis.models import Kpi, KpiValue
from tests.factories import AreaFactory, ProposalFactory, member
from tests.kpis.factories import KpiFactory, kpi_with_quarters

pytestmark = pytest.mark.django_db


@pytest.fixture
def commissioner(client):
    area = AreaFactory(is_published=True)
    user = member(area, AreaRole.COMMISSIONER)
    client.force_login(user)
    return area


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("figures.csv", text.encode(), content_type="text/csv")


def test_a_commissioner_adds_a_kpi_linked_to_a_proposal(client, commissioner):
    proposal = ProposalFactory(area=commissioner)
    other = ProposalFactory()  # another area's
    body = {
        "name": "Registrations of new births",
        "why": "Early help.",
        "measure": "Births registered within three months.",
        "unit": "%",
        "direction": "higher",
        "target": "75",
        "frequency": "quarterly",
        "source": "Health service",
        "proposals": [proposal.pk],
    }
    refused = client.post(f"/manage/areas/{commissioner.slug}/kpis/add/", {**body, "proposals": [other.pk]})
    assert refused.status_code == 400 and not Kpi.objects.exists()
    response = client.post(f"/manage/areas/{commissioner.slug}/kpis/add/", body)
    kpi = Kpi.objects.get()
    assert response.status_code == 302 and response["Location"] == kpi.get_absolute_url()
    assert (kpi.area, kpi.target, list(kpi.proposals.all())) == (commissioner, Decimal("75"), [proposal])
    assert not kpi.is_published


def test_a_bad_target_is_named_and_nothing_is_saved(client, commissioner):
    response = client.post(
        f"/manage/areas/{commissioner.slug}/kpis/add/",
        {"name": "X", "why": "Y", "measure": "Z", "unit": "%", "direction": "higher", "target": "lots"},
    )
    assert response.status_code == 400
    assert "“lots” is not a number" in response.content.decode()
    assert not Kpi.objects.exists()


def test_a_figure_typed_in_for_a_period_already_recorded_is_refused(client, commissioner):
    kpi = kpi_with_quarters(["66"], area=commissioner)
    url = f"/manage/kpis/{kpi.pk}/values/add/"
    assert client.post(url, {"period": "2012-Q1", "value": "70"}).status_code == 400
    assert client.post(url, {"period": "2012-03", "value": "70"}).status_code == 400
    assert client.post(url, {"period": "2012-Q2", "value": "70"}).status_code == 302
    assert [v.value for v in kpi.values.all()] == [Decimal("66"), Decimal("70")]


def test_a_bad_csv_import_changes_nothing_and_names_the_row_and_column(client, commissioner):
    kpi = kpi_with_quarters(["66", "68"], area=commissioner)
    before = list(KpiValue.objects.values_list("period_start", "value", "explanation"))
    history = KpiValue.history.count()
    text = "period,value,explanation\n2012-Q1,70,\n2012-Q3,62,Late places\n2012-Q4,n/a,\n"
    response = client.post(f"/manage/kpis/{kpi.pk}/values/import/", {"file": upload(text)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported: the file has 1 problem" in page
    assert "Row 4, column “value”: “n/a” is not a number" in page
    assert list(KpiValue.objects.values_list("period_start", "value", "explanation")) == before
    assert KpiValue.history.count() == history


def test_a_good_csv_import_adds_and_changes_figures_with_history(client, commissioner):
    kpi = kpi_with_quarters(["66", "68"], area=commissioner)
    text = "period,value,explanation\n2012-Q2,69,Recounted\n2012-Q3,62,Late places\n2012-Q4,67,\n"
    response = client.post(f"/manage/kpis/{kpi.pk}/values/import/", {"file": upload(text)}, follow=True)
    assert "Imported: 2 figure(s) added, 1 changed." in response.content.decode()
    assert [(v.period.code, v.value) for v in kpi.values.all()] == [
        ("2012-Q1", Decimal("66")),
        ("2012-Q2", Decimal("69")),
        ("2012-Q3", Decimal("62")),
        ("2012-Q4", Decimal("67")),
    ]
    changed = KpiValue.objects.get(kpi=kpi, value=Decimal("69"))
    assert [h.value for h in changed.history.order_by("history_date")] == [Decimal("68"), Decimal("69")]
    detail = client.get(kpi.get_absolute_url()).content.decode()
    assert "68.00 → 69.00" in detail or "68 → 69" in detail


def test_changing_a_kpi_keeps_its_history_and_its_frequency_once_it_has_figures(client, commissioner):
    kpi = kpi_with_quarters(["66"], area=commissioner)
    body = {
        "name": "Take-up of the offer",
        "why": kpi.why,
        "measure": kpi.measure,
        "unit": "%",
        "direction": "higher",
        "target": "70",
        "source": kpi.source,
    }
    refused = client.post(f"/manage/kpis/{kpi.pk}/edit/", {**body, "frequency": "monthly"})
    assert refused.status_code == 400 and "cannot change now" in refused.content.decode()
    assert client.post(f"/manage/kpis/{kpi.pk}/edit/", {**body, "frequency": "quarterly"}).status_code == 302
    kpi.refresh_from_db()
    assert (kpi.name, kpi.target, kpi.frequency) == ("Take-up of the offer", Decimal("70"), "quarterly")
    assert kpi.history.count() == 2


def test_publishing_puts_it_on_the_public_site_and_taking_it_off_removes_it(client, commissioner):
    kpi = KpiFactory(area=commissioner, is_published=False)
    assert client.get(kpi.get_public_url()).status_code == 404
    client.post(f"/manage/kpis/{kpi.pk}/publish/", {"publish": "on"})
    assert client.get(kpi.get_public_url()).status_code == 200
    client.post(f"/manage/kpis/{kpi.pk}/publish/", {"publish": ""})
    assert client.get(kpi.get_public_url()).status_code == 404


@pytest.mark.parametrize("role", [AreaRole.FACILITATOR, AreaRole.CENTRE_MANAGER, AreaRole.VIEWER])
def test_members_who_do_not_write_kpis_read_them_but_cannot_import(client, role):
    kpi = kpi_with_quarters(["66"])
    client.force_login(member(kpi.area, role))
    assert client.get(kpi.get_absolute_url()).status_code == 200
    response = client.post(
        f"/manage/kpis/{kpi.pk}/values/import/", {"file": upload("period,value\n2012-Q2,1\n")}
    )
    assert response.status_code == 403
    assert kpi.values.count() == 1


def test_someone_with_no_role_in_the_area_is_told_nothing_exists(client):
    kpi = KpiFactory()
    client.force_login(member(AreaFactory(), AreaRole.COMMISSIONER))
    assert client.get(kpi.get_absolute_url()).status_code == 404
    assert client.get(f"/manage/areas/{kpi.area.slug}/kpis/").status_code == 404


def test_a_figure_typed_in_by_mistake_is_deleted_and_its_history_kept(client, commissioner):
    kpi = kpi_with_quarters(["66", "6.8"], area=commissioner)
    wrong = kpi.values.get(value=Decimal("6.8"))
    assert client.get(f"/manage/kpi-values/{wrong.pk}/delete/").status_code == 405
    client.post(f"/manage/kpi-values/{wrong.pk}/delete/")
    assert [v.value for v in kpi.values.all()] == [Decimal("66")]
    assert KpiValue.history.filter(id=wrong.pk, history_type="-").exists()
