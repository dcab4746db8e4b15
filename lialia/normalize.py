"""Stage 1: normalisation, as small named rules over named character sets.

Every rule is a pure ``str -> str`` function.  :func:`normalize` is what the lexicon
stores and looks up: it removes what a writer does not choose (diacritics, tatweel,
invisible controls, presentation forms, Persian look-alikes) and keeps what a speller
must judge (hamza seats, ta marbuta, alef maqsura).  :func:`skeleton` goes further and
folds exactly those letters; it is the key under which candidates are found.

>>> normalize("الْعَرَبِيَّةُ")
'العربية'
>>> normalize("عـــربي")
'عربي'
>>> skeleton("إلى المدرسة")
'الي المدرسه'
"""

from __future__ import annotations

import re
import unicodedata

# Harakat, shadda, sukun and the other combining marks U+064B..U+065F, and the
# superscript (dagger) alef U+0670.
HARAKAT = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\N{ARABIC LETTER SUPERSCRIPT ALEF}"
# Quranic annotation signs: U+0610..U+061A, U+06D6..U+06ED, U+08D3..U+08FF.
QURANIC_MARKS = "".join(
    chr(c)
    for c in (*range(0x0610, 0x061B), *range(0x06D6, 0x06EE), *range(0x08D3, 0x0900))
)
TATWEEL = "\N{ARABIC TATWEEL}"
# Zero-width and bidirectional controls that editors and web pages leave inside words.
INVISIBLES = (
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
    "\N{POP DIRECTIONAL ISOLATE}"
)

# Letters of Persian, Urdu and other Arabic-script keyboards that look like Arabic ones.
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

_DIACRITICS_RE = re.compile("[" + re.escape(HARAKAT + QURANIC_MARKS) + "]")
_INVISIBLES_RE = re.compile("[" + re.escape(INVISIBLES) + "]")
_LOOKALIKES_TABLE = str.maketrans(LOOKALIKES)
_SKELETON_TABLE = str.maketrans(SKELETON_FOLDS)
# Everything normalize() can change: without any of these a word is already normal (the
# NFKC of plain Arabic letters is themselves), which is most words of most texts.
_CHANGEABLE_RE = re.compile(
    "["
    + re.escape(HARAKAT + QURANIC_MARKS + TATWEEL + INVISIBLES + "".join(LOOKALIKES))
    + "\ufb50-\ufdff\ufe70-\ufeff]"
)


def compose(text: str) -> str:
    """NFKC: presentation forms become letters and combining hamza/madda join their seat.

    >>> compose("\\N{ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM}") == "لا"
    True
    >>> compose("\\N{ARABIC LETTER ALEF}\\N{ARABIC HAMZA ABOVE}") == "أ"
    True
    """
    return unicodedata.normalize("NFKC", text)


def strip_diacritics(text: str) -> str:
    """Remove harakat, shadda, sukun, superscript alef and Quranic marks.

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


def normalize(word: str) -> str:
    """The lexicon key of a word: composed, undiacritised, unstretched; hamza, ة and ى kept.

    >>> normalize("إِلَى")
    'إلى'
    """
    if word.isascii() or not _CHANGEABLE_RE.search(word):
        return word
    # Compose first: U+0654 (hamza above) lies inside the harakat range and must join
    # its seat (ا + ٔ -> أ) before the marks are stripped.
    text = compose(word)
    return map_lookalikes(strip_tatweel(strip_invisibles(strip_diacritics(text))))


def skeleton(word: str) -> str:
    """The orthographic skeleton of a *normalised* word: the candidate key.

    Alef forms become ا, ى becomes ي, ة becomes ه, ؤ becomes و, ئ becomes ي and a
    free-standing hamza is dropped, so that ``اكثر``, ``أكثر`` and ``أكتر`` share
    or nearly share a key.

    >>> skeleton("مسؤولية")
    'مسووليه'
    """
    return word.translate(_SKELETON_TABLE)
