"""The results read from the stored scores: overall and by role, the ranking on the agreed weights, and its
sensitivity; the record's PDF is tagged."""

import io

import pytest
from pypdf import PdfReader

from coproduce.appraisal.pdf import appraisal_record_pdf
from coproduce.appraisal.selectors import appraisal_results, preferred_option
from coproduce.appraisal.services import appraisal_agree, appraisal_set_status
from tests.factories import AreaFactory, UserFactory, appraisal_scores, appraisal_with_options

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored():
    """Two criteria; a commissioner and two VCS members who disagree about the mixed economy."""
    appraisal = appraisal_with_options(area=AreaFactory(), options=("In-house", "Mixed economy", "VCS-run"))
    appraisal_scores(
        appraisal,
        UserFactory(),
        "commissioner",
        {"In-house": [2, 1], "Mixed economy": [3, 3], "VCS-run": [2, 2]},
        [50, 50],
    )
    appraisal_scores(
        appraisal,
        UserFactory(),
        "vcs_member",
        {"In-house": [1, 1], "Mixed economy": [4, 2], "VCS-run": [4, 3]},
        [3, 1],
    )
    appraisal_scores(
        appraisal,
        UserFactory(),
        "vcs_member",
        {"In-house": [1, 2], "Mixed economy": [2, 2], "VCS-run": [4, 3]},
        [1, 1],
    )
    return appraisal


def _cells(rows):
    return {(option.title, i): cell for option, cells in rows for i, cell in enumerate(cells)}


def test_overall_and_by_role_figures_are_the_stored_scores(scored):
    results = appraisal_results(scored)
    assert results.raters == 3
    overall = _cells(results.overall)
    assert overall[("Mixed economy", 0)].mean == pytest.approx((3 + 4 + 2) / 3)
    assert (overall[("Mixed economy", 0)].minimum, overall[("Mixed economy", 0)].maximum) == (2, 4)
    assert overall[("Mixed economy", 0)].n == 3
    views = {view.role: view for view in results.by_role}
    assert list(views) == ["commissioner", "vcs_member"]
    assert views["vcs_member"].raters == 2
    vcs = _cells(views["vcs_member"].rows)
    assert vcs[("Mixed economy", 0)].mean == pytest.approx(3.0)
    assert vcs[("Mixed economy", 0)].spread == pytest.approx(1.0)  # 2 and 4: quartiles 2.5 and 3.5
    assert _cells(views["commissioner"].rows)[("In-house", 1)].mean == 1


def test_the_ranking_uses_each_roles_weights_equally(scored):
    results = appraisal_results(scored)
    # Commissioner 50/50; the VCS members 75/25 and 50/50, so the VCS role 62.5/37.5; both roles: 56.25/43.75.
    weights = [w for _, w in results.weights]
    assert weights == pytest.approx([0.5625, 0.4375])
    totals = {option.title: total for _, option, total in results.ranking}
    means = {"In-house": (4 / 3, 4 / 3), "Mixed economy": (3, 7 / 3), "VCS-run": (10 / 3, 8 / 3)}
    for title, (a, b) in means.items():
        assert totals[title] == pytest.approx(0.5625 * a + 0.4375 * b)
    assert [o.title for o in results.top] == ["VCS-run"]
    assert [rank for rank, _, _ in results.ranking] == [1, 2, 3]


def test_sensitivity_gives_a_switching_value_or_never_and_acceptability_is_reproducible(scored):
    results = appraisal_results(scored)
    assert len(results.switching) == 2
    # VCS-run leads the mixed economy on both criteria, so no weight changes the top.
    assert all(row.never for row in results.switching)
    again = appraisal_results(scored)
    assert [(o.pk, s) for o, s in results.acceptability] == [(o.pk, s) for o, s in again.acceptability]
    assert sum(s for _, s in results.acceptability) == pytest.approx(1.0)
    assert results.acceptability[0][0].title == "VCS-run"


def test_a_criterion_whose_weight_can_switch_the_top_shows_where():
    appraisal = appraisal_with_options(options=("In-house", "Mixed economy"))
    appraisal_scores(
        appraisal, UserFactory(), "commissioner", {"In-house": [4, 0], "Mixed economy": [1, 2]}, [1, 1]
    )
    results = appraisal_results(appraisal)
    # Totals at weight t on Strategic fit: in-house 4t, mixed 1t + 2(1 - t): level at t = 0.4.
    fit = results.switching[0]
    assert [o.title for o in results.top] == ["In-house"]
    assert fit.below is not None and fit.below[0] == pytest.approx(0.4)
    assert [o.title for o in fit.below[1]] == ["Mixed economy"]
    assert fit.above is None


def test_no_scores_means_no_ranking_and_a_reason():
    results = appraisal_results(appraisal_with_options())
    assert not results.has_ranking
    assert results.problem == "Nobody has scored the options yet."


def test_the_preferred_option_is_read_only_once_agreed(scored):
    option = scored.options.get(title="VCS-run")
    assert preferred_option(scored) is None
    appraisal_set_status(appraisal=scored, status="closed")
    appraisal_agree(
        appraisal=scored, preferred_option=option, recommendation="Run by the VCS.", user=UserFactory()
    )
    assert preferred_option(scored) == option


def test_the_record_pdf_is_tagged_and_holds_the_ranking_and_the_roles(scored):
    content = appraisal_record_pdf(scored)
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    text = "".join(page.extract_text() for page in reader.pages)
    for expected in (
        "Weighted ranking",
        "VCS-run",
        "Commissioner",
        "VCS member",
        "Switching values",
        "Never",
    ):
        assert expected in text
    assert reader.metadata.title.startswith("Options appraisal:")


def test_a_partner_whose_role_changed_counts_under_the_role_they_last_scored_in():
    from coproduce.appraisal.models import Score
    from coproduce.appraisal.services import option_exclude, option_restore

    appraisal = appraisal_with_options(options=("In-house", "Mixed economy", "VCS-run"))
    rater = UserFactory()
    appraisal_scores(
        appraisal, rater, "viewer", {"In-house": [1, 1], "Mixed economy": [2, 2], "VCS-run": [3, 3]}, [1, 1]
    )
    vcs = appraisal.options.get(title="VCS-run")
    option_exclude(option=vcs, choice="delivery", reason="No provider yet")
    appraisal_scores(appraisal, rater, "vcs_member", {"In-house": [1, 1], "Mixed economy": [2, 2]}, [1, 1])
    option_restore(option=vcs)
    assert set(Score.objects.values_list("rater_role", flat=True)) == {"viewer", "vcs_member"}
    results = appraisal_results(appraisal)
    assert [view.role for view in results.by_role] == ["vcs_member"]
    assert [o.title for o in results.top] == ["VCS-run"]
