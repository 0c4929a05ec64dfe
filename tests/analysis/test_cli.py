import csv
import io
import json

import pytest
from openpyxl import Workbook

from coproduce.analysis.cli import main
from tests.analysis.comments import themed_comments


def write_csv(path, header, rows, delimiter=","):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def comments_csv(tmp_path):
    texts, topics = themed_comments()
    rows = [[i, topic, text] for i, (text, topic) in enumerate(zip(texts, topics, strict=True))]
    return write_csv(tmp_path / "comments.csv", ["number", "topic", "Comment"], rows)


def run(capsys, *argv):
    code = main(["themes", *map(str, argv), "--embedder", "tfidf", "--no-progress"])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output_is_one_object_with_themes_assignments_metrics_and_timings(capsys, comments_csv):
    code, out, err = run(capsys, comments_csv, "--format", "json", "--themes", "3", "--label-column", "topic")
    assert code == 0
    data = json.loads(out)
    assert {"themes", "assignments", "metrics", "timings"} <= set(data)
    assert set(data["metrics"]) == {"nmi", "ari", "acc"}
    assert data["metrics"]["acc"] >= 0.9
    assert {"embed", "reduce", "cluster", "label", "assign"} <= set(data["timings"])
    assert len(data["assignments"]) == 30
    assert data["assignments"][0]["comment_id"] == 2  # the row number in the file


def test_the_table_shows_each_theme_with_its_size_and_examples(capsys, comments_csv):
    code, out, _ = run(capsys, comments_csv, "--themes", "3", "--label-column", "topic")
    assert code == 0
    assert out.startswith("3 themes from 30 comments")
    assert "(10 comments, 33%)" in out
    assert out.count("“") >= 9
    assert "Agreement with column 'topic': NMI" in out


def test_csv_output_has_one_row_per_comment(capsys, comments_csv):
    code, out, _ = run(capsys, comments_csv, "--themes", "3", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert len(rows) == 30
    assert {"row", "theme", "theme_label", "confidence", "text"} <= set(rows[0])


def test_the_text_column_is_guessed_from_its_name(capsys, comments_csv):
    code, out, _ = run(capsys, comments_csv, "--themes", "3", "--format", "json")
    assert code == 0
    assert any("Funding" in r for t in json.loads(out)["themes"] for r in t["representatives"])


def test_output_can_go_to_a_file(capsys, comments_csv, tmp_path):
    target = tmp_path / "themes.json"
    code, out, _ = run(capsys, comments_csv, "--themes", "3", "--format", "json", "--out", target)
    assert code == 0
    assert out == ""
    assert json.loads(target.read_text())["themes"]


def test_xlsx_files_are_read(capsys, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["response"])
    for text in themed_comments()[0]:
        sheet.append([text])
    workbook.save(tmp_path / "comments.xlsx")
    code, out, _ = run(capsys, tmp_path / "comments.xlsx", "--themes", "3", "--format", "json")
    assert code == 0
    assert len(json.loads(out)["assignments"]) == 30


def test_edits_from_a_json_file_are_applied(capsys, comments_csv, tmp_path):
    edits = tmp_path / "edits.json"
    edits.write_text(json.dumps([{"op": "rename", "theme": 1, "label": "Our name"}]))
    code, out, _ = run(capsys, comments_csv, "--themes", "3", "--format", "json", "--edits", edits)
    assert code == 0
    assert any(t["label"] == "Our name" for t in json.loads(out)["themes"])


def test_progress_goes_to_stderr_and_never_into_json(capsys, comments_csv):
    code = main(
        [
            "themes",
            str(comments_csv),
            "--embedder",
            "tfidf",
            "--themes",
            "3",
            "--format",
            "json",
            "--progress",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0
    json.loads(out)
    assert "embed" in err


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("c.csv", b"a,b\nx,y\n", "no column 'text'; its columns are: 'a', 'b'"),
        ("c.csv", b"", "is empty"),
        ("c.csv", b"\n\n", "is empty"),
        ("c.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
        ("c.csv", b"text\ncaf\xe9 closed\n", "is not UTF-8 text (byte 0xe9"),
        ("c.csv", b"text\x00\x01\x02", "looks like a binary file"),
        ("c.xlsx", b"not a zip", "is not a readable XLSX workbook"),
        ("c.csv", b"text\n\n  \n", "has no comments in column 'text'"),
        ("missing.csv", None, "no such file"),
    ],
    ids=[
        "missing column",
        "empty",
        "blank lines",
        "wrong type",
        "undecodable",
        "binary",
        "broken xlsx",
        "no comments",
        "no file",
    ],
)
def test_a_bad_file_gets_one_clear_line_and_exit_code_2(capsys, tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, path, "--text-column", "text")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert message in err


def test_a_missing_label_column_is_named(capsys, comments_csv):
    code, _, err = run(capsys, comments_csv, "--label-column", "theme")
    assert code == 2
    assert "no column 'theme'; its columns are: 'number', 'topic', 'Comment'" in err


def test_asking_for_zero_themes_is_refused(capsys, comments_csv):
    code, _, err = run(capsys, comments_csv, "--themes", "0")
    assert code == 2
    assert "--themes must be at least 1" in err


def test_the_embedder_comes_from_themes_embedder_like_the_web_app(capsys, comments_csv, monkeypatch):
    monkeypatch.setenv("THEMES_EMBEDDER", "tfidf")
    code = main(["themes", str(comments_csv), "--themes", "3", "--format", "json", "--no-progress"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert json.loads(out)["embedder"] == "tfidf-svd"


def test_the_embedder_option_wins_over_themes_embedder(capsys, comments_csv, monkeypatch):
    monkeypatch.setenv("THEMES_EMBEDDER", "minilm")
    code, out, _ = run(capsys, comments_csv, "--themes", "3", "--format", "json")
    assert code == 0
    assert json.loads(out)["embedder"] == "tfidf-svd"


def test_an_unknown_themes_embedder_gets_one_line_and_exit_code_2(capsys, comments_csv, monkeypatch):
    monkeypatch.setenv("THEMES_EMBEDDER", "word2vec")
    code = main(["themes", str(comments_csv), "--no-progress"])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.count("\n") == 1 and "THEMES_EMBEDDER='word2vec'" in err


def test_too_many_comments_for_the_memory_get_one_line_and_exit_code_3(capsys, comments_csv, monkeypatch):
    from coproduce.analysis import pipeline

    monkeypatch.setattr(pipeline, "memory_available", lambda: 1_000_000)  # 1 MB free
    code, out, err = run(capsys, comments_csv)
    assert code == 3
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "30 comments need about" in err and "analyse them in parts" in err


def test_running_out_of_memory_midway_is_one_line_too(capsys, comments_csv, monkeypatch):
    from coproduce.analysis import pipeline

    def exhausted(*args, **kwargs):
        raise MemoryError("Unable to allocate 4.66 GiB for an array with shape (25000, 25000)")

    monkeypatch.setattr(pipeline.Engine, "_cluster", exhausted)
    code, _, err = run(capsys, comments_csv)
    assert code == 3
    assert err.count("\n") == 1 and "ran out of memory analysing 30 comments" in err
