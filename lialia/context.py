"""Stage 4b: the neighbouring words choose between orthographic twins.

A writer who leaves out the hamza writes ``ان`` for both ``أنّ`` and ``إنّ``, ``الا``
for both ``إلا`` and ``ألا``, ``اما`` for both ``أما`` and ``إما``: the word alone
cannot say which was meant (:func:`lialia.rank.is_confident` never fixes it on its
own), but its neighbours often can.  This stage looks at them:

- :func:`neighbours` reads the words around a word of a text (the previous two, the
  next few up to the end of the sentence) and whether it opens a sentence;
- :func:`choose` names the twin the grammar asks for there, and the rule that says so;
- :func:`reorder` puts that twin first among a flagged word's suggestions;
- :func:`wrong_twins` finds a correctly spelled twin where the grammar asks for the
  other, but only on the strongest rules (``حيث أن`` -> إن, ``لو إن`` -> أن).

The rules are those of the grammars (كسر همزة إنّ وفتحها; see the README of
``dictionaries/`` for the references): إنّ opens a sentence, follows the verb قال in
any of its forms (the speech it reports is a sentence of its own), and follows حيث
and إذ (which govern a whole sentence), ثمّ, حتى and كلا; أنّ follows لو and لولا, a
preposition (على أنّ) and the verbs of knowing and wishing, and what follows it is a
noun, never a verb.  A bare ``ان`` before كان or لم is إنْ of the condition (إن
كان، إن لم), but after بعد, قبل, منذ.  ``ألا`` (أن + لا) comes after the verbs of
obligation and wish (يجب ألا) and before وهو/وهي (ألا وهو); ``إما`` comes before a
later أو (إما ... أو ...).  Where no rule speaks, a small table of what the Quran writes after
the previous word decides (``dictionaries/twin-context.tsv``, built by
``scripts/build_twin_context.py``), and where it is silent too, nothing changes.

>>> near = neighbours("قال المدير ان العمل انتهى", 11, 13)
>>> near.before, near.opens
(('قال', 'المدير'), False)
>>> choose("ان", neighbours("قال ان العمل انتهى", 4, 6))
Choice(word='إن', rule='after-saying', strong=False, certain=False)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from .findings import Suggestion
from .lexicon import data_path, read_wordlist
from .normalize import TATWEEL, WORD_MARKS, normalize, skeleton
from .tokenize import WORD_RE

__all__ = [
    "Choice",
    "Neighbours",
    "choose",
    "fold_alef",
    "is_twin",
    "neighbours",
    "reorder",
    "wrong_twins",
]

#: how far (in characters) to look for the neighbouring words
REACH_BEFORE = 60
REACH_AFTER = 80
#: the next words read, at most (the later أو of إما ... أو)
AFTER = 6
#: characters that end a sentence: the next word opens one (a colon introduces speech)
SENTENCE_ENDS = frozenset(
    ".!?:;\N{ARABIC QUESTION MARK}\N{ARABIC SEMICOLON}\N{ARABIC FULL STOP}\N{HORIZONTAL ELLIPSIS}"
)
#: what ends a line: ``\n``, ``\r\n`` and a lone ``\r`` (old Mac files) alike, as
#: :func:`lialia.tokenize.line_offsets` counts lines, so that a text gets the same
#: findings whichever it uses
LINE_ENDS = frozenset("\r\n")
#: a blank line: a new paragraph opens a sentence (a single line break does not: a
#: wrapped line goes on with its sentence, a verse or an ayah need not end one; it
#: only keeps the words on either side from being neighbours); a \r\n is one line
#: break, never a \r then a \n (the groups are atomic)
_PARAGRAPH_RE = re.compile(r"(?>\r\n?|\n)[^\S\r\n]*(?>\r\n?|\n)")
#: the table of what the Quran writes after a word
TABLE = "twin-context"

#: what keeps two words from being neighbours, besides a number or another script
_BREAKS = SENTENCE_ENDS | LINE_ENDS | frozenset(",\N{ARABIC COMMA}")
_ALEF_FOLDS = str.maketrans(
    "\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}\N{ARABIC LETTER ALEF WITH HAMZA BELOW}"
    "\N{ARABIC LETTER ALEF WITH MADDA ABOVE}\N{ARABIC LETTER ALEF WASLA}",
    "\N{ARABIC LETTER ALEF}" * 4,
)
_HAMZA_ABOVE = "\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}"
_HAMZA_BELOW = "\N{ARABIC LETTER ALEF WITH HAMZA BELOW}"
_MADDA = "\N{ARABIC LETTER ALEF WITH MADDA ABOVE}"  # آن ("now") is no twin of أن
_MARKS = re.escape(WORD_MARKS + TATWEEL)
#: a word that may be a twin written with its hamza: أ or إ, then ن, then only letters
#: of the pronouns (أنه, إنها, أننا), marks between; not inside a word (بأن, لأنه)
_CANDIDATE_RE = re.compile(
    f"[{_HAMZA_ABOVE}{_HAMZA_BELOW}](?<![\\w{_MARKS}][{_HAMZA_ABOVE}{_HAMZA_BELOW}])"
    f"[{_MARKS}]*\N{ARABIC LETTER NOON}"
    f"[{_MARKS}\N{ARABIC LETTER NOON}\N{ARABIC LETTER HEH}\N{ARABIC LETTER ALEF}"
    f"\N{ARABIC LETTER KAF}\N{ARABIC LETTER MEEM}\N{ARABIC LETTER YEH}]*(?![\\w{_MARKS}])"
)


def fold_alef(word: str) -> str:
    """``word`` with its alef forms written as a bare alef: how the rules match a
    neighbour, whatever its hamza (``إذ``, ``اذ``).

    >>> fold_alef("إذ") == fold_alef("اذ") == "اذ"
    True
    """
    return word.translate(_ALEF_FOLDS)


#: the pronouns أنّ and إنّ carry (أنه, إنها, أننا, ...)
_PRONOUNS = ("", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "ي", "ني", "نا")
#: each family of twins by its spelling without hamza: the twins, the usual one first
FAMILIES: dict[str, tuple[str, str]] = {
    "ان" + pronoun: (_HAMZA_ABOVE + "ن" + pronoun, _HAMZA_BELOW + "ن" + pronoun)
    for pronoun in _PRONOUNS
}
FAMILIES["الا"] = (_HAMZA_BELOW + "لا", _HAMZA_ABOVE + "لا")
FAMILIES["اما"] = (_HAMZA_ABOVE + "ما", _HAMZA_BELOW + "ما")


def _family(family: str) -> str:
    """The table's name for a family: ``ان`` for أن and إن with any pronoun."""
    return "ان" if family.startswith("ان") and family not in ("الا", "اما") else family


