"""The one reader of Pol.is conversation exports: the ``coproduce consensus`` command, the benchmark and the
web import of a conversation into an event all read through here.

A Pol.is export holds ``comments.csv`` (timestamp, datetime, comment-id, author-id, agrees, disagrees,
moderated, comment-body), ``votes.csv`` (timestamp, datetime, comment-id, voter-id, vote) and
``participants-votes.csv`` (participant, [xid,] group-id, n-comments, n-votes, n-agree, n-disagree, then one
column per comment id). In every file a vote is 1 agree, -1 disagree, 0 pass. ``moderated`` is Pol.is's
moderation state: 1 accepted, 0 not yet moderated, -1 moderated out (left out of the analysis).

What comes back is plain data: the statements (id, text, moderation), the participant ids and a vote matrix
(participants × statements, agree 1, disagree -1, pass 0, never seen NaN), plus the opinion group Pol.is
itself gave each participant when the file says so. ``votes.csv`` may hold several votes by one person on
one statement (they changed their mind); the latest by timestamp counts, as in Pol.is.

Anything wrong with a file is one ``PolisFileError`` naming the file, and the row (the header is row 1, as
in a spreadsheet) and column where that applies. Nothing here imports Django.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coproduce.analysis.comments_file import CommentsFileError, csv_records

COMMENTS_FILE = "comments.csv"
VOTES_FILE = "votes.csv"
PARTICIPANTS_VOTES_FILE = "participants-votes.csv"

AGREE, DISAGREE, PASS = 1, -1, 0
VOTE_VALUES = (AGREE, DISAGREE, PASS)
MODERATED_OUT, UNMODERATED, ACCEPTED = -1, 0, 1

# participants-votes.csv columns that are about the participant, not votes on a comment.
PARTICIPANT_COLUMNS = ("participant", "xid", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree")


class PolisFileError(ValueError):
    """A Pol.is export that cannot be used. ``file``, ``row`` (1 is the header) and ``column`` say where;
    ``reason`` says what, and ``str()`` is one line a person can act on."""

    def __init__(self, reason: str, *, file: str, row: int | None = None, column: str | None = None) -> None:
        self.reason = reason
        self.file = file
        self.row = row
        self.column = column
        where = file
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column {column!r}"
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class PolisStatement:
    id: int
    text: str
    moderated: int = UNMODERATED  # 1 accepted, 0 not yet moderated, -1 moderated out
    author: int | None = None

    @property
    def moderated_out(self) -> bool:
        return self.moderated == MODERATED_OUT


@dataclass(frozen=True)
class PolisConversation:
    """A conversation: statements in id order, participants in id order, and their votes.

    ``votes[i, j]`` is participant ``participants[i]``'s vote on ``statements[j]``: 1, -1, 0, or NaN where
    they never voted. ``polis_groups`` maps a participant id to the group Pol.is put them in (only those
    Pol.is grouped; empty when the file does not say). ``source`` names the file the votes came from.
    """

    statements: tuple[PolisStatement, ...]
    participants: tuple[int, ...]
    votes: np.ndarray
    polis_groups: Mapping[int, int]
    source: str

    @property
    def statement_ids(self) -> list[int]:
        return [s.id for s in self.statements]

    @property
    def moderated_out(self) -> np.ndarray:
        """A boolean per statement column: True where Pol.is's moderator took the statement out."""
        return np.array([s.moderated_out for s in self.statements], dtype=bool)

    def iter_votes(self) -> Iterator[tuple[int, int, int]]:
        """Every vote cast as (participant id, statement id, vote), participant by participant."""
        rows, columns = np.nonzero(~np.isnan(self.votes))
        for i, j in zip(rows.tolist(), columns.tolist(), strict=True):
            yield self.participants[i], self.statements[j].id, int(self.votes[i, j])


def _records(data: bytes, file: str) -> list[tuple[int, list[str]]]:
    try:
        records = list(csv_records(data))
    except CommentsFileError as error:
        raise PolisFileError(str(error), file=file, row=getattr(error, "row", None)) from error
    records = [(n, cells) for n, cells in records if "".join(cells).strip()]
    if not records:
        raise PolisFileError("the file is empty", file=file)
    return records


