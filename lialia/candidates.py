"""Stage 3: correction candidates within a small edit distance, from a precomputed index.

Search runs on orthographic skeletons (:func:`lialia.normalize.skeleton`), so hamza
seats, alef forms, ة/ه and ى/ي cost nothing here: ``اكثر`` and ``أكثر`` share a key,
and ``مسؤليه`` is one letter from ``مسؤولية``.  It is a symmetric-delete search
(SymSpell's idea): each lexicon stores its skeletons and their one-letter deletions,
the query contributes its deletions of up to two letters, and a shared string is a
candidate, kept when its Damerau (OSA) distance to the query is within the bound.

>>> from lialia.lexicon import CompiledLexicon
>>> lex = CompiledLexicon.from_entries([("أكثر", 1), ("كتب", 1), ("مدرسة", 1)])
>>> candidates([lex], "اكتر")
{'أكثر': (1, 1)}
>>> candidates([lex], "مدرسه")
{'مدرسة': (0, 1)}
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence

from rapidfuzz.distance import OSA

from .lexicon import _FIELD_SEP as _SEP
from .lexicon import CompiledLexicon
from .normalize import skeleton

MAX_DISTANCE = 2
#: skeletons opened per search, the most promising first
MAX_SKELETONS = 15
#: log10 cost of one letter of skeleton distance when choosing which skeletons to open
DISTANCE_PENALTY = -1.6
#: skeletons this short get one edit: at two, nearly every short word is a candidate
SHORT_SKELETON = 3
#: no Arabic word, clitics included, is longer (فأسقيناكموه has 11 letters): a longer
#: "word" is a run of letters with nothing near it, and its two-letter deletions alone
#: would grow with the square of its length (a 1,000-letter run: 500,000 strings)
MAX_SEARCH_LENGTH = 20
#: what ``found.get`` gives a word not yet found: no distance, no frequency
_NOTHING = (0, 0)


def max_distance(skel: str) -> int:
    """The edit bound for a query skeleton: 1 for three letters or fewer, else 2."""
    return 1 if len(skel) <= SHORT_SKELETON else MAX_DISTANCE


def deletions(text: str, depth: int) -> set[str]:
    """``text`` and every string made from it by deleting up to ``depth`` letters.

    >>> sorted(deletions("abc", 1))
    ['ab', 'abc', 'ac', 'bc']
    """
    found = {text}
    frontier = {text}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def candidates(
    parts: Sequence[CompiledLexicon],
    word: str,
    distance: int | None = None,
    limit: int = MAX_SKELETONS,
) -> dict[str, tuple[int, int]]:
    """Lexicon words near a normalised ``word``: ``{word: (skeleton distance, frequency)}``.

    The search widens one letter at a time and stops at the first distance that finds
    anything, as a person would: ``مدرسه`` does not need words two letters away once
    ``مدرسة`` is found.  Of the skeletons within reach, the ``limit`` most promising
    (frequent and near) are opened.  A word longer than :data:`MAX_SEARCH_LENGTH` has
    no candidates.
    """
    skel = skeleton(word)
    if len(skel) > MAX_SEARCH_LENGTH:
        return {}
    bound = max_distance(skel) if distance is None else distance
    found: dict[str, tuple[int, int]] = {}
    searched: set[str] = set()
    for reach in range(1, bound + 1) if bound else (0,):
        _search(parts, word, skel, reach, limit, searched, found)
        if found:
            break
    return found


def _leads(skel: str) -> dict[str, str]:
    """For each one-letter deletion of ``skel``, the start that every skeleton one letter
    from ``skel`` reached through it shares with ``skel``.

    A skeleton ``t`` of ``skel``'s length is one edit away when it replaces one letter
    (``t`` without that letter is ``skel`` without it, and ``t`` begins with the letters
    before it) or swaps two neighbours (``t`` without the second is ``skel`` without the
    first, and ``t`` begins with the letters before them).  So the deletion trie is
    walked below ``key<TAB>start`` rather than ``key<TAB>``: what that leaves out is two
    edits away, and a search of reach one drops it anyway (fewer entries are read, the
    same candidates found).  Where a run of equal letters gives one deletion at several
    positions, the first position (the shortest start) serves them all.

    >>> sorted(_leads("كتاب").items())
    [('تاب', ''), ('كاب', 'ك'), ('كتا', 'كتا'), ('كتب', 'كت')]
    >>> _leads("مدد")
    {'مد': 'م', 'دد': ''}
    """
    leads: dict[str, str] = {}
    for index in range(len(skel) - 1, -1, -1):  # the first position of a run wins
        leads[skel[:index] + skel[index + 1 :]] = skel[:index]
    return leads


def _search(
    parts: Sequence[CompiledLexicon],
    word: str,
    skel: str,
    reach: int,
    limit: int,
    searched: set[str],
    found: dict[str, tuple[int, int]],
) -> None:
    """Add to ``found`` the words whose skeleton is within ``reach`` of ``skel``.

    The hot loop of suggestions: the tries are walked directly (``key<TAB>word`` ->
    frequency, :class:`~lialia.lexicon.CompiledLexicon`) rather than through lists of
    pairs, and nothing is built per entry but what is kept."""
    keys = deletions(skel, reach) - searched
    searched |= keys
    length = len(skel)
    leads = _leads(skel) if reach == 1 else {}
    near: dict[str, int] = {}  # skeleton one letter longer than a key -> its top frequency
    for part in parts:
        if not len(part):
            continue
        with_skeleton = part.skeletons.items
        with_delete = part.deletes.items if reach else None
        for key in keys:
            prefix = key + _SEP
            cut = len(prefix)
            # the lexicon skeleton is the key itself: the query has extra letters
            dist = length - len(key)
            for entry, (freq,) in with_skeleton(prefix):
                candidate = entry[cut:]
                if candidate != word and freq > found.get(candidate, _NOTHING)[1]:
                    found[candidate] = (dist, freq)
            if with_delete is not None:
                for entry, (top,) in with_delete(prefix + leads.get(key, "")):
                    other = entry[cut:]
                    if top > near.get(other, 0):
                        near[other] = top
    ranked: list[tuple[float, str, int]] = []
    for other, top in near.items():
        if other in searched:
            continue  # opened above
        dist = OSA.distance(skel, other, score_cutoff=reach)
        if dist <= reach:
            ranked.append((math.log10(top) + DISTANCE_PENALTY * dist, other, dist))
    # the project's own words are often none: their empty trie is not walked
    filled = [part.skeletons.items for part in parts if len(part)]
    for _, other, dist in heapq.nlargest(limit, ranked):
        prefix = other + _SEP
        cut = len(prefix)
        for with_skeleton in filled:
            for entry, (freq,) in with_skeleton(prefix):
                candidate = entry[cut:]
                if candidate != word and freq > found.get(candidate, _NOTHING)[1]:
                    found[candidate] = (dist, freq)
