"""Detect and convert Vietnamese typed in legacy TCVN3 (ABC) and VNI fonts to Unicode."""

from __future__ import annotations

import re
import string
import unicodedata
from typing import Literal

LegacyEncoding = Literal["tcvn3", "vni"]

# Tables agree with lamdao/xvnkb (tcvn.h, vni.h), duydev/vietnamese-conversion (src/charsets.ts),
# khiemdoan/VBKey (Modules/mdlCodeTable.bas), Eruylz/XuatThuy (Utils/Unicode2TCVN3.cs) and, for
# TCVN3, the XFree86 TCVN-5712 table. Rows: toneless letter, huyền, sắc, hỏi, ngã, nặng.
_TCVN3_ROWS = {
    "aàáảãạ": "aµ¸¶·¹",
    "ăằắẳẵặ": "¨»¾¼½Æ",
    "âầấẩẫậ": "©ÇÊÈÉË",
    "eèéẻẽẹ": "eÌÐÎÏÑ",
    "êềếểễệ": "ªÒÕÓÔÖ",
    "iìíỉĩị": "i×ÝØÜÞ",
    "oòóỏõọ": "oßãáâä",
    "ôồốổỗộ": "«åèæçé",
    "ơờớởỡợ": "¬êíëìî",
    "uùúủũụ": "uïóñòô",
    "ưừứửữự": "\u00adõøö÷ù",
    "yỳýỷỹỵ": "yúýûüþ",
    # Only these capitals have codes of their own; others are typed in .VnTimeH fonts, which
    # draw the lower-case codes as capitals.
    "đĐĂÂÊÔƠƯ": "®§¡¢£¤¥¦",
}
_VNI_ROWS = {
    "aàáảãạ": "a aø aù aû aõ aï",
    "ăằắẳẵặ": "aê aè aé aú aü aë",
    "âầấẩẫậ": "aâ aà aá aå aã aä",
    "eèéẻẽẹ": "e eø eù eû eõ eï",
    "êềếểễệ": "eâ eà eá eå eã eä",
    "iìíỉĩị": "i ì í æ ó ò",
    "oòóỏõọ": "o oø où oû oõ oï",
    "ôồốổỗộ": "oâ oà oá oå oã oä",
    "ơờớởỡợ": "ô ôø ôù ôû ôõ ôï",
    "uùúủũụ": "u uø uù uû uõ uï",
    "ưừứửữự": "ö öø öù öû öõ öï",
    "yỳýỷỹỵ": "y yø yù yû yõ î",
    "đ": "ñ",
}
# "ý" keeps its own entry: capital "Ý" must take its code, since "Ý" itself codes "í".
_TCVN3_ENCODE = {
    letter: code
    for letters, codes in _TCVN3_ROWS.items()
    for letter, code in zip(letters, codes, strict=True)
    if not letter.isascii()
}
_TCVN3_DECODE = {ord(code): letter for letter, code in _TCVN3_ENCODE.items()}
_VNI_ENCODE = {
    case(letter): case(code)
    for letters, codes in _VNI_ROWS.items()
    for letter, code in zip(letters, codes.split(), strict=True)
    for case in (str.lower, str.upper)
    if letter != code
}
_VNI_DECODE = {code: letter for letter, code in _VNI_ENCODE.items()}
# Longest first, so that "oâ" (ô) wins over a lone "o" and "ôù" (ớ) over a lone "ô" (ơ).
_VNI_CODE = re.compile("|".join(sorted(map(re.escape, _VNI_DECODE), key=len, reverse=True)))

