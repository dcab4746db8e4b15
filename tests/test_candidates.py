"""The candidate search (lialia/candidates.py) against a plain reading of what it promises.

The search walks only part of the deletion trie (:func:`lialia.candidates._leads`) to
save time; these tests compare it with a brute-force search over the whole lexicon that
follows the documented rule, so any candidate the shortcut loses shows up here.
"""

from __future__ import annotations

import heapq
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from lialia.candidates import DISTANCE_PENALTY, MAX_SKELETONS, _leads, candidates
from lialia.lexicon import CompiledLexicon
from lialia.normalize import skeleton

# few letters, so that lexicon words collide, repeat letters and swap neighbours often;
# أ/ا and ة/ه fold together in the skeleton
LETTERS = "بتناأةه"
words = st.text(alphabet=LETTERS, min_size=2, max_size=6)


def reference(entries: list[tuple[str, int]], word: str) -> dict[str, tuple[int, int]]:
    """What :func:`candidates` finds at reach one, read off the whole lexicon: the words
    whose skeleton is the query's or one of its one-letter deletions, and the words of
    the :data:`MAX_SKELETONS` best other skeletons one edit away (OSA) that have a
    one-letter deletion among those keys."""
    skel = skeleton(word)
    keys = {skel} | {skel[:i] + skel[i + 1 :] for i in range(len(skel))}
    found: dict[str, tuple[int, int]] = {}

    def keep(candidate: str, dist: int, freq: int) -> None:
        if candidate != word and freq > found.get(candidate, (0, 0))[1]:
            found[candidate] = (dist, freq)

    top: dict[str, int] = {}
    for entry, freq in entries:
        top[skeleton(entry)] = max(top.get(skeleton(entry), 0), freq)
    for entry, freq in entries:
        if skeleton(entry) in keys:
            keep(entry, len(skel) - len(skeleton(entry)), freq)
    ranked = []
    for other, best in top.items():
        deleted = {other[:i] + other[i + 1 :] for i in range(len(other))}
        if other in keys or not deleted & keys:
            continue
        dist = OSA.distance(skel, other)
        if dist <= 1:
            ranked.append((math.log10(best) + DISTANCE_PENALTY * dist, other, dist))
    for _, other, dist in heapq.nlargest(MAX_SKELETONS, ranked):
        for entry, freq in entries:
            if skeleton(entry) == other:
                keep(entry, dist, freq)
    return found


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(words, st.integers(1, 10_000)), min_size=1, max_size=60),
    words,
)
def test_the_search_finds_what_the_whole_lexicon_holds(
    entries: list[tuple[str, int]], word: str
) -> None:
    entries = list(dict(entries).items())  # one frequency a word, as in a word list
    lexicon = CompiledLexicon.from_entries(entries)
    assert candidates([lexicon], word, distance=1) == reference(entries, word)


@pytest.mark.parametrize(
    ("lexicon", "word", "expected"),
    [
        # a letter replaced: found under the deletion of that letter
        (["كتاب"], "كتان", {"كتاب": (1, 1)}),
        # two neighbours swapped, at the start, inside and at the end
        (["كتاب"], "تكاب", {"كتاب": (1, 1)}),
        (["كتاب"], "كاتب", {"كتاب": (1, 1)}),
        (["كتاب"], "كتبا", {"كتاب": (1, 1)}),
        # a run of equal letters: one deletion stands for several positions
        (["مدد", "مدن", "ممد"], "مدد", {"مدن": (1, 1), "ممد": (1, 1)}),
        (["شدة"], "شده", {"شدة": (0, 1)}),
    ],
)
def test_replaced_and_swapped_letters_are_found(
    lexicon: list[str], word: str, expected: dict[str, tuple[int, int]]
) -> None:
    compiled = CompiledLexicon.from_entries((w, 1) for w in lexicon)
    assert candidates([compiled], word, distance=1) == expected


@pytest.mark.parametrize(
    ("skel", "leads"),
    [
        ("كتب", {"تب": "", "كب": "ك", "كت": "كت"}),
        ("مدد", {"دد": "", "مد": "م"}),
        ("ااا", {"اا": ""}),
    ],
)
def test_each_deletion_leads_with_the_letters_before_its_first_position(
    skel: str, leads: dict[str, str]
) -> None:
    assert _leads(skel) == leads
