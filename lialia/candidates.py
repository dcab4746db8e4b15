"""Stage 3: correction candidates within a small edit distance, from a precomputed index.

Search runs on orthographic skeletons (:func:`lialia.normalize.skeleton`), so hamza
seats, alef forms, ة/ه and ى/ي cost nothing here: ``اكثر`` and ``أكثر`` share a key,
and ``مسؤليه`` is one letter from ``مسؤولية``.  It is a symmetric-delete search
(SymSpell's idea): each lexicon stores its skeletons and their one-letter deletions,
the query contributes its deletions of up to two letters, and a shared string is a
candidate, kept when its Damerau (OSA) distance to the query is within the bound.

>>> from lialia.lexicon import CompiledLexicon
>>> lex = CompiledLexicon.from_entries([("أكثر", 1), ("كتب", 1), ("مدرسة", 1)])
>>> sorted(candidates([lex], "اكتر").items())
[('أكثر', 1), ('كتب', 2)]
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import OSA

from .lexicon import CompiledLexicon
from .normalize import skeleton

MAX_DISTANCE = 2
#: skeletons this short get one edit: at two, nearly every short word is a candidate
SHORT_SKELETON = 3


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


def candidate_skeletons(
    parts: Sequence[CompiledLexicon], skel: str, distance: int | None = None
) -> dict[str, int]:
    """Skeletons of the lexicons within ``distance`` (default :func:`max_distance`)."""
    bound = max_distance(skel) if distance is None else distance
    keys = deletions(skel, bound)
    near: set[str] = set()
    for part in parts:
        for key in keys:
            if part.skeletons.has_keys_with_prefix(key + "\t"):
                near.add(key)
            # a lexicon skeleton with one letter more shows up through its deletions
            near.update(part.skeletons_with_delete(key))
    found: dict[str, int] = {}
    for other in near:
        dist = OSA.distance(skel, other, score_cutoff=bound)
        if dist <= bound:
            found[other] = dist
    return found


def candidates(
    parts: Sequence[CompiledLexicon], word: str, distance: int | None = None
) -> dict[str, int]:
    """Lexicon words near a normalised ``word``, with their skeleton distance."""
    skel = skeleton(word)
    found: dict[str, int] = {}
    for other, dist in candidate_skeletons(parts, skel, distance).items():
        for part in parts:
            for candidate in part.words_with_skeleton(other):
                if candidate != word:
                    found[candidate] = dist
    return found
