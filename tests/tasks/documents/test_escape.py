"""User text: NFC, no XML-illegal characters, lines kept apart."""

from __future__ import annotations

import unicodedata

from tasks.documents.escape import clean_context, clean_line, clean_lines, clean_text
from tests.tasks.documents.samples import HOSTILE, HOSTILE_CLEAN, NFD_NAME


def test_controls_dropped_markup_kept_as_text() -> None:
    assert clean_line(HOSTILE) == HOSTILE_CLEAN
    assert clean_text("a\x00b\x0bc\ufffed\x7f\x85e") == "abcd\ne"


def test_nfd_becomes_nfc() -> None:
    text = clean_line(NFD_NAME)
    assert text == "Nguyễn Thị Hoa"
    assert unicodedata.is_normalized("NFC", text)


def test_lines_and_contexts() -> None:
    assert clean_lines("Một;\r\nHai\n\n ; Ba\u2028Bốn") == ["Một", "Hai", "Ba", "Bốn"]
    assert clean_line(" a \t b\u00a0 c\n d ") == "a b c d"
    assert clean_context({"a": [NFD_NAME, {"b": "x\x07"}], "n": 3}) == {
        "a": ["Nguyễn Thị Hoa", {"b": "x"}],
        "n": 3,
    }
