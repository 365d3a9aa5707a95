"""Legacy TCVN3 and VNI text: detected, converted to NFC, and ordinary text left alone."""

from __future__ import annotations

import unicodedata

import pytest

from tasks.workbook.legacy_text import convert_legacy, detect_legacy, encode_legacy, repair_legacy

PHRASES = [
    "Sở Thông tin và Truyền thông",
    "Ủy ban nhân dân xã Nam Mẫu",
    "Hồ sơ công việc được xử lý trên môi trường mạng",
    "Nguyễn Thị Minh Khai",
    "Trưởng phòng",
    "Pác Nặm",
    "Hoàng Văn Đức",
    "Việt Nam",
    "Quyết định khen thưởng",
    "Bằng khen của Chủ tịch",
    "Ứng dụng phần mềm quản lý văn bản",
    "Kỹ năng số",
    "Thủ trưởng đơn vị",
    "Ỷ Lan",
    "Đặng Thuỳ Dương",
    "Giám đốc Sở Y tế",
    "Khuyến khích quần chúng",
    "Bảo hiểm xã hội",
    "Lữ đoàn",
    "Cử nhân Công nghệ thông tin",
    "Dự án ứng dụng",
    "Mở rộng, nhân rộng",
]
EVERY_VOWEL = "".join(
    unicodedata.normalize("NFC", base + tone)
    for base in "aăâeêioôơuưy"
    for tone in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
)


@pytest.mark.parametrize("phrase", PHRASES)
def test_vni_round_trip(phrase: str) -> None:
    legacy = encode_legacy(phrase, "vni")
    assert legacy != phrase
    assert repair_legacy(legacy) == (phrase, "vni")


@pytest.mark.parametrize("phrase", PHRASES)
def test_tcvn3_round_trip(phrase: str) -> None:
    # .VnTimeH capitals reuse lower-case codes, so an accented capital comes back in lower case.
    legacy = encode_legacy(phrase, "tcvn3")
    repaired, encoding = repair_legacy(legacy)
    assert encoding == "tcvn3"
    assert repaired.lower() == phrase.lower()
    assert unicodedata.is_normalized("NFC", repaired)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_every_vowel_and_tone_converts_back(encoding: str) -> None:
    for letter in EVERY_VOWEL + "đ":
        assert convert_legacy(encode_legacy(letter, encoding), encoding) == letter  # type: ignore[arg-type]
    for letter in "ĂÂÊÔƠƯĐ":
        assert convert_legacy(encode_legacy(letter, encoding), encoding) == letter  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("legacy", "unicode", "encoding"),
    [
        ("Vieät Nam", "Việt Nam", "vni"),
        ("Hoø Chí Minh", "Hò Chí Minh", "vni"),
        ("Ñaøi Phaùt thanh", "Đài Phát thanh", "vni"),
        ("Hoµng V¨n §øc", "Hoàng Văn Đức", "tcvn3"),
        ("Së Y tÕ", "Sở Y tế", "tcvn3"),
        ("Tr\u00adëng phßng", "Trưởng phòng", "tcvn3"),
    ],
)
def test_handwritten_legacy_samples(legacy: str, unicode: str, encoding: str) -> None:
    assert repair_legacy(legacy) == (unicode, encoding)


@pytest.mark.parametrize(
    "text",
    [
        "Sở Y tế",
        unicodedata.normalize("NFD", "Trưởng phòng Công nghệ"),
        "Nguyễn Thị Hoa",
        "Hoàng Văn Đức",
        "HOÀNG VĂN ĐỨC",
        "Toán học",
        "Hoà Bình",
        "khoẻ mạnh",
        "Quảng Ngãi",
        "Digital transformation",
        "café",
        "Müller",
        "São Paulo",
        "naïve",
        "Zürich",
        "Straße",
        "Ñandú",
        "1.234,5",
        "95%",
        "cntt@backan.gov.vn",
        "SO-YT",
        "HSCV_MANG",
        "",
        "   ",
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert detect_legacy(text) is None
    assert repair_legacy(text) == (text, None)
