"""Who runs a campaign and the words of its registry: the unit kinds and levels it declares.

Nothing here is a fixed list: a province declares its departments and districts, a ministry its
hospitals and central units. A code is what files carry; a label is what people read.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from models.nfc_model import Strict

TermCode = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=32)]


class Organisation(Strict):
    """The body that runs the campaign (a provincial People's Committee, a ministry…)."""

    code: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=64)
    name: str = Field(min_length=1, max_length=255)


class UnitVocabulary(Strict):
    """The unit kinds and levels a registry uses: code → Vietnamese label."""

    kinds: dict[TermCode, str] = Field(min_length=1)
    levels: dict[TermCode, str] = Field(min_length=1)
    subordinate_kinds: list[TermCode] = Field(
        default_factory=list,
        description="Kinds whose units sit under the issuing authority (their documents carry "
        "its header above their own).",
    )

    @model_validator(mode="after")
    def _labelled(self) -> UnitVocabulary:
        for name, terms in (("kinds", self.kinds), ("levels", self.levels)):
            empty = [code for code, label in terms.items() if not label]
            if empty:
                raise ValueError(f"{name}: chưa có tên tiếng Việt cho {', '.join(empty)}")
        unknown = [k for k in self.subordinate_kinds if k not in self.kinds]
        if unknown:
            raise ValueError(f"subordinate_kinds: loại chưa khai báo {', '.join(unknown)}")
        return self

    def kind_label(self, code: str) -> str:
        """Return the label of a kind (the code itself when undeclared)."""
        return self.kinds.get(code, code)

    def level_label(self, code: str) -> str:
        """Return the label of a level (the code itself when undeclared)."""
        return self.levels.get(code, code)

    def undeclared(
        self, field: str, codes: list[str], *, kind: bool, keys: bool = False
    ) -> list[str]:
        """Return a Vietnamese problem for each code the vocabulary does not declare, naming
        the field (list items by position, mapping keys by name)."""
        declared = self.kinds if kind else self.levels
        what, where = ("loại đơn vị", "kinds") if kind else ("cấp", "levels")
        return [
            f"{field}{f'.{code}' if keys else f'[{index}]'}: {what} '{code}' "
            f"chưa khai báo trong unit_vocabulary.{where} (đã khai báo: {', '.join(declared)})"
            for index, code in enumerate(codes)
            if code not in declared
        ]
