"""Legacy TCVN3 and VNI text: detected, converted to NFC Unicode, other text left alone."""

from __future__ import annotations

import unicodedata
from typing import Literal

import pytest

from tasks.workbook.legacy_text import (
    LegacyEncoding,
    convert_legacy,
    detect_legacy,
    encode_legacy,
    repair_legacy,
)

ENCODINGS: list[LegacyEncoding] = ["tcvn3", "vni"]
OWN_TCVN3_CAPITALS = "ĐĂÂÊÔƠƯ"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
EVERY_VOWEL = [
    unicodedata.normalize("NFC", base + tone) for base in "aăâeêioôơuưy" for tone in TONES
]
PHRASES = [
    "Sở Thông tin và Truyền thông",
    "Ủy ban nhân dân xã Nam Mẫu",
    "Hồ sơ công việc được xử lý trên môi trường mạng",
    "Nguyễn Thị Minh Khai",
    "Trưởng phòng",
    "Pác Nặm",
    "Hoàng Văn Đức",
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Quyết định khen thưởng thành tích xuất sắc năm 2023",
    "Bằng khen của Thủ tướng Chính phủ",
    "Ứng dụng công nghệ thông tin",
    "Kỹ năng số, hỗ trợ người dân",
    "Giữ gìn an ninh trật tự",
    "Khuya nay trời lạnh quá",
    "Ăn quả nhớ kẻ trồng cây",
    "Mẹ bế ẵm em bé",
    "Chẳng vừa mắt chút nào",
    "Mùa lũ cũng phải rõ ràng",
    "Vẽ lại bản đồ Ấp Bắc",
    "Lỡ hẹn mười lần",
    "Ỷ Lan, Ông Ích Khiêm",
    "Ơn nghĩa sinh thành, ước mơ",
    "Ẩm thực ở đây",
    "Em yêu trường em",
    "Khoẻ mạnh, tỉnh táo",
    "Thuỷ lợi, phố Thuỵ Khuê",
    "Lữ đoàn, vỡ đê, nhỏ bé",
    "Đặng Thuỳ Dương",
    "Chăm chỉ học tập, uống chè",
    "Mặt trận Tổ quốc",
    "Trầm tĩnh, kể cả lúc đó",
]
# Typed in one font, read back exactly as in the public converters the tables come from.
HANDWRITTEN = [
    ("Vieät Nam", "Việt Nam", "vni"),
    ("Hoø", "Hò", "vni"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam", "vni"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc", "vni"),
    ("Tieáng Vieät raát hay", "Tiếng Việt rất hay", "vni"),
    ("Xin chaøo caùc baïn", "Xin chào các bạn", "vni"),
    ("Ñaøi Phaùt thanh ñòa phöông", "Đài Phát thanh địa phương", "vni"),
    ("TiÕng ViÖt rÊt hay", "Tiếng Việt rất hay", "tcvn3"),
    ("B¸o c¸o tµi chÝnh quý II n¨m 2008", "Báo cáo tài chính quý II năm 2008", "tcvn3"),
    ("B¶o Th¾ng, B¸t X¸t, M\u00adêng Kh\u00ad¬ng", "Bảo Thắng, Bát Xát, Mường Khương", "tcvn3"),
    (
        "QuyÕt ®Þnh cña Bé tr\u00adëng Bé Tµi chÝnh",
        "Quyết định của Bộ trưởng Bộ Tài chính",
        "tcvn3",
    ),
    ("Hoµng V¨n §øc", "Hoàng Văn Đức", "tcvn3"),
    # .VnTimeH: capitals typed with the lower-case codes.
    ("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "tcvn3"),
    ("Hoµng V¨n §øc - TR\u00adëNG PHßNG", "Hoàng Văn Đức - TRƯỞNG PHÒNG", "tcvn3"),
]
ORDINARY = [
    "Digital transformation",
    "café",
    "Müller",
    "naïve",
    "São Paulo",
    "Zürich",
    "Straße",
    "Ñandú",
    "Señor Muñoz vivía en España",
    "François, garçon, Noël",
    "1.234,5",
    "95%",
    "cntt@backan.gov.vn",
    "SO-YT",
    "HSCV_MANG",
    "UBND",
    "§ 3",
    "© 2024",
    "2 × 3",
    "µ",
    "½",
    "",
    "   ",
    # Unicode Vietnamese written with Latin-1 letters only, which legacy fonts also use.
    "Hoà Bình",
    "HOÀ BÌNH",
    "Cà Mau",
    "Tây Ninh",
    "Tân Phú",
    "Hoàng",
]


def tcvn3_expected(phrase: str) -> str:
    """Lower-case the capitals TCVN3 has no code for, as .VnTimeH typing leaves them."""
    return "".join(
        ch.lower() if ch.isupper() and not ch.isascii() and ch not in OWN_TCVN3_CAPITALS else ch
        for ch in phrase
    )


def test_phrases_cover_every_vowel_with_every_tone_and_d_stroke() -> None:
    joined = "".join(PHRASES)
    missing = [letter for letter in [*EVERY_VOWEL, "đ"] if letter not in joined.lower()]
    assert missing == []
    assert "Đ" in joined


@pytest.mark.parametrize("phrase", [*PHRASES, "Bộc Bố"])
def test_vni_round_trip(phrase: str) -> None:
    legacy = encode_legacy(phrase, "vni")
    assert legacy != phrase
    assert repair_legacy(legacy) == (phrase, "vni")
    assert repair_legacy(legacy.upper()) == (phrase.upper(), "vni")


@pytest.mark.parametrize("phrase", PHRASES)
def test_tcvn3_round_trip(phrase: str) -> None:
    legacy = encode_legacy(phrase, "tcvn3")
    assert legacy != phrase
    assert repair_legacy(legacy) == (tcvn3_expected(phrase), "tcvn3")


@pytest.mark.parametrize("phrase", [*PHRASES, "Bộc Bố"])
def test_tcvn3_all_capitals_round_trip(phrase: str) -> None:
    assert repair_legacy(encode_legacy(phrase.upper(), "tcvn3")) == (phrase.upper(), "tcvn3")


def test_tcvn3_capitals_without_a_code_come_back_in_lower_case() -> None:
    legacy = encode_legacy("Ủy ban, Ứng dụng", "tcvn3")
    assert legacy == "ñy ban, øng dông"
    assert repair_legacy(legacy) == ("ủy ban, ứng dụng", "tcvn3")


def test_tcvn3_that_reads_as_unicode_vietnamese_is_left_alone() -> None:
    # "Bộc Bố" in TCVN3 is "Béc Bè", itself good Unicode Vietnamese: only the caller can tell.
    legacy = encode_legacy("Bộc Bố", "tcvn3")
    assert legacy == "Béc Bè"
    assert detect_legacy(legacy) is None
    assert convert_legacy(legacy, "tcvn3") == "Bộc Bố"


@pytest.mark.parametrize(("legacy", "unicode", "encoding"), HANDWRITTEN)
def test_handwritten_legacy_samples(legacy: str, unicode: str, encoding: LegacyEncoding) -> None:
    assert repair_legacy(legacy) == (unicode, encoding)


@pytest.mark.parametrize(
    ("code", "capital"),
    [("§", "Đ"), ("¡", "Ă"), ("¢", "Â"), ("£", "Ê"), ("¤", "Ô"), ("¥", "Ơ"), ("¦", "Ư")],
)
def test_tcvn3_codes_of_its_own_capitals(code: str, capital: str) -> None:
    assert encode_legacy(capital, "tcvn3") == code
    assert convert_legacy(code + "n", "tcvn3") == capital + "n"


def test_tcvn3_u_horn_codes_are_soft_hyphen_and_broken_bar() -> None:
    assert encode_legacy("ư", "tcvn3") == "\u00ad"
    assert encode_legacy("Ư", "tcvn3") == "¦"
    assert convert_legacy("\u00ad¦", "tcvn3") == "ưƯ"


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_letter_has_its_own_code(encoding: LegacyEncoding) -> None:
    letters = [*EVERY_VOWEL, "đ"]
    codes = [encode_legacy(letter, encoding) for letter in letters]
    assert len(set(codes)) == len(letters)
    assert [convert_legacy(code, encoding) for code in codes] == letters


def test_vni_capitals_convert_to_capitals() -> None:
    capitals = [letter.upper() for letter in [*EVERY_VOWEL, "đ"]]
    assert [convert_legacy(encode_legacy(c, "vni"), "vni") for c in capitals] == capitals


@pytest.mark.parametrize(
    ("letters", "legacy", "encoding"),
    [
        ("aàáảãạ", "aµ¸¶·¹", "tcvn3"),
        ("ơờớởỡợ", "¬êíëìî", "tcvn3"),
        ("ưừứửữự", "\u00adõøö÷ù", "tcvn3"),
        ("aàáảãạ", "aaøaùaûaõaï", "vni"),
        ("ăằắẳẵặ", "aêaèaéaúaüaë", "vni"),
        ("iìíỉĩị", "iìíæóò", "vni"),
    ],
)
def test_tone_series_match_the_published_tables(
    letters: str, legacy: str, encoding: LegacyEncoding
) -> None:
    assert encode_legacy(letters, encoding) == legacy
    assert convert_legacy(legacy, encoding) == letters


def test_vni_letters_are_a_base_letter_and_marks() -> None:
    assert encode_legacy("ệ", "vni") == "eä"
    assert encode_legacy("ờ", "vni") == "ôø"
    assert encode_legacy("ặ", "vni") == "aë"
    assert encode_legacy("ữ", "vni") == "öõ"
    assert encode_legacy("ỵ", "vni") == "î"
    assert encode_legacy("Đ", "vni") == "Ñ"


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert detect_legacy(text) is None
    assert repair_legacy(text) == (text, None)


@pytest.mark.parametrize("form", ["NFC", "NFD"])
@pytest.mark.parametrize("phrase", [*PHRASES, "Bộc Bố"])
def test_unicode_vietnamese_is_never_legacy(phrase: str, form: Literal["NFC", "NFD"]) -> None:
    text = unicodedata.normalize(form, phrase)
    assert detect_legacy(text) is None
    assert detect_legacy(text.upper()) is None


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_output_is_nfc_whatever_the_input_form(encoding: LegacyEncoding) -> None:
    phrase = "Hồ sơ công việc được xử lý"
    legacy = encode_legacy(unicodedata.normalize("NFD", phrase), encoding)
    assert legacy == encode_legacy(phrase, encoding)
    repaired, found = repair_legacy(legacy)
    assert found == encoding
    assert unicodedata.is_normalized("NFC", repaired)
    assert repaired == phrase