def _forms(*stems: str) -> frozenset[str]:
    """The words with و or ف before them, too (وقال, فقال)."""
    return frozenset(f"{conj}{stem}" for stem in stems for conj in ("", "و", "ف"))


# The neighbours the rules name, alef forms folded (:func:`fold_alef`).
#: the verb قال in its common forms: إنّ follows the speech it reports
SAYING = _forms(
    "قال",
    "قالت",
    "قالوا",
    "قالا",
    "قلت",
    "قلنا",
    "قلتم",
    "يقول",
    "تقول",
    "نقول",
    "اقول",
    "يقولون",
    "تقولون",
    "يقولوا",
    "تقولوا",
    "قل",
    "قولوا",
    "قولي",
    "قيل",
    "يقال",
    "القول",
    "قائلا",
    "قائلين",
)
#: إنّ after these (it opens the sentence they govern): strong enough to flag أنّ
KASRA_STRONG = frozenset({"حيث", "اذ"})
#: إنّ after these, but أنّ is not always wrong there: ranking only
KASRA_WEAK = frozenset({"ثم", "حتى", "كلا"})
#: أنّ after these (a preposition, لو, لولا: the clause is a noun): strong enough to
#: flag إنّ
FATHA_STRONG = _forms("لو", "لولا", "رغم", "برغم", "بما", "على", "الى", "لاجل")
#: the words before a twin after which a rule may flag it (:func:`wrong_twins`)
_STRONG_BEFORE = KASRA_STRONG | FATHA_STRONG | KASRA_WEAK
#: ألا after these: أن + لا after a verb of obligation, wish or attempt (يجب ألا)
ALLA_AFTER = _forms(
    "يجب",
    "ينبغي",
    "يجدر",
    "الافضل",
    "يفضل",
    "عليك",
    "علينا",
    "عليه",
    "عليها",
    "عليهم",
    "عليكم",
    "ارجو",
    "نرجو",
    "اتمنى",
    "نتمنى",
    "حاول",
    "يحاول",
    "تحاول",
    "قرر",
    "قررت",
    "بشرط",
    "شريطة",
    "اود",
    "نود",
    "وجب",
    "يمكن",
    "احرص",
    "نحرص",
)
#: ألا before these (ألا وهو: "namely")
ALLA_BEFORE = frozenset({"وهو", "وهي", "وهم", "وهما"})
#: إما before one of these soon after it (إما ... أو ...)
IMMA_BEFORE = frozenset({"او", "واما"})
#: what follows إنْ of the condition, and not أنْ of the verbal noun: a past كان, لم
CONDITION_NEXT = frozenset({"لم", "كان", "كانت", "كانوا", "كنت", "كنا", "كنتم"})
#: ... but for after these, which take أنْ before a past verb (بعد أن كان)
CONDITION_NOT_AFTER = _forms("بعد", "قبل", "منذ", "بمجرد", "مجرد", "من")
#: a word that cannot follow أنْ, the particle of the verbal noun (it takes a verb): a
#: أن before one is أنّ, which cannot open a sentence
NOUN_STARTS = ("ال",)
NOUNS = frozenset({"هذا", "هذه", "ذلك", "تلك", "هؤلاء", "هناك", "هنا", "كل", "بعض"})


