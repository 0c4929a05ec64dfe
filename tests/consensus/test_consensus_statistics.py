"""The consensus statistics: agreement by role with Wilson intervals, common ground, divisive, groups."""

import random

import pytest

from coproduce.analysis.consensus import (
    AGREE,
    DISAGREE,
    PASS,
    ConsensusRules,
    Vote,
    consensus,
    wilson_share,
)


@pytest.mark.parametrize(
    ("agree", "n", "low", "high"),
    [
        # Newcombe (1998), Statistics in Medicine 17:857–872, Table I, method 3 (score interval).
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_intervals_match_newcombes_worked_examples(agree, n, low, high):
    share = wilson_share(agree, n - agree, 0)
    assert share.low == pytest.approx(low, abs=5e-5)
    assert share.high == pytest.approx(high, abs=5e-5)


def test_a_pass_counts_as_a_vote_that_did_not_agree():
    share = wilson_share(agree=2, disagree=1, passed=1)
    assert share.votes == 4 and share.share == 0.5


def test_no_votes_gives_an_empty_share_with_the_widest_interval():
    share = wilson_share(0, 0, 0)
    assert (share.votes, share.share, share.low, share.high) == (0, 0.0, 0.0, 1.0)


def votes_for(statement: int, role: str, agree: int, disagree: int = 0, passed: int = 0, start: int = 0):
    choices = [AGREE] * agree + [DISAGREE] * disagree + [PASS] * passed
    return [Vote(statement, start + i, role, choice) for i, choice in enumerate(choices)]


def test_a_statement_every_role_agrees_with_is_common_ground():
    votes = votes_for(1, "vcs_provider", 4, 1) + votes_for(1, "la_professional", 3, 1, start=100)
    [result] = consensus(votes, [1]).statements
    assert result.common_ground and not result.divisive
    assert result.by_role["vcs_provider"].share == 0.8
    assert result.judged_roles == ["la_professional", "vcs_provider"]


def test_a_statement_the_roles_split_on_is_divisive_not_common_ground():
    votes = votes_for(1, "vcs_provider", 5, 0) + votes_for(1, "la_professional", 1, 4, start=100)
    [result] = consensus(votes, [1]).statements
    assert result.divisive and not result.common_ground
    assert result.gap == pytest.approx(0.8)


def test_a_role_with_too_few_votes_is_shown_but_not_judged():
    votes = votes_for(1, "vcs_provider", 5) + votes_for(1, "cc_manager", 0, 2, start=100)
    [result] = consensus(votes, [1], ConsensusRules(min_votes_per_role=3)).statements
    assert "cc_manager" in result.by_role and result.judged_roles == ["vcs_provider"]
    # One judged role is not enough to call it common ground across roles.
    assert not result.common_ground and not result.divisive


def test_a_statement_nobody_voted_on_is_listed_with_no_votes():
    [result] = consensus([], [7]).statements
    assert result.overall.votes == 0 and result.by_role == {} and not result.common_ground


def two_camps(seed: int = 0) -> list[Vote]:
    """20 people: ten agree with statements 1-3 and reject 4-6; ten the other way round."""
    rng = random.Random(seed)
    votes = []
    for person in range(20):
        camp = person < 10
        for statement in range(1, 7):
            likes = (statement <= 3) == camp
            choice = AGREE if likes else DISAGREE
            if rng.random() < 0.1:
                choice = PASS
            votes.append(Vote(statement, person, "vcs_provider" if camp else "la_professional", choice))
    return votes


def test_two_camps_of_voters_come_out_as_two_opinion_groups():
    result = consensus(two_camps(), list(range(1, 7)))
    assert len(result.groups) == 2
    assert sorted(sorted(g.participants) for g in result.groups) == [list(range(10)), list(range(10, 20))]
    first = result.groups[0]
    # What sets a group apart: statements where it agrees far more or less than everyone else.
    statement, mine, theirs = first.distinctive[0]
    assert abs(mine - theirs) > 0.7


def test_groups_do_not_depend_on_the_order_votes_arrive_in():
    votes = two_camps()
    shuffled = votes[:]
    random.Random(3).shuffle(shuffled)
    a, b = consensus(votes, list(range(1, 7))), consensus(shuffled, list(range(1, 7)))
    assert [g.participants for g in a.groups] == [g.participants for g in b.groups]


def test_too_few_people_for_groups_says_so():
    result = consensus(votes_for(1, "vcs_provider", 3), [1])
    assert result.groups == [] and "at least 8 people" in result.groups_reason
    assert result.participants == 3 and result.votes == 3
