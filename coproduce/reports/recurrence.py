"""Themes that recur across areas, matched by the words their names share.

Plain Python, no Django. Each theme's name becomes a set of words: lower case, apostrophes and
punctuation dropped, a rough singular ("centres" is "centre"), small words ("and", "the", "of") left out.
Two themes of *different* areas match when the words they share make up at least half the words of the
shorter name. Words nearly every theme in this programme uses ("children's centre", "VCS", "local") count
in a name's length but never as shared: "Children's centre buildings" and "Children's centre staffing" do
not match. Matches chain into groups; a group recurs when it spans two or more areas. That is all: it is
easy to explain to a programme lead and easy to check by eye, which matters more here than subtlety.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

MIN_OVERLAP = 0.5

_FUNCTION_WORDS = (
    "a about all an and are as at be been being but by can could do does for from get has have how if in "
    "into is it its no not of on or our over should so than that the their them they this to too up us "
    "was we were what when where who why will with would you your"
)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split(" "))
# Words so common in this programme's theme names that sharing them says nothing.
PROGRAMME_WORDS = frozenset(["children", "child", "centre", "vcs", "local", "need", "more", "better"])


@dataclass(frozen=True)
class NamedTheme:
    """A theme as the matcher sees it: where it comes from and what it is called."""

    area: str  # the area's name; themes of one area never match each other
    label: str
    key: object = None  # whatever the caller needs to find the theme again (a Theme, a pk)
    size: int = 0


@dataclass
class RecurringTheme:
    """Themes of several areas taken to be one: the words they share and each area's theme."""

    shared_words: list[str]
    themes: list[NamedTheme] = field(default_factory=list)

    @property
    def areas(self) -> list[str]:
        return sorted({t.area for t in self.themes})


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def content_words(label: str) -> frozenset[str]:
    """The words of a theme's name that count: "Children's centres' funding" → {children, centre, funding}."""
    words = re.findall(r"[a-z0-9]+", label.lower().replace("'", "").replace("\u2019", ""))
    return frozenset(w for w in (_singular(w) for w in words) if len(w) > 1 and w not in FUNCTION_WORDS)


def shared_words(first: frozenset[str], second: frozenset[str]) -> frozenset[str]:
    """The words two names share that say something: not the programme's everyday words."""
    return (first & second) - PROGRAMME_WORDS


def same_theme(first: frozenset[str], second: frozenset[str]) -> bool:
    """The words the names share are at least half the words of the shorter name (and there is one)."""
    if not first or not second:
        return False
    shared = len(shared_words(first, second))
    return shared > 0 and shared / min(len(first), len(second)) >= MIN_OVERLAP


def recurring_themes(themes: Sequence[NamedTheme]) -> list[RecurringTheme]:
    """Groups of matching themes spanning two or more areas, the widest first, then by shared words."""
    words = [content_words(t.label) for t in themes]
    parent = list(range(len(themes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(themes)):
        for j in range(i + 1, len(themes)):
            if themes[i].area != themes[j].area and same_theme(words[i], words[j]):
                parent[root(j)] = root(i)

    groups: dict[int, list[int]] = {}
    for i in range(len(themes)):
        groups.setdefault(root(i), []).append(i)
    recurring = []
    for members in groups.values():
        if len({themes[i].area for i in members}) < 2:
            continue
        counts: Counter[str] = Counter(w for i in members for w in words[i] - PROGRAMME_WORDS)
        shared = sorted(w for w, n in counts.items() if n >= 2)
        recurring.append(
            RecurringTheme(
                shared_words=shared,
                themes=sorted((themes[i] for i in members), key=lambda t: (t.area, t.label)),
            )
        )
    recurring.sort(key=lambda r: (-len(r.areas), r.shared_words))
    return recurring