# Unicode Vietnamese uses these Latin-1 letters too, so on their own they prove nothing.
_VIETNAMESE_LATIN1 = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_TCVN3_CAPITALS = frozenset(_TCVN3_ENCODE[letter] for letter in "ĐĂÂÊÔƠƯ")
# Per encoding: characters, and two-character sequences, that Unicode Vietnamese never contains.
# TCVN3 codes some lower-case letters as Latin-1 capitals, so "ViÖt" and "kÕt" give it away.
_SIGNS: dict[LegacyEncoding, tuple[frozenset[str], frozenset[str]]] = {
    "tcvn3": (
        frozenset(_TCVN3_ENCODE.values()) - _VIETNAMESE_LATIN1,
        frozenset(
            lower + capital
            for lower in string.ascii_lowercase
            for capital in _VIETNAMESE_LATIN1.intersection(_TCVN3_ENCODE.values())
            if capital.isupper()
        ),
    ),
    "vni": (
        frozenset("".join(_VNI_DECODE)) - _VIETNAMESE_LATIN1 - set(string.ascii_letters),
        # Unicode Vietnamese spells "oà", "oá", "oã" itself (hoà, toán, hoãn).
        frozenset(code for code in _VNI_DECODE if len(code) == 2)
        - {"oà", "oá", "oã", "OÀ", "OÁ", "OÃ"},
    ),
}

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_STOP_TONES = "\u0301\u0323"  # a syllable ending in p, t, c or ch takes only sắc or nặng
_NUCLEI_OPEN = "y ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui uơ ưa ưi ưu iêu oai oao oay oeo "
_NUCLEI_OPEN += "uây uôi ươi ươu uya uyu yêu"
_NUCLEI_CLOSED = "ă â iê yê oă uâ uô ươ uyê"
_NUCLEI_EITHER = "e o ô ơ u ư oe"
_NUCLEI_FRONT = "ê i uê uy"  # these take "ch" and "nh" where others take "c" and "ng"


def _alternatives(words: str) -> str:
    """Return space-separated words as a regex alternation, longest first."""
    return "|".join(sorted(words.split(), key=len, reverse=True))


_CODA = "ng|[cmnpt]"
_SYLLABLE = re.compile(
    "(?P<onset>ngh|ng|nh|ch|gh|gi|kh|ph|qu|q(?=u)|th|tr|[bcdđghklmnprstvx])?"
    f"(?P<rhyme>{_alternatives(_NUCLEI_OPEN)}"
    f"|(?:{_alternatives(_NUCLEI_CLOSED)})(?:{_CODA})"
    f"|(?:{_alternatives(_NUCLEI_EITHER)})(?:{_CODA})?"
    f"|(?:{_alternatives(_NUCLEI_FRONT)})(?:ch|nh|[mnpt])?"
    f"|o?a(?:ch|nh|{_CODA})?"
    "|oo(?:ng|c))"  # xoong, moóc
)
# Words are split at spaces and punctuation, but not at the TCVN3 codes that look like it.
_WORD = re.compile(r"[^\s!-/:-@\[-`{-~\u2010-\u206f]+")
_MIN_SHARE_VALID = 0.75
_MIN_SHARE_SIGNED = 0.2


def _tone_places(nucleus: str, closed: bool) -> set[int]:
    """Return where in a vowel nucleus the tone mark may sit, old style (hòa) or new (hoà)."""
    marked = [i for i, ch in enumerate(nucleus) if ch in "ăâêôơư"]
    if marked:
        return {marked[-1]}
    if len(nucleus) == 1:
        return {0}
    if len(nucleus) == 3 or closed:
        return {1}
    return {0, 1} if nucleus in ("oa", "oe", "uy") else {0}


def _is_syllable(word: str) -> bool:
    """Return whether word is spelled as one Vietnamese syllable, in lower, title or upper case."""
    if not (word.islower() or word.istitle() or word.isupper()):
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in decomposed if ch in _TONE_MARKS]
    toneless = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    match = _SYLLABLE.fullmatch(toneless)
    if len(tones) > 1 or not match:
        return False
    if toneless.endswith(("p", "t", "c", "ch")) and not (tones and tones[0] in _STOP_TONES):
        return False
    if not tones:
        return True
    rhyme = match["rhyme"]
    nucleus = rhyme.rstrip("cghmnpt")
    before_tone = decomposed[: decomposed.index(tones[0])]
    toned = sum(not unicodedata.combining(ch) for ch in before_tone) - 1
    return toned - match.start("rhyme") in _tone_places(nucleus, closed=rhyme != nucleus)


def _has_sign(word: str, encoding: LegacyEncoding) -> bool:
    """Return whether word holds a character or pair that only this legacy font produces."""
    chars, pairs = _SIGNS[encoding]
    return not chars.isdisjoint(word) or any(word[i : i + 2] in pairs for i in range(len(word) - 1))


