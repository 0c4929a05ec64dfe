"""The engine's file reader (used by the CLI) refuses costly workbooks and drops NUL characters."""

from __future__ import annotations

import pytest

from coproduce.analysis.comments_file import CommentsFileError, read_comments
from tests.engagement.test_imports import xlsx_bomb


def test_a_workbook_that_unpacks_past_the_cap_is_refused(tmp_path):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(xlsx_bomb(60 * 1024 * 1024))
    with pytest.raises(CommentsFileError, match="unpacks to more than 50 MB"):
        read_comments(path)


def test_a_workbook_with_one_huge_cell_is_refused(tmp_path):
    path = tmp_path / "long.xlsx"
    path.write_bytes(xlsx_bomb(1024 * 1024))
    with pytest.raises(CommentsFileError, match="a cell of more than 10,000 characters"):
        read_comments(path)


def test_nul_characters_are_dropped_from_a_csv(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(b"text\n" + b"fine\n" * 1000 + b"Hel\x00lo\n")
    assert read_comments(path).texts[-1] == "Hello"
