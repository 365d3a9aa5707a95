"""A person is a person: identity from name, date of birth, gender and unit, whoever nominates."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Protocol

SPACES = re.compile(r"[\s\u00a0]+")


def normalise_name(name: str) -> str:
    """Return a full name NFC-normalised, single-spaced and case-folded, for comparison."""
    text = unicodedata.normalize("NFC", name or "").replace("\u00a0", " ")
    return SPACES.sub(" ", text).strip().casefold()


class NomineeFields(Protocol):
    """What identifies a nominee: a Nominee row or the review's column record of one."""

    @property
    def full_name(self) -> str: ...
    @property
    def unit_code(self) -> str | None: ...
    @property
    def birth_date(self) -> date | None: ...
    @property
    def gender(self) -> str | None: ...
    @property
    def unit_then(self) -> str | None: ...


class NominationFields(Protocol):
    """What of a nomination identifies its nominee: the proposing unit."""

    @property
    def proposing_unit_code(self) -> str: ...


@dataclass(frozen=True)
class PersonIdentity:
    """Who a nominated person is: the fields that identify them across units."""

    name: str
    birth_date: date | None
    gender: str | None
    unit: str | None

    @property
    def key(self) -> str | None:
        """Return the key that finds the same person in two nominations, or None if unknown."""
        if self.birth_date is None:
            return None
        return f"{self.name}|{self.birth_date.isoformat()}|{self.gender or ''}"

    def missing(self) -> list[str]:
        """Return the identifying fields that are missing, in Vietnamese."""
        return [
            label
            for label, value in (("ngày sinh", self.birth_date), ("giới tính", self.gender))
            if value is None
        ]


def identity_of(nominee: NomineeFields, nomination: NominationFields) -> PersonIdentity:
    """Return a nominated person's identity (their unit as the nomination states it)."""
    unit = normalise_name(nominee.unit_then or "") or nomination.proposing_unit_code
    return PersonIdentity(
        name=normalise_name(nominee.full_name),
        birth_date=nominee.birth_date,
        gender=nominee.gender,
        unit=unit,
    )


def collective_key(nominee: NomineeFields, nomination: NominationFields) -> str:
    """Return a collective's identity: its registry code, else its name within the proposer."""
    if nominee.unit_code:
        return f"unit:{nominee.unit_code}"
    return f"group:{nomination.proposing_unit_code}|{normalise_name(nominee.full_name)}"
