"""Pydantic bases for the definitions people write: every text read as trimmed NFC."""

from __future__ import annotations

import unicodedata
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator


class NfcModel(BaseModel):
    """A model whose string fields are normalised to NFC and trimmed before validation."""

    @model_validator(mode="before")
    @classmethod
    def _nfc(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {
                key: unicodedata.normalize("NFC", value).strip()
                if isinstance(value, str)
                else value
                for key, value in data.items()
            }
        return data


def nfc_deep(value: Any) -> Any:
    """Return value with every string in it (keys too, at any depth) trimmed and NFC."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    if isinstance(value, list):
        return [nfc_deep(item) for item in value]
    if isinstance(value, dict):
        return {nfc_deep(key): nfc_deep(item) for key, item in value.items()}
    return value


class Strict(BaseModel):
    """Base of a campaign file's parts: unknown fields are errors, text is NFC at any depth."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _normalise_text(cls, data: Any) -> Any:
        return nfc_deep(data)
