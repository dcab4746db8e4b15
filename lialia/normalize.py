"""Stage 1: normalisation, as small named rules over one table of named marks.

Every rule is a pure ``str -> str`` function.  :func:`normalize` is what the lexicon
stores and looks up: it removes what a writer does not choose (diacritics, tatweel,
invisible controls, presentation forms, Persian look-alikes) and keeps what a speller
must judge (hamza seats, ta marbuta, alef maqsura).  :func:`skeleton` goes further and
folds exactly those letters; it is the key under which candidates are found.

What lialia does with every mark that is not a letter is decided once, in
:data:`MARKS` (a :class:`Role` for each), and every stage asks that table: the
tokenizer (what may sit inside a word), the lexicon key (what is folded), and the
fixer (:func:`carry_marks`: what a correction keeps, and which words are never fixed).

>>> normalize("الْعَرَبِيَّةُ")
'العربية'
>>> normalize("عـــربي")
'عربي'
>>> normalize("بِمَا\\N{ARABIC MADDAH ABOVE}")  # the muṣḥaf's madd sign over an alef is not آ
'بما'
>>> skeleton("إلى المدرسة")
'الي المدرسه'
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum

from pyarabic import araby_const


class Role(str, Enum):
    """What every stage does with a mark (see :data:`MARKS`)."""

    #: harakat, shadda, sukun, tanwin: folded before judging; a correction carries
    #: them on the letters it keeps
    VOWEL = "vowel"
    #: joins the letter before it (ا + ٔ is أ); left without a seat (on a tatweel, as
    #: the muṣḥaf writes it) it is folded
    HAMZA = "hamza"
    #: the signs of the muṣḥaf (the madd sign, superscript alef, small waw and yeh,
    #: alef wasla, pause and recitation marks, open tanwin): folded before judging; a
    #: word carrying one may be reported but is never fixed
    QURANIC = "quranic"
    #: tatweel: folded; a correction keeps it only between two letters it keeps side
    #: by side, and leaves it out elsewhere
    STRETCH = "stretch"
    #: zero-width and bidirectional controls (ZWNJ…): folded; a correction keeps each
    #: between the same two letters, or the word is not fixed
    INVISIBLE = "invisible"
    #: end of ayah, rub el hizb, place of sajdah: part of no word
    ORNAMENT = "ornament"
    #: ligatures and signs that stand for a phrase (ﷺ, ﷻ, ﷲ, the honorific sign over
    #: a name): words of their own, never flagged and never rewritten (NFKC would
    #: expand them into several words)
    HONORIFIC = "honorific"


def _chars(*ranges: tuple[int, int]) -> str:
    return "".join(chr(c) for first, last in ranges for c in range(first, last + 1))


MADDAH = araby_const.MADDA_ABOVE  # U+0653 ARABIC MADDAH ABOVE
ALEF = "\N{ARABIC LETTER ALEF}"
ALEF_MADDA = "\N{ARABIC LETTER ALEF WITH MADDA ABOVE}"
TATWEEL = araby_const.TATWEEL  # U+0640 ARABIC TATWEEL

#: THE table: every mark lialia knows, and its role.
MARKS: dict[str, Role] = {
    # fatha, damma, kasra, their tanwin, shadda, sukun (pyarabic's TASHKEEL)
    **dict.fromkeys(araby_const.TASHKEEL, Role.VOWEL),
    # U+0656..U+065F: subscript alef, inverted damma, noon ghunna and the vowel signs
    # of other Arabic-script languages
    **dict.fromkeys(_chars((0x0656, 0x065F)), Role.VOWEL),
    # U+08E3..U+08EF, U+08F4..U+08FF: curly harakat, tone marks and dotted vowels
    **dict.fromkeys(_chars((0x08E3, 0x08EF), (0x08F4, 0x08FF)), Role.VOWEL),
    "\N{ARABIC HAMZA ABOVE}": Role.HAMZA,
    "\N{ARABIC HAMZA BELOW}": Role.HAMZA,
    # the madd sign after a letter (بِمَآ, فِيٓ); over a word's first alef it is
    # the madda of the letter آ (Unicode makes ا + ٓ the same text as آ)
    MADDAH: Role.QURANIC,
    # superscript (dagger) alef, small waw, small yeh (pyarabic's SMALL)
    **dict.fromkeys(araby_const.SMALL, Role.QURANIC),
    # a letter, folded to ا (see LOOKALIKES)
    araby_const.ALEF_WASLA: Role.QURANIC,
    # U+0615..U+061A: small high tah, zain, small harakat of the muṣḥaf
    **dict.fromkeys(_chars((0x0615, 0x061A)), Role.QURANIC),
    # U+06D6..U+06DC, U+06DF..U+06E8, U+06EA..U+06ED: pause signs, small high
    # letters, sukun and madd signs of the muṣḥaf, small low meem
    **dict.fromkeys(_chars((0x06D6, 0x06DC), (0x06DF, 0x06E8), (0x06EA, 0x06ED)), Role.QURANIC),
    # U+08D3..U+08E1: small Quranic words and letters; U+08F0..U+08F3: open tanwin
    **dict.fromkeys(_chars((0x08D3, 0x08E1), (0x08F0, 0x08F3)), Role.QURANIC),
    TATWEEL: Role.STRETCH,
    **dict.fromkeys(
        "\N{ZERO WIDTH SPACE}"
        "\N{ZERO WIDTH NON-JOINER}"
        "\N{ZERO WIDTH JOINER}"
        "\N{LEFT-TO-RIGHT MARK}"
        "\N{RIGHT-TO-LEFT MARK}"
        "\N{ARABIC LETTER MARK}"
        "\N{WORD JOINER}"
        "\N{ZERO WIDTH NO-BREAK SPACE}"
        "\N{SOFT HYPHEN}"
        "\N{LEFT-TO-RIGHT EMBEDDING}"
        "\N{RIGHT-TO-LEFT EMBEDDING}"
        "\N{POP DIRECTIONAL FORMATTING}"
        "\N{LEFT-TO-RIGHT OVERRIDE}"
        "\N{RIGHT-TO-LEFT OVERRIDE}"
        "\N{LEFT-TO-RIGHT ISOLATE}"
        "\N{RIGHT-TO-LEFT ISOLATE}"
        "\N{FIRST STRONG ISOLATE}"
        "\N{POP DIRECTIONAL ISOLATE}",
        Role.INVISIBLE,
    ),
    "\N{ARABIC END OF AYAH}": Role.ORNAMENT,
    "\N{ARABIC DISPUTED END OF AYAH}": Role.ORNAMENT,
    "\N{ARABIC START OF RUB EL HIZB}": Role.ORNAMENT,
    "\N{ARABIC PLACE OF SAJDAH}": Role.ORNAMENT,
    # U+0610..U+0614: honorific signs written over a name
    **dict.fromkeys(_chars((0x0610, 0x0614)), Role.HONORIFIC),
    # U+FD40..U+FD4F, U+FDCF, U+FDF0..U+FDFF: ﷺ ﷻ ﷲ ﷽ and the other phrase ligatures
    **dict.fromkeys(_chars((0xFD40, 0xFD4F), (0xFDCF, 0xFDCF), (0xFDF0, 0xFDFF)), Role.HONORIFIC),
}


def marks_with(*roles: Role) -> str:
    """The marks of :data:`MARKS` with one of ``roles``, as a string (for a regex class)."""
    return "".join(mark for mark, role in MARKS.items() if role in roles)


#: the marks written on a letter (combining, or a small letter above it): a word may
#: carry them, and its lexicon key leaves them out
WORD_MARKS = "".join(
    mark
    for mark, role in MARKS.items()
    if role in (Role.VOWEL, Role.HAMZA, Role.QURANIC, Role.HONORIFIC)
    and unicodedata.category(mark) in ("Mn", "Lm")
)
QURANIC_MARKS = marks_with(Role.QURANIC)
INVISIBLES = marks_with(Role.INVISIBLE)
#: the phrase ligatures (ﷺ): each is a word of its own (the tokenizer yields it alone)
HONORIFICS = "".join(m for m in marks_with(Role.HONORIFIC) if m not in WORD_MARKS)
#: the harakat and the other combining signs over letters (the name older code imports)
HARAKAT = marks_with(Role.VOWEL, Role.HAMZA) + MADDAH + araby_const.MINI_ALEF

# Letters of Persian, Urdu and other Arabic-script keyboards that look like Arabic ones,
# and the muṣḥaf's alef wasla.
LOOKALIKES = {
    "\N{ARABIC LETTER FARSI YEH}": "\N{ARABIC LETTER YEH}",
    "\N{ARABIC LETTER YEH BARREE}": "\N{ARABIC LETTER YEH}",
    "\N{ARABIC LETTER KEHEH}": "\N{ARABIC LETTER KAF}",
    "\N{ARABIC LETTER SWASH KAF}": "\N{ARABIC LETTER KAF}",
    "\N{ARABIC LETTER HEH GOAL}": "\N{ARABIC LETTER HEH}",
    "\N{ARABIC LETTER HEH DOACHASHMEE}": "\N{ARABIC LETTER HEH}",
    "\N{ARABIC LETTER AE}": "\N{ARABIC LETTER TEH MARBUTA}",
    "\N{ARABIC LETTER TEH MARBUTA GOAL}": "\N{ARABIC LETTER TEH MARBUTA}",
    "\N{ARABIC LETTER HEH WITH YEH ABOVE}": "\N{ARABIC LETTER TEH MARBUTA}",
    "\N{ARABIC LETTER ALEF WASLA}": "\N{ARABIC LETTER ALEF}",
    "\N{ARABIC LETTER HIGH HAMZA}": "\N{ARABIC LETTER HAMZA}",
}

ALEF_FORMS = (
    "\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}"
    "\N{ARABIC LETTER ALEF WITH HAMZA BELOW}"
    "\N{ARABIC LETTER ALEF WITH MADDA ABOVE}"
    "\N{ARABIC LETTER ALEF WASLA}"
)
# What the skeleton folds: the letters whose spelling writers most often get wrong.
SKELETON_FOLDS = {
    **{alef: "\N{ARABIC LETTER ALEF}" for alef in ALEF_FORMS},
    "\N{ARABIC LETTER ALEF MAKSURA}": "\N{ARABIC LETTER YEH}",
    "\N{ARABIC LETTER TEH MARBUTA}": "\N{ARABIC LETTER HEH}",
    "\N{ARABIC LETTER WAW WITH HAMZA ABOVE}": "\N{ARABIC LETTER WAW}",
    "\N{ARABIC LETTER YEH WITH HAMZA ABOVE}": "\N{ARABIC LETTER YEH}",
    "\N{ARABIC LETTER HAMZA}": "",
}

_DIACRITICS_RE = re.compile("[" + re.escape(WORD_MARKS + marks_with(Role.ORNAMENT)) + "]")
_INVISIBLES_RE = re.compile("[" + re.escape(INVISIBLES) + "]")
_LOOKALIKES_TABLE = str.maketrans(LOOKALIKES)
_SKELETON_TABLE = str.maketrans(SKELETON_FOLDS)
# Everything normalize() can change: without any of these a word is already normal (the
# NFKC of plain Arabic letters is themselves), which is most words of most texts.
_CHANGEABLE_RE = re.compile(
    "[" + re.escape("".join(MARKS) + "".join(LOOKALIKES)) + "\ufb50-\ufdff\ufe70-\ufeff]"
)
# What keeps a word from being its own and only lexicon key (see is_plain): a character
# normalize() may change, or an آ after the first letter (it reads two ways, see keys())
_NOT_PLAIN_RE = re.compile(f"{_CHANGEABLE_RE.pattern}|(?s:.){ALEF_MADDA}")
_VOWEL_CLASS = re.escape(marks_with(Role.VOWEL))
# the madd sign over a word's first alef (its vowel marks may come first in NFD order)
_INITIAL_MADDA_RE = re.compile(f"^{ALEF}([{_VOWEL_CLASS}]*){MADDAH}")
_QURANIC_RE = re.compile("[" + re.escape(QURANIC_MARKS) + "]")
_HONORIFIC_RE = re.compile("[" + re.escape(marks_with(Role.HONORIFIC)) + "]")
_MARKED_RE = re.compile("[" + re.escape(marks_with(Role.VOWEL, Role.QURANIC)) + "]")


def compose(text: str) -> str:
    """NFKC: presentation forms become letters and combining hamza/madda join their seat.

    >>> compose("\\N{ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM}") == "لا"
    True
    >>> compose("\\N{ARABIC LETTER ALEF}\\N{ARABIC HAMZA ABOVE}") == "أ"
    True
    """
    return unicodedata.normalize("NFKC", text)


def fold_madd(text: str) -> str:
    """Drop the muṣḥaf's madd sign, which marks a long vowel, not a letter.

    Over a word's first alef the sign is the madda of آ and is kept (``آمن`` written
    decomposed); everywhere else it goes before NFKC could fuse it with an alef into a
    letter the word does not have (``بِمَآ`` is بما, not بمآ).

    >>> fold_madd("بما\\N{ARABIC MADDAH ABOVE}") == "بما"
    True
    >>> fold_madd("ا\\N{ARABIC MADDAH ABOVE}من") == "آمن"
    True
    """
    if MADDAH not in text:
        return text
    text = _INITIAL_MADDA_RE.sub(ALEF_MADDA + r"\1", text, count=1)
    return text.replace(MADDAH, "")


def strip_diacritics(text: str) -> str:
    """Remove harakat, shadda, sukun, superscript alef, Quranic marks and ornaments.

    >>> strip_diacritics("كِتَابٌ")
    'كتاب'
    """
    return _DIACRITICS_RE.sub("", text)


def strip_tatweel(text: str) -> str:
    """Remove the tatweel (kashida), a stretching stroke with no spelling of its own.

    >>> strip_tatweel("كتـــاب")
    'كتاب'
    """
    return text.replace(TATWEEL, "")


def strip_invisibles(text: str) -> str:
    """Remove zero-width characters and bidi controls."""
    return _INVISIBLES_RE.sub("", text)


def map_lookalikes(text: str) -> str:
    """Map Persian/Urdu letters to the Arabic letters they imitate.

    >>> map_lookalikes("\\N{ARABIC LETTER KEHEH}تاب")
    'كتاب'
    """
    return text.translate(_LOOKALIKES_TABLE)


def _fold(text: str) -> str:
    return map_lookalikes(strip_tatweel(strip_invisibles(strip_diacritics(compose(text)))))


def normalize(word: str) -> str:
    """The lexicon key of a word: composed, undiacritised, unstretched; hamza, ة and ى kept.

    >>> normalize("إِلَى")
    'إلى'
    >>> normalize("ٱلضَّا\\N{ARABIC MADDAH ABOVE}لِّينَ")
    'الضالين'
    """
    if word.isascii() or not _CHANGEABLE_RE.search(word):
        return word
    # Fold the madd sign first (NFKC would fuse it with an alef), then compose: U+0654
    # (hamza above) must join its seat (ا + ٔ -> أ) before the marks are stripped.
    return _fold(fold_madd(word))


def keys(word: str) -> tuple[str, ...]:
    """Every lexicon key a written word may stand for; the first is :func:`normalize`'s.

    A madd over an alef inside a word reads two ways, and a word is right when either
    reading is a word: the muṣḥaf's lengthening sign (dropped: ``بِمَآ`` is بما, also
    where an editor's NFC has fused it into آ) or, in modern text, the letter آ
    (``القرآن`` typed decomposed).  A precomposed آ is read as the sign only in a word
    with vowel marks, so an unvocalised ``سآل`` is still judged as written.

    >>> keys("بِمَا\\N{ARABIC MADDAH ABOVE}") == ("بما", "بمآ")
    True
    >>> keys("القر\\N{ARABIC LETTER ALEF}\\N{ARABIC MADDAH ABOVE}ن") == ("القران", "القرآن")
    True
    >>> keys("بِمَ\\N{ARABIC LETTER ALEF WITH MADDA ABOVE}") == ("بمآ", "بما")
    True
    """
    key = normalize(word)
    if MADDAH not in word and ALEF_MADDA not in key[1:]:
        return (key,)
    found = [key]
    if MADDAH in word:
        found.append(_fold(word))  # NFKC fuses ا + ٓ into آ
    if ALEF_MADDA in key[1:] and _MARKED_RE.search(word):
        found.append(key[0] + key[1:].replace(ALEF_MADDA, ALEF))
    return tuple(dict.fromkeys(found))


def is_plain(word: str) -> bool:
    """True when a written word is its own and only lexicon key (``keys(word) == (word,)``,
    so not a phrase ligature either): bare letters, as most words of most texts are.
    False says only that :func:`keys` must be asked (``القرآن`` is its own key, unless
    vocalised).

    >>> is_plain("المدرسه"), is_plain("المدرسةُ"), is_plain("القرآن")
    (True, False, False)
    """
    return not _NOT_PLAIN_RE.search(word)


def all_plain_but_madda(text: str) -> bool:
    """True when nothing in ``text`` is a character :func:`normalize` may change: then a
    word of it is plain (:func:`is_plain`) unless an آ follows its first letter.  One
    scan of a whole text, where asking :func:`is_plain` costs a call a word.

    >>> all_plain_but_madda("ذهبت إلى المدرسة الآن"), all_plain_but_madda("كتابٌ")
    (True, False)
    """
    return not _CHANGEABLE_RE.search(text)


def is_quranic(word: str) -> bool:
    """True when a written word carries a sign of the muṣḥaf: it is never fixed.

    >>> is_quranic("ٱلۡحَمۡدُ"), is_quranic("الْحَمْدُ")
    (True, False)
    """
    if not _QURANIC_RE.search(word):
        return False
    # ا + ٓ opening a word is the letter آ written decomposed, not the madd sign
    return bool(_QURANIC_RE.search(_INITIAL_MADDA_RE.sub(ALEF_MADDA, word, count=1)))


def is_vocalised(word: str) -> bool:
    """True when a written word carries vowel marks or signs of the muṣḥaf.

    >>> is_vocalised("كِتَاب"), is_vocalised("كتاب")
    (True, False)
    """
    return bool(_MARKED_RE.search(word))


def is_honorific(word: str) -> bool:
    """True for a phrase ligature (ﷺ) or a word carrying an honorific sign: never flagged.

    >>> is_honorific("\\N{ARABIC LIGATURE SALLALLAHOU ALAYHE WASALLAM}")
    True
    """
    return bool(_HONORIFIC_RE.search(word))


def skeleton(word: str) -> str:
    """The orthographic skeleton of a *normalised* word: the candidate key.

    Alef forms become ا, ى becomes ي, ة becomes ه, ؤ becomes و, ئ becomes ي and a
    free-standing hamza is dropped, so that ``اكثر``, ``أكثر`` and ``أكتر`` share
    or nearly share a key.

    >>> skeleton("مسؤولية")
    'مسووليه'
    """
    return word.translate(_SKELETON_TABLE)


# -- carrying the marks of a written word over to its correction ---------------------


class _Letter:
    """One letter of a written word as written (its hamza sign and marks included),
    with the tatweel and invisible controls written before it."""

    __slots__ = ("before", "key", "marks", "text")

    def __init__(self, before: str, text: str) -> None:
        self.before = before
        self.text = text
        self.key = ""
        self.marks = ""


def _letters(word: str) -> tuple[list[_Letter], str] | None:
    """The letters of ``word`` and what trails the last one; None when a character
    stands for several letters (a presentation-form ligature) or for none."""
    letters: list[_Letter] = []
    pending = ""  # tatweel and controls not yet attached to a letter
    for char in word:
        role = MARKS.get(char)
        if role is Role.STRETCH or role is Role.INVISIBLE:
            pending += char
        elif char not in WORD_MARKS and role is not Role.ORNAMENT:
            letters.append(_Letter(pending, char))
            pending = ""
        elif pending:
            if role is Role.HAMZA:
                return None  # a hamza on a tatweel (بِـَٔايَةٍ) is a letter of its own
            pending += char  # a mark on a tatweel stays with the tatweel
        elif letters:
            letters[-1].text += char
        else:
            return None
    for letter in letters:
        letter.key = normalize(letter.text)
        # the marks a letter passes on to the one that replaces it: all but its hamza
        letter.marks = "".join(c for c in letter.text[1:] if MARKS.get(c) is not Role.HAMZA)
        if len(letter.key) != 1 or any(MARKS.get(c) is Role.HAMZA for c in compose(letter.text)):
            return None  # a ligature of several letters, or a hamza no letter takes
    return letters, pending


def _droppable(between: str) -> bool:
    """A tatweel may be left out of a correction; an invisible control or a mark may not."""
    return all(MARKS.get(c) is Role.STRETCH for c in between)


def with_marks(written: str, corrected: str) -> str:
    """A correction someone chose, as it goes in place of ``written``: with the marks
    :func:`carry_marks` can carry over, bare where they cannot (unlike an automatic fix,
    which is then not made).

    >>> with_marks("الَى", "على"), with_marks("هَاَذا", "هذا")
    ('علَى', 'هذا')
    """
    return carry_marks(written, corrected) or corrected


def carry_marks(written: str, corrected: str) -> str | None:
    """``corrected`` (bare letters) written with the marks of ``written`` that align.

    The letters the correction keeps keep their marks, tatweel and invisible controls
    exactly as written; a letter replaced by one other letter passes its vowel marks on
    (``الَى`` -> ``إلَى``); added letters are bare.  A tatweel between letters that no
    longer stand side by side is left out.  None when something cannot be carried: the
    marks of a letter the correction drops, or a ZWNJ (or another control, or a mark on
    a tatweel) whose letters no longer stand side by side.

    >>> carry_marks("هَاذَا", "هذا")
    'هَذَا'
    >>> carry_marks("الَى", "إلى")
    'إلَى'
    >>> carry_marks("المدرسـه", "المدرسة")
    'المدرسـة'
    >>> carry_marks("هَاَذا", "هذا") is None  # the alef's fatha has nowhere to go
    True
    """
    parsed = _letters(written)
    if parsed is None or "".join(letter.key for letter in parsed[0]) != normalize(written):
        # letters that do not map one to one: only a word with nothing to carry is fixed
        return None if any(c in MARKS for c in written) else corrected
    letters, trailing = parsed
    if not trailing and all(letter.text == letter.key and not letter.before for letter in letters):
        return corrected  # bare letters, written as their keys: nothing to carry
    # imported here: only a fix carries marks, and rapidfuzz costs a run that makes none
    from rapidfuzz.distance import Levenshtein

    source = "".join(letter.key for letter in letters)
    out: list[str] = []
    # where each written letter went in ``corrected`` (None: dropped)
    placed: list[int | None] = [None] * len(letters)
    for op in Levenshtein.opcodes(source, corrected):
        tag, i1, i2, j1, j2 = op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end
        if tag == "insert":
            out.append(corrected[j1:j2])
            continue
        if tag == "delete" or (tag == "replace" and i2 - i1 != j2 - j1):
            if any(letters[i].marks or not _droppable(letters[i].before) for i in range(i1, i2)):
                return None
            out.append(corrected[j1:j2])
            continue
        for offset in range(i2 - i1):
            i, j = i1 + offset, j1 + offset
            letter = letters[i]
            if letter.before:
                if i and placed[i - 1] == j - 1:
                    out.append(letter.before)
                elif not _droppable(letter.before):
                    return None
            out.append(letter.text if tag == "equal" else corrected[j] + letter.marks)
            placed[i] = j
    if trailing:
        if placed[-1] == len(corrected) - 1:
            out.append(trailing)
        elif not _droppable(trailing):
            return None
    return "".join(out)
