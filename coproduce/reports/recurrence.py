"""Themes that recur across areas, matched by meaning: the cosine of their centroids.

Plain Python, no Django. Each theme may carry its centroid (the mean of its comments' embeddings,
L2-normalised) and the name of the embedder that made it. Two themes of *different* areas match when the
cosine of their centroids is at least ``MIN_SIMILARITY`` and each is the other's most similar theme in the
other area, so a theme matches at most one theme per other area and groups do not chain everything. The
threshold comes from Banking77, not from the demo: see ``MIN_SIMILARITY``.

Centroids are compared only when both areas' themes have them from the same embedder (same name, same
dimension). Otherwise the two areas' themes are compared by the words of their names, as before, and
:func:`word_comparisons` says why, for the page to say so.

The word match: each theme's name becomes a set of words: lower case, apostrophes and
punctuation dropped, a rough singular ("centres" is "centre"), small words ("and", "the", "of") left out.
Two themes of *different* areas match when the words they share make up at least half the words of the
shorter name. Words nearly every theme in this programme uses ("children's centre", "VCS", "local") count
in a name's length but never as shared: "Children's centre buildings" and "Children's centre staffing" do
not match. Matches chain into groups; a group recurs when it spans two or more areas. That is all: it is
easy to explain to a programme lead and easy to check by eye, which matters more here than subtlety.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

MIN_OVERLAP = 0.5

# Two centroids at least this alike (and each the other's closest in the other area) are one theme.
# Calibrated on Banking77's train split, not on the demo: each intent's comments cut into two halves as two
# "areas", the intents as themes, all-MiniLM-L6-v2 centroids of 10 or 25 comments per theme (5 draws):
# - the same intent's two centroids: cosine 0.75 or more for 99.7% (10 a theme) and 100% (25) of intents
#   (5th percentile 0.87 and 0.95);
# - two different intents: 95th percentile 0.65-0.67; 1.5% (10) and 2.0% (25) of pairs reach 0.75;
# - areas sharing 15 of their 30 themes (20 draws): at 0.75 the shared ones are found 99% (10) and 100%
#   (25) of the time, and 7-8% of unshared themes are matched to another, nearly always a sibling intent
#   ("top_up_failed" and "top_up_reverted", two kinds of wrong exchange rate) that a facilitator would call
#   one theme. At 0.85 the false matches fall to 0.5-1.3%, but a split of one data set flatters the same
#   theme: two real areas say it in their own words (their places, their services), so their
#   centroids are less alike than two halves of one set, and 0.85 would miss them.
MIN_SIMILARITY = 0.75
# At or above this the page says "very close in meaning" (the same intent's halves, 10 comments a theme: 5th
# percentile 0.87), below it "close in meaning".
VERY_CLOSE = 0.85

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
    """A theme as the matcher sees it: where it comes from, what it is called, where it sits in meaning."""

    area: str  # the area's name; themes of one area never match each other
    label: str
    key: object = None  # whatever the caller needs to find the theme again (a Theme, a pk)
    size: int = 0
    centroid: tuple[float, ...] | None = None  # L2-normalised; None when the theme has none
    embedder: str = ""  # the embedder's name ("" when unknown); named even when there is no centroid


@dataclass(frozen=True)
class Link:
    """Why two themes of different areas are taken to be one."""

    first: NamedTheme
    second: NamedTheme
    similarity: float | None  # the cosine of their centroids; None when matched by words
    shared_words: tuple[str, ...] = ()  # when matched by words

    @property
    def by_meaning(self) -> bool:
        return self.similarity is not None

    @property
    def closeness(self) -> str:
        """The similarity in words, for people who do not read cosines."""
        if self.similarity is None:
            return ""
        if self.similarity >= VERY_CLOSE:
            return "very close in meaning"
        return "close in meaning"


@dataclass
class RecurringTheme:
    """Themes of several areas taken to be one: each area's theme and the links that joined them."""

    shared_words: list[str]  # the words two or more of its names share (empty when matched by meaning)
    themes: list[NamedTheme] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    @property
    def areas(self) -> list[str]:
        return sorted({t.area for t in self.themes})

    @property
    def title(self) -> str:
        """What to call the group: the words its names share when matched by words, else its largest
        theme's name."""
        if self.shared_words and not any(link.by_meaning for link in self.links):
            return ", ".join(self.shared_words)
        return max(self.themes, key=lambda t: (t.size, t.label)).label

    @property
    def similarity(self) -> float | None:
        """The strongest of its links by meaning, for ordering."""
        found = [link.similarity for link in self.links if link.similarity is not None]
        return max(found) if found else None


@dataclass(frozen=True)
class WordComparison:
    """Areas whose themes are compared by the words of their names, and why (a clause after "because")."""

    areas: tuple[str, ...]
    reason: str


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


def cosine(first: Sequence[float], second: Sequence[float]) -> float:
    """The cosine of two vectors (centroids are L2-normalised, but a stray one is not trusted to be)."""
    dot = sum(a * b for a, b in zip(first, second, strict=True))
    norms = math.sqrt(sum(a * a for a in first)) * math.sqrt(sum(b * b for b in second))
    return dot / norms if norms > 0 else 0.0