@dataclass(frozen=True, slots=True)
class Neighbours:
    """The words around one word of a text, each through :func:`normalize` and
    :func:`fold_alef`: ``before`` (at most two, the nearest last) and ``after`` (at most
    :data:`AFTER`, the nearest first), neither crossing the end of a sentence, a comma,
    a number or a word in another script; ``opens`` is true when the word opens the
    text, a line or a sentence."""

    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    opens: bool = False


@dataclass(frozen=True, slots=True)
class Choice:
    """The twin the neighbours ask for and the rule that says so; ``strong`` when the
    rule is strong enough to flag the other twin written correctly (:func:`wrong_twins`),
    ``certain`` when it may also correct the twin written without hamza unasked
    (``--fix``): after حيث and إذ (إنّ), after a preposition, لو and لولا (أنّ)."""

    word: str
    rule: str
    strong: bool = False
    certain: bool = False


def _key(word: str) -> str:
    return fold_alef(normalize(word))


def _breaks(gap: str) -> bool:
    """True when the text between two words keeps them apart: a sentence ends, a comma,
    a number or a word in another script."""
    return any(c in _BREAKS or c.isalnum() for c in gap)


def _ends(gap: str) -> bool:
    """True when a sentence ends in the text between two words (:data:`SENTENCE_ENDS`,
    or a blank line)."""
    return any(c in SENTENCE_ENDS for c in gap) or _PARAGRAPH_RE.search(gap) is not None


def neighbours(text: str, start: int, end: int) -> Neighbours:
    """The :class:`Neighbours` of the word at ``text[start:end]``.

    >>> neighbours("قلت: ان العمل انتهى. اما الآن", 5, 7)
    Neighbours(before=(), after=('العمل', 'انتهى'), opens=True)
    """
    before, opens = _before(text, start)
    return Neighbours(before, _after(text, end), opens)


def _before(text: str, start: int) -> tuple[tuple[str, ...], bool]:
    """:attr:`Neighbours.before` and :attr:`Neighbours.opens`."""
    low = max(0, start - REACH_BEFORE)
    found = list(WORD_RE.finditer(text, low, start))
    before: list[str] = []
    position = start
    opens = False
    for match in reversed(found):
        gap = text[match.end() : position]
        if _breaks(gap):
            # the word opens a sentence only when nothing of it comes before the word
            # (على إن after a full stop: على opens it, and إن follows a preposition)
            opens = not before and _ends(gap)
            break
        before.insert(0, _key(match.group()))
        position = match.start()
        if len(before) == 2:
            break
    else:
        if not before:
            gap = text[low:start]
            opens = low == 0 and not any(c.isalnum() for c in gap) or _ends(gap)
    return tuple(before), opens


def _after(text: str, end: int) -> tuple[str, ...]:
    """:attr:`Neighbours.after`."""
    after: list[str] = []
    position = end
    for match in WORD_RE.finditer(text, end, min(len(text), end + REACH_AFTER)):
        if any(c in SENTENCE_ENDS or c in LINE_ENDS for c in text[position : match.start()]):
            break
        after.append(_key(match.group()))
        position = match.end()
        if len(after) == AFTER:
            break
    return tuple(after)


