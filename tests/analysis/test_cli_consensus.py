"""``coproduce consensus FILE``: a Pol.is export in, groups, consensus and representative statements out."""

import json
import math

import pytest

from coproduce.analysis.cli import main
from tests.analysis.test_polis_math import camps


@pytest.fixture
def export(tmp_path):
    votes = camps()
    header = "participant,group-id,n-comments,n-votes,n-agree,n-disagree," + ",".join(map(str, range(12)))
    lines = [header]
    for i, row in enumerate(votes):
        cells = ["" if math.isnan(v) else str(int(v)) for v in row]
        lines.append(f"{i},,0,0,0,0," + ",".join(cells))
    (tmp_path / "participants-votes.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    comments = ["timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body"]
    comments += [f"1,x,{j},0,0,0,1,Statement number {j}" for j in range(12)]
    (tmp_path / "comments.csv").write_text("\n".join(comments) + "\n", encoding="utf-8")
    return tmp_path / "participants-votes.csv"


def test_json_has_groups_consensus_representative_statements_and_seconds(capsys, export):
    code = main(["consensus", str(export), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["n_groups"] == 3 and len(data["groups"]) == 60
    assert sorted(set(data["groups"].values())) == [1, 2, 3]
    assert data["groups"]["0"] == data["groups"]["3"] != data["groups"]["1"]
    assert [c["statement"] for c in data["consensus"]] == [11]
    assert data["consensus"][0]["text"] == "Statement number 11"
    assert set(data["representative"]) == {"1", "2", "3"}
    assert all(data["representative"][g] for g in data["representative"])
    assert data["seconds"] >= 0


def test_the_table_names_the_groups_and_the_consensus(capsys, export):
    assert main(["consensus", str(export)]) == 0
    out = capsys.readouterr().out
    assert "Group 1, 20 people" in out and "#11 Statement number 11" in out and "seconds:" in out


def test_a_bad_file_is_one_line_on_stderr_and_exit_code_2(capsys, export, tmp_path):
    lines = export.read_text(encoding="utf-8").splitlines()
    lines[1] = "0,,0,0,0,0,yes" + ",1" * 11
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = main(["consensus", str(export)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "row 2" in err and "expected a whole number" in err
    assert main(["consensus", str(tmp_path / "missing.csv")]) == 2
    assert "no such file" in capsys.readouterr().err