def _header(records: list[tuple[int, list[str]]], file: str, required: tuple[str, ...]) -> dict[str, int]:
    number, cells = records[0]
    header = [c.strip().lower() for c in cells]
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        if name in columns:
            raise PolisFileError(
                "this column appears twice in the header", file=file, row=number, column=name
            )
        if name:
            columns[name] = index
    missing = [name for name in required if name not in columns]
    if missing:
        raise PolisFileError(
            f"the header has no {', '.join(repr(m) for m in missing)} column; is this a Pol.is {file}?",
            file=file,
            row=number,
        )
    return columns


def _cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) else ""


def _whole_number(text: str, *, file: str, row: int, column: str, allow_negative: bool = False) -> int:
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None:
        try:  # a spreadsheet may have saved 3 as 3.0
            as_float = float(text)
        except ValueError:
            as_float = math.nan
        if not as_float.is_integer():
            shown = repr(text) if text else "nothing"
            raise PolisFileError(f"expected a whole number, found {shown}", file=file, row=row, column=column)
        value = int(as_float)
    if value < 0 and not allow_negative:
        raise PolisFileError(
            f"expected a whole number 0 or more, found {text}", file=file, row=row, column=column
        )
    return value


def _vote(text: str, *, file: str, row: int, column: str) -> int:
    value = _whole_number(text, file=file, row=row, column=column, allow_negative=True)
    if value not in VOTE_VALUES:
        raise PolisFileError(
            f"a vote is 1 (agree), -1 (disagree) or 0 (pass), found {text}", file=file, row=row, column=column
        )
    return value


def parse_comments(data: bytes, *, file: str = COMMENTS_FILE) -> list[PolisStatement]:
    """The statements of a ``comments.csv``, in id order."""
    records = _records(data, file)
    columns = _header(records, file, ("comment-id", "comment-body"))
    statements: dict[int, PolisStatement] = {}
    for number, cells in records[1:]:
        statement_id = _whole_number(
            _cell(cells, columns["comment-id"]), file=file, row=number, column="comment-id"
        )
        if statement_id in statements:
            raise PolisFileError(
                f"comment {statement_id} appears twice", file=file, row=number, column="comment-id"
            )
        moderated = UNMODERATED
        if "moderated" in columns and _cell(cells, columns["moderated"]):
            moderated = _whole_number(
                _cell(cells, columns["moderated"]),
                file=file,
                row=number,
                column="moderated",
                allow_negative=True,
            )
            if moderated not in (MODERATED_OUT, UNMODERATED, ACCEPTED):
                raise PolisFileError(
                    f"moderated is 1 (accepted), 0 (not yet moderated) or -1 (moderated out), found {moderated}",
                    file=file,
                    row=number,
                    column="moderated",
                )
        author = None
        if "author-id" in columns and _cell(cells, columns["author-id"]):
            author = _whole_number(
                _cell(cells, columns["author-id"]), file=file, row=number, column="author-id"
            )
        text = cells[columns["comment-body"]].strip() if columns["comment-body"] < len(cells) else ""
        statements[statement_id] = PolisStatement(statement_id, text, moderated, author)
    return [statements[k] for k in sorted(statements)]


def parse_votes(data: bytes, *, file: str = VOTES_FILE) -> dict[tuple[int, int], int]:
    """The votes of a ``votes.csv``: (participant id, statement id) → vote, the latest vote of each pair by
    timestamp (or, without timestamps, the last in the file)."""
    voter, statement, vote = _votes_arrays(data, file)
    return {(p, s): v for p, s, v in zip(voter.tolist(), statement.tolist(), vote.tolist(), strict=True)}


def _array(values: np.ndarray | None) -> np.ndarray:
    assert values is not None  # every column was read or its bad row raised
    return values


