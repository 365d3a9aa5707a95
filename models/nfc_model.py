"""A pydantic base for the definitions people write: every text field read as trimmed NFC."""

from __future__ import annotations

import unicodedata
from typing import Any

from pydantic import BaseModel, model_validator


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
