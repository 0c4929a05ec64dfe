"""Reading Pol.is exports: comments.csv + votes.csv, or participants-votes.csv, into a vote matrix."""

import math
from pathlib import Path

import numpy as np
import pytest

from coproduce.analysis.polis_files import PolisFileError, conversation, read_path

COMMENTS = (
    b"timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
    b"1,x,0,5,1,0,1,Buses should run later\n"
    b"2,x,1,5,0,1,-1,Spam\n"
    b'3,x,2,6,0,0,0,"Fares, not routes"\n'
)
VOTES = (
    b"timestamp,datetime,comment-id,voter-id,vote\n"
    b"10,x,0,7,1\n"
    b"11,x,2,7,0\n"
    b"12,x,0,9,-1\n"
    b"20,x,0,7,-1\n"  # participant 7 changed their mind on statement 0: the later vote counts
    b"15,x,0,7,1\n"  # earlier by timestamp though later in the file
)
PARTICIPANTS_VOTES = (
    b"participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2\n7,0,0,2,0,1,-1,,0\n9,,0,1,0,1,-1,,\n"
)


def test_votes_and_comments_make_a_matrix_with_nan_for_unseen():
    conv = conversation(comments=COMMENTS, votes=VOTES)
    assert conv.participants == (7, 9)
    assert conv.statement_ids == [0, 1, 2]
    assert [s.text for s in conv.statements] == ["Buses should run later", "Spam", "Fares, not routes"]
    assert conv.moderated_out.tolist() == [False, True, False]
    expected = np.array([[-1, math.nan, 0], [-1, math.nan, math.nan]])
    np.testing.assert_array_equal(conv.votes, expected)
    assert sorted(conv.iter_votes()) == [(7, 0, -1), (7, 2, 0), (9, 0, -1)]


def test_participants_votes_gives_the_same_matrix_and_polis_groups():
    from_pv = conversation(comments=COMMENTS, participants_votes=PARTICIPANTS_VOTES)
    from_votes = conversation(comments=COMMENTS, votes=VOTES)
    np.testing.assert_array_equal(from_pv.votes, from_votes.votes)
    assert from_pv.polis_groups == {7: 0}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"votes": VOTES.replace(b"12,x,0,9,-1", b"12,x,0,9,2")},
            "votes.csv, row 4, column 'vote': a vote is 1",
        ),
        (
            {"votes": VOTES.replace(b"12,x,0,9,-1", b"12,x,zero,9,-1")},
            "votes.csv, row 4, column 'comment-id'",
        ),
        (
            {"votes": b"a,b,c\n1,2,3\n"},
            "votes.csv, row 1: the header has no 'comment-id', 'voter-id', 'vote'",
        ),
        ({"votes": b""}, "votes.csv: the file is empty"),
        ({"votes": VOTES.replace(b"11,x,2,7,0", b"11,x,8,7,0"), "comments": COMMENTS}, "comment 8"),
        (
            {"participants_votes": PARTICIPANTS_VOTES.replace(b"7,0,0,2,0,1,-1,,0", b"7,0,0,2,0,1,-1,,yes")},
            "participants-votes.csv, row 2, column '2': expected a whole number",
        ),
        (
            {"votes": VOTES, "comments": COMMENTS.replace(b"2,x,1,5", b"2,x,0,5")},
            "comments.csv, row 3, column 'comment-id': comment 0 appears twice",
        ),
        ({"votes": b"%PDF-1.4 stuff"}, "votes.csv: looks like a PDF"),
    ],
)
def test_a_bad_file_is_one_error_naming_file_row_and_column(kwargs, message):
    with pytest.raises(PolisFileError) as caught:
        conversation(**kwargs)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_read_path_finds_comments_beside_the_votes(tmp_path):
    (tmp_path / "comments.csv").write_bytes(COMMENTS)
    (tmp_path / "export.csv").write_bytes(PARTICIPANTS_VOTES)
    conv = read_path(tmp_path / "export.csv")
    assert conv.statements[0].text == "Buses should run later"
    assert conv.polis_groups == {7: 0}
    with pytest.raises(PolisFileError, match="this is a comments.csv"):
        read_path(tmp_path / "comments.csv")
    with pytest.raises(PolisFileError, match="no such file"):
        read_path(tmp_path / "missing.csv")


REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "consensus" / "brexit-consensus"


@pytest.mark.skipif(not REAL.is_dir(), reason="Pol.is open data not beside the repository")
def test_a_real_export_reads_the_same_from_votes_csv_as_from_participants_votes_csv():
    from_votes = read_path(REAL / "votes.csv")
    from_table = read_path(REAL / "participants-votes.csv")
    assert from_votes.participants == from_table.participants and len(from_votes.participants) == 204
    np.testing.assert_array_equal(from_votes.votes, from_table.votes)  # the latest vote of each pair
    assert len(from_table.polis_groups) == 197 and set(from_table.polis_groups.values()) == {0, 1}