def _votes_arrays(data: bytes, file: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A votes.csv's latest votes as three arrays: voter ids, statement ids, votes."""
    records = _records(data, file)
    columns = _header(records, file, ("comment-id", "voter-id", "vote"))
    names = ["comment-id", "voter-id", "vote"] + (["timestamp"] if "timestamp" in columns else [])
    body = records[1:]
    if not body:
        raise PolisFileError("the file has a header but no votes", file=file)
    values: dict[str, np.ndarray | None] = {}
    for name in names:
        index = columns[name]
        cells = [cells[index] if index < len(cells) else "" for _, cells in body]
        try:  # the fast path: every cell a plain whole number
            values[name] = np.array(cells, dtype=np.int64) if cells else np.zeros(0, np.int64)
        except (ValueError, OverflowError):
            values[name] = None
        column = values[name]
        if (
            column is None
            or (name != "vote" and (column < 0).any())
            or (name == "vote" and (~np.isin(column, VOTE_VALUES)).any())
        ):
            # The slow path, only to say which row is wrong.
            cells = [c.strip() for c in cells]
            for (number, _), cell in zip(body, cells, strict=True):
                if name == "vote":
                    _vote(cell, file=file, row=number, column=name)
                else:
                    _whole_number(cell, file=file, row=number, column=name)
            values[name] = np.array([int(float(c)) for c in cells], dtype=np.int64)
    statement, voter, vote = (_array(values[name]) for name in ("comment-id", "voter-id", "vote"))
    when = _array(values["timestamp"]) if "timestamp" in values else np.arange(len(body))
    # The latest vote of each (voter, statement): sort by voter, statement, time, then file order, and keep
    # the last of each pair.
    order = np.lexsort((np.arange(len(body)), when, statement, voter))
    voter, statement, vote = voter[order], statement[order], vote[order]
    last = np.ones(len(order), dtype=bool)
    last[:-1] = (voter[1:] != voter[:-1]) | (statement[1:] != statement[:-1])
    return voter[last], statement[last], vote[last]


@dataclass(frozen=True)
class ParticipantsVotes:
    votes: dict[tuple[int, int], int]  # (participant id, statement id) → vote
    participants: list[int]  # every participant row, voted or not
    statement_ids: list[int]  # the comment columns, in id order
    polis_groups: dict[int, int]


def parse_participants_votes(data: bytes, *, file: str = PARTICIPANTS_VOTES_FILE) -> ParticipantsVotes:
    """A ``participants-votes.csv``: one row per participant, one column per comment id."""
    records = _records(data, file)
    columns = _header(records, file, ("participant",))
    header_row = records[0][0]
    statement_columns: list[tuple[int, int, str]] = []  # (statement id, index, column name)
    for name, index in columns.items():
        if name in PARTICIPANT_COLUMNS:
            continue
        if not name.isdigit():
            raise PolisFileError(
                "expected a comment id (a whole number) as the name of this column",
                file=file,
                row=header_row,
                column=name,
            )
        statement_columns.append((int(name), index, name))
    if not statement_columns:
        raise PolisFileError("the header names no comment columns", file=file, row=header_row)
    statement_columns.sort()
    votes: dict[tuple[int, int], int] = {}
    groups: dict[int, int] = {}
    seen: set[int] = set()
    for number, cells in records[1:]:
        person = _whole_number(
            _cell(cells, columns["participant"]), file=file, row=number, column="participant"
        )
        if person in seen:
            raise PolisFileError(
                f"participant {person} appears twice", file=file, row=number, column="participant"
            )
        seen.add(person)
        if "group-id" in columns and _cell(cells, columns["group-id"]):
            groups[person] = _whole_number(
                _cell(cells, columns["group-id"]), file=file, row=number, column="group-id"
            )
        for statement, index, name in statement_columns:
            text = _cell(cells, index)
            if text:
                votes[(person, statement)] = _vote(text, file=file, row=number, column=name)
    if not seen:
        raise PolisFileError("the file has a header but no participants", file=file)
    return ParticipantsVotes(votes, sorted(seen), [s for s, _, _ in statement_columns], groups)


def conversation(
    *,
    comments: bytes | None = None,
    votes: bytes | None = None,
    participants_votes: bytes | None = None,
    names: Mapping[str, str] | None = None,
) -> PolisConversation:
    """A conversation from an export's bytes: ``votes`` (votes.csv) or ``participants_votes``, with
    ``comments`` (comments.csv) when there is one. With both vote files, votes.csv gives the votes and
    participants-votes.csv only Pol.is's groups. ``names`` maps "comments"/"votes"/"participants_votes" to
    the file names to show in errors (an upload's own name, say)."""
    names = dict(names or {})
    comments_name = names.get("comments", COMMENTS_FILE)
    votes_name = names.get("votes", VOTES_FILE)
    pv_name = names.get("participants_votes", PARTICIPANTS_VOTES_FILE)
    if votes is None and participants_votes is None:
        raise PolisFileError(
            f"a Pol.is export needs {VOTES_FILE} or {PARTICIPANTS_VOTES_FILE} for the votes", file=votes_name
        )
    statements = parse_comments(comments, file=comments_name) if comments is not None else None
    groups: dict[int, int] = {}
    people: set[int] = set()
    column_ids: list[int] = []
    pairs: dict[tuple[int, int], int] = {}
    source = votes_name
    if participants_votes is not None:
        table = parse_participants_votes(participants_votes, file=pv_name)
        groups = table.polis_groups
        pairs = table.votes
        people.update(table.participants)
        column_ids = table.statement_ids
        source = pv_name
    if votes is not None:
        voter_ids, statement_ids, values = _votes_arrays(votes, votes_name)
        source = votes_name
    else:
        keys = np.array(list(pairs.keys()), dtype=np.int64).reshape(-1, 2)
        voter_ids, statement_ids = keys[:, 0], keys[:, 1]
        values = np.fromiter(pairs.values(), dtype=np.int64, count=len(pairs))
    people.update(np.unique(voter_ids).tolist())
    voted_on = set(np.unique(statement_ids).tolist())
    if statements is None:
        statements = [PolisStatement(s, "") for s in sorted(voted_on | set(column_ids))]
    else:
        known = {s.id for s in statements}
        unknown = sorted((voted_on | set(column_ids)) - known)
        if unknown:
            raise PolisFileError(
                f"votes on comment {unknown[0]}, which {comments_name} does not list"
                + (f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else ""),
                file=source,
                column="comment-id" if source == votes_name else str(unknown[0]),
            )
    participants = sorted(people)
    row = {p: i for i, p in enumerate(participants)}
    matrix = np.full((len(participants), len(statements)), np.nan)
    if len(values):
        rows = np.searchsorted(np.array(participants, dtype=np.int64), voter_ids)
        cols = np.searchsorted(np.array([s.id for s in statements], dtype=np.int64), statement_ids)
        matrix[rows, cols] = values
    return PolisConversation(
        statements=tuple(statements),
        participants=tuple(participants),
        votes=matrix,
        polis_groups={p: g for p, g in groups.items() if p in row},
        source=source,
    )


def read_path(path: str | Path) -> PolisConversation:
    """A conversation from a file on disk: a ``participants-votes.csv`` or ``votes.csv`` (any name; told
    apart by its header), with the ``comments.csv`` beside it if there is one, or a folder holding the
    export (votes.csv preferred, participants-votes.csv then gives Pol.is's groups)."""
    path = Path(path)
    if not path.exists():
        raise PolisFileError("no such file or folder", file=str(path))
    files: dict[str, Path] = {}
    if path.is_dir():
        for key, name in (("votes", VOTES_FILE), ("participants_votes", PARTICIPANTS_VOTES_FILE)):
            if (path / name).is_file():
                files[key] = path / name
        if not files:
            raise PolisFileError(
                f"the folder holds neither {VOTES_FILE} nor {PARTICIPANTS_VOTES_FILE}", file=str(path)
            )
        folder = path
    else:
        files[_kind_of(path)] = path
        folder = path.parent
    if (folder / COMMENTS_FILE).is_file() and path.name != COMMENTS_FILE:
        files["comments"] = folder / COMMENTS_FILE
    data: dict[str, bytes] = {}
    for key, file in files.items():
        try:
            data[key] = file.read_bytes()
        except OSError as error:
            raise PolisFileError(f"cannot be read ({error.strerror})", file=str(file)) from error
    return conversation(**data, names={key: str(file) for key, file in files.items()})  # type: ignore[arg-type]


def _kind_of(path: Path) -> str:
    """Whether a file is a votes.csv or a participants-votes.csv, from its header line."""
    try:
        with path.open("rb") as handle:
            first = handle.readline(64 * 1024)
    except OSError as error:
        raise PolisFileError(f"cannot be read ({error.strerror})", file=str(path)) from error
    header = {c.strip().strip('"').lower() for c in first.decode("utf-8-sig", errors="replace").split(",")}
    if "participant" in header:
        return "participants_votes"
    if {"voter-id", "vote"} <= header:
        return "votes"
    if "comment-body" in header:
        raise PolisFileError(
            f"this is a {COMMENTS_FILE}; give the {VOTES_FILE} or {PARTICIPANTS_VOTES_FILE} beside it",
            file=str(path),
            row=1,
        )
    raise PolisFileError(
        f"the header is neither a Pol.is {VOTES_FILE} (comment-id, voter-id, vote) nor a "
        f"{PARTICIPANTS_VOTES_FILE} (participant, group-id, … one column per comment)",
        file=str(path),
        row=1,
    )
