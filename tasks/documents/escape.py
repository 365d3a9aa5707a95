"""Make user-supplied text safe for a document: NFC, no XML-illegal characters."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

# XML 1.0 forbids C0 controls except tab, newline and carriage return, lone surrogates and the
# non-characters U+FFFE/U+FFFF; DEL and C1 controls are legal but invisible garbage in a document.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u3000]+")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def clean_text(value: str) -> str:
    """Return value in NFC without XML-illegal characters, line breaks kept as newlines."""
    text = _LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", value))
    return _ILLEGAL.sub("", text)


def clean_line(value: str | None) -> str:
    """Return value as one line of NFC text: whitespace runs become one space."""
    if value is None:
        return ""
    return _SPACES.sub(" ", clean_text(value).replace("\n", " ")).strip()


def clean_lines(value: str | None) -> list[str]:
    """Return the non-empty lines of value (split on newlines and semicolons), each cleaned."""
    if not value:
        return []
    parts = re.split(r"[\n;]+", clean_text(value))
    return [line for line in (clean_line(part) for part in parts) if line]


def clean_context(value: Any) -> Any:
    """Return value with every string in it (recursively) cleaned with clean_text."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, Mapping):
        return {key: clean_context(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [clean_context(item) for item in value]
    return value
