"""Stage 4: the Arabic error model, and the one ordering of suggestions.

A noisy channel: the score of a correction ``c`` for a written word ``w`` is
``log10 P(c) + log10 P(w | c)``.  ``P(c)`` is the candidate's frequency in the
lexicon; ``P(w | c)`` multiplies one probability per edit, cheap for the confusions
Arabic writers actually make (a hamza seat, an alef form, ة for ه, ى for ي, the alef
after a final waw), dearer for sound-alike letters (ض/ظ, ذ/ز/د, س/ص/ث, ت/ط, ه/ح, ق/ك),
keyboard neighbours and swapped letters, dearest for any other letter.

The weights are log10 probabilities fitted on the ZAEBUC *train* split only, by
coordinate search on top-1 (``python benchmarks/fit_weights.py``).

>>> edit_cost("اكثر", "أكثر")
(-0.8, 'hamza')
>>> edit_cost("المدرسه", "المدرسة")[1]
'ta-marbuta'
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import cast

from rapidfuzz.distance import Levenshtein

from .findings import Suggestion
from .normalize import skeleton

# log10 P(edit): one weight per kind of edit.
WEIGHTS: dict[str, float] = {
    "hamza": -0.8,
    "alef": -0.3,
    "ta-marbuta": -0.2,
    "alef-maqsura": -1.6,
    "waw-alef": -0.4,
    "wasl": -1.0,
    "vowel": -1.4,
    "extra-vowel": -2.2,
    "phonetic": -1.6,
    "keyboard": -2.5,
    "transposition": -2.0,
    "doubled": -2.2,
    "extra-letter": -4.0,
    "missing-letter": -2.2,
    "substitution": -3.0,
    # a missing space: after a joining letter, and after a non-joining one (ماذاحدث),
    # where the gap still shows and writers leave the space out far more often.  Fitted
    # on train with both words' priors in full: top-1 is flat for split from -1.3 to
    # -0.5 and glued from -0.3 to 0; -1.0 keeps --fix at its best precision there
    "split": -1.0,
    "glued": -0.3,
    "clitic": -4.0,
}
# When --fix may apply a correction unasked (:func:`is_confident`).  The three margins and
# the floor are fitted on the ZAEBUC *train* split only (``python
# benchmarks/fix_precision.py --split train``), for a fix precision of 98%: the fixes each
# one withholds there were right only 40% to 91% of the time.
#: how far (in log10) the error model's best suggestion must lead the next
CONFIDENT_MARGIN = 2.0
#: how far a correction from the known-misspellings list must lead the next suggestion:
#: the list names the usual correction, but a near rival may be what was meant
#: (الي: إلى, or التي, or الذي)
KNOWN_MARGIN = 0.5
#: how much more common (log10 of the ratio of frequencies) the best suggestion must be
#: than an orthographic twin of itself (the same letters but for hamza seats, alef forms,
#: ة/ه, ى/ي): ان is أن or إن, and only the sentence can tell which
TWIN_MARGIN = 1.0
#: the lowest score of an automatic fix by the error model: below it, the written word is
#: more likely one the lexicon lacks than a slip for a rare word
CONFIDENT_FLOOR = -10.5
#: the shortest written word the error model fixes on its own (a known misspelling of
#: two letters, اي or ام, still is): near a two-letter word, nearly everything is
MIN_CONFIDENT_LENGTH = 3
#: letters written only at the end of a word: met inside one, they mark two words
#: written as one (فىالبيت), which no whole-word correction may hide
FINAL_ONLY = frozenset("ىة")
#: what a final-only letter inside a word may stand for instead: ى for ئ or ي (وساىل),
#: ة for ت or ه
_FINAL_ONLY_READINGS = {"ى": frozenset("ىئي"), "ة": frozenset("ةته")}
#: endings whose loss changes a word's grammar, not its spelling: the ا of the accusative
#: (تناشدا), the plural ات (and ات for the ة of the singular)
_ENDINGS = (("ات", ""), ("ات", "ة"), ("ا", ""))
#: the edit kinds no automatic fix rests on: one letter written for another that neither
#: sounds like it nor sits beside it on the keyboard is seldom a slip (وبايثون is
#: "and Python", not وباحثون; انمسح is a word the lexicon lacks, not المسح)
FOREIGN_EDITS = frozenset({"substitution"})
#: the cheapest a letter of skeleton distance can cost: bounds a candidate's score
DISTANCE_BOUND = -1.6
#: the letters that never join the letter after them: a writer who leaves out the space
#: after one sees no difference, so two words glued there (ماذاحدث, كثيرمن) are the
#: commonest merge
NON_JOINING = frozenset(
    "\N{ARABIC LETTER ALEF}\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}"
    "\N{ARABIC LETTER ALEF WITH HAMZA BELOW}\N{ARABIC LETTER ALEF WITH MADDA ABOVE}"
    "\N{ARABIC LETTER DAL}\N{ARABIC LETTER THAL}\N{ARABIC LETTER REH}"
    "\N{ARABIC LETTER ZAIN}\N{ARABIC LETTER WAW}\N{ARABIC LETTER WAW WITH HAMZA ABOVE}"
    "\N{ARABIC LETTER TEH MARBUTA}\N{ARABIC LETTER ALEF MAKSURA}"
)
#: a word written glued to the next is nearly always a common one (لا, في, من, ما)...
SPLIT_MIN_LEFT_FREQ = 10_000
#: ...unless it ends in a non-joining letter: then any word may be (كثيرمن, تضرالفرد)
GLUED_MIN_LEFT_FREQ = 1
#: how much the first word's rarity counts against a split: in full (fitted on ZAEBUC
#: train with the two costs of a missing space), since after a non-joining letter the
#: first word is as often a noun or a verb as a particle (كبار السن, not كبارا لسن)
SPLIT_LEFT_WEIGHT = 1.0

ALEFS = frozenset("اأإآ")
HAMZA_SEATS = frozenset("أإآءؤئ")
LONG_VOWELS = frozenset("اوي")
_PHONETIC_GROUPS = ("ضظد", "ذزد", "سصث", "تط", "هح", "قك", "ثت", "ذظ", "زظ", "عء", "غخ")
PHONETIC = frozenset(
    frozenset((a, b)) for group in _PHONETIC_GROUPS for a in group for b in group if a != b
)
# The standard Arabic keyboard (PC 101), row by row.
_KEYBOARD_ROWS = ("ضصثقفغعهخحجد", "شسيبلاتنمكط", "ئءؤرىةوزظ")
KEYBOARD = frozenset(
    frozenset((row[i], row[i + 1])) for row in _KEYBOARD_ROWS for i in range(len(row) - 1)
)


#: the bare letters a hamza is written as when its hamza is left out: its own seat, or
#: an alef for any hamza (اصدقااهم, تاثر: the glottal stop heard as an alef)
_SEATS = {"أ": "ا", "إ": "ا", "آ": "ا", "ؤ": "وا", "ئ": "يىا", "ء": "اويى"}


def substitution_kind(written: str, meant: str) -> str:
    """The kind of a one-letter substitution (``written`` where ``meant`` was meant).

    >>> substitution_kind("ه", "ة"), substitution_kind("ظ", "ض"), substitution_kind("ي", "ى")
    ('ta-marbuta', 'phonetic', 'alef-maqsura')
    """
    pair = frozenset((written, meant))
    if pair <= ALEFS:
        return "alef" if "أ" not in pair and "إ" not in pair else "hamza"
    if pair & HAMZA_SEATS and pair <= HAMZA_SEATS | ALEFS | frozenset("وىي"):
        # a hamza on another seat, or a bare seat for it (و for ؤ); not a bare letter
        # that is no seat of it (و for أ: a letter written for another)
        bare = pair - HAMZA_SEATS
        if not bare or next(iter(bare)) in _SEATS[next(iter(pair & HAMZA_SEATS))]:
            return "hamza"
    if pair in (frozenset("هة"), frozenset("تة")):
        return "ta-marbuta"
    if pair in (frozenset("ىي"), frozenset("ىا")):
        return "alef-maqsura"
    if pair in PHONETIC:
        return "phonetic"
    if pair in KEYBOARD:
        return "keyboard"
    return "substitution"


#: :func:`substitution_kind` of each pair of letters met so far: a few hundred pairs at
#: most, each a handful of set operations saved on every later candidate
_SUBSTITUTIONS: dict[tuple[str, str], str] = {}


#: the proclitics (no article, no future س) after which a writer leaves out the alef of
#: a hamzat al-wasl, unheard there: بلمدرسة for بالمدرسة, لستعمال for لاستعمال
WASL_AFTER = frozenset({"و", "ف", "ب", "ك", "ل", "وب", "فب", "وك", "فك", "ول", "فل"})



def _begins_with_wasl(word: str) -> bool:
    """True when ``word`` begins with the alef of a hamzat al-wasl: the article, or a
    verb or masdar of forms VII, VIII and X (انفعال, افتعال with its ت, ط or د,
    استفعال); not the long alef of كاتب.

    >>> _begins_with_wasl("المدرسة"), _begins_with_wasl("استعمال"), _begins_with_wasl("اتبة")
    (True, True, False)
    """
    if len(word) < 4 or word[0] != "ا":
        return False
    return (
        word.startswith(("ال", "است"))
        or (len(word) >= 5 and (word[1] == "ن" or word[2] in "تطد"))
    )


def _indel_kind(text: str, pos: int, letter: str, plain: str) -> str:
    """The kind of an extra or missing ``letter`` at ``pos`` of ``text``; else ``plain``."""
    if letter in "ءؤئ":
        return "hamza"
    if letter in ALEFS:
        letter = "ا"  # a whole alef written or left out, hamza or none: not a hamza slip
    if letter == "ا" and pos > 0 and text[pos - 1] == "و" and pos >= len(text) - 1:
        return "waw-alef"
    if (pos > 0 and text[pos - 1] == letter) or (pos + 1 < len(text) and text[pos + 1] == letter):
        return "doubled"
    if letter in LONG_VOWELS and pos > 0:
        # a word-initial و is the conjunction, not a long vowel; writers spell by the
        # consonants and leave a long vowel out far more often than they add one
        return "extra-vowel" if plain == "extra-letter" else "vowel"
    return plain


#: one edit of ``Levenshtein.editops(meant, written)``, as a plain tuple (``as_list``):
#: (``"replace"``, ``"insert"`` or ``"delete"``, position in meant, position in written);
#: tuples unpack several times faster than rapidfuzz's ``Editop`` objects are read
_Op = tuple[str, int, int]


def _letter(tag: str, src: int, dest: int, written: str, meant: str) -> str:
    return written[dest] if tag == "insert" else meant[src]


def _swapped(a: _Op, b: _Op, written: str, meant: str) -> bool:
    """Two edits that together move one letter by one place (كتبا for كتاب)."""
    a_tag, a_src, a_dest = a
    b_tag, b_src, b_dest = b
    if a_tag == "replace" and b_tag == "replace":
        return (
            b_src == a_src + 1
            and b_dest == a_dest + 1
            and meant[a_src] == written[b_dest]
            and meant[b_src] == written[a_dest]
        )
    if a_tag != b_tag and a_tag != "replace" and b_tag != "replace":  # an insert and a delete
        return (
            _letter(a_tag, a_src, a_dest, written, meant)
            == _letter(b_tag, b_src, b_dest, written, meant)
            and abs(a_src - b_src) <= 1
        )
    return False


def _kind(op: _Op, written: str, meant: str) -> str:
    """The kind of one edit that is not half of a transposition."""
    tag, src, dest = op
    if tag == "replace":
        pair = written[dest], meant[src]
        kind = _SUBSTITUTIONS.get(pair)
        if kind is None:
            kind = _SUBSTITUTIONS[pair] = substitution_kind(*pair)
        return kind
    if tag == "insert":  # the writer added a letter
        return _indel_kind(written, dest, written[dest], "extra-letter")
    # the writer left a letter out
    if meant[:src] in WASL_AFTER and _begins_with_wasl(meant[src:]):
        return "wasl"
    return _indel_kind(meant, src, meant[src], "missing-letter")


def edit_kinds(written: str, meant: str) -> list[str]:
    """The kind of each edit that turns ``meant`` into ``written``."""
    # as_list gives tuples, as rapidfuzz documents (its stub says Editop objects)
    ops = cast("list[_Op]", Levenshtein.editops(meant, written).as_list())
    count = len(ops)
    if count == 1:  # most candidates: no transposition to look for
        return [_kind(ops[0], written, meant)]
    kinds: list[str] = []
    index = 0
    while index < count:
        op = ops[index]
        index += 1
        if index < count and _swapped(op, ops[index], written, meant):
            kinds.append("transposition")
            index += 1
        else:
            kinds.append(_kind(op, written, meant))
    return kinds


def edit_cost(written: str, meant: str) -> tuple[float, str]:
    """``log10 P(written | meant)`` and the name of the costliest edit."""
    kinds = edit_kinds(written, meant)
    if not kinds:
        return 0.0, "identical"
    key = kinds[0] if len(kinds) == 1 else tuple(kinds)
    try:
        return _COSTS[key]
    except KeyError:
        cost = round(sum(WEIGHTS[k] for k in kinds), 6)
        found = _COSTS[key] = cost, min(kinds, key=lambda k: WEIGHTS[k])
        return found


#: :func:`edit_cost` of each list of edit kinds met so far (a single kind by its name):
#: a few hundred lists at most, and the same float as summing and rounding again
#: (:data:`WEIGHTS` is fixed once fitted; fit_weights.py scores with its own copy)
_COSTS: dict[str | tuple[str, ...], tuple[float, str]] = {}


def prior(freq: int) -> float:
    """``log10 P(word)`` from a frequency per billion words."""
    return math.log10(max(freq, 1)) - 9.0


def suggestion(
    written: str, candidate: str, freq: int, *, exact: bool = True, known: bool = False
) -> Suggestion:
    """``candidate`` scored as a correction of ``written``: prior plus channel.

    ``exact`` is false when only the candidate's stem is in a lexicon (its clitics cost
    :data:`WEIGHTS` ``["clitic"]``); ``known`` marks a correction from the lists.

    >>> suggestion("الى", "إلى", 8_128_305, known=True).reason
    'known'
    """
    cost, reason = edit_cost(written, candidate)
    score = prior(freq) + cost + (0.0 if exact else WEIGHTS["clitic"])
    return Suggestion(candidate, round(score, 4), "known" if known else reason)


def split_kind(left: str) -> str:
    """The kind of a missing space after ``left``: ``"glued"`` after a non-joining
    letter (:data:`NON_JOINING`), where the writer saw a gap, else ``"split"``.

    >>> split_kind("ماذا"), split_kind("من")
    ('glued', 'split')
    """
    return "glued" if left[-1:] in NON_JOINING else "split"


def split_min_left_freq(left: str, *, listed: bool = False) -> int:
    """The lowest frequency of a first word that a split after it is tried for.

    ``listed``: the lists already name the written word's correction (فلذالك, a rare
    spelling of فلذلك): only a common first word may then compete with it (not فلذا لك).
    """
    if listed or split_kind(left) != "glued":
        return SPLIT_MIN_LEFT_FREQ
    return GLUED_MIN_LEFT_FREQ


def split_base(left_freq: int, right_freq: int) -> float:
    """The part of a split's score that no :data:`WEIGHTS` enter: the two words'
    priors (the first one's weighted by :data:`SPLIT_LEFT_WEIGHT`)."""
    return prior(right_freq) + SPLIT_LEFT_WEIGHT * prior(left_freq)


def split_suggestion(
    left: str, right: str, left_freq: int, right_freq: int, exact: bool
) -> Suggestion:
    """Two words written as one (لايخافون, ماذاحدث): :func:`split_base` and the cost of
    the missing space, cheaper after a non-joining letter (:func:`split_kind`).

    >>> split_suggestion("ماذا", "حدث", 300_000, 200_000, True).word
    'ماذا حدث'
    """
    score = (
        split_base(left_freq, right_freq)
        + WEIGHTS[split_kind(left)]
        + (0.0 if exact else WEIGHTS["clitic"])
    )
    return Suggestion(f"{left} {right}", round(score, 4), "split")


def order(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    """THE order of suggestions: a known correction first, then best score, then A-Z."""
    return sorted(suggestions, key=lambda s: (s.reason != "known", -s.score, s.word))


def is_confident(ranked: list[Suggestion], written: str) -> bool:
    """True when the first suggestion is safe to apply to ``written`` without asking.

    Never when an orthographic twin of it is nearly as common (:data:`TWIN_MARGIN`:
    ان is أن or إن).  A known correction must lead the next by :data:`KNOWN_MARGIN`; one
    of the error model by :data:`CONFIDENT_MARGIN`, and it must score at least
    :data:`CONFIDENT_FLOOR`, correct a word of :data:`MIN_CONFIDENT_LENGTH` letters or
    more, rest on no :data:`FOREIGN_EDITS`, keep a final-only letter written inside the
    word (:data:`FINAL_ONLY`) and keep the word's ending (:data:`_ENDINGS`).

    >>> is_confident([Suggestion("أن", -2.77, "known"), Suggestion("إن", -3.53, "hamza")], "ان")
    False
    >>> is_confident([Suggestion("المدرسة", -4.0, "ta-marbuta")], "المدرسه")
    True
    """
    if not ranked:
        return False
    best = ranked[0]
    if _has_twin(best, ranked[1:], written):
        return False
    if _drops_a_reading(best, ranked[1:], written):
        return False
    lead = best.score - ranked[1].score if len(ranked) > 1 else math.inf
    if best.reason == "known":
        return lead >= KNOWN_MARGIN or " " in best.word  # a split from the list: لابد
    if best.reason in FOREIGN_EDITS:
        return False
    return (
        lead >= CONFIDENT_MARGIN
        and best.score >= CONFIDENT_FLOOR
        and len(written) >= MIN_CONFIDENT_LENGTH
        and keeps_final_only(written, best.word)
        and not _drops_ending(written, best.word)
    )


def _drops_a_reading(best: Suggestion, others: Iterable[Suggestion], written: str) -> bool:
    """True when ``best`` drops letters from ``written`` that another suggestion reads,
    unchanged, as two words of three letters or more: عبدالإله is عبد الإله, a name,
    and not عبدالله, however common that is."""
    if len(best.word) >= len(written) or " " in best.word:
        return False
    for other in others:
        left, _, right = other.word.partition(" ")
        if right and left + right == written and len(left) >= 3 and len(right) >= 3:
            return True
    return False


def _has_twin(best: Suggestion, others: Iterable[Suggestion], written: str) -> bool:
    """True when one of ``others`` is ``best`` but for its orthography, and nearly as
    common.  Frequency alone decides: a writer who leaves out a hamza leaves it out
    whatever its seat, so ``ان`` is as good a slip for إن as for أن, and what the error
    model charges for each seat says nothing about which was meant."""
    key = skeleton(best.word)
    twins = [other for other in others if skeleton(other.word) == key]
    if not twins:
        return False  # most words have none: the edit costs below are then not needed
    usual = best.score - edit_cost(written, best.word)[0]
    return any(
        usual - (other.score - edit_cost(written, other.word)[0]) < TWIN_MARGIN
        for other in twins
    )


def keeps_final_only(written: str, meant: str) -> bool:
    """False when a letter written only at the end of a word (ى, ة) stands inside
    ``written`` and ``meant`` drops it or turns it into another letter: the writer left
    out a space (فىالبيت is في البيت, not فالبيت).  A correction into two words, or one
    reading the letter as a hamza seat (وساىل: وسائل), keeps it.

    >>> keeps_final_only("فىالبيت", "فالبيت"), keeps_final_only("وساىل", "وسائل")
    (False, True)
    """
    if " " in meant or not FINAL_ONLY.intersection(written[:-1]):
        return True
    became: dict[int, str] = {}  # position in written -> the letter written for it
    for op in Levenshtein.editops(written, meant):
        if op.tag != "insert":
            became[op.src_pos] = meant[op.dest_pos] if op.tag == "replace" else ""
    return all(
        became.get(pos, letter) in _FINAL_ONLY_READINGS[letter]
        for pos, letter in enumerate(written[:-1])
        if letter in FINAL_ONLY
    )


def _drops_ending(written: str, meant: str) -> bool:
    """True when ``meant`` is ``written`` without one of its :data:`_ENDINGS`."""
    return any(
        written.endswith(ending) and meant == written[: -len(ending)] + instead
        for ending, instead in _ENDINGS
    )