def is_twin(word: str) -> bool:
    """True when a normalised word is written without the hamza that tells its twins
    apart (``ان``, ``انها``, ``الا``, ``اما``), or with either hamza (``أن``, ``إنه``):
    the words this stage speaks about.

    >>> is_twin("انها"), is_twin("أنه"), is_twin("المدرسه")
    (True, True, False)
    """
    return fold_alef(word) in FAMILIES and not word.startswith(_MADDA)


def choose(word: str, near: Neighbours) -> Choice | None:
    """The twin of ``word`` (a normalised word, :func:`is_twin`) that ``near`` asks for,
    or None when the neighbours do not tell.

    >>> choose("ان", Neighbours(opens=True)).word
    'إن'
    >>> choose("اما", Neighbours(after=("ان", "نذهب", "او"))).word
    'إما'
    >>> choose("الا", Neighbours(before=("يجب",), after=("نتاخر",))).word
    'ألا'
    >>> choose("ان", Neighbours(before=("المدير",))) is None
    True
    """
    family = fold_alef(word)
    twins = FAMILIES.get(family)
    if twins is None:
        return None
    if family == "الا":
        return _choose_illa(twins, near)
    if family == "اما":
        # not أن alone: أما إن لم يكن (أما, then the conditional إن) is as common
        if IMMA_BEFORE.intersection(near.after):
            return Choice(twins[1], "imma-before-aw")
        return None
    return _choose_anna(family, twins, near)


def _choose_anna(family: str, twins: tuple[str, str], near: Neighbours) -> Choice | None:
    """أنّ or إنّ (with any pronoun)."""
    anna, inna = twins
    previous = near.before[-1] if near.before else None
    if near.opens:
        # أنْ of the verbal noun may open a sentence (أن تصبر خير), but not before a
        # noun, and never with a pronoun: there it is إنّ (a word alone says nothing)
        strong = bool(near.after) and (family != "ان" or _noun_next(near))
        return Choice(inna, "sentence-start", strong=strong)
    if _conditional(family, near):
        return Choice(inna, "conditional")
    if previous is None:
        return None
    if previous in SAYING:
        # a ranking only: writers and editors keep أنّ in reported speech often enough
        # (قالت أنها ستعود) that flagging it would be a false alarm
        return Choice(inna, "after-saying")
    if previous in KASRA_STRONG:
        return Choice(inna, f"after-{previous}", strong=True, certain=True)
    if previous in FATHA_STRONG:
        return Choice(anna, f"after-{previous}", strong=True, certain=True)
    if near.before[0] in SAYING:
        # قال المدير إن: the speaker or a لهم between; a ranking only (the word between
        # may begin a clause of its own)
        return Choice(inna, "after-saying")
    if previous in KASRA_WEAK:
        # حتى أنْ / ثم أنْ + a verb may be meant; before a noun, or with a pronoun, not
        return Choice(inna, f"after-{previous}", strong=family != "ان" or _noun_next(near))
    return _from_table("ان", twins, previous)


def _conditional(family: str, near: Neighbours) -> bool:
    """True when a bare ``ان`` reads as إنْ of the condition: before a past verb of كان
    or before لم (إن كان، إن لم يكن), which أنْ of the verbal noun does not take, but
    for after بعد, قبل, منذ (بعد أن كان)."""
    return (
        family == "ان"
        and near.after[:1] != ()
        and near.after[0] in CONDITION_NEXT
        and not (near.before and near.before[-1] in CONDITION_NOT_AFTER)
    )


def _noun_next(near: Neighbours) -> bool:
    """True when the next word is a noun (:data:`NOUN_STARTS`, :data:`NOUNS`): what
    follows أنْ of the verbal noun is a verb, so a أن before a noun is أنّ."""
    return bool(near.after) and (near.after[0].startswith(NOUN_STARTS) or near.after[0] in NOUNS)


def _choose_illa(twins: tuple[str, str], near: Neighbours) -> Choice | None:
    """إلا (the exception, the usual one) or ألا (أن + لا, or the opening ألا)."""
    illa, alla = twins
    if near.after and near.after[0] in ALLA_BEFORE:
        return Choice(alla, "alla-namely")
    if near.before and near.before[-1] in ALLA_AFTER:
        return Choice(alla, "alla-after-obligation")
    if near.opens and near.after[:1] in (("ان",), ("انه",), ("انها",)):
        return Choice(alla, "alla-opening")
    if near.before:
        return _from_table("الا", twins, near.before[-1])
    return None


