"""Detect and convert Vietnamese typed in legacy TCVN3 (ABC) and VNI fonts to Unicode."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

LegacyEncoding = Literal["tcvn3", "vni"]

# TCVN3 (TCVN 5712:1993, VN3): one byte per precomposed lower-case letter; capitals typed in
# .VnTimeH fonts reuse these codes, only Ă Â Ê Ô Ơ Ư Đ have codes of their own.
_TCVN3_LOWER = (
    "àµ á¸ ả¶ ã· ạ¹ ă¨ ằ» ắ¾ ẳ¼ ẵ½ ặÆ â© ầÇ ấÊ ẩÈ ẫÉ ậË đ® èÌ éÐ ẻÎ ẽÏ ẹÑ êª ềÒ ếÕ ểÓ ễÔ "
    "ệÖ ì× íÝ ỉØ ĩÜ ịÞ òß óã ỏá õâ ọä ô« ồå ốè ổæ ỗç ộé ơ¬ ờê ớí ởë ỡì ợî ùï úó ủñ ũò ụô "
    "ư\u00ad ừõ ứø ửö ữ÷ ựù ỳú ýý ỷû ỹü ỵþ Ă¡ Â¢ Ê£ Ô¤ Ơ¥ Ư¦ Đ§"
)
TCVN3_ENCODE = {pair[0]: pair[1] for pair in _TCVN3_LOWER.split()}
TCVN3_DECODE = {legacy: letter for letter, legacy in TCVN3_ENCODE.items()}

# VNI-Windows: a base letter followed by mark characters; a few letters are single characters.
_VNI_TONES = {"": "", "\u0300": "ø", "\u0301": "ù", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_CIRCUMFLEX_TONES = {
    "": "â",
    "\u0300": "à",
    "\u0301": "á",
    "\u0309": "å",
    "\u0303": "ã",
    "\u0323": "ä",
}
_VNI_BREVE_TONES = {
    "": "ê",
    "\u0300": "è",
    "\u0301": "é",
    "\u0309": "ú",
    "\u0303": "ü",
    "\u0323": "ë",
}
_VNI_I = {"": "i", "\u0300": "ì", "\u0301": "í", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def _vni_lower(base: str, shape: str, tone: str) -> str:
    """Return the VNI spelling of one lower-case letter (shape: circumflex, breve, horn)."""
    if base == "i":
        return _VNI_I[tone]
    if base == "y" and tone == "\u0323":
        return "î"
    if shape == "circumflex":
        return base + _VNI_CIRCUMFLEX_TONES[tone]
    if shape == "breve":
        return base + _VNI_BREVE_TONES[tone]
    if shape == "horn":
        return {"o": "ô", "u": "ö"}[base] + _VNI_TONES[tone]
    return base + _VNI_TONES[tone]


def _build_vni() -> dict[str, str]:
    shapes = {
        "a": ["", "circumflex", "breve"],
        "e": ["", "circumflex"],
        "i": [""],
        "o": ["", "circumflex", "horn"],
        "u": ["", "horn"],
        "y": [""],
    }
    marks = {"circumflex": "\u0302", "breve": "\u0306", "horn": "\u031b"}
    table = {"đ": "ñ", "Đ": "Ñ"}
    for base, base_shapes in shapes.items():
        for shape in base_shapes:
            for tone in _VNI_TONES:
                letter = unicodedata.normalize("NFC", base + marks.get(shape, "") + tone)
                if len(letter) != 1 or letter == base:
                    continue
                spelled = _vni_lower(base, shape, tone)
                table[letter] = spelled
                table[letter.upper()] = spelled.upper()
    return table


VNI_ENCODE = _build_vni()
# Longest spellings first, so that "oâ" wins over "o" and "ôø" over "ô".
VNI_DECODE = sorted(
    ((legacy, letter) for letter, legacy in VNI_ENCODE.items()), key=lambda pair: -len(pair[0])
)
_VNI_PATTERN = re.compile("|".join(re.escape(legacy) for legacy, _ in VNI_DECODE))
_VNI_LOOKUP = dict(VNI_DECODE)

# Characters that Vietnamese written in Unicode never contains, but each legacy font produces.
_TCVN3_SIGNS = frozenset("µ¸¶·¹¨»¾¼½Æ©ÇËÐÎÏÑªÖ×ØÜÞßä«åæç¬ëîïñö÷øûüþ\u00ad¡¢£¤¥¦§®")
_VNI_SIGNS = frozenset("øûïäåëüöñæîØÛÏÄÅËÜÖÑÆÎ")
# VNI spells a vowel and its marks apart: "aâ", "eã", "oâ" never occur in Unicode Vietnamese;
_VNI_SEQUENCE = re.compile(
    "[aeAE][âàáåãäÂÀÁÅÃÄ]|[oO][âåäÂÅÄ]|[aA][êèéúüëÊÈÉÚÜË]|[aeiouyôöAEIOUYÔÖ][øùûõïØÙÛÕÏ]"
)  # not "oà", "oá": those are Unicode "hoà", "toán"

_NUCLEI = frozenset(
    [
        "a",
        "ă",
        "â",
        "e",
        "ê",
        "i",
        "o",
        "ô",
        "ơ",
        "u",
        "ư",
        "y",
        "ai",
        "ao",
        "au",
        "ay",
        "âu",
        "ây",
        "eo",
        "êu",
        "ia",
        "iê",
        "iu",
        "oa",
        "oă",
        "oe",
        "oi",
        "ôi",
        "ơi",
        "oo",
        "ua",
        "uâ",
        "uê",
        "ui",
        "uô",
        "uơ",
        "ưa",
        "ưi",
        "ưu",
        "ươ",
        "uy",
        "yê",
        "iêu",
        "oai",
        "oao",
        "oay",
        "oeo",
        "uây",
        "uôi",
        "ươi",
        "ươu",
        "uyê",
        "uya",
        "yêu",
        "uyu",
    ]
)
_SYLLABLE = re.compile(
    r"^(?P<onset>ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"(?P<nucleus>[aăâeêioôơuưy]{1,3})(?P<coda>ch|ng|nh|[cmnpt])?$"
)


def _strip_tone(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    kept = "".join(ch for ch in decomposed if ch not in "\u0300\u0301\u0309\u0303\u0323")
    return unicodedata.normalize("NFC", kept)


def _is_syllable(word: str) -> bool:
    if not (word.islower() or word.isupper() or word.istitle()):
        return False
    match = _SYLLABLE.match(_strip_tone(word))
    if not match:
        return False
    nucleus = match.group("nucleus")
    onset = match.group("onset") or ""
    # "gi" and "qu" lend their vowel to the onset: "giá", "quốc".
    return nucleus in _NUCLEI or (
        onset in {"gi", "qu"} and (nucleus[1:] in _NUCLEI or not nucleus[1:])
    )


def _vietnamese_share(text: str) -> float:
    """Return the share of the words with non-ASCII letters that are Vietnamese syllables."""
    words = [w for w in re.findall(r"[^\W\d_]+", text) if not w.isascii()]
    if not words:
        return 0.0
    return sum(_is_syllable(word) for word in words) / len(words)


def _foreign(text: str) -> int:
    return sum(ch in _TCVN3_SIGNS or ch in _VNI_SIGNS for ch in text) + len(
        _VNI_SEQUENCE.findall(text)
    )


def _has_signs(text: str, encoding: LegacyEncoding) -> bool:
    if encoding == "tcvn3":
        return any(ch in _TCVN3_SIGNS for ch in text)
    return any(ch in _VNI_SIGNS for ch in text) or bool(_VNI_SEQUENCE.search(text))


def convert_legacy(text: str, encoding: LegacyEncoding) -> str:
    """Return text typed in a legacy font as NFC Unicode."""
    if encoding == "tcvn3":
        converted = "".join(TCVN3_DECODE.get(ch, ch) for ch in text)
    else:
        converted = _VNI_PATTERN.sub(lambda match: _VNI_LOOKUP[match.group(0)], text)
    return unicodedata.normalize("NFC", converted)


def encode_legacy(text: str, encoding: LegacyEncoding) -> str:
    """Return how Unicode text reads when typed in a legacy font and opened as Unicode."""
    table = TCVN3_ENCODE if encoding == "tcvn3" else VNI_ENCODE
    if encoding == "tcvn3":
        # .VnTimeH capitals reuse the lower-case codes.
        return "".join(
            table.get(ch, table.get(ch.lower(), ch)) for ch in unicodedata.normalize("NFC", text)
        )
    return "".join(table.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def detect_legacy(text: str) -> LegacyEncoding | None:
    """Return the legacy encoding text was very likely typed in, or None for ordinary text."""
    nfc = unicodedata.normalize("NFC", text)
    candidates: list[tuple[int, float, LegacyEncoding]] = []
    encodings: tuple[LegacyEncoding, ...] = ("tcvn3", "vni")
    for encoding in encodings:
        if not _has_signs(nfc, encoding):
            continue
        converted = convert_legacy(nfc, encoding)
        share = _vietnamese_share(converted)
        if share >= 0.8 and _foreign(converted) < _foreign(nfc):
            candidates.append((-_foreign(converted), share, encoding))
    return max(candidates)[2] if candidates else None


def repair_legacy(text: str) -> tuple[str, LegacyEncoding | None]:
    """Return text converted to Unicode and the encoding it was in, or text unchanged and None."""
    encoding = detect_legacy(text)
    return (convert_legacy(text, encoding), encoding) if encoding else (text, None)
