"""The one reader of comment files reads every RFC 4180 CSV as ``csv.reader`` does, for the CLI, the
import and the demo alike.

The CLI once let ``csv.Sniffer`` guess the dialect from the first 8 KiB: with no ``""`` there, it turned
doubled-quote handling off, so a later cell holding a doubled quote came out with stray quotes, and a
comma inside a quoted cell could split it, inventing a label.
"""

from __future__ import annotations

import csv
import io
from types import SimpleNamespace

import pytest

from coproduce.analysis.comments_file import csv_records, read_comments
from coproduce.demo import loader
from coproduce.engagement import imports

HEADER = ["event", "role", "method_step", "text"]
# Past the first 8 KiB: doubled quotes, an embedded newline and commas inside quoted cells.
LATER = [
    ["e1", "parent_carer", "", 'She said "no", twice'],
    ["e1", "vcs_provider", "", '"Quoted at the start", and a comma, then more'],
    ["e1", "parent_carer", "", 'Two lines:\nthe second, with "quotes" and a comma'],
    ["e1", "la_professional", "", 'It ends with a quote"'],
]


def rfc4180_file() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180: a quote in a quoted cell is written twice
    writer.writerow(HEADER)
    number = 0
    while buffer.tell() < 9000:  # the first 8 KiB hold no "" at all
        number += 1
        writer.writerow(["e1", "parent_carer", "", f"Plain comment number {number} about evening sessions"])
    writer.writerows(LATER)
    data = buffer.getvalue().encode()
    assert b'""' not in data[:8192]
    assert b'""' in data
    return data


def expected_texts(data: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(data.decode(), newline="")))
    return [row[3].strip() for row in rows[1:]]


def test_the_file_is_as_meant():
    texts = expected_texts(rfc4180_file())
    assert texts[-4:] == [row[3] for row in LATER]


def test_the_records_are_exactly_what_csv_reader_reads():
    data = rfc4180_file()
    expected = list(csv.reader(io.StringIO(data.decode(), newline="")))
    assert [cells for _, cells in csv_records(data)] == expected


def test_the_cli_reads_it_as_csv_reader_does(tmp_path):
    data = rfc4180_file()
    path = tmp_path / "comments.csv"
    path.write_bytes(data)
    comments = read_comments(path, text_column="text", label_column="role")
    assert comments.texts == expected_texts(data)
    # No label is invented from a piece of a split text.
    assert set(comments.labels or []) == {"parent_carer", "vcs_provider", "la_professional"}


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_a_semicolon_or_tab_header_chooses_only_the_delimiter(tmp_path, delimiter):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["text", "label"])
    writer.writerows([[f"Plain {i}", "a"] for i in range(400)])
    writer.writerow(['She said "no", twice; then\tleft', "b"])
    path = tmp_path / "comments.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    comments = read_comments(path, label_column="label")
    assert comments.texts[-1] == 'She said "no", twice; then\tleft'
    assert set(comments.labels or []) == {"a", "b"}


def test_the_cli_the_import_and_the_demo_read_the_same_texts(tmp_path, monkeypatch):
    data = rfc4180_file()
    expected = expected_texts(data)
    path = tmp_path / "comments.csv"
    path.write_bytes(data)

    cli = read_comments(path, text_column="text").texts

    parsed = imports.parse_file("comments.csv", data, max_bytes=len(data), max_rows=10_000)
    result = imports.validate_rows(parsed, {"text": 3, "role": 1, "method_step": None, "source": None})
    assert result.problems == []
    imported = [draft.text for draft in result.drafts]

    monkeypatch.setattr(loader, "DATA_DIR", tmp_path)
    spec = SimpleNamespace(events=[SimpleNamespace(key="e1")], comments_file="comments.csv")
    demo = [row.text for row in loader.read_comments(spec)]  # type: ignore[arg-type]

    assert cli == imported == demo == expected


def test_no_label_is_invented_from_a_piece_of_a_text(tmp_path):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["text", "topic"])
    number = 0
    while buffer.tell() < 9000:
        number += 1
        writer.writerow([f"Plain comment number {number}", "times"])
    writer.writerow(['She said "no", twice', "money"])
    writer.writerow(['"Evenings", please, and weekends', "times"])
    path = tmp_path / "comments.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    comments = read_comments(path, label_column="topic")
    assert comments.texts[-2:] == ['She said "no", twice', '"Evenings", please, and weekends']
    assert set(comments.labels or []) == {"times", "money"}