def _from_table(family: str, twins: tuple[str, str], previous: str) -> Choice | None:
    letter = _table().get((family, previous))
    if letter is None:
        return None
    word = next(twin for twin in twins if twin[0] == letter)
    return Choice(word, "quran-table")


@cache
def _table() -> dict[tuple[str, str], str]:
    """``(family, previous word) -> first letter`` from ``twin-context.tsv``, read once."""
    rows = read_wordlist(data_path(f"{TABLE}.tsv"), TABLE, 4)
    return {(family, previous): letter for family, previous, letter, _count in rows}


def reorder(suggestions: Sequence[Suggestion], choice: Choice) -> tuple[Suggestion, ...]:
    """``suggestions`` for a flagged word with the twin of ``choice`` first; as they were
    when that twin is not among them and is no twin of the first (the word was read as
    another word altogether).

    >>> first = [Suggestion("أن", -2.8, "known"), Suggestion("إن", -3.5, "hamza")]
    >>> [s.word for s in reorder(first, choose("ان", Neighbours(before=("قال",))))]
    ['إن', 'أن']
    """
    if not suggestions or suggestions[0].word == choice.word:
        return tuple(suggestions)
    rest = [s for s in suggestions if s.word != choice.word]
    if len(rest) == len(suggestions):
        if skeleton(suggestions[0].word) != skeleton(choice.word):
            return tuple(suggestions)
        chosen = Suggestion(choice.word, suggestions[0].score, "hamza")
    else:
        chosen = next(s for s in suggestions if s.word == choice.word)
    return (chosen, *rest)


_SPACES = frozenset(
    " \t\N{NO-BREAK SPACE}\"'(\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}"
    "\N{LEFT DOUBLE QUOTATION MARK}"
)
_IN_WORD = frozenset(WORD_MARKS + TATWEEL)


def _merged(spans: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The starts and ends of ``spans`` merged into sorted, disjoint spans."""
    lows: list[int] = []
    highs: list[int] = []
    for low, high in sorted(spans):
        if highs and low <= highs[-1]:
            highs[-1] = max(highs[-1], high)
        else:
            lows.append(low)
            highs.append(high)
    return lows, highs


def _may_be_strong(text: str, start: int) -> bool:
    """A quick look back from a twin at ``start``: false when a strong rule cannot
    apply (the word before is none of :data:`_STRONG_BEFORE`), so that most twins of
    a text cost a few characters' scan rather than their neighbours' reading."""
    index = start
    while index and text[index - 1] in _SPACES:
        index -= 1
    if not index:
        return True  # the start of the text
    last = text[index - 1]
    if not (last.isalpha() or last in _IN_WORD):
        return last in SENTENCE_ENDS or last in LINE_ENDS
    first = index
    while first and (text[first - 1].isalpha() or text[first - 1] in _IN_WORD):
        first -= 1
    return _key(text[first:index]) in _STRONG_BEFORE


def wrong_twins(text: str, skip: Iterable[tuple[int, int]] = ()) -> dict[int, tuple[str, Choice]]:
    """The twins of ``text`` written correctly but for the hamza the grammar asks for
    (``حيث أنها`` -> إنها, ``لو إن`` -> أن), by offset: the word as
    written and the :class:`Choice`.  Only the strong rules flag; words inside the
    ``skip`` spans are left alone.

    >>> found = wrong_twins("حيث أن الطقس جميل، وأعلم أن الجو حار")
    >>> [(offset, word, choice.word) for offset, (word, choice) in found.items()]
    [(4, 'أن', 'إن')]
    """
    lows, highs = _merged(skip)
    found: dict[int, tuple[str, Choice]] = {}
    for hit in _CANDIDATE_RE.finditer(text):
        start = hit.start()
        surface = hit.group()
        word = normalize(surface)
        if fold_alef(word) not in FAMILIES:
            continue
        inside = bisect.bisect_right(lows, start) - 1
        if inside >= 0 and start < highs[inside]:
            continue
        # most twins follow a word no strong rule names: the neighbours are read only
        # when the word before (or the start of a sentence) may call for them
        if not _may_be_strong(text, start):
            continue
        before, opens = _before(text, start)
        choice = choose(word, Neighbours(before, _after(text, hit.end()), opens))
        if choice is not None and choice.strong and choice.word != word:
            found[start] = (surface, choice)
    return found
