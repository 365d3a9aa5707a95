"""The units registry read as of a document's date: names, parents, existence, successors."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from models.tables import Unit

DATED = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
SENTENCE = re.compile(r"(?<=[.;])\s+")


@dataclass(frozen=True)
class UnitFact:
    """One row of the registry, as documents need it."""

    code: str
    name: str
    kind: str
    parent_code: str | None
    valid_from: date
    valid_to: date | None
    successor_code: str | None
    block: str | None = None

    def exists_on(self, day: date) -> bool:
        """Return whether the unit exists on day."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class UnitBook:
    """Every unit of the registry, to read names and parents as of a day (never after it)."""

    def __init__(self, units: Iterable[Unit | UnitFact]) -> None:
        self.units = {
            unit.code: UnitFact(
                unit.code,
                unit.name,
                unit.kind,
                unit.parent_code,
                unit.valid_from,
                unit.valid_to,
                unit.successor_code,
                unit.block,
            )
            for unit in units
        }
        self.by_name = {
            fact.name.casefold(): code for code, fact in sorted(self.units.items(), reverse=True)
        }

    def get(self, code: str | None) -> UnitFact | None:
        """Return the unit of a code, or None."""
        return self.units.get(code) if code else None

    def code_of(self, name: str | None) -> str | None:
        """Return the code of a unit named exactly name (case aside), or None."""
        return self.by_name.get(name.strip().casefold()) if name else None

    def on(self, code: str | None, day: date) -> UnitFact | None:
        """Return the unit that stands for code on day: itself, or its successor after a merger.

        Returns None when the unit ended before day with no successor, or did not exist yet.
        """
        fact, seen = self.get(code), set()
        while fact is not None and fact.code not in seen:
            seen.add(fact.code)
            if fact.exists_on(day):
                return fact
            if fact.valid_to is None or fact.valid_to >= day:
                return None  # not created yet on day
            fact = self.get(fact.successor_code)
        return None

    def name_on(self, code: str | None, day: date, *, fallback: str = "") -> str:
        """Return the name on day, 'New name (nguyên Old name)' when it changed since."""
        original = self.get(code)
        current = self.on(code, day)
        if original is None:
            return fallback
        if current is None or current.name == original.name:
            return original.name if current is None else current.name
        return f"{current.name} (nguyên {original.name})"

    def predecessors(self, code: str) -> list[str]:
        """Return the names of the units merged into code, by code."""
        return [f.name for c, f in sorted(self.units.items()) if f.successor_code == code]

    def parent_on(self, code: str | None, day: date) -> UnitFact | None:
        """Return the unit's direct superior in the registry on day, when it exists then."""
        current = self.on(code, day) or self.get(code)
        if current is None or not current.parent_code:
            return None
        parent = self.get(current.parent_code)
        return parent if parent is not None and parent.exists_on(day) else None

    def rename_on(self, text: str | None, day: date) -> str:
        """Return text with the name of every unit that was renamed or merged by day updated."""
        result = text or ""
        for fact in sorted(self.units.values(), key=lambda f: (-len(f.name), f.code)):
            if fact.name not in result or fact.exists_on(day):
                continue
            current = self.on(fact.code, day)
            if current is not None and current.name != fact.name:
                result = result.replace(fact.name, current.name)
        return result

    def as_of(self, text: str | None, day: date) -> str:
        """Return a name as of day: 'New name (nguyên Old name)' when it changed since."""
        renamed = self.rename_on(text, day)
        return f"{renamed} (nguyên {text})" if text and renamed != text else (text or "")

    def humanize(self, text: str, day: date) -> str:
        """Return the first sentence of text, unit codes replaced by names, nothing after day."""
        kept = [part for part in SENTENCE.split(text.strip()) if part and not _after(part, day)]
        first = kept[0].rstrip(" .;") if kept else ""
        if not self.units or not first:
            return first
        codes = re.compile(
            r"(?<![\w/-])("
            + "|".join(map(re.escape, sorted(self.units, key=len, reverse=True)))
            + r")(?![\w-])"
        )
        return codes.sub(lambda m: self._name_or_code(m.group(0), day), first)

    def _name_or_code(self, code: str, day: date) -> str:
        fact = self.on(code, day) or self.get(code)
        return fact.name if fact is not None else code


def _after(sentence: str, day: date) -> bool:
    for d, m, y in DATED.findall(sentence):
        try:
            if date(int(y), int(m), int(d)) > day:
                return True
        except ValueError:
            continue
    return False