def _in_capitals(text: str) -> bool:
    """Return whether TCVN3 text is all capitals, as typed in a .VnTimeH font."""
    # Its accented letters used the lower-case codes, so only these letters tell the case.
    letters = [ch for ch in text if ch.isascii() and ch.isalpha()]
    capitals = sum(ch in _TCVN3_CAPITALS for ch in text)
    return len(letters) + capitals > 1 and all(ch.isupper() for ch in letters)


def _tcvn3_word(word: str, capitals: bool) -> str:
    """Return one TCVN3 word in Unicode, in capitals if it or its whole text was typed so."""
    converted = word.translate(_TCVN3_DECODE)
    return converted.upper() if capitals or _in_capitals(word) else converted


def _score(text: str, encoding: LegacyEncoding) -> tuple[float, float]:
    """Return the shares of words that convert to a syllable and that show the legacy font."""
    counted = signed = valid = longest = 0
    capitals = encoding == "tcvn3" and _in_capitals(text)
    for word in _WORD.findall(text):
        longest = max(longest, len(word))
        # Numbers, codes, initials and acronyms say nothing about the font ("¹" is TCVN3 "ạ").
        if any(ch in string.digits for ch in word) or (
            word.isascii() and (len(word) == 1 or word.isupper())
        ):
            continue
        if encoding == "tcvn3":
            converted = _tcvn3_word(word, capitals)
        else:
            converted = convert_legacy(word, encoding)
        syllable = _is_syllable(converted)
        counted += 1
        valid += syllable
        # "thùc" is no Vietnamese as typed, but TCVN3 for "thực": that shows the font too.
        signed += _has_sign(word, encoding) or (syllable and not _is_syllable(word))
    # A lone sign ("µ", "2 × 3") is too little to go on: ask for one word of two letters or more.
    return (valid / counted, signed / counted) if counted and longest > 1 else (0.0, 0.0)


def detect_legacy(text: str) -> LegacyEncoding | None:
    """Return the legacy font encoding text was very likely typed in, or None."""
    # Legacy fonts yield only Latin-1 letters: any other letter or mark means Unicode already.
    if any(ord(ch) > 0xFF and unicodedata.category(ch)[0] in "LM" for ch in text):
        return None
    encodings: tuple[LegacyEncoding, ...] = ("tcvn3", "vni")
    scores = {encoding: _score(text, encoding) for encoding in encodings}
    likely = [
        encoding
        for encoding, (valid, signed) in scores.items()
        if valid >= _MIN_SHARE_VALID and signed >= _MIN_SHARE_SIGNED
    ]
    # On a tie, TCVN3 wins: it was the national standard, and the more common in offices.
    return max(likely, key=scores.__getitem__, default=None)


def convert_legacy(text: str, encoding: LegacyEncoding) -> str:
    """Convert text typed in a legacy font to NFC Unicode."""
    if encoding == "vni":
        converted = _VNI_CODE.sub(lambda match: _VNI_DECODE[match.group(0)], text)
    else:
        capitals = _in_capitals(text)
        converted = _WORD.sub(lambda match: _tcvn3_word(match.group(0), capitals), text)
    return unicodedata.normalize("NFC", converted)


def encode_legacy(text: str, encoding: LegacyEncoding) -> str:
    """Spell Unicode text as a legacy font stores it, read back as Latin-1 characters."""
    text = unicodedata.normalize("NFC", text)
    if encoding == "vni":
        return "".join(_VNI_ENCODE.get(ch, ch) for ch in text)
    # Capitals without a code of their own take the lower-case code, as in .VnTimeH fonts.
    return "".join(_TCVN3_ENCODE.get(ch) or _TCVN3_ENCODE.get(ch.lower(), ch) for ch in text)


def repair_legacy(text: str) -> tuple[str, LegacyEncoding | None]:
    """Detect and convert legacy font text; return it unchanged with None when it is not."""
    encoding = detect_legacy(text)
    return (convert_legacy(text, encoding), encoding) if encoding else (text, None)