def _space(themes: Sequence[NamedTheme]) -> tuple[str, int] | None:
    """The embedder and dimension all of an area's themes share centroids in, or None."""
    spaces = {(t.embedder, len(t.centroid)) if t.centroid else None for t in themes}
    if len(spaces) != 1:
        return None
    space = spaces.pop()
    return space if space and space[0] else None


def _by_area(themes: Sequence[NamedTheme]) -> dict[str, list[int]]:
    areas: dict[str, list[int]] = {}
    for i, theme in enumerate(themes):
        areas.setdefault(theme.area, []).append(i)
    return areas


def _mutual_best(themes: Sequence[NamedTheme], first: list[int], second: list[int]) -> list[Link]:
    """Pairs of themes, one of each area, each the other's most similar, at least ``MIN_SIMILARITY`` alike."""
    similarity = {
        (i, j): cosine(themes[i].centroid or (), themes[j].centroid or ()) for i in first for j in second
    }
    links = []
    for i in first:
        j = max(second, key=lambda j: (similarity[i, j], -j))
        best_back = max(first, key=lambda k: (similarity[k, j], -k))
        if best_back == i and similarity[i, j] >= MIN_SIMILARITY:
            links.append(Link(themes[i], themes[j], round(similarity[i, j], 4)))
    return links


def _by_words(
    themes: Sequence[NamedTheme], words: list[frozenset[str]], first: list[int], second: list[int]
) -> list[Link]:
    return [
        Link(themes[i], themes[j], None, tuple(sorted(shared_words(words[i], words[j]))))
        for i in first
        for j in second
        if same_theme(words[i], words[j])
    ]


def _pairs(themes: Sequence[NamedTheme]) -> list[tuple[str, str, bool]]:
    """Each pair of areas, and whether their themes can be compared by meaning."""
    areas = _by_area(themes)
    names = sorted(areas)
    spaces = {name: _space([themes[i] for i in areas[name]]) for name in names}
    return [
        (a, b, spaces[a] is not None and spaces[a] == spaces[b])
        for n, a in enumerate(names)
        for b in names[n + 1 :]
    ]


def any_by_meaning(themes: Sequence[NamedTheme]) -> bool:
    """Whether any two areas' themes are compared by meaning (else every comparison is by words)."""
    return any(by_meaning for _, _, by_meaning in _pairs(themes))


def word_comparisons(themes: Sequence[NamedTheme]) -> list[WordComparison]:
    """The areas whose themes are compared by the words of their names, each with why, in plain words."""
    areas = _by_area(themes)
    notes: list[WordComparison] = []
    if len(areas) < 2:
        return notes  # nothing to compare
    without = set()
    for name in sorted(areas):
        own = [themes[i] for i in areas[name]]
        if _space(own) is not None:
            continue
        without.add(name)
        embedders = sorted({t.embedder for t in own if t.embedder})
        if any(t.centroid for t in own):
            reason = "its themes do not all carry a centre of meaning from one embedder"
        elif embedders:
            reason = (
                f"its analysis used an embedder ({', '.join(embedders)}) fitted to its own comments, "
                "whose vectors mean nothing outside that analysis"
            )
        else:
            reason = "its analysis was made before themes kept their centre of meaning; a new analysis will"
        notes.append(WordComparison((name,), reason))
    for a, b, by_meaning in _pairs(themes):
        if not by_meaning and a not in without and b not in without:
            first, second = (_space([themes[i] for i in areas[x]]) for x in (a, b))
            notes.append(
                WordComparison(
                    (a, b),
                    f"their analyses used different embedders ({first[0]}, {first[1]} dimensions; "  # type: ignore[index]
                    f"{second[0]}, {second[1]} dimensions)",  # type: ignore[index]
                )
            )
    return notes


def recurring_themes(themes: Sequence[NamedTheme]) -> list[RecurringTheme]:
    """Groups of matching themes spanning two or more areas, the widest first, then the most alike."""
    words = [content_words(t.label) for t in themes]
    areas = _by_area(themes)
    links: list[Link] = []
    for a, b, by_meaning in _pairs(themes):
        if by_meaning:
            links.extend(_mutual_best(themes, areas[a], areas[b]))
        else:
            links.extend(_by_words(themes, words, areas[a], areas[b]))

    index = {id(t): i for i, t in enumerate(themes)}
    parent = list(range(len(themes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for link in links:
        parent[root(index[id(link.second)])] = root(index[id(link.first)])

    groups: dict[int, list[int]] = {}
    for i in range(len(themes)):
        groups.setdefault(root(i), []).append(i)
    links_of: dict[int, list[Link]] = {}
    for link in links:
        links_of.setdefault(root(index[id(link.first)]), []).append(link)
    recurring = []
    for group, members in groups.items():
        if len({themes[i].area for i in members}) < 2:
            continue
        counts: Counter[str] = Counter(w for i in members for w in words[i] - PROGRAMME_WORDS)
        shared = sorted(w for w, n in counts.items() if n >= 2)
        recurring.append(
            RecurringTheme(
                shared_words=shared,
                themes=sorted((themes[i] for i in members), key=lambda t: (t.area, t.label)),
                links=sorted(
                    links_of[group], key=lambda x: (-(x.similarity or 0), x.first.area, x.second.area)
                ),
            )
        )
    recurring.sort(key=lambda r: (-len(r.areas), -(r.similarity or 0), r.shared_words, r.themes[0].label))
    return recurring
